//! HTML: charset decoding, metadata from meta tags, main-content extraction (readability, via
//! dom_smoothie) and a text conversion that puts one paragraph per line.

use std::io::BufRead;
use std::panic::{AssertUnwindSafe, catch_unwind};

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use crate::date::{DateOrder, date_warning, parse_date};
use crate::{Article, ArticleResult, InputError, ReadOptions, read_document, text::file_stem, text_id};

pub(crate) fn read_html(name: &str, reader: Box<dyn BufRead + Send>, options: &ReadOptions) -> Vec<ArticleResult> {
    let page = read_document(name, reader, options.max_read_bytes()).and_then(|bytes| {
        let html = decode_html(name, &bytes, None)?;
        html_article(name, &html, options.date_order)
    });
    let (mut article, date_problem) = match page {
        Ok(page) => page,
        Err(err) => return vec![Err(err)],
    };
    if let Some(stem) = file_stem(name) {
        article.id = stem;
    }
    let mut items = Vec::new();
    if let Some(problem) = date_problem {
        items.push(Err(InputError::file(name, problem).into_warning()));
    }
    items.push(options.admit(article, |reason| InputError::file(name, reason)));
    items
}

/// Decodes HTML bytes: UTF-8 when valid, else the charset declared by `charset_hint` (an HTTP
/// header) or a `<meta>` in the first bytes. Undeclared invalid UTF-8 is an error naming the line.
pub(crate) fn decode_html(name: &str, bytes: &[u8], charset_hint: Option<&str>) -> Result<String, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(html) => Ok(html.to_string()),
        Err(err) => {
            let declared = charset_hint.map(str::to_string).or_else(|| declared_charset(bytes));
            let encoding = declared
                .as_deref()
                .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()));
            match encoding {
                Some(encoding) if encoding != encoding_rs::UTF_8 => Ok(encoding.decode(bytes).0.into_owned()),
                _ => {
                    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..err.valid_up_to()]).count();
                    Err(InputError::line(
                        name,
                        line,
                        "invalid UTF-8 and no other charset declared",
                    ))
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
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    (end > 0).then(|| String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// An article from a decoded HTML page: title, date, site name and URL from metadata, text from the
/// main content. The id is the text hash; file readers replace it with the file stem. With the article
/// comes the warning about its date when the page gave dates and none could be read.
pub(crate) fn html_article(name: &str, html: &str, order: DateOrder) -> Result<(Article, Option<String>), InputError> {
    let extracted = catch_unwind(AssertUnwindSafe(|| extract(html, order)))
        .map_err(|_| InputError::file(name, "HTML extraction failed (parser panic)"))?;
    extracted.ok_or_else(|| InputError::file(name, "no article text found in HTML"))
}

/// Metadata found in `<meta>`, `<link>` and `<time>` tags.
#[derive(Default)]
struct PageMeta {
    title: Option<String>,
    date: Option<String>,
    /// Why the best-ranked date of the page could not be read, when none could.
    date_problem: Option<String>,
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

fn page_meta(doc: &Document, order: DateOrder) -> PageMeta {
    let mut dates: Vec<(usize, String)> = Vec::new();
    let mut meta = PageMeta::default();
    let mut og_title = None;
    let mut twitter_title = None;
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content").or_else(|| node.attr("datetime")) else {
            continue;
        };
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
    for node in doc
        .select("[itemprop=datePublished][datetime], time[pubdate][datetime]")
        .nodes()
    {
        if let Some(value) = node.attr("datetime") {
            dates.push((DATE_KEYS.len(), value.to_string()));
        }
    }
    if let Some(value) = doc
        .select("time[datetime]")
        .nodes()
        .first()
        .and_then(|node| node.attr("datetime"))
    {
        dates.push((DATE_KEYS.len() + 1, value.to_string()));
    }
    dates.sort_by_key(|(rank, _)| *rank);
    meta.date = dates.iter().find_map(|(_, value)| parse_date(value, order).ok());
    if meta.date.is_none()
        && let Some((_, value)) = dates.first()
        && let Err(problem) = parse_date(value, order)
    {
        meta.date_problem = Some(date_warning(value, problem));
    }
    if let Some(node) = doc.select("link[rel=canonical][href]").nodes().first() {
        meta.url = node.attr("href").map(|href| href.to_string()).or(meta.url);
    }
    meta.title = og_title
        .or(twitter_title)
        .map(|title| strip_site_name(&collapse_whitespace(&title), meta.site_name.as_deref()));
    meta
}

fn extract(html: &str, order: DateOrder) -> Option<(Article, Option<String>)> {
    if nesting_depth(html) > MAX_TREE_DEPTH {
        return crude_article(html).map(|article| (article, None));
    }
    let doc = Document::from(html);
    let meta = page_meta(&doc, order);
    let headline = headline(&doc, meta.site_name.as_deref());
    if let Some(body) = doc.body() {
        strip_boilerplate(&body);
    }
    let config = Config {
        char_threshold: 200,
        ..Config::default()
    };
    let readability = Readability::with_document(doc, None, Some(config)).ok()?;
    // The page's own title: JSON-LD, meta tags, or `<title>` with the site name cut off.
    let page_title = readability.get_article_metadata(None).title;
    let mut readability = readability;
    let mut date = meta.date;
    let mut text = match readability.parse() {
        Ok(article) => {
            // JSON-LD `datePublished`, which the meta tags may lack.
            date = date.or_else(|| {
                let published = article.published_time.as_deref()?;
                parse_date(published, order).ok()
            });
            let content = Document::fragment(article.content);
            node_text(&content.root())
        }
        Err(_) => String::new(),
    };
    if text.trim().is_empty() {
        // Readability found no candidate (short or unusual pages): fall back to the body minus boilerplate.
        let doc = Document::from(html);
        if let Some(body) = doc.body() {
            strip_boilerplate(&body);
            text = node_text(&body);
        }
    }
    let title = meta
        .title
        .or(headline)
        .or_else(|| Some(collapse_whitespace(&page_title)))
        .filter(|title| !title.is_empty());
    let text = drop_leading_title(&text, title.as_deref());
    if text.is_empty() {
        return None;
    }
    let date_problem = if date.is_none() { meta.date_problem } else { None };
    let article = Article {
        id: text_id(&text),
        source: meta.site_name,
        date,
        title,
        url: meta.url,
        text,
    };
    Some((article, date_problem))
}

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// A title without a trailing or leading site name ("Talks resume | Example News").
fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    let Some(site) = site_name.map(collapse_whitespace).filter(|site| !site.is_empty()) else {
        return title.to_string();
    };
    for separator in TITLE_SEPARATORS {
        if let Some(rest) = title
            .strip_suffix(site.as_str())
            .and_then(|rest| rest.strip_suffix(separator))
            && !rest.trim().is_empty()
        {
            return rest.trim().to_string();
        }
        if let Some(rest) = title
            .strip_prefix(site.as_str())
            .and_then(|rest| rest.strip_prefix(separator))
            && !rest.trim().is_empty()
        {
            return rest.trim().to_string();
        }
    }
    title.to_string()
}

