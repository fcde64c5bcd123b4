//! HTML: charset decoding, metadata from meta tags, main-content extraction (readability, via
//! dom_smoothie) and a text conversion that puts one paragraph per line.

use std::io::BufRead;
use std::panic::{AssertUnwindSafe, catch_unwind};

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use crate::{Article, ArticleResult, InputError, normalize_date, read_document, text::file_stem, text_id};

pub(crate) fn read_html(name: &str, reader: Box<dyn BufRead + Send>) -> Vec<ArticleResult> {
    let article = read_document(name, reader).and_then(|bytes| {
        let html = decode_html(name, &bytes, None)?;
        html_article(name, &html).map(|mut article| {
            if let Some(stem) = file_stem(name) {
                article.id = stem;
            }
            article
        })
    });
    vec![article]
}

/// Decodes HTML bytes: UTF-8 when valid, else the charset declared by `charset_hint` (an HTTP
/// header) or a `<meta>` in the first bytes. Undeclared invalid UTF-8 is an error naming the line.
pub(crate) fn decode_html(name: &str, bytes: &[u8], charset_hint: Option<&str>) -> Result<String, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(html) => Ok(html.to_string()),
        Err(err) => {
            let declared = charset_hint.map(str::to_string).or_else(|| declared_charset(bytes));
            let encoding = declared.as_deref().and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()));
            match encoding {
                Some(encoding) if encoding != encoding_rs::UTF_8 => Ok(encoding.decode(bytes).0.into_owned()),
                _ => {
                    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..err.valid_up_to()]).count();
                    Err(InputError::line(name, line, "invalid UTF-8 and no other charset declared"))
                }
            }
        }
    }
}

/// The `charset` of `<meta charset=...>` or `<meta http-equiv content="...; charset=...">` in the head.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &lower[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))).unwrap_or(rest.len());
    (end > 0).then(|| String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// An article from a decoded HTML page: title, date, site name and URL from metadata, text from the
/// main content. The id is the text hash; file readers replace it with the file stem.
pub(crate) fn html_article(name: &str, html: &str) -> Result<Article, InputError> {
    let extracted = catch_unwind(AssertUnwindSafe(|| extract(html)))
        .map_err(|_| InputError::file(name, "HTML extraction failed (parser panic)"))?;
    let Some(article) = extracted else {
        return Err(InputError::file(name, "no article text found in HTML"));
    };
    Ok(article)
}

/// Metadata found in `<meta>`, `<link>` and `<time>` tags.
#[derive(Default)]
struct PageMeta {
    title: Option<String>,
    date: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
}

/// Meta names of the publication date, best first.
const DATE_KEYS: [&str; 14] = [
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
];

fn page_meta(doc: &Document) -> PageMeta {
    let mut dates: Vec<(usize, String)> = Vec::new();
    let mut meta = PageMeta::default();
    let mut og_title = None;
    let mut twitter_title = None;
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content").or_else(|| node.attr("datetime")) else { continue };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key_attr in ["property", "name", "itemprop"] {
            let Some(key) = node.attr(key_attr) else { continue };
            let key = key.trim().to_ascii_lowercase();
            if let Some(rank) = DATE_KEYS.iter().position(|k| *k == key) {
                dates.push((rank, content.to_string()));
            }
            match key.as_str() {
                "og:title" => og_title = Some(content.to_string()),
                "twitter:title" => twitter_title = Some(content.to_string()),
                "og:site_name" => meta.site_name = Some(content.to_string()),
                "og:url" if meta.url.is_none() => meta.url = Some(content.to_string()),
                _ => {}
            }
        }
    }
    // `<time itemprop="datePublished" datetime=...>`, `<time pubdate>`, then any `<time datetime>`.
    for node in doc.select("[itemprop=datePublished][datetime], time[pubdate][datetime]").nodes() {
        if let Some(value) = node.attr("datetime") {
            dates.push((DATE_KEYS.len(), value.to_string()));
        }
    }
    if let Some(node) = doc.select("time[datetime]").nodes().first() {
        if let Some(value) = node.attr("datetime") {
            dates.push((DATE_KEYS.len() + 1, value.to_string()));
        }
    }
    dates.sort_by_key(|(rank, _)| *rank);
    meta.date = dates.iter().find_map(|(_, value)| normalize_date(value));
    if let Some(node) = doc.select("link[rel=canonical][href]").nodes().first() {
        meta.url = node.attr("href").map(|href| href.to_string()).or(meta.url);
    }
    meta.title = og_title.or(twitter_title).map(|title| collapse_whitespace(&title));
    meta
}

fn extract(html: &str) -> Option<Article> {
    let doc = Document::from(html);
    let meta = page_meta(&doc);
    let config = Config { char_threshold: 200, ..Config::default() };
    let readability = Readability::with_document(doc, None, Some(config)).ok()?;
    // The page's own title: JSON-LD, meta tags, or `<title>` with the site name cut off.
    let page_title = readability.get_article_metadata(None).title;
    let mut readability = readability;
    let mut text = match readability.parse() {
        Ok(article) => {
            let content = Document::fragment(article.content);
            node_text(&content.root())
        }
        Err(_) => String::new(),
    };
    if text.trim().is_empty() {
        // Readability found no candidate (short or unusual pages): fall back to the body minus boilerplate.
        let doc = Document::from(html);
        text = doc.body().map(|body| node_text(&body)).unwrap_or_default();
    }
    let title = meta.title.or_else(|| Some(collapse_whitespace(&page_title))).filter(|title| !title.is_empty());
    let text = drop_leading_title(&text, title.as_deref());
    if text.is_empty() {
        return None;
    }
    Some(Article { id: text_id(&text), source: meta.site_name, date: meta.date, title, url: meta.url, text })
}

