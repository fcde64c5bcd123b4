//! Article readers: turn input files into [`Article`]s, streaming, with precise errors.
//!
//! Formats: plain text, JSON Lines, HTML (main-content extraction), RSS/Atom feeds and WARC, each also
//! gzip-compressed. [`read_paths`] walks files and directories lazily and yields one
//! `Result<Article, InputError>` at a time: a bad line, record or file is an [`InputError`] and the
//! run goes on with the rest. Memory stays bounded: line- and record-oriented formats (JSON Lines,
//! WARC) are read one line/record at a time, and whole-document formats (text, HTML, feeds) are
//! read up to a size limit.

mod date;
mod detect;
mod feed;
mod html;
mod jsonl;
mod text;
mod warc;

use std::collections::{BTreeSet, VecDeque};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use date::normalize_date;
pub use detect::{format_from_extension, sniff_format};
pub use detente_records::Article;
pub use html::html_to_text;
pub use jsonl::article_from_object;

/// Largest single document (a text or HTML file, a feed, a WARC record, a JSON line) read into memory.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// One problem with one input; the run goes on with the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The input as named on the command line or found in a directory (`-` for stdin).
    pub file: String,
    /// 1-based line number, for line-oriented inputs (JSON Lines, text).
    pub line: Option<usize>,
    /// 1-based record number, for record-oriented inputs (WARC records, feed entries).
    pub record: Option<usize>,
    pub message: String,
}

impl InputError {
    /// An error about a whole input.
    pub fn file(file: &str, message: impl Into<String>) -> InputError {
        InputError {
            file: file.to_string(),
            line: None,
            record: None,
            message: message.into(),
        }
    }
    /// An error about one line of an input.
    pub fn line(file: &str, line: usize, message: impl Into<String>) -> InputError {
        InputError {
            file: file.to_string(),
            line: Some(line),
            record: None,
            message: message.into(),
        }
    }
    /// An error about one record of an input.
    pub fn record(file: &str, record: usize, message: impl Into<String>) -> InputError {
        InputError {
            file: file.to_string(),
            line: None,
            record: Some(record),
            message: message.into(),
        }
    }
    /// An I/O error while reading `file`, with the gzip case spelled out.
    pub(crate) fn io(file: &str, err: &io::Error) -> InputError {
        InputError::file(file, describe_io_error(err))
    }
}

/// A readable message for an I/O error; a truncated gzip stream shows as an unexpected end of file.
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
            (Some(line), _) => write!(f, "{}:{}: {}", self.file, line, self.message),
            (None, Some(record)) => write!(f, "{}: record {}: {}", self.file, record, self.message),
            (None, None) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// What one item of a reader is: an article, or the problem that replaced it.
pub type ArticleResult = Result<Article, InputError>;

/// A boxed stream of articles, as the per-format readers return it.
pub type ArticleIter = Box<dyn Iterator<Item = ArticleResult> + Send>;

/// Input formats, detected by extension and by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: optional title line followed by a blank line, then the text.
    Text,
    /// One JSON object per line with `text` and optional `id`, `title`, `date`, `source`, `url`.
    JsonLines,
    /// An HTML page; the main content is extracted.
    Html,
    /// RSS 2.0 or Atom: one article per item/entry.
    Feed,
    /// WARC: one article per HTTP response record with an HTML body.
    Warc,
}

/// Bytes read so far from disk or stdin (compressed size for gzip inputs), shared with the reader so a
/// progress display can read it from another thread.
#[derive(Debug, Default)]
pub struct ByteCounter(AtomicU64);

impl ByteCounter {
    /// Total bytes read so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
    fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }
}

/// Counts the bytes that pass through a reader into a shared [`ByteCounter`].
struct CountingReader<R> {
    inner: R,
    counter: Arc<ByteCounter>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.add(n as u64);
        Ok(n)
    }
}