/// The headline from `<title>` without the site name: the part that an `<h1>` repeats, or the parts
/// left after removing the site name. None when `<title>` has no separator.
fn headline(doc: &Document, site_name: Option<&str>) -> Option<String> {
    let title = collapse_whitespace(&doc.select("head title").text());
    let separator = TITLE_SEPARATORS.iter().find(|sep| title.contains(**sep))?;
    let parts: Vec<&str> = title
        .split(separator)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let h1s: Vec<String> = doc
        .select("h1")
        .nodes()
        .iter()
        .map(|h1| collapse_whitespace(&h1.text()))
        .collect();
    if let Some(part) = parts.iter().find(|part| h1s.iter().any(|h1| h1 == *part)) {
        return Some(part.to_string());
    }
    let site = site_name.map(collapse_whitespace);
    let rest: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|part| Some(*part) != site.as_deref())
        .collect();
    (site.is_some() && !rest.is_empty() && rest.len() < parts.len()).then(|| rest.join(separator))
}

/// Removes blocks whose class, id or role marks them as share bars, ads, related links and the like,
/// before readability runs (it drops classes, so they cannot be recognised afterwards). A marked
/// block with much text is kept unless that text is mostly links outside paragraphs: it may be a
/// wrapper of the article ("has-sidebar").
fn strip_boilerplate(root: &NodeRef) {
    let marked: Vec<NodeRef> = root
        .descendants_it()
        .filter(|node| node.is_element() && is_boilerplate(node))
        .collect();
    for node in marked {
        let text_len = node.normalized_char_count();
        let chars_in = |tag: &str| -> usize { node.find(&[tag]).iter().map(|n| n.normalized_char_count()).sum() };
        if text_len < 300 || (chars_in("p") < 200 && chars_in("a") * 2 > text_len) {
            node.remove_from_parent();
        }
    }
}

/// Removes the headline when the content repeats it as its first line.
pub(crate) fn drop_leading_title(text: &str, title: Option<&str>) -> String {
    let text = text.trim();
    if let (Some(title), Some((first, rest))) = (title, text.split_once('\n'))
        && first.trim() == title.trim()
    {
        return rest.trim().to_string();
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
    if !html.contains('<') {
        // Plain text (a feed description without markup): keep its lines, decode entities.
        let decoded = html_escape::decode_html_entities(html);
        let lines: Vec<String> = decoded
            .lines()
            .map(collapse_whitespace)
            .filter(|line| !line.is_empty())
            .collect();
        return lines.join("\n");
    }
    if nesting_depth(html) > MAX_TREE_DEPTH {
        return crude_text(html).0;
    }
    catch_unwind(|| {
        let doc = Document::fragment(html);
        strip_boilerplate(&doc.root());
        node_text(&doc.root())
    })
    .unwrap_or_default()
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "iframe",
    "svg",
    "canvas",
    "head",
    "title",
    "figure",
    "figcaption",
    "menu",
    "dialog",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "img",
];

/// Elements that end a line (paragraph-level blocks).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
];

