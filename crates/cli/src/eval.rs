//! `detente eval`: code a gold set and score it with the metrics of the acceptance scorer
//! (`shared/tools/score.py`), so the figures printed here are the figures the scorer gives for the same
//! predictions.
//!
//! The scorer is Python: it indexes strings by code point and judges values by truthiness. Where that
//! matters the port says so: `norm` folds like `unicodedata`/`str.lower`/`\s`, prefixes like `s[:40]`
//! count chars, snippet positions are converted to UTF-8 bytes (prediction spans are bytes) and PolNeAR
//! brat offsets stay in chars (prediction spans are converted to chars, the way the scorer does).
//! Matching is greedy in gold order, first candidate wins, as in the scorer.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::fail::usage;
use detente_records::{Actor, Article, CodedArticle, Speaker};
use serde::{Deserialize, Deserializer};
use unicode_normalization::UnicodeNormalization;

/// `detente eval --help`: what a gold file is.
pub const LONG_ABOUT: &str = "\
Score the coder on a gold file: the articles are coded and compared with what the gold says they hold.

A gold file is JSON Lines (or one JSON document): one object per article with
  id           the article's id (required)
  text         the article text (else from --articles, or X.articles.jsonl beside X.gold.jsonl)
  quotes       [{\"starts\": first words of the quoted content, \"speaker\": name or null,
                 \"speaker_entity\": country or org code}]
  events       [{\"sentence\": first words of the sentence (required), \"source\", \"target\": actor
                 codes, \"root\": CAMEO root (\"19\") or \"plover\": type (one is required),
                 \"negated\", \"factual\": true/false, \"alt_codes\": [roots]}]
  forbidden    [{\"sentence\": first words, \"root\": a root that must not be coded there (none: any
                 event)}]
  event_scope  \"all\" (events annotated in the whole text) or absent (first 8 sentences)
An article needs at least one of quotes, events or forbidden (an empty list is an annotation: none).
Files that are not gold (articles, detente output) are refused with exit status 2.
The full description, with an example: docs/eval-gold-format.md.";

/// `detente eval`: the scoring options and the coder's.
#[derive(clap::Args, Debug, Clone)]
pub struct EvalCmd {
    #[command(flatten)]
    pub eval: EvalArgs,
    #[command(flatten)]
    pub dictionaries: crate::args::DictionaryArg,
    #[command(flatten)]
    pub config: crate::args::ConfigArg,
}

/// What `detente eval` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    Quotes,
    Events,
    All,
}

#[derive(clap::Args, Debug, Clone)]
pub struct EvalArgs {
    /// Gold file (see above): news-dev.gold.jsonl, plover-gsr-dev.jsonl, a seed gold JSON ...
    #[arg(value_name = "GOLD")]
    pub gold: Option<PathBuf>,
    /// Articles to code (JSONL with id, text, ...) [default: the gold lines' own `text`, else GOLD with
    /// `.gold.jsonl` replaced by `.articles.jsonl`].
    #[arg(long, value_name = "FILE")]
    pub articles: Option<PathBuf>,
    /// PolNeAR split directory (text/, attributions/): score content and source spans instead.
    #[arg(long, value_name = "DIR")]
    pub polnear: Option<PathBuf>,
    /// What to score.
    #[arg(long, value_enum, default_value_t = Only::All)]
    pub only: Only,
    /// Print every miss (to work from).
    #[arg(long, short)]
    pub verbose: bool,
    /// Also write the predictions as JSONL here (to feed another scorer).
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// Classify every missed and extra event by the stage that lost it (no trigger; an actor missing; actors
    /// present but no event; wrong root, source or target; factuality), with counts; with -v, every case.
    #[arg(long)]
    pub by_cause: bool,
}

// ---------------------------------------------------------------------------------------------------
// Gold

/// The gold of one article: one line of a gold JSONL file.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldArticle {
    pub id: String,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// Sentences where no (factual) event of a root must be coded.
    #[serde(default)]
    pub forbidden: Vec<GoldForbidden>,
    /// `"all"`: events are annotated in the whole text; anything else: in the first 8 sentences only.
    #[serde(default)]
    pub event_scope: Option<String>,
    /// The article text, when the gold carries it (PLOVER sets).
    #[serde(default)]
    pub text: Option<String>,
}

/// A gold quote (`kind` and `cue` are in the files but not scored).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldQuote {
    /// The first words of the quoted content, as in the text.
    pub starts: String,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_entity: Option<String>,
}

/// A gold event (its `code` is in the files but only the root is scored).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// The first words of the sentence, as in the text.
    pub sentence: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub root: Option<String>,
    #[serde(default)]
    pub alt_codes: Vec<String>,
    /// PLOVER gold: `Some(..)` when the key is there (the event type is then compared instead of the
    /// CAMEO root); `Some(None)` for an explicit null, which matches nothing, as in the scorer.
    #[serde(default, deserialize_with = "present")]
    pub plover: Option<Option<String>>,
    #[serde(default, deserialize_with = "truthy")]
    pub negated: bool,
    #[serde(default = "yes", deserialize_with = "truthy")]
    pub factual: bool,
}

