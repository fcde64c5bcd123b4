//! Documentation generated from the command-line definition, so it cannot drift from it: shell
//! completions, the man page, and the command reference in the README (checked by a test).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::output::stdout;

/// `detente completions SHELL`.
#[derive(Args, Debug, Clone)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `detente man`.
#[derive(Args, Debug, Clone)]
pub struct ManArgs {
    /// The man page of this subcommand (e.g. `events`) instead of the main one.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut out = stdout();
    clap_complete::generate(args.shell, &mut crate::Cli::command(), "detente", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: &ManArgs) -> Result<ExitCode> {
    let mut cli = crate::Cli::command();
    cli.build();
    let command = match &args.command {
        None => cli,
        Some(name) => {
            let sub = cli
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned()
                .ok_or_else(|| crate::fail::usage(format!("no command {name:?}: see `detente --help`")))?;
            sub.display_name(format!("detente-{name}"))
        }
    };
    let mut out = stdout();
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
/// The README's command reference: every command with its options, as `--help` has them.
pub fn readme_reference() -> String {
    let mut cli = crate::Cli::command();
    cli.build();
    let mut out = String::from(
        "<!-- command reference: generated from the CLI definition; a test keeps it in step (see \
         crates/cli/src/docs.rs) -->\n",
    );
    for sub in cli.get_subcommands().filter(|c| c.get_name() != "help") {
        let visible = |a: &&clap::Arg| !a.is_hide_set() && a.get_id() != "help" && a.get_id() != "version";
        let positionals: Vec<String> = sub
            .get_positionals()
            .filter(visible)
            .map(|a| {
                let name = a
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
                let many = matches!(a.get_action(), clap::ArgAction::Append);
                match (a.is_required_set(), many) {
                    (true, false) => name,
                    (true, true) => format!("{name}..."),
                    (false, false) => format!("[{name}]"),
                    (false, true) => format!("[{name}]..."),
                }
            })
            .collect();
        let options: Vec<String> = sub
            .get_arguments()
            .filter(visible)
            .filter_map(|a| a.get_long().map(|long| format!("`--{long}`")))
            .collect();
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let mut usage = format!("detente {}", sub.get_name());
        for p in &positionals {
            usage.push(' ');
            usage.push_str(p);
        }
        out.push_str(&format!("- `{usage}`: {about}."));
        if !options.is_empty() {
            out.push_str(&format!(" Options: {}.", options.join(", ")));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    const START: &str = "<!-- command reference: generated";
    const END: &str = "<!-- end of command reference -->";

    /// The README's reference is the one the CLI generates. To update it after changing options, run
    /// `DETENTE_UPDATE_README=1 cargo test -p detente readme_reference`.
    #[test]
    fn readme_reference_matches_the_cli() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let start = readme.find(START).expect("README has the command reference block");
        let end = readme[start..]
            .find(END)
            .expect("README's reference block has its end marker")
            + start;
        let want = readme_reference();
        if readme[start..end] != want {
            if std::env::var_os("DETENTE_UPDATE_README").is_some() {
                let updated = format!("{}{want}{}", &readme[..start], &readme[end..]);
                std::fs::write(&path, updated).unwrap();
                return;
            }
            panic!(
                "README.md's command reference differs from the CLI's. Run `DETENTE_UPDATE_README=1 cargo test -p \
                 detente readme_reference` to regenerate it. Expected:\n{want}"
            );
        }
    }

    /// A README example line without its comment (`# ...` after a blank, outside quotes).
    fn without_comment(line: &str) -> &str {
        let mut quote = None;
        let mut prev = ' ';
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '#') if prev.is_whitespace() => return &line[..i],
                _ => {}
            }
            prev = c;
        }
        line
    }