/// Words in a class or id that mark boilerplate blocks.
const BOILERPLATE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "promo",
    "newsletter",
    "subscribe",
    "subscription",
    "comments",
    "comment",
    "cookie",
    "cookies",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "navbar",
    "nav",
    "menu",
    "popup",
    "modal",
    "sponsored",
    "outbrain",
    "taboola",
    "recirculation",
    "tweet",
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
    if node.attr("role").is_some_and(|role| {
        matches!(
            &*role,
            "navigation" | "complementary" | "banner" | "contentinfo" | "menu"
        )
    }) {
        return true;
    }
    if node.attr("aria-hidden").is_some_and(|value| &*value == "true") {
        return true;
    }
    let lower = marks.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| BOILERPLATE_WORDS.contains(&word))
}

/// Whole lines that are page furniture, not article text (compared lower-cased, trimmed of `.:`).
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "ad",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "continue reading",
    "read more",
    "related",
    "related articles",
    "related stories",
    "share this article",
    "share",
    "skip to content",
    "skip to main content",
    "sign up for our newsletter",
    "subscribe",
    "loading",
];

fn is_boilerplate_line(line: &str) -> bool {
    line.len() <= 40 && {
        let lower = line.trim().trim_end_matches(['.', ':', '…']).to_lowercase();
        BOILERPLATE_LINES.contains(&lower.as_str())
    }
}

/// Builds text line by line: collapses whitespace inside a line, breaks lines at blocks, and drops
/// furniture lines ("Advertisement").
#[derive(Default)]
struct LineBuilder {
    out: String,
    line_start: usize,
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
            if is_boilerplate_line(&self.out[self.line_start..]) {
                self.out.truncate(self.line_start);
            } else {
                self.out.push('\n');
            }
            self.line_start = self.out.len();
            self.line_has_text = false;
        }
        self.pending_space = false;
    }

    fn finish(mut self) -> String {
        self.break_line();
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}

/// Text of a node (boilerplate blocks already stripped), walked with an explicit stack so deeply nested soup cannot overflow the stack.
fn node_text(root: &NodeRef) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave { block: bool, cell: bool },
    }
    let mut lines = LineBuilder::default();
    let mut stack = vec![Step::Enter(*root)];
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
                if SKIPPED.contains(&name.as_str()) {
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
                stack.push(Step::Leave {
                    block,
                    cell: matches!(name.as_str(), "td" | "th"),
                });
                let children: Vec<NodeRef> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
        }
    }
    lines.finish()
}

/// Deeper pages are not given to the HTML parser: its cost grows with depth × elements, so a page of
/// thousands of unclosed nested tags would take minutes. Real pages stay far below this.
const MAX_TREE_DEPTH: usize = 400;

/// Elements without an end tag, or closed implicitly by their next sibling: they add no depth.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "tr", "td", "th", "option", "!", "?",
];

/// The tag name at the start of `rest` (after `<` or `</`), lower-cased.
fn tag_name(rest: &[u8]) -> String {
    let end = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'!' | b'?' | b'-' | b':')))
        .unwrap_or(rest.len());
    let name = String::from_utf8_lossy(&rest[..end.min(32)]).to_ascii_lowercase();
    if name.starts_with('!') {
        "!".to_string()
    } else if name.starts_with('?') {
        "?".to_string()
    } else {
        name
    }
}

/// A quick upper estimate of the element nesting depth, from counting start and end tags.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max_depth) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        if let Some(rest) = rest.strip_prefix(b"/") {
            if rest.first().is_some_and(u8::is_ascii_alphabetic) && !NON_NESTING.contains(&tag_name(rest).as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name = tag_name(rest);
            let self_closing = memchr::memchr(b'>', rest).is_some_and(|end| end > 0 && rest[end - 1] == b'/');
            if !NON_NESTING.contains(&name.as_str()) && !self_closing {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
        }
    }
    max_depth
}