impl Default for GoldEvent {
    fn default() -> GoldEvent {
        GoldEvent {
            sentence: String::new(),
            source: None,
            target: None,
            root: None,
            alt_codes: Vec::new(),
            plover: None,
            negated: false,
            factual: true,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldForbidden {
    pub sentence: String,
    /// Only events of this root are forbidden there; none: any factual event.
    #[serde(default)]
    pub root: Option<String>,
    #[serde(default)]
    pub why: String,
}

fn yes() -> bool {
    true
}

/// A JSON value as Python's `bool()` sees it: the scorer tests `e.get("factual", True)` that way.
fn truthy<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    use serde_json::Value;
    Ok(match Value::deserialize(d)? {
        Value::Null => false,
        Value::Bool(b) => b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    })
}

/// Tells a present null (`Some(None)`) from a missing key (`None`, through `#[serde(default)]`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Parse gold: JSON Lines, or one JSON document (possibly pretty-printed), or several documents one after
/// the other. A later article with the same id replaces the earlier one in its place (as a dict does).
pub fn parse_gold(text: &str) -> Result<Vec<GoldArticle>> {
    let mut gold: Vec<GoldArticle> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (n, value) in serde_json::Deserializer::from_str(text)
        .into_iter::<serde_json::Value>()
        .enumerate()
    {
        let value = value.map_err(|e| usage(format!("gold document {}: not JSON: {e}", n + 1)))?;
        check_gold_document(&value).map_err(|why| usage(format!("gold document {}: {why}", n + 1)))?;
        let article: GoldArticle =
            serde_json::from_value(value).map_err(|e| usage(format!("gold document {}: {e}", n + 1)))?;
        match index.get(&article.id) {
            Some(&i) => gold[i] = article,
            None => {
                index.insert(article.id.clone(), gold.len());
                gold.push(article);
            }
        }
    }
    Ok(gold)
}

/// Why a JSON document is not the gold of an article (the checks serde's types do not make).
fn check_gold_document(value: &serde_json::Value) -> Result<(), String> {
    let Some(object) = value.as_object() else {
        return Err("not a JSON object (a gold article is {\"id\": ..., \"quotes\": [...], \"events\": [...]})".into());
    };
    if ["schema", "sentences", "mentions"]
        .iter()
        .any(|k| object.contains_key(*k))
    {
        return Err("this is coded output (detente code), not gold: see `detente eval --help`".into());
    }
    match object.get("id") {
        Some(serde_json::Value::String(id)) if !id.is_empty() => {}
        _ => return Err("no \"id\": every gold article names the article it annotates".into()),
    }
    if let Some(serde_json::Value::Array(events)) = object.get("events") {
        for (i, event) in events.iter().enumerate() {
            let has = |key: &str| event.get(key).is_some_and(|v| !v.is_null());
            // A PLOVER event may name its type null (it then matches nothing, as in the scorer).
            if !has("root") && event.get("plover").is_none() {
                return Err(format!(
                    "event {}: no \"root\" (CAMEO root such as \"19\") or \"plover\" (event type): it could \
                     never match",
                    i + 1
                ));
            }
        }
    }
    if !["quotes", "events", "forbidden"]
        .iter()
        .any(|k| object.contains_key(*k))
    {
        return Err(
            "no \"quotes\", \"events\" or \"forbidden\": an article without annotations is not gold (to code \
             articles, give them with --articles)"
                .into(),
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// Text folding, as the scorer does it

const QUOTE_CHARS: &[char] = &['“', '”', '„', '‟', '«', '»', '"', '\'', '‘', '’', '‚', '‛'];

/// Python's `str.isspace()` (what `\s` and `str.strip()` use): Unicode White_Space plus the ASCII
/// information separators U+001C..U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The scorer's `norm`: NFKC, quotation marks dropped, em and en dashes to spaces, lower case, white
/// space collapsed and trimmed.
pub fn norm(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .filter(|c| !QUOTE_CHARS.contains(c))
        .map(|c| if c == '—' || c == '–' { ' ' } else { c })
        .collect();
    // Whole-string lower-casing: final sigma depends on context, as in Python.
    let lower = folded.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut gap = false;
    for c in lower.chars() {
        if py_space(c) {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

/// The first `n` chars of `s` (Python's `s[:n]`).
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Python's `repr()` of a string (or `None`), for miss messages.
fn py_repr(s: Option<&str>) -> String {
    let Some(s) = s else { return "None".into() };
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !py_printable(c) => {
                let n = c as u32;
                let _ = match n {
                    0..0x100 => write!(out, "\\x{n:02x}"),
                    0x100..0x10000 => write!(out, "\\u{n:04x}"),
                    _ => write!(out, "\\U{n:08x}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one char, close enough for messages: control, separator and
/// format characters and private use are not printable (the space is).
fn py_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x180e | 0x200b..=0x200f | 0x202a..=0x202e
        | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff | 0xfff9..=0xfffb | 0xe000..=0xf8ff | 0xf0000..)
}

/// Python's `str(x)` of an optional string in an f-string.
fn py_str(s: Option<&str>) -> &str {
    s.unwrap_or("None")
}

/// `a or b`: the first non-empty one.
fn or<'a>(a: Option<&'a str>, b: &'a str) -> &'a str {
    match a {
        Some(a) if !a.is_empty() => a,
        _ => b,
    }
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// A speaker matches when the gold name and the predicted name share their last word (folded), when
/// one's words contain the other's (the predicted words only count when more than one), or are equal.
pub fn surname_match(gold: &str, pred: &str) -> bool {
    let (g, p) = (norm(gold), norm(pred));
    if g.is_empty() || p.is_empty() {
        return false;
    }
    let gw: Vec<&str> = g.split(' ').collect();
    let pw: Vec<&str> = p.split(' ').collect();
    let gs: HashSet<&str> = gw.iter().copied().collect();
    let ps: HashSet<&str> = pw.iter().copied().collect();
    if gs.is_subset(&ps) || (ps.is_subset(&gs) && pw.len() > 1) {
        return true;
    }
    gw.last() == pw.last()
}

/// CAMEO role suffixes: `RUSGOV` matches any actor of country RUS.
const ROLES: &[&str] = &[
    "GOV", "MIL", "OPP", "REB", "LEG", "JUD", "COP", "CVL", "MED", "BUS", "PTY", "INS", "SPY", "EDU", "LAB", "REF",
    "HLH", "CRM", "IGO", "NGO", "ELI", "AGR", "ENV", "MOD", "RAD", "SEP", "UAF",
];

/// The actor fields the scorer compares: from an event's [`Actor`] or a quote's [`Speaker`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ActorFields<'a> {
    pub code: Option<&'a str>,
    pub country: Option<&'a str>,
    pub org: Option<&'a str>,
}

impl<'a> From<&'a Actor> for ActorFields<'a> {
    fn from(a: &'a Actor) -> Self {
        ActorFields {
            code: Some(&a.code),
            country: a.country.as_deref(),
            org: a.org.as_deref(),
        }
    }
}

impl<'a> From<&'a Speaker> for ActorFields<'a> {
    fn from(s: &'a Speaker) -> Self {
        ActorFields {
            code: s.code.as_deref(),
            country: s.country.as_deref(),
            org: s.org.as_deref(),
        }
    }
}

/// gold: `RUS`, `RUSGOV`, `NATO`, `WST`; the actor matches when its country or organisation is the gold
/// head (the gold without a role suffix) or its code starts with the gold. Roles are not compared.
pub fn entity_match(gold: &str, actor: Option<ActorFields>) -> bool {
    let Some(actor) = actor else { return false };
    if gold.is_empty() {
        return false;
    }
    let code = actor.code.unwrap_or("").to_uppercase();
    let country = actor.country.unwrap_or("").to_uppercase();
    let org = actor.org.unwrap_or("").to_uppercase();
    let g = gold.to_uppercase();
    let head3 = prefix(&g, 3);
    let head = if g.chars().count() == 6 && ROLES.contains(&&g[head3.len()..]) {
        head3
    } else {
        &g
    };
    head == country || head == org || code.starts_with(&g)
}

/// Overlap of two half-open ranges (0 when either is missing).
fn overlap<T: Ord + Copy + std::ops::Sub<Output = T> + Default>(a: Option<(T, T)>, b: Option<(T, T)>) -> T {
    let (Some(a), Some(b)) = (a, b) else {
        return T::default();
    };
    let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
    if hi > lo { hi - lo } else { T::default() }
}

/// Byte offset where the `n`-th sentence ends by the scorer's plain splitter
/// `(?<=[.!?])["”’)]*\s+(?=["“‘(]?[A-Z0-9])`, or the text length when there are fewer sentence ends.
/// (The scorer returns chars and converts them to bytes; this gives the bytes directly.)
pub fn lead_end(text: &str, n: usize) -> usize {
    let mut found = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // A match attempt just after the sentence mark. Both runs are maximal: the closing marks are not
        // space, and a shorter space run would leave a space for the look-ahead.
        let mut look = chars.clone();
        while look.next_if(|&(_, c)| matches!(c, '"' | '”' | '’' | ')')).is_some() {}
        let mut spaces = 0;
        while look.next_if(|&(_, c)| py_space(c)).is_some() {
            spaces += 1;
        }
        if spaces == 0 {
            continue;
        }
        let end = look.peek().map_or(text.len(), |&(i, _)| i);
        let upper = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit();
        let mut ahead = look.clone().map(|(_, c)| c);
        let ok = match ahead.next() {
            Some(c) if upper(c) => true,
            Some('"' | '“' | '‘' | '(') => ahead.next().is_some_and(upper),
            _ => false,
        };
        if ok {
            found += 1;
            if found >= n {
                return end;
            }
            chars = look;
        }
    }
    text.len()
}

// ---------------------------------------------------------------------------------------------------
// Scores

/// Precision, recall and F1 as the scorer computes them (same float operations).
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let (tp, fp, fn_) = (tp as f64, fp as f64, fn_ as f64);
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

fn ratio(ok: usize, n: usize) -> f64 {
    if n > 0 { ok as f64 / n as f64 } else { 0.0 }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteScores {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub speaker_ok: usize,
    pub speaker_n: usize,
    pub entity_ok: usize,
    pub entity_n: usize,
    pub misses: Vec<String>,
}

impl QuoteScores {
    pub fn f1(&self) -> f64 {
        prf(self.tp, self.fp, self.fn_).2
    }
    pub fn speaker_acc(&self) -> f64 {
        ratio(self.speaker_ok, self.speaker_n)
    }
    /// The scorer's summary line.
    pub fn line(&self) -> String {
        let (p, r, f) = prf(self.tp, self.fp, self.fn_);
        format!(
            "quotes: P={p:.3} R={r:.3} F1={f:.3} (tp={} fp={} fn={}); speaker {}/{} = {:.3}; speaker entity {}/{} = {:.3}",
            self.tp,
            self.fp,
            self.fn_,
            self.speaker_ok,
            self.speaker_n,
            self.speaker_acc(),
            self.entity_ok,
            self.entity_n,
            ratio(self.entity_ok, self.entity_n)
        )
    }
    pub fn figures(&self) -> String {
        format!("quote_f1={:.3} speaker_acc={:.3}", self.f1(), self.speaker_acc())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventScores {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub forbidden_hits: usize,
    pub misses: Vec<String>,
}

impl EventScores {
    pub fn f1(&self) -> f64 {
        prf(self.tp, self.fp, self.fn_).2
    }
    pub fn line(&self) -> String {
        let (p, r, f) = prf(self.tp, self.fp, self.fn_);
        format!(
            "events: P={p:.3} R={r:.3} F1={f:.3} (tp={} fp={} fn={}); forbidden hits {}",
            self.tp, self.fp, self.fn_, self.forbidden_hits
        )
    }
    pub fn figures(&self) -> String {
        format!("event_f1={:.3} forbidden={}", self.f1(), self.forbidden_hits)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolnearScores {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub source_ok: usize,
    pub source_n: usize,
    /// Missed content spans and unmatched predicted quotes (not in the scorer, which prints none).
    pub misses: Vec<String>,
}

impl PolnearScores {
    pub fn f1(&self) -> f64 {
        prf(self.tp, self.fp, self.fn_).2
    }
    pub fn source_acc(&self) -> f64 {
        ratio(self.source_ok, self.source_n)
    }
    /// The scorer's three lines (the last is the compact one).
    pub fn lines(&self) -> [String; 3] {
        let (p, r, _) = prf(self.tp, self.fp, self.fn_);
        let f = self.f1();
        [
            format!(
                "polnear content: P={p:.3} R={r:.3} F1={f:.3} (tp={} fp={} fn={})",
                self.tp, self.fp, self.fn_
            ),
            format!(
                "polnear source given content: {}/{} = {:.3}",
                self.source_ok,
                self.source_n,
                self.source_acc()
            ),
            format!("content_f1={f:.3} source_acc={:.3}", self.source_acc()),
        ]
    }
}

/// Predictions by id; a later one with the same id wins (as in the scorer's dict).
fn by_id(pred: &[CodedArticle]) -> HashMap<&str, &CodedArticle> {
    pred.iter().map(|p| (p.id.as_str(), p)).collect()
}

/// Quote recall/precision/F1 and speaker accuracy: a gold quote is found by the first unused predicted
/// quote whose folded text contains the first 40 folded chars of the gold `starts`.
pub fn score_quotes(gold: &[GoldArticle], pred: &[CodedArticle]) -> QuoteScores {
    let pred = by_id(pred);
    let mut s = QuoteScores::default();
    for g in &gold_articles(gold) {
        let aid = &g.id;
        let pq = pred.get(aid.as_str()).map_or(&[][..], |p| &p.quotes[..]);
        let folded: Vec<String> = pq.iter().map(|q| norm(&q.text)).collect();
        let mut used = vec![false; pq.len()];
        for q in &g.quotes {
            let key_full = norm(&q.starts);
            let key = prefix(&key_full, 40);
            let hit = (0..pq.len()).find(|&i| !used[i] && !key.is_empty() && folded[i].contains(key));
            let Some(hit) = hit else {
                s.fn_ += 1;
                s.misses
                    .push(format!("{aid}: missed quote «{}»", prefix(&q.starts, 50)));
                continue;
            };
            used[hit] = true;
            s.tp += 1;
            let sp = pq[hit].speaker.as_ref();
            if let Some(speaker) = nonempty(&q.speaker) {
                s.speaker_n += 1;
                let name = or(sp.and_then(|sp| sp.name.as_deref()), "");
                if surname_match(speaker, name) {
                    s.speaker_ok += 1;
                } else {
                    s.misses.push(format!(
                        "{aid}: speaker of «{}» is {}, got {}",
                        prefix(&q.starts, 40),
                        py_repr(Some(speaker)),
                        py_repr(sp.and_then(|sp| sp.name.as_deref()))
                    ));
                }
            }
            if let Some(entity) = nonempty(&q.speaker_entity) {
                s.entity_n += 1;
                if entity_match(entity, sp.map(ActorFields::from)) {
                    s.entity_ok += 1;
                }
            }
        }
        // Predicted quotes that match no gold quote: false positives (the gold lists every quote).
        s.fp += used.iter().filter(|&&u| !u).count();
    }
    s
}

/// Gold articles deduplicated by id the way the scorer's dict does it (first place, last content), for
/// callers that hand in a raw list.
fn gold_articles(gold: &[GoldArticle]) -> Vec<&GoldArticle> {
    let mut out: Vec<&GoldArticle> = Vec::with_capacity(gold.len());
    let mut index: HashMap<&str, usize> = HashMap::new();
    for g in gold {
        match index.get(g.id.as_str()) {
            Some(&i) => out[i] = g,
            None => {
                index.insert(&g.id, out.len());
                out.push(g);
            }
        }
    }
    out
}

/// The CAMEO root of a predicted event: its `root`, else the first two chars of its code.
fn pred_root(e: &detente_records::Event) -> &str {
    if e.root.is_empty() { prefix(&e.code, 2) } else { &e.root }
}

/// Event P/R/F1 at (sentence, source, target, root or PLOVER type), with non-factual gold and forbidden
/// sentences counted as false positives when coded as factual.
pub fn score_events(gold: &[GoldArticle], pred: &[CodedArticle]) -> EventScores {
    let pred = by_id(pred);
    let mut s = EventScores::default();
    for g in &gold_articles(gold) {
        let aid = &g.id;
        let p = pred.get(aid.as_str()).copied();
        let text = or(p.and_then(|p| p.text.as_deref()), g.text.as_deref().unwrap_or(""));
        let sents = p.map_or(&[][..], |p| &p.sentences[..]);
        let scope = if g.event_scope.as_deref() == Some("all") {
            text.len()
        } else {
            lead_end(text, 8)
        };

        // (byte range of the predicted sentence, event)
        let preds: Vec<((usize, usize), &detente_records::Event)> = p
            .map_or(&[][..], |p| &p.events[..])
            .iter()
            .filter_map(|e| {
                let sent = sents.get(e.sentence)?;
                (sent.start < scope).then_some(((sent.start, sent.end), e))
            })
            .collect();
        let factual = |e: &detente_records::Event| e.factual && !e.negated;
        let place = |snippet: &str| text.find(snippet).map(|b| (b, b + snippet.len()));
        let inside = |rng: (usize, usize), want: Option<(usize, usize)>| overlap(Some(rng), want) > 0;

        let mut used = vec![false; preds.len()];
        for ge in &g.events {
            let want = place(&ge.sentence);
            let roots: Vec<&str> = match &ge.plover {
                Some(_) => Vec::new(),
                None => std::iter::once(ge.root.as_deref().unwrap_or(""))
                    .chain(ge.alt_codes.iter().map(|c| prefix(c, 2)))
                    .collect(),
            };
            let same_kind = |e: &detente_records::Event| match &ge.plover {
                Some(want) => want.as_deref() == Some(e.plover.as_deref().unwrap_or("").to_uppercase().as_str()),
                None => roots.contains(&pred_root(e)),
            };
            let hit = preds.iter().enumerate().position(|(i, &(rng, e))| {
                !used[i]
                    && inside(rng, want)
                    && same_kind(e)
                    && nonempty(&ge.source).is_none_or(|src| entity_match(src, Some((&e.source).into())))
                    && nonempty(&ge.target).is_none_or(|tgt| entity_match(tgt, e.target.as_ref().map(Into::into)))
            });
            let gold_factual = ge.factual && !ge.negated;
            let kind = or(
                ge.root.as_deref(),
                py_str(ge.plover.as_ref().map(|p| py_str(p.as_deref()))),
            );
            match hit {
                Some(i) => {
                    used[i] = true;
                    let pred_factual = factual(preds[i].1);
                    if gold_factual && pred_factual {
                        s.tp += 1;
                    } else if gold_factual {
                        s.fn_ += 1;
                        s.misses.push(format!(
                            "{aid}: found but marked non-factual/negated: {} {kind}",
                            prefix(&ge.sentence, 40)
                        ));
                    } else if pred_factual {
                        s.fp += 1;
                        s.forbidden_hits += 1;
                        s.misses.push(format!(
                            "{aid}: coded a non-factual/negated event as factual: {} {kind}",
                            prefix(&ge.sentence, 40)
                        ));
                    }
                }
                None if gold_factual => {
                    s.fn_ += 1;
                    s.misses.push(format!(
                        "{aid}: missed {}->{} {kind} in «{}»",
                        py_str(ge.source.as_deref()),
                        py_str(ge.target.as_deref()),
                        prefix(&ge.sentence, 40)
                    ));
                }
                None => {}
            }
        }
        for fb in &g.forbidden {
            let want = place(&fb.sentence);
            for (i, &(rng, e)) in preds.iter().enumerate() {
                // Already matched predictions count again here, as in the scorer.
                if inside(rng, want) && nonempty(&fb.root).is_none_or(|r| pred_root(e) == r) && factual(e) {
                    s.forbidden_hits += 1;
                    used[i] = true;
                    s.fp += 1;
                    s.misses.push(format!(
                        "{aid}: forbidden event in «{}»: {}",
                        prefix(&fb.sentence, 40),
                        fb.why
                    ));
                }
            }
        }
        s.fp += preds
            .iter()
            .zip(&used)
            .filter(|&(&(_, e), &u)| !u && factual(e))
            .count();
    }
    s
}

// ---------------------------------------------------------------------------------------------------
// PolNeAR

/// One gold attribution of a PolNeAR article: char ranges of the content and of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub content: (i64, i64),
    pub source: Option<(i64, i64)>,
}

/// One PolNeAR article: its text (as Python reads it: universal newlines) and the first annotator's
/// attributions.
#[derive(Debug, Clone)]
pub struct PolnearDoc {
    pub id: String,
    pub text: String,
    pub gold: Vec<Attribution>,
}

/// Python's text-mode reading: `\r\n` and `\r` become `\n`.
fn universal_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Attributions (events with a Content argument) of a brat `.ann` file.
pub fn read_brat(ann: &str) -> Result<Vec<Attribution>> {
    let ann = universal_newlines(ann.to_string());
    let mut spans: HashMap<&str, (i64, i64)> = HashMap::new();
    let mut rels: Vec<HashMap<&str, &str>> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let parts: Vec<&str> = line.split('\t').collect();
        if line.starts_with('T') && parts.len() >= 2 {
            let mut words = parts[1].split(' ');
            let _kind = words.next();
            let offsets = words.collect::<Vec<_>>().join(" ");
            let frags: Vec<&str> = offsets.split(';').collect();
            let number = |s: Option<&str>| -> Result<i64> {
                let s = s.with_context(|| format!("line {}: no offset", n + 1))?;
                s.parse().with_context(|| format!("line {}: bad offset {s:?}", n + 1))
            };
            let start = number(frags[0].split_whitespace().next())?;
            let end = number(frags[frags.len() - 1].split_whitespace().last())?;
            spans.insert(parts[0], (start, end));
        } else if line.starts_with('E') && parts.len() >= 2 {
            let mut rel = HashMap::new();
            for arg in parts[1].split(' ').filter(|a| a.contains(':')) {
                let kv: Vec<&str> = arg.split(':').collect();
                if kv.len() != 2 {
                    bail!("line {}: bad argument {arg:?}", n + 1);
                }
                rel.insert(kv[0], kv[1]);
            }
            rels.push(rel);
        }
    }
    Ok(rels
        .iter()
        .filter_map(|r| {
            let content = *spans.get(r.get("Content")?)?;
            let source = r.get("Source").and_then(|s| spans.get(s)).copied();
            Some(Attribution { content, source })
        })
        .collect())
}

/// The articles of a PolNeAR split that have an annotation (the first annotator's, by sorted name).
pub fn read_polnear(dir: &Path) -> Result<Vec<PolnearDoc>> {
    let list = |sub: &str| -> Result<Vec<String>> {
        let path = dir.join(sub);
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&path).with_context(|| format!("reading {}", path.display()))? {
            names.push(entry?.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    };
    let anns = list("attributions")?;
    let mut docs = Vec::new();
    for name in list("text")? {
        let id = name
            .char_indices()
            .rev()
            .nth(3)
            .map_or("", |(i, _)| &name[..i])
            .to_string();
        let stem = format!("{id}_");
        let Some(ann) = anns.iter().find(|a| a.starts_with(&stem) && a.ends_with(".ann")) else {
            continue;
        };
        let text_path = dir.join("text").join(&name);
        let text = std::fs::read_to_string(&text_path).with_context(|| format!("reading {}", text_path.display()))?;
        let ann_path = dir.join("attributions").join(ann);
        let ann_text = std::fs::read_to_string(&ann_path).with_context(|| format!("reading {}", ann_path.display()))?;
        let gold = read_brat(&ann_text).with_context(|| format!("in {}", ann_path.display()))?;
        docs.push(PolnearDoc {
            id,
            text: universal_newlines(text),
            gold,
        });
    }
    Ok(docs)
}

/// Byte offset → char offset, as the scorer maps prediction spans: offsets that are not on a char
/// boundary map to `default`.
struct ByteToChar {
    table: Vec<u32>,
}

impl ByteToChar {
    const NONE: u32 = u32::MAX;
    fn new(text: &str) -> ByteToChar {
        let mut table = vec![Self::NONE; text.len() + 1];
        let mut chars = 0;
        for (i, _) in text.char_indices() {
            table[i] = chars;
            chars += 1;
        }
        table[text.len()] = chars;
        ByteToChar { table }
    }
    fn get(&self, byte: usize, default: i64) -> i64 {
        match self.table.get(byte) {
            Some(&c) if c != Self::NONE => c as i64,
            _ => default,
        }
    }
    fn span(&self, start: usize, end: usize) -> (i64, i64) {
        let len = *self.table.last().unwrap_or(&0) as i64;
        (self.get(start, 0), self.get(end, len))
    }
}

/// Content F1 (a gold content is found by the unused predicted quote overlapping it most, when the
/// overlap covers at least half of it) and source accuracy (the speaker mention overlaps the source).
pub fn score_polnear(docs: &[PolnearDoc], pred: &[CodedArticle]) -> PolnearScores {
    let pred = by_id(pred);
    let mut s = PolnearScores::default();
    for doc in docs {
        let quotes = pred.get(doc.id.as_str()).map_or(&[][..], |p| &p.quotes[..]);
        let b2c = ByteToChar::new(&doc.text);
        let pq: Vec<((i64, i64), &detente_records::Quote)> =
            quotes.iter().map(|q| (b2c.span(q.start, q.end), q)).collect();
        let mut used = vec![false; pq.len()];
        for g in &doc.gold {
            let gc = g.content;
            let mut best = (0, None);
            for (i, &(span, _)) in pq.iter().enumerate() {
                let ov = overlap(Some(gc), Some(span));
                if !used[i] && ov > best.0 {
                    best = (ov, Some(i));
                }
            }
            match best {
                (ov, Some(i)) if 2 * ov >= gc.1 - gc.0 => {
                    used[i] = true;
                    s.tp += 1;
                    if let Some(source) = g.source {
                        s.source_n += 1;
                        let mention = pq[i].1.speaker.as_ref().and_then(|sp| sp.mention);
                        if mention.is_some_and(|m| overlap(Some(source), Some(b2c.span(m.start, m.end))) > 0) {
                            s.source_ok += 1;
                        } else {
                            s.misses.push(format!(
                                "{}: source of «{}» is «{}»",
                                doc.id,
                                char_slice(&doc.text, gc, 40),
                                char_slice(&doc.text, source, 40)
                            ));
                        }
                    }
                }
                _ => {
                    s.fn_ += 1;
                    s.misses.push(format!(
                        "{}: missed content «{}»",
                        doc.id,
                        char_slice(&doc.text, gc, 50)
                    ));
                }
            }
        }
        for (&(_, q), _) in pq.iter().zip(&used).filter(|(_, u)| !**u) {
            s.misses
                .push(format!("{}: unmatched quote «{}»", doc.id, prefix(&q.text, 50)));
        }
        s.fp += used.iter().filter(|&&u| !u).count();
    }
    s
}

/// Up to `max` chars of the char range `span` of `text` (for messages).
fn char_slice(text: &str, span: (i64, i64), max: usize) -> String {
    let start = span.0.max(0) as usize;
    let len = (span.1 - span.0).max(0) as usize;
    text.chars().skip(start).take(len.min(max)).collect()
}

// ---------------------------------------------------------------------------------------------------
// The command

/// Read articles from JSON Lines (`{id, text, source?, date?, title?, url?}`).
fn read_articles(path: &Path) -> Result<Vec<Article>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::Deserializer::from_str(&text)
        .into_iter::<Article>()
        .enumerate()
        .map(|(n, a)| a.with_context(|| format!("{}: article {}", path.display(), n + 1)))
        .collect()
}

/// The articles for the gold: `--articles`, else the gold's own text, else the sibling articles file
/// (`X.gold.jsonl` → `X.articles.jsonl`) or text (`X.gold.json` → `X.txt`, id `X`).
fn articles_for(gold_path: &Path, gold: &[GoldArticle], explicit: Option<&Path>) -> Result<Vec<Article>> {
    let mut pool: HashMap<String, Article> = HashMap::new();
    if let Some(path) = explicit {
        pool.extend(read_articles(path)?.into_iter().map(|a| (a.id.clone(), a)));
    } else if gold.iter().any(|g| g.text.is_none()) {
        let name = gold_path.to_string_lossy();
        if let Some(base) = name.strip_suffix(".gold.jsonl") {
            let path = PathBuf::from(format!("{base}.articles.jsonl"));
            if path.exists() {
                pool.extend(read_articles(&path)?.into_iter().map(|a| (a.id.clone(), a)));
            }
        } else if let Some(base) = name.strip_suffix(".gold.json") {
            let path = PathBuf::from(format!("{base}.txt"));
            if path.exists() {
                let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                pool.insert(
                    id.clone(),
                    Article {
                        id,
                        text,
                        ..Article::default()
                    },
                );
            }
        }
    }
    let mut articles = Vec::with_capacity(gold.len());
    let mut missing = Vec::new();
    for g in gold {
        if let Some(a) = pool.remove(&g.id) {
            articles.push(a);
        } else if let Some(text) = &g.text {
            articles.push(Article {
                id: g.id.clone(),
                text: text.clone(),
                ..Article::default()
            });
        } else {
            missing.push(g.id.as_str());
        }
    }
    if !missing.is_empty() {
        eprintln!(
            "detente eval: no text for {} gold article(s) (scored as all missed): {}",
            missing.len(),
            missing.join(", ")
        );
    }
    Ok(articles)
}

fn write_predictions(path: &Path, pred: &[CodedArticle]) -> Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for p in pred {
        serde_json::to_writer(&mut out, p)?;
        out.write_all(b"\n")?;
    }
    out.flush().with_context(|| format!("writing {}", path.display()))
}

/// The report for a gold set: the scorer's summary lines, its compact line, then (verbose) the misses.
fn gold_report(gold: &[GoldArticle], pred: &[CodedArticle], only: Only, verbose: bool) -> String {
    let mut lines = Vec::new();
    let mut figures = Vec::new();
    let mut misses = Vec::new();
    if only != Only::Events {
        let q = score_quotes(gold, pred);
        lines.push(q.line());
        figures.push(q.figures());
        misses.push(("quote misses", q.misses));
    }
    if only != Only::Quotes {
        let e = score_events(gold, pred);
        lines.push(e.line());
        figures.push(e.figures());
        misses.push(("event misses", e.misses));
    }
    lines.push(figures.join(" "));
    if verbose {
        for (title, list) in misses {
            lines.push(format!("{title} ({}):", list.len()));
            lines.extend(list.iter().map(|m| format!("  {m}")));
        }
    }
    lines.join("\n") + "\n"
}

fn polnear_report(scores: &PolnearScores, verbose: bool) -> String {
    let mut lines = scores.lines().to_vec();
    if verbose {
        lines.push(format!("polnear misses ({}):", scores.misses.len()));
        lines.extend(scores.misses.iter().map(|m| format!("  {m}")));
    }
    lines.join("\n") + "\n"
}

/// `detente eval`: code the articles of a gold set (or a PolNeAR split) with `code` and print the scores.
/// `detente eval` as the command line gives it.
pub fn run_cmd(cmd: &EvalCmd) -> Result<ExitCode> {
    let settings = crate::args::settings(&cmd.config, Some(&cmd.dictionaries), None, None)?;
    let (coder, _) = settings.coder()?;
    // The triggers of each sentence, from the event stage's explanation: what --by-cause needs to tell "no
    // trigger" from the other causes.
    let triggers = |a: &CodedArticle| -> Vec<usize> {
        let text = a.text.as_deref().unwrap_or("");
        let quotes = &a.quotes;
        let explanation = coder
            .events
            .explain(text, &a.sentences, &a.mentions, quotes, a.date.as_deref());
        let mut counts = vec![0; a.sentences.len()];
        for s in explanation.sentences {
            if let Some(c) = counts.get_mut(s.index) {
                *c = s.triggers.len();
            }
        }
        counts
    };
    run(&cmd.eval, &|article| coder.code(article), Some(&triggers))
}

/// The lexicon triggers per sentence of a coded article.
type TriggersOf<'a> = &'a dyn Fn(&CodedArticle) -> Vec<usize>;

/// Scores with `code`; `triggers` (the lexicon triggers per sentence of a coded article) enables --by-cause.
pub fn run(args: &EvalArgs, code: &dyn Fn(&Article) -> CodedArticle, triggers: Option<TriggersOf>) -> Result<ExitCode> {
    let only = args.only;
    let report = match (&args.gold, &args.polnear) {
        (Some(_), Some(_)) => return Err(usage("give either a GOLD file or --polnear DIR, not both")),
        (None, None) => return Err(usage("nothing to score: give a GOLD file or --polnear DIR")),
        (None, Some(dir)) => {
            let docs = read_polnear(dir)?;
            let pred: Vec<CodedArticle> = docs
                .iter()
                .map(|d| {
                    code(&Article {
                        id: d.id.clone(),
                        text: d.text.clone(),
                        ..Article::default()
                    })
                })
                .collect();
            if let Some(path) = &args.predictions {
                write_predictions(path, &pred)?;
            }
            polnear_report(&score_polnear(&docs, &pred), args.verbose)
        }
        (Some(gold_path), None) => {
            let text =
                std::fs::read_to_string(gold_path).with_context(|| format!("reading {}", gold_path.display()))?;
            let gold = parse_gold(&text).with_context(|| format!("{}", gold_path.display()))?;
            if gold.is_empty() {
                return Err(usage(format!("{}: no gold articles in it", gold_path.display())));
            }
            let articles = articles_for(gold_path, &gold, args.articles.as_deref())?;
            let pred: Vec<CodedArticle> = articles.iter().map(code).collect();
            if let Some(path) = &args.predictions {
                write_predictions(path, &pred)?;
            }
            let mut report = gold_report(&gold, &pred, only, args.verbose);
            if args.by_cause {
                let Some(triggers) = triggers else {
                    return Err(usage("--by-cause needs the coder's explanations"));
                };
                report.push_str(&crate::causes::classify(&gold, &pred, triggers).report(args.verbose));
            }
            report
        }
    };
    let mut out = crate::output::stdout();
    out.write_all(report.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------------

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use detente_records::{Event, Quote, QuoteKind, SCHEMA_VERSION, Sentence, Span, Trigger};

    fn actor(code: &str, country: Option<&str>, org: Option<&str>) -> Actor {
        Actor {
            code: code.into(),
            country: country.map(Into::into),
            org: org.map(Into::into),
            ..Actor::default()
        }
    }

    fn coded(id: &str, text: &str) -> CodedArticle {
        CodedArticle {
            schema: SCHEMA_VERSION,
            id: id.into(),
            source: None,
            date: None,
            title: None,
            url: None,
            text: Some(text.into()),
            sentences: Vec::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            entities: Vec::new(),
        }
    }

    /// A predicted quote on the first occurrence of `content`, said by `name` of `country`.
    fn quote(text: &str, content: &str, name: Option<&str>, country: Option<&str>) -> Quote {
        let start = text.find(content).expect("content in text");
        let mention = name.and_then(|n| text.find(n).map(|s| Span::new(s, s + n.len())));
        Quote {
            kind: QuoteKind::Direct,
            start,
            end: start + content.len(),
            text: content.into(),
            cue: Some("said".into()),
            cue_span: None,
            speaker: Some(Speaker {
                name: name.map(Into::into),
                mention,
                code: country.map(|c| format!("{c}GOV")),
                country: country.map(Into::into),
                ..Speaker::default()
            }),
        }
    }

    /// A factual coded event with no span (shared with the --by-cause tests).
    pub(crate) fn event(sentence: usize, source: Actor, target: Option<Actor>, code: &str) -> Event {
        Event {
            sentence,
            source,
            target,
            code: code.into(),
            root: code[..2].into(),
            name: String::new(),
            goldstein: 0.0,
            quad_class: 1,
            plover: None,
            negated: false,
            factual: true,
            quote: None,
            location: None,
            trigger: Trigger {
                start: 0,
                end: 0,
                text: String::new(),
            },
            rule: "test".into(),
        }
    }

    /// Sentences split at ". " (test texts are written that way).
    fn sentences(text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            out.push(Sentence {
                start,
                end: i + 1,
                boilerplate: false,
                paragraph: 0,
            });
            start = i + 2;
        }
        out.push(Sentence {
            start,
            end: text.len(),
            boilerplate: false,
            paragraph: 0,
        });
        out
    }

    fn gold_event(sentence: &str, source: &str, target: Option<&str>, root: &str) -> GoldEvent {
        GoldEvent {
            sentence: sentence.into(),
            source: Some(source.into()),
            target: target.map(Into::into),
            root: Some(root.into()),
            ..GoldEvent::default()
        }
    }

    #[test]
    fn norm_folds_like_the_scorer() {
        assert_eq!(norm("  “Hello”  —  WORLD\u{a0}isn’t\t\nit "), "hello world isnt it");
        assert_eq!(norm("ﬁne – ＡＢＣ"), "fine abc"); // NFKC: ligature and full-width letters
        assert_eq!(norm("ΟΔΟΣ"), "οδος"); // final sigma, as Python's str.lower
        assert_eq!(norm("a\u{1f}b"), "a b"); // Python counts U+001F as white space
        assert_eq!(norm(""), "");
        assert_eq!(prefix("héllo", 2), "hé");
        assert_eq!(prefix("hé", 5), "hé");
    }

    #[test]
    fn py_repr_quotes_like_python() {
        assert_eq!(py_repr(None), "None");
        assert_eq!(py_repr(Some("Ann Lee")), "'Ann Lee'");
        assert_eq!(py_repr(Some("the ministry's aide")), "\"the ministry's aide\"");
        assert_eq!(py_repr(Some("it's \"x\"")), "'it\\'s \"x\"'");
        assert_eq!(py_repr(Some("a\u{a0}b\n")), "'a\\xa0b\\n'");
    }

    #[test]
    fn surname_and_entity_matching() {
        assert!(surname_match("Maria Kowalska", "Kowalska"));
        assert!(surname_match("Maria Kowalska", "Ms. Maria Kowalska"));
        assert!(surname_match("the foreign ministry", "Foreign Ministry"));
        assert!(!surname_match("Maria Kowalska", "Maria"));
        assert!(!surname_match("Maria Kowalska", ""));
        // The predicted words inside the gold words count only when there are several of them.
        assert!(surname_match("Jan de Vries jr", "Jan Vries"));
        assert!(!surname_match("Jan de Vries jr", "Jan"));

        let rus_gov = actor("RUSGOV", Some("RUS"), None);
        assert!(entity_match("RUS", Some((&rus_gov).into())));
        assert!(entity_match("rusmil", Some((&rus_gov).into()))); // role suffix ignored
        assert!(entity_match("RUSG", Some((&rus_gov).into()))); // code prefix
        assert!(!entity_match("UKR", Some((&rus_gov).into())));
        assert!(!entity_match("RUSXYZ", Some((&rus_gov).into()))); // not a role: whole code compared
        assert!(!entity_match("", Some((&rus_gov).into())));
        assert!(!entity_match("RUS", None));
        let nato = actor("NATO", None, Some("NATO"));
        assert!(entity_match("NATO", Some((&nato).into())));
        assert!(!entity_match("NATO", Some(ActorFields::default())));
    }

    #[test]
    fn lead_end_scans_like_the_look_around_regex() {
        let text = "One. Two! \"Three?\" (Four.) 5 six. seven. Eight";
        // Sentence ends: after "One. ", "Two! ", "Three?\" " — then "Four.) " followed by "5".
        assert_eq!(lead_end(text, 1), 5);
        assert_eq!(lead_end(text, 2), 10);
        assert_eq!(lead_end(text, 3), text.find("(Four").unwrap());
        assert_eq!(lead_end(text, 4), text.find("5 six").unwrap());
        // "six. seven" is no end (lower case), "seven. Eight" is.
        assert_eq!(lead_end(text, 5), text.find("Eight").unwrap());
        assert_eq!(lead_end(text, 6), text.len());
        // Multi-byte closing marks and spaces: byte offsets.
        let t = "Zürich voted.” \u{a0}“Bern too.";
        assert_eq!(lead_end(t, 1), t.find('“').unwrap());
        assert_eq!(lead_end("No end here", 1), 11);
        assert_eq!(lead_end("Ends.  ", 1), 7); // nothing after the space: no end
        assert_eq!(lead_end("A. \"b", 1), 5);
    }

    #[test]
    fn quotes_tp_fp_fn_and_speakers() {
        let text = "“We will rebuild the bridge by spring,” said Maria Kowalska. The mayor added that taxes would not rise. Critics called it “a fantasy.”";
        let mut p = coded("q1", text);
        p.quotes = vec![
            quote(
                text,
                "We will rebuild the bridge by spring,",
                Some("Maria Kowalska"),
                Some("POL"),
            ),
            quote(text, "taxes would not rise", Some("the mayor"), None),
            quote(text, "a fantasy.", None, None),
        ];
        let gold = vec![GoldArticle {
            id: "q1".into(),
            quotes: vec![
                GoldQuote {
                    starts: "We will rebuild the bridge".into(),
                    speaker: Some("Maria Kowalska".into()),
                    speaker_entity: Some("POLGOV".into()),
                },
                GoldQuote {
                    starts: "taxes would not rise".into(),
                    speaker: Some("Maria Kowalska".into()),
                    speaker_entity: Some("POL".into()),
                },
                GoldQuote {
                    starts: "The bridge is unsafe".into(),
                    ..GoldQuote::default()
                },
            ],
            ..GoldArticle::default()
        }];
        let s = score_quotes(&gold, &[p]);
        assert_eq!((s.tp, s.fp, s.fn_), (2, 1, 1));
        assert_eq!((s.speaker_ok, s.speaker_n), (1, 2));
        assert_eq!((s.entity_ok, s.entity_n), (1, 2));
        assert_eq!(s.misses.len(), 2);
        assert!(s.misses[0].contains("speaker of «taxes would not rise» is 'Maria Kowalska', got 'the mayor'"));
        assert!(s.misses[1].contains("missed quote «The bridge is unsafe»"));
        assert_eq!(
            s.line(),
            "quotes: P=0.667 R=0.667 F1=0.667 (tp=2 fp=1 fn=1); speaker 1/2 = 0.500; speaker entity 1/2 = 0.500"
        );
        assert_eq!(s.figures(), "quote_f1=0.667 speaker_acc=0.500");

        // A predicted quote is used once: two gold quotes with the same start need two predictions.
        let mut twice = gold.clone();
        twice[0].quotes = vec![twice[0].quotes[0].clone(), twice[0].quotes[0].clone()];
        let mut p = coded("q1", text);
        p.quotes = vec![quote(text, "We will rebuild the bridge by spring,", None, None)];
        let s = score_quotes(&twice, &[p]);
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 1));
        assert_eq!((s.speaker_ok, s.speaker_n), (0, 1));
        // No prediction at all for the article: everything missed.
        let s = score_quotes(&twice, &[]);
        assert_eq!((s.tp, s.fp, s.fn_), (0, 0, 2));
    }

    #[test]
    fn events_roots_alt_codes_sources_and_scope() {
        let text = "Norway sanctioned Iran. Iran criticized Norway. Chile hosted Peru. Peru thanked Chile.";
        let mut p = coded("e1", text);
        p.sentences = sentences(text);
        for s in &p.sentences {
            assert!(s.end <= text.len() && text.is_char_boundary(s.start));
        }
        p.events = vec![
            event(
                0,
                actor("NORGOV", Some("NOR"), None),
                Some(actor("IRN", Some("IRN"), None)),
                "163",
            ),
            event(
                1,
                actor("IRN", Some("IRN"), None),
                Some(actor("NOR", Some("NOR"), None)),
                "111",
            ),
            event(
                2,
                actor("CHL", Some("CHL"), None),
                Some(actor("PER", Some("PER"), None)),
                "042",
            ),
            event(
                3,
                actor("PER", Some("PER"), None),
                Some(actor("CHL", Some("CHL"), None)),
                "051",
            ),
            event(9, actor("PER", Some("PER"), None), None, "010"), // no such sentence: ignored
        ];
        let gold = vec![GoldArticle {
            id: "e1".into(),
            event_scope: Some("all".into()),
            events: vec![
                gold_event("Norway sanctioned Iran", "NORGOV", Some("IRN"), "16"),
                // Wrong root, but an alternative code has the predicted one.
                GoldEvent {
                    alt_codes: vec!["112".into()],
                    ..gold_event("Iran criticized", "IRN", Some("NOR"), "11")
                },
                // Source mismatch.
                gold_event("Chile hosted Peru", "PER", Some("CHL"), "04"),
                // No target in the gold: any target matches.
                gold_event("Peru thanked", "PER", None, "05"),
            ],
            ..GoldArticle::default()
        }];
        let s = score_events(&gold, &[p.clone()]);
        assert_eq!((s.tp, s.fp, s.fn_, s.forbidden_hits), (3, 1, 1, 0));
        assert_eq!(
            s.misses,
            vec!["e1: missed PER->CHL 04 in «Chile hosted Peru»".to_string()]
        );
        assert_eq!(
            s.line(),
            "events: P=0.750 R=0.750 F1=0.750 (tp=3 fp=1 fn=1); forbidden hits 0"
        );

        // Lead scope: with 2 sentences in scope, events of sentences 3 and 4 are out of play.
        let long = format!("{text} A. B. C. D. E. F.");
        let mut p2 = p.clone();
        p2.id = "e2".into();
        p2.text = Some(long.clone());
        p2.sentences = sentences(&long);
        let mut g2 = gold[0].clone();
        g2.id = "e2".into();
        g2.event_scope = None;
        let s = score_events(&[g2], &[p2]);
        // The 8th sentence end is after "D."; sentences 0..=3 start before it, all in scope.
        assert_eq!((s.tp, s.fp, s.fn_), (3, 1, 1));
        let short_lead = "Norway sanctioned Iran. Iran criticized Norway. X1. X2. X3. X4. X5. X6. Chile hosted Peru. Peru thanked Chile.";
        let mut p3 = p.clone();
        p3.id = "e3".into();
        p3.text = Some(short_lead.into());
        p3.sentences = sentences(short_lead);
        p3.events[2].sentence = 8;
        p3.events[3].sentence = 9;
        p3.events[4].sentence = 99;
        let mut g3 = gold[0].clone();
        g3.id = "e3".into();
        g3.event_scope = None;
        let s = score_events(&[g3.clone()], &[p3.clone()]);
        // Out of the lead, the predicted events are not counted, the gold ones still are.
        assert_eq!((s.tp, s.fp, s.fn_), (2, 0, 2));
        g3.event_scope = Some("all".into());
        let s = score_events(&[g3], &[p3]);
        assert_eq!((s.tp, s.fp, s.fn_), (3, 1, 1));
    }

    #[test]
    fn events_plover_forbidden_and_non_factual() {
        let text = "Kenya may attack Somalia. Kenya signed a deal with Uganda. Uganda praised Kenya.";
        let mut p = coded("f1", text);
        p.sentences = sentences(text);
        let ken = || actor("KEN", Some("KEN"), None);
        let uga = || actor("UGA", Some("UGA"), None);
        let som = || actor("SOM", Some("SOM"), None);
        p.events = vec![
            event(0, ken(), Some(som()), "190"), // hypothetical, coded as factual
            event(1, ken(), Some(uga()), "057"),
            Event {
                plover: Some("Agree".into()),
                ..event(1, uga(), Some(ken()), "057")
            },
            Event {
                negated: true,
                ..event(2, uga(), Some(ken()), "051")
            },
        ];
        let gold = vec![GoldArticle {
            id: "f1".into(),
            event_scope: Some("all".into()),
            events: vec![
                GoldEvent {
                    factual: false,
                    ..gold_event("Kenya may attack", "KEN", Some("SOM"), "19")
                },
                GoldEvent {
                    plover: Some(Some("AGREE".into())),
                    root: None,
                    ..gold_event("Kenya signed", "UGA", Some("KEN"), "")
                },
                gold_event("Uganda praised", "UGA", Some("KEN"), "05"),
            ],
            forbidden: vec![GoldForbidden {
                sentence: "Kenya signed a deal".into(),
                root: Some("05".into()),
                why: "one event per direction".into(),
            }],
            ..GoldArticle::default()
        }];
        let s = score_events(&gold, &[p.clone()]);
        // Gold 1: hypothetical coded as factual → fp + forbidden hit. Gold 2 (PLOVER, case-folded): tp.
        // Gold 3: found but negated → fn. Forbidden: both factual 05 events in sentence 1 → 2 fp, 2 hits
        // (one of them already matched gold 2: counted again, as in the scorer).
        assert_eq!((s.tp, s.fp, s.fn_, s.forbidden_hits), (1, 3, 1, 3));
        assert!(s.misses[0].contains("coded a non-factual/negated event as factual: Kenya may attack 19"));
        assert!(s.misses[1].contains("found but marked non-factual/negated: Uganda praised 05"));
        assert!(s.misses[2].contains("forbidden event in «Kenya signed a deal»: one event per direction"));

        // The hypothetical event coded as non-factual: neither tp nor fp.
        p.events[0].factual = false;
        let s = score_events(&gold, &[p.clone()]);
        assert_eq!((s.tp, s.fp, s.fn_, s.forbidden_hits), (1, 2, 1, 2));
        // A PLOVER gold with an explicit null type matches nothing.
        let mut nulled = gold.clone();
        nulled[0].events[1].plover = Some(None);
        nulled[0].forbidden.clear();
        let s = score_events(&nulled, &[p]);
        // Gold 2 missed; both sentence-1 predictions then unmatched factual → fp.
        assert_eq!((s.tp, s.fp, s.fn_), (0, 2, 2));
        assert!(
            s.misses
                .iter()
                .any(|m| m.contains("missed UGA->KEN None in «Kenya signed"))
        );
    }

    #[test]
    fn gold_parses_jsonl_and_one_pretty_document() {
        let jsonl = r#"{"id": "a", "quotes": [], "events": [{"sentence": "S", "source": null, "target": "X", "root": "01", "factual": null}]}
{"id": "b", "quotes": [{"kind": "direct", "starts": "Hi", "speaker": null, "speaker_entity": null, "cue": null}], "events": []}
{"id": "a", "quotes": [], "events": [], "text": "later wins"}
"#;
        let gold = parse_gold(jsonl).unwrap();
        assert_eq!(gold.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(gold[0].text.as_deref(), Some("later wins"));
        let first = parse_gold(jsonl.lines().next().unwrap()).unwrap();
        assert!(!first[0].events[0].factual); // null is falsy
        assert!(!first[0].events[0].negated);
        assert!(first[0].events[0].plover.is_none());
        let pretty = "{\n  \"id\": \"seed\",\n  \"event_scope\": \"lead\",\n  \"quotes\": [],\n  \"events\": [\n    {\"sentence\": \"S\", \"plover\": \"AGREE\", \"source\": \"A\"}\n  ]\n}\n";
        let gold = parse_gold(pretty).unwrap();
        assert_eq!(gold.len(), 1);
        assert!(gold[0].events[0].factual);
        assert_eq!(gold[0].events[0].plover, Some(Some("AGREE".into())));
        assert!(parse_gold("{\"quotes\": []}").is_err()); // no id
    }

    #[test]
    fn brat_reading_and_polnear_overlap() {
        let ann = "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 28;29 40\tfragment one fragment two\nT4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tContent 50 60\tx\nE2\tAttribution:T4 Content:T5\nE3\tAttribution:T4 Cue:T2\n";
        let gold = read_brat(ann).unwrap();
        assert_eq!(
            gold,
            vec![
                Attribution {
                    content: (15, 40),
                    source: Some((0, 9))
                },
                Attribution {
                    content: (50, 60),
                    source: None
                },
            ]
        );
        assert!(read_brat("T1\tSource x 9\tbad\n").is_err());
    }

    #[test]
    fn polnear_scores_from_a_brat_fixture() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/polnear");
        let docs = read_polnear(&dir).unwrap();
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["mayor-bridge"]);
        let doc = &docs[0];
        assert_eq!(doc.gold.len(), 3);
        let text = doc.text.as_str();
        // Predicted spans are bytes; the text has multi-byte chars before the quotes, so the char
        // conversion matters.
        assert!(text.len() > text.chars().count());
        let mut p = coded("mayor-bridge", text);
        let first = "the bridge will reopen in May";
        let mut q1 = quote(text, first, Some("Zoë Müller"), None);
        q1.speaker.as_mut().unwrap().mention = text.find("Zoë Müller").map(|s| Span::new(s, s + "Zoë".len()));
        // Covers less than half of the second gold content: not a match.
        let q2 = quote(text, "the cost", Some("Zoë Müller"), None);
        // Overlaps the third content, but the speaker mention is elsewhere.
        let q3 = quote(text, "repairs had been delayed for years", Some("Zoë Müller"), None);
        for q in [&q1, &q2, &q3] {
            assert_eq!(&text[q.start..q.end], q.text);
        }
        p.quotes = vec![q1, q2, q3];
        let s = score_polnear(&docs, &[p]);
        assert_eq!((s.tp, s.fp, s.fn_, s.source_ok, s.source_n), (2, 1, 1, 1, 2));
        assert_eq!(
            s.lines(),
            [
                "polnear content: P=0.667 R=0.667 F1=0.667 (tp=2 fp=1 fn=1)".to_string(),
                "polnear source given content: 1/2 = 0.500".to_string(),
                "content_f1=0.667 source_acc=0.500".to_string(),
            ]
        );
        // Without predictions everything is missed.
        let s = score_polnear(&read_polnear(&dir).unwrap(), &[]);
        assert_eq!((s.tp, s.fp, s.fn_), (0, 0, 3));
    }

    #[test]
    fn run_codes_the_gold_articles_and_writes_predictions() {
        let dir = std::env::temp_dir().join(format!("detente-eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let gold_path = dir.join("tiny.gold.json");
        std::fs::write(
            &gold_path,
            "{\n \"id\": \"tiny\",\n \"quotes\": [{\"kind\": \"direct\", \"starts\": \"Bridges matter\", \"speaker\": \"Ola\"}],\n \"events\": []\n}\n",
        )
        .unwrap();
        std::fs::write(dir.join("tiny.txt"), "Ola said: \"Bridges matter.\"").unwrap();
        let pred_path = dir.join("pred.jsonl");
        let args = EvalArgs {
            gold: Some(gold_path),
            articles: None,
            polnear: None,
            only: Only::All,
            verbose: true,
            predictions: Some(pred_path.clone()),
            by_cause: false,
        };
        let fake_coder = |a: &Article| {
            let mut c = coded(&a.id, &a.text);
            c.quotes = vec![quote(&a.text, "Bridges matter.", Some("Ola"), None)];
            c
        };
        run(&args, &fake_coder, None).unwrap();
        let written = std::fs::read_to_string(&pred_path).unwrap();
        let back: CodedArticle = serde_json::from_str(written.trim()).unwrap();
        assert_eq!(back.id, "tiny");
        let gold = parse_gold(&std::fs::read_to_string(dir.join("tiny.gold.json")).unwrap()).unwrap();
        let report = gold_report(&gold, &[back], Only::All, false);
        assert_eq!(
            report,
            "quotes: P=1.000 R=1.000 F1=1.000 (tp=1 fp=0 fn=0); speaker 1/1 = 1.000; speaker entity 0/0 = 0.000\n\
             events: P=0.000 R=0.000 F1=0.000 (tp=0 fp=0 fn=0); forbidden hits 0\n\
             quote_f1=1.000 speaker_acc=1.000 event_f1=0.000 forbidden=0\n"
        );
        // Not gold: an articles file, coded output, an empty file. Refused as usage errors (exit 2).
        for (name, content, says) in [
            (
                "articles.jsonl",
                "{\"id\": \"a1\", \"text\": \"Ola spoke.\"}\n",
                "not gold",
            ),
            (
                "coded.jsonl",
                "{\"schema\": 1, \"id\": \"a1\", \"sentences\": [], \"quotes\": [], \"events\": []}\n",
                "coded output",
            ),
            ("empty.jsonl", "", "no gold articles"),
            ("list.json", "[1, 2]", "not a JSON object"),
            (
                "rootless.jsonl",
                "{\"id\": \"a1\", \"text\": \"Ola spoke.\", \"events\": [{\"sentence\": \"Ola\", \"source\": \"NOR\"}]}\n",
                "event 1: no \"root\"",
            ),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, content).unwrap();
            let bad = EvalArgs {
                gold: Some(path),
                predictions: None,
                ..args.clone()
            };
            let err = run(&bad, &fake_coder, None).unwrap_err();
            assert!(crate::fail::message(&err).contains(says), "{name}: {err:#}");
            assert!(crate::fail::message(&err).contains(name), "{name}: {err:#}");
            assert_eq!(
                format!("{:?}", crate::fail::exit_code(&err)),
                format!("{:?}", ExitCode::from(2))
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
