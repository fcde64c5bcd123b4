//! CSV (and TSV) with a header row, as pandas and spreadsheets write it: one article per row from the
//! `text` column (or the one `--text-column` names), with optional `id`, `title`, `date`, `source` and
//! `url` columns. A bad row is an error naming its line; reading goes on with the next row. A row is
//! never held beyond the document limit, so an unclosed quote cannot swallow a whole file into memory.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use csv::{ByteRecord, ReaderBuilder};

use crate::date::{date_warning, parse_date};
use crate::options::human_bytes;
use crate::{Article, ArticleResult, InputError, ReadOptions, text_id};

/// Where each known field is in a row.
struct Columns {
    text: usize,
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    source: Option<usize>,
    url: Option<usize>,
    names: Vec<String>,
}

pub(crate) struct CsvReader {
    name: String,
    options: ReadOptions,
    rows: csv::Reader<RowLimit>,
    /// Bytes the CSV parser pulled since the current row began.
    row_bytes: Arc<AtomicUsize>,
    columns: Option<Columns>,
    record: ByteRecord,
    queued: VecDeque<ArticleResult>,
    done: bool,
}

impl CsvReader {
    pub(crate) fn new(name: String, mut reader: Box<dyn BufRead + Send>, options: ReadOptions) -> CsvReader {
        let delimiter = guess_delimiter(&name, &mut reader);
        let row_bytes = Arc::new(AtomicUsize::new(0));
        let limited = RowLimit {
            inner: reader,
            row_bytes: Arc::clone(&row_bytes),
            limit: options.max_read_bytes(),
        };
        let rows = ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(limited);
        CsvReader {
            name,
            options,
            rows,
            row_bytes,
            columns: None,
            record: ByteRecord::new(),
            queued: VecDeque::new(),
            done: false,
        }
    }

    /// The next row into `self.record`: Ok(false) at the end; an error ends the input.
    fn next_row(&mut self) -> Result<bool, InputError> {
        self.row_bytes.store(0, Ordering::Relaxed);
        let line = self.rows.position().line() as usize;
        self.rows.read_byte_record(&mut self.record).map_err(|err| {
            self.done = true;
            let message = match err.kind() {
                csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::OutOfMemory => format!(
                    "row longer than {} (an unclosed quote?); the rest of the file is skipped",
                    human_bytes(self.options.max_read_bytes())
                ),
                csv::ErrorKind::Io(io) => crate::describe_io_error(io),
                _ => format!("bad CSV: {err}"),
            };
            InputError::line(&self.name, line.max(1), message)
        })
    }

