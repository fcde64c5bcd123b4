//! How a run ends: exit codes (0 done, 1 failed, 2 usage or validation error, 130 interrupted) and error
//! messages like ripgrep's: one line, every cause once, control characters escaped, no backtrace.

use std::fmt;
use std::process::ExitCode;

/// A usage or validation error (bad option value, a file that is not what the command needs): exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A usage error with this message.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// The run was interrupted (Ctrl-C); what it committed was reported: exit 130.
#[derive(Debug)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

pub const EXIT_USAGE: u8 = 2;
pub const EXIT_INTERRUPTED: u8 = 130;

/// The exit status of an error.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    for cause in err.chain() {
        if cause.is::<UsageError>() || cause.is::<detente_coder::DictionaryError>() {
            return ExitCode::from(EXIT_USAGE);
        }
        if cause.is::<Interrupted>() {
            return ExitCode::from(EXIT_INTERRUPTED);
        }
        match cause.downcast_ref::<detente_store::Error>() {
            Some(detente_store::Error::Invalid(_)) => return ExitCode::from(EXIT_USAGE),
            Some(detente_store::Error::Interrupted) => return ExitCode::from(EXIT_INTERRUPTED),
            _ => {}
        }
    }
    ExitCode::FAILURE
}

/// The error as one line (or the lines a usage message is made of): each cause once (a cause whose text the
/// message already holds adds nothing), and control characters other than line breaks escaped.
pub fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        let text = text.trim();
        if text.is_empty() || out.contains(text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(text);
    }
    crate::output::clean_lines(&out).into_owned()
}

/// Panics are bugs: one line saying so and where, without the backtrace meant for developers (set
/// RUST_BACKTRACE=1 to get it).
pub fn install_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "detente: internal error (a bug in detente, please report it with the input that caused it): {}{place}",
            crate::output::clean(&what)
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn each_cause_once() {
        let inner = std::io::Error::new(std::io::ErrorKind::NotFound, "file is not a database");
        let err = Err::<(), _>(inner)
            .context("database news.db: file is not a database")
            .context("opening the store")
            .unwrap_err();
        assert_eq!(
            message(&err),
            "opening the store: database news.db: file is not a database"
        );
        let err = anyhow::anyhow!("bad name \x1b[2J here");
        assert_eq!(message(&err), "bad name \\x1b[2J here");
        // A usage message keeps its lines (no literal "\n" on the screen); other control characters do not pass.
        let err = usage("no input\n\nUsage: detente code [PATH]...\r\x07");
        assert_eq!(message(&err), "no input\n\nUsage: detente code [PATH]...\\r\\x07");
    }

    #[test]
    fn usage_and_validation_errors_exit_2() {
        let code = |e: anyhow::Error| format!("{:?}", exit_code(&e));
        assert_eq!(
            code(usage("--since: expected a date")),
            format!("{:?}", ExitCode::from(2))
        );
        let invalid = anyhow::Error::from(detente_store::Error::Invalid("search: NOT needs a word".into()));
        assert_eq!(code(invalid.context("searching")), format!("{:?}", ExitCode::from(2)));
        assert_eq!(
            code(anyhow::anyhow!("disk on fire")),
            format!("{:?}", ExitCode::FAILURE)
        );
        assert_eq!(code(Interrupted.into()), format!("{:?}", ExitCode::from(130)));
    }
}
