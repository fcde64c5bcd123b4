//! Standard output and what is printed for people: a stdout that notices a closed pipe (`detente events |
//! head` ends quietly), colour choice (`--color`, `NO_COLOR`), and escaping of control characters so that
//! text from articles cannot drive the terminal (clear the screen, set the title, write the clipboard).

use std::borrow::Cow;
use std::io::{BufWriter, IsTerminal, StdoutLock, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Standard output, buffered; records a broken pipe so the run can end quietly with status 0.
pub struct Stdout(BufWriter<StdoutLock<'static>>);

pub fn stdout() -> Stdout {
    Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout().lock()))
}

/// True once a write to standard output found the reader gone (`| head`).
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

fn note<T>(result: std::io::Result<T>) -> std::io::Result<T> {
    if let Err(e) = &result
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
    result
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        note(self.0.write(buf))
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        note(self.0.write_all(buf))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        note(self.0.flush())
    }
}

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// `--color`: when to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether output to standard output is coloured.
    pub fn for_stdout(self) -> bool {
        self.enabled(stdout_is_terminal())
    }

    fn enabled(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                terminal && !no_color && !dumb
            }
        }
    }
}

/// Characters a terminal would act on rather than show: C0 and C1 controls, DEL, and the bidirectional
/// overrides and isolates that reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
    }
}

/// Text made safe to print on one line: every control character shown as an escape (`\x1b`, `\n`).
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`clean`], but line breaks stay line breaks (multi-line messages and explanations).
pub fn clean_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && is_unsafe(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Marks put around highlighted words (a trigger, a search match) before text is cleaned: private-use
/// characters, which [`clean`] keeps, turned into colour or brackets by [`show_marks`].
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// Highlight marks as colour (bold yellow) or as `[brackets]`.
pub fn show_marks(text: &str, color: bool) -> String {
    let (start, end) = if color { ("\x1b[1;33m", "\x1b[0m") } else { ("[", "]") };
    text.replace(MARK_START, start).replace(MARK_END, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(clean("plain text, “quoted”"), "plain text, “quoted”");
        assert_eq!(clean("a\x1b]0;title\x07b"), "a\\x1b]0;title\\x07b");
        assert_eq!(
            clean("clipboard\x1b]52;c;AAAA\x1b\\"),
            "clipboard\\x1b]52;c;AAAA\\x1b\\"
        );
        assert_eq!(clean("tab\tnew\nline\u{9b}"), "tab\\tnew\\nline\\x9b");
        assert_eq!(clean("evil\u{202E}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(clean_lines("one\ntwo\x1b[2J"), "one\ntwo\\x1b[2J");
    }

    #[test]
    fn colour_follows_the_choice() {
        assert!(ColorChoice::Always.enabled(false));
        assert!(!ColorChoice::Never.enabled(true));
        assert!(!ColorChoice::Auto.enabled(false));
    }
}
