//! Output formats of `detente code`, `actors` and `quotes`: JSON Lines (schema v1) for programs, a
//! readable view for people, with spans highlighted in colour on a terminal.

use anstyle::{AnsiColor, Style};
use detente_analysis::EventRow;
use detente_records::{CodedArticle, Mention, Quote, Span};
use detente_store::export::icews;
use detente_store::export::{EVENT_COLUMNS, event_cells};
use std::fmt::Write as _;

use crate::output::clean;

/// One article as a JSON line (schema v1), newline included.
pub fn jsonl(coded: &CodedArticle, with_text: bool) -> Vec<u8> {
    // Most lines are a few times the text's size: reserve once rather than grow the buffer repeatedly.
    let mut out = Vec::with_capacity(coded.text.as_ref().map_or(4096, |t| 4 * t.len() + 1024));
    write_jsonl(coded, with_text, &mut out).expect("a coded article always serialises into memory");
    out
}

/// [`jsonl`] written straight into `out`, without building the line in memory first (for huge articles).
pub fn write_jsonl(coded: &CodedArticle, with_text: bool, mut out: impl std::io::Write) -> std::io::Result<()> {
    if with_text || coded.text.is_none() {
        serde_json::to_writer(&mut out, coded)
    } else {
        serde_json::to_writer(&mut out, &WithoutText(coded))
    }
    .map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// A coded article serialised without its text (`--no-text`), without copying the rest of it: the same
/// fields, in the same order, as [`CodedArticle`]'s own serialisation, minus `text`.
struct WithoutText<'a>(&'a CodedArticle);

impl serde::Serialize for WithoutText<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let c = self.0;
        let mut s = serializer.serialize_struct("CodedArticle", 11)?;
        s.serialize_field("schema", &c.schema)?;
        s.serialize_field("id", &c.id)?;
        s.serialize_field("source", &c.source)?;
        s.serialize_field("date", &c.date)?;
        s.serialize_field("title", &c.title)?;
        match &c.url {
            Some(url) => s.serialize_field("url", url)?,
            None => s.skip_field("url")?,
        }
        s.skip_field("text")?;
        s.serialize_field("sentences", &c.sentences)?;
        s.serialize_field("mentions", &c.mentions)?;
        s.serialize_field("quotes", &c.quotes)?;
        s.serialize_field("events", &c.events)?;
        s.serialize_field("entities", &c.entities)?;
        s.end()
    }
}

/// Colours for the readable view; plain when not on a terminal.
#[derive(Clone, Copy)]
pub struct Palette {
    pub color: bool,
}

impl Palette {
    /// The text, control characters escaped, in the style when colour is on.
    fn paint(&self, style: Style, text: &str) -> String {
        let text = clean(text);
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.into_owned()
        }
    }
    fn mention(&self, t: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default().bold(), t)
    }
    fn trigger(&self, t: &str) -> String {
        self.paint(AnsiColor::Red.on_default().bold(), t)
    }
    fn quote(&self, t: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint(Style::new().dimmed(), t)
    }
    fn heading(&self, t: &str) -> String {
        self.paint(Style::new().bold().underline(), t)
    }
}

/// A sentence with mentions, quotes and triggers marked. Without colour, mentions are [bracketed],
/// triggers are *starred* and quotes keep their own quotation marks.
fn highlight(text: &str, span: Span, coded: &CodedArticle, palette: Palette) -> String {
    // Mark boundaries: (position, priority, kind). Nested marks are flattened by painting the innermost.
    let mut marks: Vec<(Span, u8)> = Vec::new();
    for m in &coded.mentions {
        if span.contains(m.span()) {
            marks.push((m.span(), 0));
        }
    }
    for e in &coded.events {
        let t = Span::new(e.trigger.start, e.trigger.end);
        if span.contains(t) {
            marks.push((t, 1));
        }
    }
    marks.sort_by_key(|(s, kind)| (s.start, std::cmp::Reverse(s.end), *kind));
    let mut out = String::new();
    let mut pos = span.start;
    for (s, kind) in marks {
        if s.start < pos {
            continue; // overlaps an earlier mark
        }
        out.push_str(&paint_quotes(text, Span::new(pos, s.start), coded, palette));
        let inner = s.of(text);
        let painted = match (kind, palette.color) {
            (0, true) => palette.mention(inner),
            (0, false) => format!("[{}]", clean(inner)),
            (_, true) => palette.trigger(inner),
            (_, false) => format!("*{}*", clean(inner)),
        };
        out.push_str(&painted);
        pos = s.end;
    }
    out.push_str(&paint_quotes(text, Span::new(pos, span.end), coded, palette));
    out
}