/// What one finished input gave: for throughput and summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputStats {
    /// The input as named on the command line or found in a directory.
    pub file: String,
    /// Bytes read from disk or stdin (compressed size for gzip inputs).
    pub bytes: u64,
    /// Articles it gave.
    pub articles: usize,
    /// InputErrors it gave.
    pub errors: usize,
}

type InputDoneCallback = Box<dyn FnMut(&InputStats) + Send>;

/// The lazy stream of articles from [`read_paths`]. Also tells how many bytes were read.
pub struct Articles {
    /// Paths still to open, in order; directories are expanded in place when reached.
    pending: VecDeque<PathBuf>,
    /// Errors found while expanding a directory, reported before its files.
    pending_errors: VecDeque<InputError>,
    current: Option<ArticleIter>,
    current_stats: Option<InputStats>,
    bytes_at_input_start: u64,
    counter: Arc<ByteCounter>,
    on_input_done: Option<InputDoneCallback>,
}

impl Articles {
    /// Total bytes read from all inputs so far.
    pub fn bytes_read(&self) -> u64 {
        self.counter.get()
    }

    /// The shared byte counter, to read from another thread while this iterator is consumed.
    pub fn byte_counter(&self) -> Arc<ByteCounter> {
        Arc::clone(&self.counter)
    }

    /// Calls `callback` with the statistics of each input once it is fully read.
    pub fn on_input_done(mut self, callback: impl FnMut(&InputStats) + Send + 'static) -> Articles {
        self.on_input_done = Some(Box::new(callback));
        self
    }

    fn finish_current(&mut self) {
        self.current = None;
        if let Some(mut stats) = self.current_stats.take() {
            stats.bytes = self.counter.get() - self.bytes_at_input_start;
            if let Some(callback) = self.on_input_done.as_mut() {
                callback(&stats);
            }
        }
    }

    /// Opens the next path: a file becomes the current reader; a directory's files are queued.
    fn open_next(&mut self, path: PathBuf) -> Option<ArticleResult> {
        let name = display_name(&path);
        if name == "-" {
            return self.start_input(name, None, Box::new(io::stdin()));
        }
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) => return Some(Err(InputError::file(&name, format!("cannot open: {err}")))),
        };
        if meta.is_dir() {
            let mut files = Vec::new();
            let mut errors = Vec::new();
            walk_dir(&path, &mut files, &mut errors);
            for file in files.into_iter().rev() {
                self.pending.push_front(file);
            }
            self.pending_errors.extend(errors);
            return None;
        }
        let format = detect::format_from_path(&path);
        match File::open(&path) {
            Ok(file) => self.start_input(name, format, Box::new(file)),
            Err(err) => Some(Err(InputError::file(&name, format!("cannot open: {err}")))),
        }
    }

    fn start_input(
        &mut self,
        name: String,
        format: Option<Format>,
        raw: Box<dyn Read + Send>,
    ) -> Option<ArticleResult> {
        self.bytes_at_input_start = self.counter.get();
        self.current_stats = Some(InputStats {
            file: name.clone(),
            bytes: 0,
            articles: 0,
            errors: 0,
        });
        let counted = CountingReader {
            inner: raw,
            counter: Arc::clone(&self.counter),
        };
        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(64 << 10, counted));
        self.current = Some(read_reader(&name, format, reader));
        None
    }
}

impl Iterator for Articles {
    type Item = ArticleResult;

    fn next(&mut self) -> Option<ArticleResult> {
        loop {
            if let Some(current) = self.current.as_mut() {
                match current.next() {
                    Some(item) => {
                        if let Some(stats) = self.current_stats.as_mut() {
                            match item {
                                Ok(_) => stats.articles += 1,
                                Err(_) => stats.errors += 1,
                            }
                        }
                        return Some(item);
                    }
                    None => self.finish_current(),
                }
            }
            if let Some(err) = self.pending_errors.pop_front() {
                return Some(Err(err));
            }
            let path = self.pending.pop_front()?;
            if let Some(item) = self.open_next(path) {
                return Some(item);
            }
        }
    }
}