/// Text of pathological HTML without building a tree: tags dropped (blocks break lines), script and
/// style content skipped, entities decoded. Also returns the `<title>`.
fn crude_text(html: &str) -> (String, Option<String>) {
    let bytes = html.as_bytes();
    let mut lines = LineBuilder::default();
    let mut title = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[pos..]).map(|i| pos + i) else {
            lines.push_text(&html_escape::decode_html_entities(&html[pos..]));
            break;
        };
        lines.push_text(&html_escape::decode_html_entities(&html[pos..lt]));
        let Some(gt) = memchr::memchr(b'>', &bytes[lt..]).map(|i| lt + i) else {
            break;
        };
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name = tag_name(&bytes[lt + 1 + usize::from(closing)..gt]);
        pos = gt + 1;
        if !closing && matches!(name.as_str(), "script" | "style" | "title" | "noscript" | "template") {
            let end_tag = format!("</{name}");
            let lower_rest = html[pos..].to_ascii_lowercase();
            let end = lower_rest.find(&end_tag).map_or(bytes.len(), |i| pos + i);
            if name == "title" && title.is_none() {
                title = Some(collapse_whitespace(&html_escape::decode_html_entities(&html[pos..end])));
            }
            pos = end;
            continue;
        }
        if name == "br" || BLOCKS.contains(&name.as_str()) {
            lines.break_line();
        }
    }
    (lines.finish(), title.filter(|title| !title.is_empty()))
}

fn crude_article(html: &str) -> Option<Article> {
    let (text, title) = crude_text(html);
    let text = drop_leading_title(&text, title.as_deref());
    (!text.is_empty()).then(|| Article {
        id: text_id(&text),
        title,
        text,
        ..Article::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_to_lines() {
        let html = "<p>One   <b>bold</b>\n word.</p><p>ADVERTISEMENT</p><p>Two<br>three &amp; four.</p><div class=\"share-tools\"><a>Share</a></div><script>x()</script><p>Read more…</p>";
        assert_eq!(html_to_text(html), "One bold word.\nTwo\nthree & four.");
        assert_eq!(
            html_to_text("plain  text\n\n here &amp; there"),
            "plain text\nhere & there"
        );
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
    fn boilerplate_blocks_go_but_marked_wrappers_of_long_text_stay() {
        let long = "Officials said the negotiations would continue through the week. ".repeat(8);
        let links = "<li><a href=\"/x\">Another headline about a different story entirely</a></li>".repeat(10);
        let html = format!(
            "<html><body><div class=\"layout has-sidebar\"><p>{long}</p><div class=\"ad\">Buy</div><ul class=\"related\">{links}</ul></div></body></html>"
        );
        let doc = Document::from(html.as_str());
        strip_boilerplate(&doc.root());
        let text = node_text(&doc.body().unwrap());
        assert!(text.contains("Officials said"), "{text}");
        assert!(!text.contains("Buy") && !text.contains("Another headline"), "{text}");
    }

    #[test]
    fn site_name_is_cut_from_titles() {
        assert_eq!(
            strip_site_name("Talks resume | Example News", Some("Example News")),
            "Talks resume"
        );
        assert_eq!(
            strip_site_name("Example News - Talks resume", Some("Example News")),
            "Talks resume"
        );
        assert_eq!(strip_site_name("Talks resume", Some("Example News")), "Talks resume");
        assert_eq!(strip_site_name("Example News", Some("Example News")), "Example News");
        assert_eq!(strip_site_name("Talks | resume", None), "Talks | resume");
    }

    #[test]
    fn headline_from_title_without_site_name() {
        let doc = Document::from(
            "<html><head><title>Talks resume | World | Example News</title></head><body><h1>Talks resume</h1></body></html>",
        );
        assert_eq!(headline(&doc, None).as_deref(), Some("Talks resume"));
        let doc = Document::from("<html><head><title>Talks resume - Example News</title></head><body></body></html>");
        assert_eq!(headline(&doc, Some("Example News")).as_deref(), Some("Talks resume"));
        assert_eq!(headline(&doc, None), None);
    }

    #[test]
    fn soup_does_not_crash() {
        let deep = "<div>".repeat(20_000) + "Deep text." + &"</div>".repeat(10);
        for html in [
            deep.as_str(),
            "<p><b><i>unclosed",
            "</p></div><<<>>>&&&;",
            "<table><tr><td>a<td>b</table>",
            "",
        ] {
            let _ = html_to_text(html);
            let _ = html_article("soup.html", html, DateOrder::Refuse);
        }
        assert!(html_to_text(&deep).contains("Deep text."));
        assert!(nesting_depth(&deep) > MAX_TREE_DEPTH);
        let page = "<!DOCTYPE html><html><head><meta charset=utf-8><title>T</title></head><body><div><p>a<p>b<br><img src=x/></div></body></html>";
        assert_eq!(nesting_depth(page), 3);
        let crude = crude_article(&(String::from("<title>Head &amp; line</title>") + &deep)).unwrap();
        assert_eq!(crude.title.as_deref(), Some("Head & line"));
        assert_eq!(crude.text, "Deep text.");
    }
}