fn paint_quotes(text: &str, span: Span, coded: &CodedArticle, palette: Palette) -> String {
    if !palette.color {
        return clean(span.of(text)).into_owned();
    }
    let mut out = String::new();
    let mut pos = span.start;
    for q in coded
        .quotes
        .iter()
        .filter(|q| q.kind == detente_records::QuoteKind::Direct)
    {
        let s = q.span();
        if !s.overlaps(span) {
            continue;
        }
        let start = s.start.max(pos);
        let end = s.end.min(span.end);
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&clean(&text[pos..start]));
        out.push_str(&palette.quote(&text[start..end]));
        pos = end;
    }
    out.push_str(&clean(&text[pos..span.end]));
    out
}

fn actor_label(actor: &detente_records::Actor) -> String {
    match &actor.name {
        Some(name) => format!("{} ({})", clean(&actor.code), clean(name)),
        None => clean(&actor.code).into_owned(),
    }
}

/// The readable view of one article: sentences, actors, quotes with speakers, events.
pub fn pretty(coded: &CodedArticle, palette: Palette) -> Vec<u8> {
    let text = coded.text.as_deref().unwrap_or("");
    let mut out = String::new();
    let title = coded.title.as_deref().unwrap_or("(no title)");
    let _ = writeln!(out, "{}", palette.heading(&format!("━━ {} — {}", coded.id, title)));
    let meta: Vec<String> = [("date", &coded.date), ("source", &coded.source), ("url", &coded.url)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {}", clean(v))))
        .collect();
    if !meta.is_empty() {
        let _ = writeln!(out, "{}", palette.dim(&meta.join("  ")));
    }
    let _ = writeln!(out, "\n{}", palette.heading("Sentences"));
    for (i, s) in coded.sentences.iter().enumerate() {
        if s.boilerplate {
            let _ = writeln!(
                out,
                "{:>3}  {}",
                i,
                palette.dim(&format!("[boilerplate] {}", s.span().of(text)))
            );
        } else {
            let _ = writeln!(out, "{:>3}  {}", i, highlight(text, s.span(), coded, palette));
        }
    }
    let _ = writeln!(out, "\n{}", palette.heading("Actors"));
    write_actor_table(&mut out, &coded.mentions, palette);
    let _ = writeln!(out, "\n{}", palette.heading("Quotes"));
    if coded.quotes.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for (i, q) in coded.quotes.iter().enumerate() {
        let _ = writeln!(out, "{:>3}  {}", i, quote_line(q, palette));
    }
    let _ = writeln!(out, "\n{}", palette.heading("Events"));
    if coded.events.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for e in &coded.events {
        let target = e.target.as_ref().map(actor_label).unwrap_or_else(|| "—".into());
        let mut flags = Vec::new();
        if e.negated {
            flags.push("negated");
        }
        if !e.factual {
            flags.push("not factual");
        }
        if e.quote.is_some() {
            flags.push("in quote");
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(", "))
        };
        let _ = writeln!(
            out,
            "  s{:<3} {} → {}  {} {} ({:+.1}, quad {}, {}){}",
            e.sentence,
            actor_label(&e.source),
            target,
            clean(&e.code),
            clean(&e.name),
            e.goldstein,
            e.quad_class,
            clean(e.plover.as_deref().unwrap_or("-")),
            flags
        );
        let place = e.location.as_ref().map_or(String::new(), |l| {
            format!(
                "  place: {} ({}, {})",
                clean(&l.name),
                clean(l.country.as_deref().unwrap_or("-")),
                l.via.as_str()
            )
        });
        let _ = writeln!(
            out,
            "        {} {} {}{}",
            palette.dim("trigger:"),
            palette.trigger(&e.trigger.text),
            palette.dim(&format!("rule: {}", e.rule)),
            place
        );
    }
    out.push('\n');
    out.into_bytes()
}

fn quote_line(q: &Quote, palette: Palette) -> String {
    let speaker = match &q.speaker {
        Some(s) => {
            let name = clean(s.name.as_deref().unwrap_or("?"));
            match &s.code {
                Some(code) => format!("{name} [{}]", clean(code)),
                None => name.into_owned(),
            }
        }
        None => "(no speaker)".to_string(),
    };
    let kind = format!("{:?}", q.kind).to_lowercase();
    let cue = q.cue.as_deref().map(|c| format!(" «{c}»")).unwrap_or_default();
    format!(
        "{speaker}{}: {} {}",
        palette.dim(&cue),
        palette.quote(&format!("“{}”", q.text)),
        palette.dim(&format!("({kind})"))
    )
}

