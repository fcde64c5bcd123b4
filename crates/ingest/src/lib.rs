//! Article readers: turn input files into [`Article`]s, streaming, with precise errors.
//!
//! Formats: plain text, JSON Lines, CSV with a header, HTML (main-content extraction), RSS/Atom feeds
//! and WARC, each also gzip-, xz-, bzip2- or zstd-compressed, in UTF-8 or UTF-16 with a byte-order mark.
//! [`read_paths`] walks files and directories lazily and yields one `Result<Article, InputError>` at a
//! time: a bad line, record or file is an [`InputError`] and the run goes on with the rest; a warning
//! (an unreadable date) is an `InputError` whose [`InputError::is_warning`] is true, followed by its
//! article. Memory stays bounded: line- and record-oriented formats (JSON Lines, CSV, WARC) are read one
//! line/record at a time, and whole-document formats (text, HTML, feeds) are read up to a size limit.
//! Documents over the [`Budget`] are skipped with an error naming the limit; an input's problems beyond
//! the first few are counted in one summary line.

mod csv_reader;
mod date;
mod detect;
mod error;
mod feed;
mod feed_items;
mod flood;
mod html;
mod jsonl;
mod options;
mod text;
mod warc;

use std::collections::{BTreeSet, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use date::{DateOrder, DateProblem, normalize_date, parse_date};
pub use detect::{format_from_extension, sniff_format};
pub use detente_records::Article;
pub use error::{InputError, ProblemKind};
pub use html::html_to_text;
pub use jsonl::article_from_object;
pub use options::{Budget, ReadOptions, longest_run_without_sentence_end};

use error::describe_io_error;
use flood::{Flood, Verdict};

/// Largest single document (a text or HTML file, a feed, a WARC record, a JSON line) read into memory,
/// unless the [`Budget`] allows more.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// What one item of a reader is: an article, or a problem (an error that replaced an article, a warning
/// about the article that follows, or a summary of problems not shown).
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
    /// CSV (or TSV) with a header row: a `text` column (or the one `--text-column` names) and optional
    /// `id`, `title`, `date`, `source`, `url` columns.
    Csv,
    /// An HTML page; the main content is extracted.
    Html,
    /// RSS 2.0 or Atom: one article per item/entry.
    Feed,
    /// WARC: one article per HTTP response record with an HTML body.
    Warc,
}

impl Format {
    /// The format's name as a user knows it.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Text => "a text file",
            Format::JsonLines => "JSON Lines",
            Format::Csv => "CSV",
            Format::Html => "HTML",
            Format::Feed => "an RSS/Atom feed",
            Format::Warc => "WARC",
        }
    }
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
    /// Bytes read from disk or stdin (compressed size for compressed inputs).
    pub bytes: u64,
    /// Articles it gave.
    pub articles: usize,
    /// Errors it gave, shown or not.
    pub errors: usize,
    /// Warnings it gave, shown or not.
    pub warnings: usize,
}

type InputDoneCallback = Box<dyn FnMut(&InputStats) + Send>;

/// The lazy stream of articles from [`read_paths`]. Also tells how many bytes were read.
pub struct Articles {
    options: ReadOptions,
    /// Paths still to open, in order; directories are expanded in place when reached.
    pending: VecDeque<PathBuf>,
    /// Problems to report before reading on: a directory's errors, an input's summary line.
    pending_errors: VecDeque<InputError>,
    current: Option<ArticleIter>,
    current_stats: Option<InputStats>,
    flood: Flood,
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
        let flood = std::mem::take(&mut self.flood);
        if let Some(mut stats) = self.current_stats.take() {
            if let Some(summary) = flood.summary(&stats.file) {
                self.pending_errors.push_front(summary);
            }
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
            warnings: 0,
        });
        self.flood = Flood::default();
        let counted = CountingReader {
            inner: raw,
            counter: Arc::clone(&self.counter),
        };
        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(64 << 10, counted));
        self.current = Some(read_reader_with(&name, format, reader, &self.options));
        None
    }

    /// The next item of the current input that is to be shown, or None when the input is done.
    fn next_from_current(&mut self) -> Option<ArticleResult> {
        loop {
            let item = self.current.as_mut()?.next();
            let Some(item) = item else {
                self.finish_current();
                return None;
            };
            if let Some(stats) = self.current_stats.as_mut() {
                match &item {
                    Ok(_) => stats.articles += 1,
                    Err(problem) => {
                        stats.errors += problem.error_count();
                        stats.warnings += problem.warning_count();
                    }
                }
            }
            match self.flood.judge(item, &self.options) {
                Verdict::Show(item) => return Some(item),
                Verdict::Hide => {}
                Verdict::Abandon(problem) => {
                    self.finish_current();
                    return Some(Err(problem));
                }
            }
        }
    }
}