/// Removes the headline when the content repeats it as its first line.
fn drop_leading_title(text: &str, title: Option<&str>) -> String {
    let text = text.trim();
    if let (Some(title), Some((first, rest))) = (title, text.split_once('\n')) {
        if first.trim() == title.trim() {
            return rest.trim().to_string();
        }
    }
    text.to_string()
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of an HTML document or fragment, one paragraph per line, boilerplate (navigation, scripts,
/// forms, share/related/ad blocks) left out. Used for feed item content.
pub fn html_to_text(html: &str) -> String {
    let html = html.trim();
    if !html.contains('<') && !html.contains('&') {
        return collapse_whitespace(html);
    }
    catch_unwind(|| {
        let doc = Document::fragment(html);
        node_text(&doc.root())
    })
    .unwrap_or_default()
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "option", "textarea",
    "input", "iframe", "svg", "canvas", "head", "title", "figure", "figcaption", "menu", "dialog", "object", "embed",
    "video", "audio", "picture", "img",
];

/// Elements that end a line (paragraph-level blocks).
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tr", "hr", "address", "details", "summary",
    "center", "body", "html",
];

/// Words in a class or id that mark boilerplate blocks.
const BOILERPLATE_WORDS: &[&str] = &[
    "share", "sharing", "social", "related", "advert", "advertisement", "ad", "ads", "promo", "newsletter",
    "subscribe", "subscription", "comments", "comment", "cookie", "cookies", "breadcrumb", "breadcrumbs", "sidebar",
    "navbar", "nav", "menu", "popup", "modal", "sponsored", "outbrain", "taboola", "recirculation", "more-stories",
];

fn is_boilerplate(node: &NodeRef) -> bool {
    let mut marks = String::new();
    if let Some(class) = node.class() {
        marks.push_str(&class);
    }
    if let Some(id) = node.id_attr() {
        marks.push(' ');
        marks.push_str(&id);
    }
    if let Some(role) = node.attr("role") {
        if matches!(&*role, "navigation" | "complementary" | "banner" | "contentinfo" | "menu") {
            return true;
        }
    }
    if node.attr("aria-hidden").is_some_and(|value| &*value == "true") {
        return true;
    }
    let lower = marks.to_ascii_lowercase();
    lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| BOILERPLATE_WORDS.contains(&word))
}

/// Builds text line by line: collapses whitespace inside a line, breaks lines at blocks.
#[derive(Default)]
struct LineBuilder {
    out: String,
    line_has_text: bool,
    pending_space: bool,
}

impl LineBuilder {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = self.line_has_text;
            } else {
                if self.pending_space {
                    self.out.push(' ');
                    self.pending_space = false;
                }
                self.out.push(c);
                self.line_has_text = true;
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = self.line_has_text;
    }

    fn break_line(&mut self) {
        if self.line_has_text {
            self.out.push('\n');
            self.line_has_text = false;
        }
        self.pending_space = false;
    }

    fn finish(mut self) -> String {
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}

/// Text of a node, walked with an explicit stack so deeply nested soup cannot overflow the stack.
fn node_text(root: &NodeRef) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave { block: bool, cell: bool },
    }
    let mut lines = LineBuilder::default();
    let mut stack = vec![Step::Enter(root.clone())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { block, cell } => {
                if block {
                    lines.break_line();
                } else if cell {
                    lines.space();
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    lines.push_text(&node.text());
                    continue;
                }
                let name = match node.node_name() {
                    Some(name) => name.to_ascii_lowercase(),
                    None if node.is_document() || node.is_fragment() => String::new(),
                    None => continue,
                };
                if SKIPPED.contains(&name.as_str()) || (!name.is_empty() && is_boilerplate(&node)) {
                    continue;
                }
                if name == "br" {
                    lines.break_line();
                    continue;
                }
                let block = BLOCKS.contains(&name.as_str());
                if block {
                    lines.break_line();
                }
                stack.push(Step::Leave { block, cell: matches!(name.as_str(), "td" | "th") });
                let children: Vec<NodeRef> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
        }
    }
    lines.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_to_lines() {
        let html = "<p>One   <b>bold</b>\n word.</p><p>Two<br>three &amp; four.</p><div class=\"share-tools\"><a>Share</a></div><script>x()</script>";
        assert_eq!(html_to_text(html), "One bold word.\nTwo\nthree & four.");
        assert_eq!(html_to_text("plain  text\n here"), "plain text here");
    }

    #[test]
    fn charset_declared_in_meta_decodes_latin1() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 talks.</p></body></html>";
        let html = decode_html("x.html", bytes, None).unwrap();
        assert!(html.contains("Café talks."));
        let err = decode_html("y.html", b"<p>ok</p>\n<p>bad \xff</p>", None).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.to_string(), "y.html:2: invalid UTF-8 and no other charset declared");
    }

    #[test]
    fn soup_does_not_crash() {
        let deep = "<div>".repeat(20_000) + "Deep text." + &"</div>".repeat(10);
        for html in [deep.as_str(), "<p><b><i>unclosed", "</p></div><<<>>>&&&;", "<table><tr><td>a<td>b</table>", ""] {
            let _ = html_to_text(html);
            let _ = html_article("soup.html", html);
        }
        assert!(html_to_text(&deep).contains("Deep text."));
    }
}