/// Mentions as a table: span, text, code, name, how it was resolved.
pub fn write_actor_table(out: &mut String, mentions: &[Mention], palette: Palette) {
    if mentions.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for m in mentions {
        let via = format!("{:?}", m.via).to_lowercase();
        let _ = writeln!(
            out,
            "  {:>6}..{:<6} {:<32} {:<8} {:<24} {}",
            m.start,
            m.end,
            palette.mention(&m.text),
            clean(&m.actor.code),
            clean(m.actor.name.as_deref().unwrap_or("-")),
            palette.dim(&format!("{via} #{}", m.entity))
        );
    }
}

/// `detente actors`: each mention with its span, code and resolution.
pub fn actors(coded: &CodedArticle, palette: Palette) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(out, "{}", palette.heading(&format!("━━ {}", coded.id)));
    write_actor_table(&mut out, &coded.mentions, palette);
    out.into_bytes()
}

/// `detente actors --entities`: each entity with its fullest name, kind, code and mentions.
pub fn entities(coded: &CodedArticle, palette: Palette) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(out, "{}", palette.heading(&format!("━━ {}", coded.id)));
    if coded.entities.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for e in &coded.entities {
        let kind = format!("{:?}", e.kind).to_lowercase();
        let code = e.actor.as_ref().map_or("-", |a| a.code.as_str());
        let seen = entity_texts(coded, e);
        let _ = writeln!(
            out,
            "  #{:<3} {:<12} {:<32} {:<9} {}",
            e.id,
            kind,
            palette.mention(&e.name),
            code,
            palette.dim(&format!("{} × {}", e.mentions.len(), seen.join(" · ")))
        );
    }
    out.into_bytes()
}

/// `detente quotes PATH`: quotes grouped by speaker, in order of first appearance.
pub fn quotes_by_speaker(coded: &CodedArticle, palette: Palette) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(out, "{}", palette.heading(&format!("━━ {}", coded.id)));
    let mut groups: Vec<(String, Vec<&Quote>)> = Vec::new();
    for q in &coded.quotes {
        let key = match &q.speaker {
            Some(s) => {
                let name = s.name.clone().unwrap_or_else(|| "?".into());
                match &s.code {
                    Some(code) => format!("{name} [{code}]"),
                    None => name,
                }
            }
            None => "(no speaker)".into(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, qs)) => qs.push(q),
            None => groups.push((key, vec![q])),
        }
    }
    if groups.is_empty() {
        let _ = writeln!(out, "  (no quotes)");
    }
    for (speaker, qs) in groups {
        let _ = writeln!(out, "{}", palette.mention(&speaker));
        for q in qs {
            let kind = format!("{:?}", q.kind).to_lowercase();
            let cue = q.cue.as_deref().unwrap_or("—");
            let _ = writeln!(
                out,
                "  {} {}",
                palette.quote(&format!("“{}”", q.text)),
                palette.dim(&format!("({kind}, {cue})"))
            );
        }
    }
    out.push('\n');
    out.into_bytes()
}

/// The events of a freshly coded article as flat rows (what the CSV, GDELT and ICEWS tables are made of).
pub fn event_rows(coded: &CodedArticle) -> Vec<EventRow> {
    (0..coded.events.len())
        .map(|i| EventRow::from_coded(coded, i, env!("CARGO_PKG_VERSION")))
        .collect()
}

/// The header of `detente code --format csv`.
pub fn csv_header() -> Vec<u8> {
    let names: Vec<&str> = EVENT_COLUMNS.iter().map(|(name, _)| *name).collect();
    (names.join(",") + "\n").into_bytes()
}

fn csv_lines<I, R>(records: I) -> Vec<u8>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut out = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(&mut out);
        for record in records {
            writer.write_record(record).expect("writing CSV to memory");
        }
        writer.flush().expect("writing CSV to memory");
    }
    out
}

/// `detente code --format csv`: every event field, one event per row.
pub fn csv_rows(coded: &CodedArticle) -> Vec<u8> {
    let rows = event_rows(coded);
    csv_lines(rows.iter().map(|row| event_cells(row).into_iter().map(|c| c.to_text())))
}