    /// Reads the header row and finds the columns; an error when there is no text column.
    fn read_header(&mut self) -> Result<Columns, InputError> {
        if !self.next_row()? {
            return Err(InputError::file(&self.name, "empty file"));
        }
        let names: Vec<String> = self
            .record
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let field = if i == 0 {
                    field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
                } else {
                    field
                };
                String::from_utf8_lossy(field).trim().to_string()
            })
            .collect();
        let find = |wanted: &str| names.iter().position(|name| name.eq_ignore_ascii_case(wanted));
        let wanted = self.options.text_column.as_deref().unwrap_or("text");
        let Some(text) = find(wanted) else {
            let shown: Vec<String> = names.iter().take(20).map(|name| format!("{name:?}")).collect();
            let hint = if self.options.text_column.is_some() {
                "check the name given to --text-column"
            } else {
                "name the column that holds the article text with --text-column"
            };
            return Err(InputError::line(
                &self.name,
                1,
                format!(
                    "the header has no {wanted:?} column (columns: {}); {hint}",
                    shown.join(", ")
                ),
            ));
        };
        Ok(Columns {
            text,
            id: find("id"),
            title: find("title"),
            date: find("date"),
            source: find("source"),
            url: find("url"),
            names,
        })
    }

    /// The items of the row in `self.record`: nothing for an empty row, else an article or an error, the
    /// article preceded by a warning about its date when that cannot be read.
    fn row_items(&self, columns: &Columns, line: usize) -> Vec<ArticleResult> {
        let error = |message: String| vec![Err(InputError::line(&self.name, line, message))];
        if self
            .record
            .iter()
            .all(|field| field.iter().all(u8::is_ascii_whitespace))
        {
            return Vec::new();
        }
        let mut fields = Vec::with_capacity(6);
        for index in [
            Some(columns.text),
            columns.id,
            columns.title,
            columns.date,
            columns.source,
            columns.url,
        ] {
            let value = match index.and_then(|i| self.record.get(i).map(|field| (i, field))) {
                None => None,
                Some((i, field)) => match std::str::from_utf8(field) {
                    Ok(value) => Some(value),
                    Err(_) => return error(format!("invalid UTF-8 in column {:?}", columns.names[i])),
                },
            };
            fields.push(value);
        }
        let [text, id, title, date, source, url] = fields[..] else {
            unreachable!("six fields")
        };
        let Some(text) = text.filter(|text| !text.trim().is_empty()) else {
            let column = &columns.names[columns.text];
            return error(format!("empty {column:?} field"));
        };
        let present = |value: Option<&str>| value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let mut items = Vec::with_capacity(2);
        let date = present(date).and_then(|raw| match parse_date(&raw, self.options.date_order) {
            Ok(date) => Some(date),
            Err(problem) => {
                let warning = InputError::line(&self.name, line, date_warning(&raw, problem)).into_warning();
                items.push(Err(warning));
                None
            }
        });
        let article = Article {
            id: present(id).unwrap_or_else(|| text_id(text)),
            source: present(source),
            date,
            title: present(title),
            url: present(url),
            text: text.to_string(),
        };
        items.push(
            self.options
                .admit(article, |reason| InputError::line(&self.name, line, reason)),
        );
        items
    }
}

impl Iterator for CsvReader {
    type Item = ArticleResult;

    fn next(&mut self) -> Option<ArticleResult> {
        if let Some(item) = self.queued.pop_front() {
            return Some(item);
        }
        while !self.done {
            let columns = match self.columns.take() {
                Some(columns) => columns,
                None => match self.read_header() {
                    Ok(columns) => columns,
                    Err(err) => {
                        self.done = true;
                        return Some(Err(err));
                    }
                },
            };
            let items = match self.next_row() {
                Ok(true) => {
                    let line = self.record.position().map_or(0, |position| position.line() as usize);
                    self.row_items(&columns, line)
                }
                Ok(false) => {
                    self.done = true;
                    Vec::new()
                }
                Err(err) => vec![Err(err)],
            };
            self.columns = Some(columns);
            self.queued = items.into();
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
        }
        None
    }
}

/// Tab for `.tsv` or a header with tabs and no commas, `;` for a header with semicolons and no commas
/// (spreadsheets in locales with a decimal comma), else a comma.
fn guess_delimiter(name: &str, reader: &mut Box<dyn BufRead + Send>) -> u8 {
    let name = crate::detect::strip_compression_suffix(name).to_ascii_lowercase();
    if name.ends_with(".tsv") {
        return b'\t';
    }
    let Ok(head) = reader.fill_buf() else { return b',' };
    let header = &head[..memchr::memchr(b'\n', head).unwrap_or(head.len())];
    let count = |byte: u8| memchr::memchr_iter(byte, header).count();
    match (count(b','), count(b'\t'), count(b';')) {
        (0, tabs, _) if tabs > 0 => b'\t',
        (0, 0, semicolons) if semicolons > 0 => b';',
        _ => b',',
    }
}

/// Fails a read once one row has pulled more than `limit` bytes, so the CSV parser never buffers more.
struct RowLimit {
    inner: Box<dyn BufRead + Send>,
    row_bytes: Arc<AtomicUsize>,
    limit: usize,
}

impl Read for RowLimit {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.row_bytes.load(Ordering::Relaxed) > self.limit {
            return Err(io::Error::new(io::ErrorKind::OutOfMemory, "CSV row over the limit"));
        }
        let n = self.inner.read(buf)?;
        self.row_bytes.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
}