    /// The `detente` command lines of a shell example line: split at pipes and `&&`, redirections dropped,
    /// optional parts (`[--plot trend.svg]`) taken as given.
    fn detente_command_lines(line: &str) -> Vec<Vec<String>> {
        let tokens =
            shlex::split(without_comment(line)).unwrap_or_else(|| panic!("README line does not split: {line}"));
        let mut commands = Vec::new();
        for segment in tokens.split(|t| ["|", "&&", ";"].contains(&t.as_str())) {
            if segment.first().map(String::as_str) != Some("detente") {
                continue;
            }
            let command: Vec<String> = segment
                .iter()
                .take_while(|t| !t.starts_with('>') && !t.starts_with("2>"))
                .map(|t| t.trim_start_matches('[').trim_end_matches([']', ';']).to_string())
                .collect();
            commands.push(command);
        }
        commands
    }

    /// Every `detente` command line in the README's shell examples is one the CLI accepts: an example that
    /// stops working (a renamed option, a `-word` clap takes for a flag) fails here.
    #[test]
    fn readme_examples_parse() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let mut in_shell = false;
        let mut checked = 0;
        let mut pending = String::new();
        for line in readme.lines() {
            let fence = line.trim_start();
            if fence.starts_with("```") {
                in_shell = fence == "```sh";
                continue;
            }
            if !in_shell {
                continue;
            }
            // A line ending in `\` goes on on the next.
            if let Some(start) = line.strip_suffix('\\') {
                pending.push_str(start);
                continue;
            }
            let line = std::mem::take(&mut pending) + line;
            for command in detente_command_lines(&line) {
                match crate::Cli::try_parse_from(&command) {
                    Ok(_) => {}
                    Err(e) if matches!(e.kind(), clap::error::ErrorKind::DisplayHelp) => {}
                    Err(e) => panic!("README example `{}` does not parse:\n{e}", command.join(" ")),
                }
                checked += 1;
            }
        }
        assert!(checked >= 25, "only {checked} README examples found");
        // The splitter itself: comments, pipes, redirections and optional parts.
        assert_eq!(
            detente_command_lines("cat a.html | detente code -f jsonl > out.jsonl  # \"quoted\" # comment"),
            vec![vec!["detente", "code", "-f", "jsonl"]]
        );
        assert_eq!(
            detente_command_lines("detente search -- \"open-door policy\" -Russia # words"),
            vec![vec!["detente", "search", "--", "open-door policy", "-Russia"]]
        );
        assert_eq!(
            detente_command_lines("detente trend A B [--plot t.svg]"),
            vec![vec!["detente", "trend", "A", "B", "--plot", "t.svg"]]
        );
        // A -word before the query words is an option clap does not know: the example would fail.
        assert!(crate::Cli::try_parse_from(["detente", "search", "sanctions", "-Russia"]).is_err());
    }

    /// Every option of every command says what it does.
    #[test]
    fn every_option_has_help() {
        let mut cli = crate::Cli::command();
        cli.build();
        let mut blank = Vec::new();
        for sub in cli.get_subcommands() {
            for arg in sub.get_arguments() {
                if arg.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    blank.push(format!("{} {}", sub.get_name(), arg.get_id()));
                }
            }
        }
        assert!(blank.is_empty(), "options without help: {blank:?}");
        cli.debug_assert();
    }

    #[test]
    fn completions_and_man_pages_come_from_the_definition() {
        let mut bash = Vec::new();
        clap_complete::generate(Shell::Bash, &mut crate::Cli::command(), "detente", &mut bash);
        let bash = String::from_utf8(bash).unwrap();
        assert!(
            bash.contains("--partition-by") && bash.contains("events"),
            "bash completion"
        );
        let mut man = Vec::new();
        clap_mangen::Man::new(crate::Cli::command()).render(&mut man).unwrap();
        let man = String::from_utf8(man).unwrap();
        assert!(
            man.starts_with(".ie") || man.contains(".TH"),
            "{}",
            &man[..man.len().min(200)]
        );
        assert!(
            man.contains("detente\\-export") || man.contains("export"),
            "man page lists the commands"
        );
    }
}