/// `detente code --format icews`: the rows of the events ICEWS can hold.
pub fn icews_rows(coded: &CodedArticle) -> Vec<u8> {
    let mut out = Vec::new();
    for row in event_rows(coded).iter().filter(|r| icews::fits(r)) {
        out.extend_from_slice(icews::line(row).as_bytes());
    }
    out
}

/// `detente code --format plover`: POLECAT-style JSON, one event per line.
pub fn plover_rows(coded: &CodedArticle) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, event) in coded.events.iter().enumerate() {
        let sentence = coded.sentences.get(event.sentence);
        let event_text = match (coded.text.as_deref(), sentence) {
            (Some(text), Some(s)) => text.get(s.start..s.end),
            _ => None,
        };
        let line = serde_json::json!({
            "event_id": format!("{}-{}", coded.id, i),
            "story_id": coded.id,
            "story_date": coded.date,
            "publisher": coded.source,
            "url": coded.url,
            "title": coded.title,
            "event_type": event.plover,
            "cameo_code": event.code,
            "goldstein": event.goldstein,
            "quad_class": event.quad_class,
            "actor": event.source.name.clone().unwrap_or_else(|| event.source.code.clone()),
            "actor_code": event.source.code,
            "actor_country": event.source.country,
            "actor_org": event.source.org,
            "actor_sector": event.source.role,
            "recipient": event.target.as_ref().map(|t| t.name.clone().unwrap_or_else(|| t.code.clone())),
            "recipient_code": event.target.as_ref().map(|t| &t.code),
            "recipient_country": event.target.as_ref().and_then(|t| t.country.as_ref()),
            "recipient_org": event.target.as_ref().and_then(|t| t.org.as_ref()),
            "recipient_sector": event.target.as_ref().and_then(|t| t.role.as_ref()),
            "negated": event.negated,
            "factual": event.factual,
            "event_text": event_text,
            "trigger": event.trigger.text,
            "rule": event.rule,
            "location": event.location,
        });
        serde_json::to_writer(&mut out, &line).expect("writing JSON to memory");
        out.push(b'\n');
    }
    out
}

const MENTION_COLUMNS: &[&str] = &[
    "article_id",
    "start",
    "end",
    "text",
    "code",
    "country",
    "org",
    "role",
    "name",
    "via",
    "kind",
    "entity",
];

fn lower_debug(value: impl std::fmt::Debug) -> String {
    format!("{value:?}").to_lowercase()
}

fn mention_cells(coded: &CodedArticle, m: &Mention) -> Vec<String> {
    let a = &m.actor;
    vec![
        coded.id.clone(),
        m.start.to_string(),
        m.end.to_string(),
        m.text.clone(),
        a.code.clone(),
        a.country.clone().unwrap_or_default(),
        a.org.clone().unwrap_or_default(),
        a.role.clone().unwrap_or_default(),
        a.name.clone().unwrap_or_default(),
        lower_debug(m.via),
        lower_debug(m.kind),
        m.entity.to_string(),
    ]
}

pub fn mention_csv_header() -> Vec<u8> {
    csv_lines([MENTION_COLUMNS])
}

/// `detente actors --format csv`: one mention per row.
pub fn mention_csv(coded: &CodedArticle) -> Vec<u8> {
    csv_lines(coded.mentions.iter().map(|m| mention_cells(coded, m)))
}

/// `detente actors --format jsonl`: one mention per line, with its article.
pub fn mention_jsonl(coded: &CodedArticle) -> Vec<u8> {
    let mut out = Vec::new();
    for m in &coded.mentions {
        let mut value = serde_json::to_value(m).expect("a mention serialises");
        value["article_id"] = serde_json::Value::from(coded.id.clone());
        serde_json::to_writer(&mut out, &value).expect("writing JSON to memory");
        out.push(b'\n');
    }
    out
}

const ENTITY_COLUMNS: &[&str] = &["article_id", "entity", "name", "kind", "code", "mentions", "texts"];

/// An entity's distinct mention texts, in order of first appearance.
fn entity_texts<'t>(coded: &'t CodedArticle, e: &detente_records::Entity) -> Vec<&'t str> {
    let text = coded.text.as_deref().unwrap_or("");
    let mut seen: Vec<&str> = Vec::new();
    for m in &e.mentions {
        if let Some(t) = text.get(m.start..m.end)
            && !seen.contains(&t)
        {
            seen.push(t);
        }
    }
    seen
}