/// All articles from these paths, in order: directories recursively (sorted by path, hidden files and
/// unknown extensions skipped), `-` = stdin (format sniffed from content), `.gz` decompressed on the
/// fly. Lazy: files are opened one at a time and memory stays bounded on inputs of any size.
pub fn read_paths(paths: &[PathBuf]) -> Articles {
    Articles {
        pending: paths.iter().cloned().collect(),
        pending_errors: VecDeque::new(),
        current: None,
        current_stats: None,
        bytes_at_input_start: 0,
        counter: Arc::new(ByteCounter::default()),
        on_input_done: None,
    }
}

/// Articles from one reader with a display name (used for stdin and tests). `format` None = detect
/// from the name's extension, else from the content. Gzip is detected by its magic bytes either way.
pub fn read_reader(name: &str, format: Option<Format>, reader: Box<dyn BufRead + Send>) -> ArticleIter {
    let format = format.or_else(|| detect::format_from_path(Path::new(name)));
    let (reader, sniffed) = match detect::prepare(reader) {
        Ok(prepared) => prepared,
        Err(err) => return one_error(InputError::io(name, &err)),
    };
    let Some(sniffed) = sniffed else {
        return one_error(InputError::file(name, "empty file"));
    };
    let format = format.unwrap_or(sniffed);
    let name = name.to_string();
    match format {
        Format::JsonLines => Box::new(jsonl::JsonLinesReader::new(name, reader)),
        Format::Warc => Box::new(warc::WarcReader::new(name, reader)),
        Format::Text => once_lazy(move || text::read_text(&name, reader)),
        Format::Html => once_lazy(move || html::read_html(&name, reader)),
        Format::Feed => once_lazy(move || feed::read_feed(&name, reader)),
    }
}

/// Articles from an in-memory buffer: a convenience over [`read_reader`].
pub fn read_bytes(name: &str, format: Option<Format>, bytes: Vec<u8>) -> ArticleIter {
    read_reader(name, format, Box::new(io::Cursor::new(bytes)))
}

fn one_error(err: InputError) -> ArticleIter {
    Box::new(std::iter::once(Err(err)))
}

/// Defers a whole-document parse until the first `next()`, so opening many inputs costs nothing.
fn once_lazy<F>(parse: F) -> ArticleIter
where
    F: FnOnce() -> Vec<ArticleResult> + Send + 'static,
{
    let mut parse = Some(parse);
    let mut items: Option<std::vec::IntoIter<ArticleResult>> = None;
    Box::new(std::iter::from_fn(move || {
        if items.is_none() {
            items = Some(parse.take()?().into_iter());
        }
        items.as_mut()?.next()
    }))
}

/// Reads a whole document up to [`MAX_DOCUMENT_BYTES`]; too large or an I/O error → InputError.
pub(crate) fn read_document(name: &str, mut reader: Box<dyn BufRead + Send>) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    let limit = MAX_DOCUMENT_BYTES as u64;
    (&mut reader)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| InputError::io(name, &err))?;
    if bytes.len() as u64 > limit {
        return Err(InputError::file(
            name,
            format!("document larger than {} MB; skipped", MAX_DOCUMENT_BYTES >> 20),
        ));
    }
    Ok(bytes)
}

fn display_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Collects the readable files under `dir`, depth first with entries sorted by name, which is the
/// same as sorting by path. Hidden entries and files of unknown format are skipped; a directory
/// reached twice through symbolic links is read once.
fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let mut visited = BTreeSet::new();
    walk_dir_inner(dir, files, errors, &mut visited);
}

fn walk_dir_inner(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>, visited: &mut BTreeSet<PathBuf>) {
    if let Ok(canonical) = dir.canonicalize()
        && !visited.insert(canonical)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(InputError::file(
                &display_name(dir),
                format!("cannot read directory: {err}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk_dir_inner(&path, files, errors, visited);
        } else if detect::format_from_path(&path).is_some() {
            files.push(path);
        }
    }
}

/// A stable article id from its text: the 64-bit xxh3 hash as 16 hex digits.
pub fn text_id(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}