impl Iterator for Articles {
    type Item = ArticleResult;

    fn next(&mut self) -> Option<ArticleResult> {
        loop {
            if self.current.is_some()
                && let Some(item) = self.next_from_current()
            {
                return Some(item);
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

/// All articles from these paths, in order, read with the default [`ReadOptions`]: see
/// [`read_paths_with`].
pub fn read_paths(paths: &[PathBuf]) -> Articles {
    read_paths_with(paths, ReadOptions::default())
}

/// All articles from these paths, in order: directories recursively (sorted by path, hidden files and
/// unknown extensions skipped), `-` = stdin (format sniffed from content), compressed inputs
/// decompressed on the fly. Lazy: files are opened one at a time and memory stays bounded on inputs of
/// any size.
pub fn read_paths_with(paths: &[PathBuf], options: ReadOptions) -> Articles {
    Articles {
        options,
        pending: paths.iter().cloned().collect(),
        pending_errors: VecDeque::new(),
        current: None,
        current_stats: None,
        flood: Flood::default(),
        bytes_at_input_start: 0,
        counter: Arc::new(ByteCounter::default()),
        on_input_done: None,
    }
}

/// Articles from one reader with a display name (used for stdin and tests), with the default options.
/// `format` None = detect from the name's extension, else from the content. Compression is detected by
/// its magic bytes either way.
pub fn read_reader(name: &str, format: Option<Format>, reader: Box<dyn BufRead + Send>) -> ArticleIter {
    read_reader_with(name, format, reader, &ReadOptions::default())
}

/// [`read_reader`] with options. Problems are not collapsed here: that is [`read_paths_with`]'s job.
pub fn read_reader_with(
    name: &str,
    format: Option<Format>,
    reader: Box<dyn BufRead + Send>,
    options: &ReadOptions,
) -> ArticleIter {
    let format = format.or_else(|| detect::format_from_path(Path::new(name)));
    let (reader, sniffed) = match detect::prepare(reader) {
        Ok(prepared) => prepared,
        Err(err) => return one_error(InputError::io(name, &err)),
    };
    let sniffed = match sniffed {
        detect::Sniffed::Empty => return one_error(InputError::file(name, "empty file")),
        detect::Sniffed::Binary(binary) => return one_error(InputError::file(name, binary.message(format))),
        detect::Sniffed::Format(sniffed) => sniffed,
    };
    let format = format.unwrap_or(sniffed);
    let name = name.to_string();
    let options = options.clone();
    match format {
        Format::JsonLines => Box::new(jsonl::JsonLinesReader::new(name, reader, options)),
        Format::Csv => Box::new(csv_reader::CsvReader::new(name, reader, options)),
        Format::Warc => Box::new(warc::WarcReader::new(name, reader, options)),
        Format::Text => once_lazy(move || text::read_text(&name, reader, &options)),
        Format::Html => once_lazy(move || html::read_html(&name, reader, &options)),
        Format::Feed => once_lazy(move || feed::read_feed(&name, reader, &options)),
    }
}

/// Articles from an in-memory buffer: a convenience over [`read_reader`].
pub fn read_bytes(name: &str, format: Option<Format>, bytes: Vec<u8>) -> ArticleIter {
    read_reader(name, format, Box::new(io::Cursor::new(bytes)))
}

/// Articles from an in-memory buffer with options: a convenience over [`read_reader_with`].
pub fn read_bytes_with(name: &str, format: Option<Format>, bytes: Vec<u8>, options: &ReadOptions) -> ArticleIter {
    read_reader_with(name, format, Box::new(io::Cursor::new(bytes)), options)
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

/// Reads a whole document up to `limit` bytes; too large or an I/O error → InputError.
pub(crate) fn read_document(
    name: &str,
    mut reader: Box<dyn BufRead + Send>,
    limit: usize,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    (&mut reader)
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| InputError::io(name, &err))?;
    if bytes.len() > limit {
        return Err(InputError::file(
            name,
            format!("document larger than {}; skipped", options::human_bytes(limit)),
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