pub fn entity_csv_header() -> Vec<u8> {
    csv_lines([ENTITY_COLUMNS])
}

/// `detente actors --entities --format csv`: one entity per row, its distinct mention texts joined by " | ".
pub fn entity_csv(coded: &CodedArticle) -> Vec<u8> {
    csv_lines(coded.entities.iter().map(|e| {
        vec![
            coded.id.clone(),
            e.id.to_string(),
            e.name.clone(),
            lower_debug(e.kind),
            e.actor.as_ref().map(|a| a.code.clone()).unwrap_or_default(),
            e.mentions.len().to_string(),
            entity_texts(coded, e).join(" | "),
        ]
    }))
}

/// `detente actors --entities --format jsonl`: one entity per line, with its article.
pub fn entity_jsonl(coded: &CodedArticle) -> Vec<u8> {
    let mut out = Vec::new();
    for e in &coded.entities {
        let mut value = serde_json::to_value(e).expect("an entity serialises");
        value["article_id"] = serde_json::Value::from(coded.id.clone());
        serde_json::to_writer(&mut out, &value).expect("writing JSON to memory");
        out.push(b'\n');
    }
    out
}

const QUOTE_COLUMNS: &[&str] = &[
    "article_id",
    "date",
    "kind",
    "start",
    "end",
    "text",
    "cue",
    "speaker_name",
    "speaker_code",
    "speaker_country",
    "speaker_org",
    "speaker_role",
];

fn quote_cells(coded: &CodedArticle, q: &Quote) -> Vec<String> {
    let s = q.speaker.clone().unwrap_or_default();
    vec![
        coded.id.clone(),
        coded.date.clone().unwrap_or_default(),
        lower_debug(q.kind),
        q.start.to_string(),
        q.end.to_string(),
        q.text.clone(),
        q.cue.clone().unwrap_or_default(),
        s.name.unwrap_or_default(),
        s.code.unwrap_or_default(),
        s.country.unwrap_or_default(),
        s.org.unwrap_or_default(),
        s.role.unwrap_or_default(),
    ]
}

pub fn quote_csv_header() -> Vec<u8> {
    csv_lines([QUOTE_COLUMNS])
}

/// `detente quotes FILE --format csv`: one quote per row.
pub fn quote_csv(coded: &CodedArticle) -> Vec<u8> {
    csv_lines(coded.quotes.iter().map(|q| quote_cells(coded, q)))
}

/// `detente quotes FILE --format jsonl`: one quote per line, with its article.
pub fn quote_jsonl(coded: &CodedArticle) -> Vec<u8> {
    let mut out = Vec::new();
    for q in &coded.quotes {
        let mut value = serde_json::to_value(q).expect("a quote serialises");
        value["article_id"] = serde_json::Value::from(coded.id.clone());
        value["date"] = serde_json::to_value(&coded.date).expect("a date serialises");
        serde_json::to_writer(&mut out, &value).expect("writing JSON to memory");
        out.push(b'\n');
    }
    out
}

/// A heading: bold and underlined in colour, underlined with dashes without.
pub fn heading(palette: Palette, text: &str) -> String {
    if palette.color {
        format!("\x1b[1;4m{text}\x1b[0m")
    } else {
        format!("{text}\n{}", "-".repeat(text.chars().count()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coded(url: Option<&str>) -> CodedArticle {
        let coder = detente_coder::Coder::builtin().expect("built-in dictionaries load");
        let article = detente_records::Article {
            id: "a1".into(),
            text: "Officials in Berlin said Germany would send aid to Poland. \"We will help,\" the minister said."
                .into(),
            date: Some("2024-05-06".into()),
            title: None,
            source: Some("wire".into()),
            url: url.map(str::to_string),
        };
        coder.code(&article)
    }

    #[test]
    fn jsonl_without_text_is_the_article_serialised_with_no_text() {
        for url in [None, Some("https://example.org/a1")] {
            let coded = coded(url);
            let mut copy = coded.clone();
            copy.text = None;
            let mut want = serde_json::to_vec(&copy).unwrap();
            want.push(b'\n');
            assert_eq!(
                String::from_utf8(jsonl(&coded, false)).unwrap(),
                String::from_utf8(want).unwrap()
            );
            let mut want = serde_json::to_vec(&coded).unwrap();
            want.push(b'\n');
            assert_eq!(jsonl(&coded, true), want);
        }
    }
}
