//! Problems with inputs, as values: an error replaces an article, a warning accompanies one, and a summary
//! stands for problems not shown one by one. The run goes on after each.

use std::fmt;
use std::io;

/// One problem with one input; the run goes on with the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The input as named on the command line or found in a directory (`-` for stdin).
    pub file: String,
    /// 1-based line number, for line-oriented inputs (JSON Lines, CSV, text) and feed items.
    pub line: Option<usize>,
    /// 1-based record number, for record-oriented inputs (WARC records, feed items).
    pub record: Option<usize>,
    pub message: String,
    /// What the problem did to the input's articles.
    pub kind: ProblemKind,
}

/// What a problem did: lost an article, lost part of one, or sums up problems not shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProblemKind {
    /// Something that should have been an article is not (a bad line, record, file).
    #[default]
    Error,
    /// The article that follows lost something (an unreadable date): it is still coded.
    Warning,
    /// Errors and warnings of one input beyond the number shown: counted here, not shown.
    Summary { errors: usize, warnings: usize },
}

impl InputError {
    /// An error about a whole input.
    pub fn file(file: &str, message: impl Into<String>) -> InputError {
        InputError {
            file: file.to_string(),
            line: None,
            record: None,
            message: message.into(),
            kind: ProblemKind::Error,
        }
    }
    /// An error about one line of an input.
    pub fn line(file: &str, line: usize, message: impl Into<String>) -> InputError {
        InputError {
            line: Some(line),
            ..InputError::file(file, message)
        }
    }
    /// An error about one record of an input.
    pub fn record(file: &str, record: usize, message: impl Into<String>) -> InputError {
        InputError {
            record: Some(record),
            ..InputError::file(file, message)
        }
    }
    /// An I/O error while reading `file`, with the compressed-stream cases spelled out.
    pub(crate) fn io(file: &str, err: &io::Error) -> InputError {
        InputError::file(file, describe_io_error(err))
    }
    /// The same problem as a warning: the article it concerns is still read.
    pub fn into_warning(self) -> InputError {
        InputError {
            kind: ProblemKind::Warning,
            ..self
        }
    }
    /// True for a warning: no article was lost.
    pub fn is_warning(&self) -> bool {
        self.kind == ProblemKind::Warning
    }
    /// How many errors this item stands for (0 for a warning, more for a summary).
    pub fn error_count(&self) -> usize {
        match self.kind {
            ProblemKind::Error => 1,
            ProblemKind::Warning => 0,
            ProblemKind::Summary { errors, .. } => errors,
        }
    }
    /// How many warnings this item stands for.
    pub fn warning_count(&self) -> usize {
        match self.kind {
            ProblemKind::Error => 0,
            ProblemKind::Warning => 1,
            ProblemKind::Summary { warnings, .. } => warnings,
        }
    }
}

/// A readable message for an I/O error; a truncated compressed stream shows as an unexpected end of file.
pub(crate) fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::UnexpectedEof => format!("truncated input (unexpected end of file: {err})"),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => format!("corrupt input: {err}"),
        _ => format!("read error: {err}"),
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.record) {
            (Some(line), _) => write!(f, "{}:{}: ", self.file, line)?,
            (None, Some(record)) => write!(f, "{}: record {}: ", self.file, record)?,
            (None, None) => write!(f, "{}: ", self.file)?,
        }
        if self.is_warning() {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}
