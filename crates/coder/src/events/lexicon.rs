//! The trigger lexicon: TOML entries (built in, one file per CAMEO root under `data/events/triggers/`,
//! extended by users' `*.triggers.toml` and legacy PETRARCH/TABARI verb dictionaries), inflected into surface
//! forms, indexed by their text together with light verbs and discard phrases, and looked up at token
//! boundaries (a hash lookup per token: far cheaper to build than an automaton over tens of thousands of forms,
//! and cheaper to search, as matches must span whole tokens anyway).
//!
//! The format is documented in `data/events/triggers/README.md`.

mod inflect;
#[cfg(test)]
mod tests;

use super::legacy;
use super::ontology::Ontology;
use crate::text::{Token, TokenKind};
use crate::{DictionaryError, DictionarySource};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

pub use inflect::{Irregular, noun_forms, verb_forms};
pub(crate) use inflect::{alternatives, explicit_kind};

/// Prefix of the built-in files' names in errors and explanations.
pub const BUILTIN_NAME: &str = "<builtin>/triggers";

/// The built-in trigger files, in load order: shared lists, then one file per CAMEO root.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("common.toml", include_str!("../../data/events/triggers/common.toml")),
    (
        "01-statement.toml",
        include_str!("../../data/events/triggers/01-statement.toml"),
    ),
    (
        "02-appeal.toml",
        include_str!("../../data/events/triggers/02-appeal.toml"),
    ),
    (
        "03-intent.toml",
        include_str!("../../data/events/triggers/03-intent.toml"),
    ),
    (
        "04-consult.toml",
        include_str!("../../data/events/triggers/04-consult.toml"),
    ),
    (
        "05-diplomatic-cooperation.toml",
        include_str!("../../data/events/triggers/05-diplomatic-cooperation.toml"),
    ),
    (
        "06-material-cooperation.toml",
        include_str!("../../data/events/triggers/06-material-cooperation.toml"),
    ),
    ("07-aid.toml", include_str!("../../data/events/triggers/07-aid.toml")),
    (
        "08-yield.toml",
        include_str!("../../data/events/triggers/08-yield.toml"),
    ),
    (
        "09-investigate.toml",
        include_str!("../../data/events/triggers/09-investigate.toml"),
    ),
    (
        "10-demand.toml",
        include_str!("../../data/events/triggers/10-demand.toml"),
    ),
    (
        "11-disapprove.toml",
        include_str!("../../data/events/triggers/11-disapprove.toml"),
    ),
    (
        "12-reject.toml",
        include_str!("../../data/events/triggers/12-reject.toml"),
    ),
    (
        "13-threaten.toml",
        include_str!("../../data/events/triggers/13-threaten.toml"),
    ),
    (
        "14-protest.toml",
        include_str!("../../data/events/triggers/14-protest.toml"),
    ),
    (
        "15-force-posture.toml",
        include_str!("../../data/events/triggers/15-force-posture.toml"),
    ),
    (
        "16-reduce-relations.toml",
        include_str!("../../data/events/triggers/16-reduce-relations.toml"),
    ),
    (
        "17-coerce.toml",
        include_str!("../../data/events/triggers/17-coerce.toml"),
    ),
    (
        "18-assault.toml",
        include_str!("../../data/events/triggers/18-assault.toml"),
    ),
    (
        "19-fight.toml",
        include_str!("../../data/events/triggers/19-fight.toml"),
    ),
    (
        "20-mass-violence.toml",
        include_str!("../../data/events/triggers/20-mass-violence.toml"),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pos {
    Verb,
    Noun,
    Adj,
}

/// How an entry takes its complement and its target (see `data/events/triggers/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Object,
    Intent,
    Threat,
    Refuse,
    Negate,
    Appeal,
    Demand,
    Accuse,
    Speaker,
    /// Stopping an act (halt, suspend, lift, call off): coded by the act stopped. Used by the engine's
    /// complement table only; no lexicon entry has it.
    Cessation,
    /// Violence by an irregular doer (unnamed, or an international militant group): the engine's table of the
    /// unconventional code (18x) a conventional one (19x) becomes. No lexicon entry has it.
    Irregular,
}

/// The grammatical form a surface string has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    Base,
    Third,
    /// Past tense or past participle (the same string for regular verbs).
    PastPart,
    Past,
    Participle,
    Ing,
    Singular,
    Plural,
    Adj,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub lemma: String,
    pub pos: Pos,
    pub code: String,
    pub frame: Frame,
    pub recip: bool,
    /// The code when the event is figurative (between politicians, parties, institutions or media rather than
    /// armed forces and territory): "attacked the governor's plan" is 111, not 190.
    pub verbal: Option<String>,
    /// The event may be coded without a target (a missile test, a mobilisation, a hunger strike).
    pub alone: bool,
    /// A verb whose base and -s forms are common nouns ("bomb", "shell", "target"): those forms read as this
    /// verb only where a verb stands (after "to", a modal, an auxiliary, a subject), not in "a bomb", "the
    /// target".
    pub noun_like: bool,
    /// Where the entry comes from, for explanations ("<builtin>/triggers/19-fight.toml" or the user's file).
    pub file: String,
    /// The entry's line in `file`.
    pub line: usize,
}

impl Entry {
    pub fn root(&self) -> u8 {
        self.code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0)
    }
    /// The name used in `rule`: "verb:attack".
    pub fn key(&self) -> String {
        let pos = match self.pos {
            Pos::Verb => "verb",
            Pos::Noun => "noun",
            Pos::Adj => "adj",
        };
        format!("{pos}:{}", self.lemma)
    }
}

/// What a matched surface string stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    Entry(usize, FormKind),
    Light(FormKind),
    Discard,
}

/// Which legacy verb dictionary format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyFormat {
    /// PETRARCH-2 (`CAMEO.2.0.txt`): `--- VERB [code] ---` blocks of synonyms and patterns.
    Petrarch,
    /// TABARI (`*.verbs`): `VERB [code]` lines followed by `- pattern [code]` lines.
    Tabari,
}

/// What importing one legacy verb dictionary did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub file: String,
    pub format: LegacyFormat,
    /// Entries read: verbs with a code, and patterns that are plain word sequences after the verb.
    pub read: usize,
    /// Of those, entries added to the lexicon (the others were already there, built in or from a user file).
    pub added: usize,
    /// Lines and patterns skipped: no code, a code that is not CAMEO, a pattern the engine cannot use, or a
    /// malformed line.
    pub skipped: usize,
    /// Malformed lines, counted in `skipped` too.
    pub malformed: usize,
    /// The first malformed lines, naming file and line.
    pub problems: Vec<DictionaryError>,
}

impl fmt::Display for Import {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = match self.format {
            LegacyFormat::Petrarch => "PETRARCH-2",
            LegacyFormat::Tabari => "TABARI",
        };
        write!(
            f,
            "{} ({format} verbs): {} entries read, {} added, {} skipped ({} malformed lines)",
            self.file, self.read, self.added, self.skipped, self.malformed
        )
    }
}

pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub patterns: Vec<String>,
    pub payloads: Vec<Vec<Payload>>,
    forms: FormIndex,
    pub sport_words: Vec<String>,
    /// Particles of phrasal verbs that may follow the verb's object ("handed the suspects over").
    particles: Vec<String>,
    /// Words that may stand between a verb and the fixed object of its entry ("banned a march").
    object_modifiers: Vec<String>,
    /// The legacy verb dictionaries imported, in order.
    pub imports: Vec<Import>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    irregular: Vec<Spanned<Vec<String>>>,
    #[serde(default)]
    light: Vec<String>,
    #[serde(default)]
    discard: Vec<String>,
    #[serde(default)]
    sport_words: Vec<String>,
    #[serde(default)]
    particles: Vec<String>,
    #[serde(default)]
    object_modifiers: Vec<String>,
    #[serde(default)]
    entries: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    lemma: Spanned<String>,
    #[serde(default)]
    pos: Option<String>,
    code: String,
    #[serde(default)]
    frame: Option<String>,
    #[serde(default)]
    recip: bool,
    #[serde(default)]
    verbal: Option<String>,
    #[serde(default)]
    alone: bool,
    #[serde(default)]
    noun_like: bool,
    #[serde(default)]
    forms: Option<Vec<String>>,
    #[serde(default)]
    past: Option<String>,
    #[serde(default)]
    participle: Option<String>,
}

/// An entry with its surface forms, before compilation.
struct Built {
    entry: Entry,
    forms: Vec<(String, FormKind)>,
}

/// A parsed trigger file with its name and text (for line numbers).
struct Parsed<'a> {
    name: String,
    text: &'a str,
    raw: RawFile,
}

impl Parsed<'_> {
    fn line(&self, offset: usize) -> usize {
        line_at(self.text, offset)
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// 1-based lines of increasing byte offsets in one text, counted on from the previous offset.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line of `offset` (an offset before the previous one is counted from the start).
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = LineCounter::new(self.text);
        }
        self.line += self.text.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
}

fn err(file: &str, line: usize, message: String) -> DictionaryError {
    DictionaryError {
        file: file.to_string(),
        line,
        message,
    }
}

/// The file name without its folders, lowercased, to recognise formats.
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_lowercase()
}

fn parse<'a>(name: String, text: &'a str) -> Result<Parsed<'a>, DictionaryError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_at(text, s.start)).unwrap_or(0);
        err(&name, line, e.message().to_string())
    })?;
    Ok(Parsed { name, text, raw })
}

fn parse_pos(s: Option<&str>) -> Result<Pos, String> {
    match s.unwrap_or("verb") {
        "verb" => Ok(Pos::Verb),
        "noun" => Ok(Pos::Noun),
        "adj" => Ok(Pos::Adj),
        other => Err(format!("unknown pos {other:?} (verb, noun, adj)")),
    }
}

fn parse_frame(s: Option<&str>) -> Result<Frame, String> {
    Ok(match s.unwrap_or("object") {
        "object" => Frame::Object,
        "intent" => Frame::Intent,
        "threat" => Frame::Threat,
        "refuse" => Frame::Refuse,
        "negate" => Frame::Negate,
        "appeal" => Frame::Appeal,
        "demand" => Frame::Demand,
        "accuse" => Frame::Accuse,
        "speaker" => Frame::Speaker,
        other => {
            return Err(format!(
                "unknown frame {other:?} (object, intent, threat, refuse, negate, appeal, demand, accuse, speaker)"
            ));
        }
    })
}

/// What one raw entry asks for: add or replace an entry, or remove one.
enum Change {
    Put(Built),
    Remove(Pos, String),
}

fn build_entry(
    r: RawEntry,
    file: &str,
    line: usize,
    ontology: &Ontology,
    irregular: &Irregular,
) -> Result<Change, String> {
    let pos = parse_pos(r.pos.as_deref())?;
    let lemma = normalize(r.lemma.get_ref());
    if lemma.is_empty() {
        return Err("empty lemma".into());
    }
    if r.code == "-" {
        return Ok(Change::Remove(pos, lemma));
    }
    if !r.code.is_empty() && !ontology.contains(&r.code) {
        return Err(format!("{:?} is not a CAMEO event code", r.code));
    }
    let frame = parse_frame(r.frame.as_deref())?;
    if r.code.is_empty() && frame != Frame::Negate {
        return Err("an empty code needs frame = \"negate\"".into());
    }
    if let Some(v) = &r.verbal {
        if r.code.is_empty() {
            return Err("verbal needs a code".into());
        }
        if v != "-" && (v.len() < 3 || !ontology.contains(v)) {
            return Err(format!("verbal = {v:?} is neither a CAMEO event code nor \"-\""));
        }
    }
    if pos != Pos::Verb && (r.past.is_some() || r.participle.is_some()) {
        return Err("past and participle are for verbs".into());
    }
    let forms = surface_forms(&lemma, pos, &r, irregular)?;
    let entry = Entry {
        lemma,
        pos,
        code: r.code,
        frame,
        recip: r.recip,
        verbal: r.verbal,
        alone: r.alone,
        noun_like: r.noun_like && pos == Pos::Verb,
        file: file.to_string(),
        line,
    };
    Ok(Change::Put(Built { entry, forms }))
}

/// The surface forms of an entry: its explicit `forms`, or its lemma inflected; alternatives expanded.
fn surface_forms(
    lemma: &str,
    pos: Pos,
    r: &RawEntry,
    irregular: &Irregular,
) -> Result<Vec<(String, FormKind)>, String> {
    let mut forms: Vec<(String, FormKind)> = Vec::new();
    match &r.forms {
        Some(listed) => {
            for f in listed {
                for v in alternatives(&normalize(f))? {
                    let kind = explicit_kind(pos, &v);
                    forms.push((v, kind));
                }
            }
        }
        None => {
            for v in alternatives(lemma)? {
                forms.extend(match pos {
                    Pos::Verb => verb_forms(&v, r.past.as_deref(), r.participle.as_deref(), irregular),
                    Pos::Noun => noun_forms(&v),
                    Pos::Adj => vec![(v, FormKind::Adj)],
                });
            }
        }
    }
    if forms.is_empty() {
        return Err("forms is empty".into());
    }
    forms.sort_unstable();
    forms.dedup();
    Ok(forms)
}

/// Entries, lists and imports gathered from all files, before compilation.
#[derive(Default)]
struct Gathered {
    built: BTreeMap<(Pos, String), Built>,
    light: Vec<String>,
    discard: Vec<String>,
    sport_words: Vec<String>,
    particles: Vec<String>,
    object_modifiers: Vec<String>,
    imports: Vec<Import>,
}

impl Gathered {
    fn add_file(
        &mut self,
        file: Parsed<'_>,
        ontology: &Ontology,
        irregular: &Irregular,
    ) -> Result<(), DictionaryError> {
        self.light.extend(file.raw.light.iter().map(|s| normalize(s)));
        self.discard.extend(file.raw.discard.iter().map(|s| normalize(s)));
        self.sport_words
            .extend(file.raw.sport_words.iter().map(|s| normalize(s)));
        self.particles.extend(file.raw.particles.iter().map(|s| normalize(s)));
        self.object_modifiers
            .extend(file.raw.object_modifiers.iter().map(|s| normalize(s)));
        // Entries come in file order: lines are counted on from the last one (once per file, not per entry).
        let mut lines = LineCounter::new(file.text);
        for r in file.raw.entries {
            let line = lines.at(r.lemma.span().start);
            match build_entry(r, &file.name, line, ontology, irregular).map_err(|m| err(&file.name, line, m))? {
                Change::Put(b) => {
                    self.built.insert((b.entry.pos, b.entry.lemma.clone()), b);
                }
                Change::Remove(pos, lemma) => {
                    self.built.remove(&(pos, lemma));
                }
            }
        }
        Ok(())
    }

    /// A legacy verb dictionary: its entries are added where no entry of the same lemma exists.
    fn add_legacy(
        &mut self,
        source: &DictionarySource,
        format: LegacyFormat,
        ontology: &Ontology,
        irregular: &Irregular,
    ) {
        let read = legacy::read(&source.name, &source.text, format, ontology);
        let mut import = Import {
            file: source.name.clone(),
            format,
            read: read.entries.len(),
            added: 0,
            skipped: read.skipped,
            malformed: read.malformed,
            problems: read.problems,
        };
        for e in read.entries {
            let lemma = normalize(&e.lemma);
            let key = (Pos::Verb, lemma.clone());
            if lemma.is_empty() || self.built.contains_key(&key) {
                continue;
            }
            let forms = match e.forms {
                Some(forms) => forms
                    .iter()
                    .map(|f| normalize(f))
                    .filter(|f| !f.is_empty())
                    .map(|f| {
                        let kind = explicit_kind(Pos::Verb, &f);
                        (f, kind)
                    })
                    .collect(),
                None => verb_forms(&lemma, None, None, irregular),
            };
            let entry = Entry {
                lemma,
                pos: Pos::Verb,
                code: e.code,
                frame: Frame::Object,
                recip: false,
                verbal: None,
                alone: false,
                noun_like: false,
                file: source.name.clone(),
                line: e.line,
            };
            self.built.insert(key, Built { entry, forms });
            import.added += 1;
        }
        self.imports.push(import);
    }
}

impl Lexicon {
    /// The built-in lexicon, extended and overridden by the user's `*.triggers.toml` files among `user` (in
    /// their order), then by the legacy PETRARCH/TABARI verb dictionaries among them (which only add).
    pub fn load(user: &[DictionarySource], ontology: &Ontology) -> Result<Lexicon, DictionaryError> {
        let mut files = Vec::new();
        for (name, text) in BUILTIN_FILES {
            files.push(parse(format!("{BUILTIN_NAME}/{name}"), text)?);
        }
        for src in user.iter().filter(|s| base_name(&s.name).ends_with(".triggers.toml")) {
            files.push(parse(src.name.clone(), &src.text)?);
        }
        let irregular = irregular_table(&files)?;
        let mut gathered = Gathered::default();
        for file in files {
            gathered.add_file(file, ontology, &irregular)?;
        }
        for src in user {
            if let Some(format) = legacy::format_of(&base_name(&src.name), &src.text) {
                gathered.add_legacy(src, format, ontology, &irregular);
            }
        }
        compile(gathered, &irregular)
    }
}

/// The `irregular` lists of all files: `[base, past, participle]` triples.
fn irregular_table(files: &[Parsed<'_>]) -> Result<Irregular, DictionaryError> {
    let mut table = Irregular::default();
    for file in files {
        for row in &file.raw.irregular {
            let line = file.line(row.span().start);
            match row.get_ref().as_slice() {
                [base, past, participle] if [base, past, participle].iter().all(|w| !w.trim().is_empty()) => {
                    table.insert(base.trim(), past.trim(), participle.trim());
                }
                _ => {
                    return Err(err(
                        &file.name,
                        line,
                        "an irregular verb is [\"base\", \"past\", \"participle\"]".into(),
                    ));
                }
            }
        }
    }
    Ok(table)
}

fn compile(g: Gathered, irregular: &Irregular) -> Result<Lexicon, DictionaryError> {
    // A hash map while gathering, sorted once at the end: the same order on every run, at a fraction of the
    // cost of an ordered map over tens of thousands of forms.
    let mut by_pattern: FxHashMap<String, Vec<Payload>> = FxHashMap::default();
    // Sized once for the entries' forms (most of them): growing it rehashed tens of thousands of strings.
    by_pattern.reserve(g.built.values().map(|b| b.forms.len()).sum());
    let mut add = |form: String, payload: Payload| {
        let p = by_pattern.entry(form).or_default();
        if !p.contains(&payload) {
            p.push(payload);
        }
    };
    let mut entries = Vec::with_capacity(g.built.len());
    for (_, b) in g.built {
        let idx = entries.len();
        for (form, kind) in b.forms {
            add(form, Payload::Entry(idx, kind));
        }
        entries.push(b.entry);
    }
    for l in g.light.iter().filter(|l| !l.is_empty()) {
        for (form, kind) in verb_forms(l, None, None, irregular) {
            add(form, Payload::Light(kind));
        }
    }
    for d in g.discard.iter().filter(|d| !d.is_empty()) {
        for v in alternatives(d).map_err(|e| err(BUILTIN_NAME, 0, format!("discard phrase {d:?}: {e}")))? {
            add(v, Payload::Discard);
        }
    }
    let mut sorted: Vec<(String, Vec<Payload>)> = by_pattern.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let (patterns, payloads): (Vec<String>, Vec<Vec<Payload>>) = sorted.into_iter().unzip();
    let forms = FormIndex::new(&patterns);
    let mut sport_words = g.sport_words;
    sport_words.retain(|w| !w.is_empty());
    sport_words.sort();
    sport_words.dedup();
    let mut particles = g.particles;
    particles.retain(|w| !w.is_empty() && !w.contains(' '));
    particles.sort();
    particles.dedup();
    let mut object_modifiers = g.object_modifiers;
    object_modifiers.retain(|w| !w.is_empty() && !w.contains(' '));
    object_modifiers.sort();
    object_modifiers.dedup();
    Ok(Lexicon {
        entries,
        patterns,
        payloads,
        forms,
        sport_words,
        particles,
        object_modifiers,
        imports: g.imports,
    })
}

impl Lexicon {
    /// Every pattern that spans whole tokens of a sentence, as `(start, end, pattern)` (text offsets), by start
    /// and then end. `lower` is the sentence lower-cased byte for byte, starting at text offset `offset`;
    /// `tokens` are its tokens in order.
    pub fn token_matches(&self, lower: &str, offset: usize, tokens: &[Token], out: &mut Vec<(usize, usize, usize)>) {
        self.token_matches_and_openers(lower, offset, tokens, out, &mut Vec::new());
    }

    /// [`Lexicon::token_matches`], also listing in `openers` the tokens whose word alone begins a longer pattern
    /// ("dismissed" of "dismissed claims"): where an object held across its owner may start.
    pub fn token_matches_and_openers(
        &self,
        lower: &str,
        offset: usize,
        tokens: &[Token],
        out: &mut Vec<(usize, usize, usize)>,
        openers: &mut Vec<usize>,
    ) {
        let bytes = lower.as_bytes();
        for (i, first) in tokens.iter().enumerate() {
            let start = first.start - offset;
            // The slot of the text looked up last: a space right after it asks whether some pattern goes on.
            let mut last: Option<(usize, Slot)> = None;
            let mut checked = start;
            // Some pattern goes on after the first token alone ("hand" of "hand over").
            let mut opens_phrase = false;
            'ends: for t in &tokens[i..] {
                let end = t.end - offset;
                if end - start > self.forms.longest {
                    break;
                }
                // A pattern holds single spaces, each after words that begin another pattern ("call" of "call
                // on"): past any other space no pattern goes on.
                for x in checked..end {
                    if bytes[x] == b' ' {
                        let slot = match last {
                            Some((e, slot)) if e == x => slot,
                            _ => self.forms.get(&lower[start..x]),
                        };
                        if !slot.continues {
                            break 'ends;
                        }
                    }
                }
                checked = end;
                let slot = self.forms.get(&lower[start..end]);
                if let Some(p) = slot.pattern {
                    out.push((first.start, t.end, p as usize));
                }
                opens_phrase |= t.start == first.start && slot.continues;
                last = Some((end, slot));
            }
            if opens_phrase {
                openers.push(i);
                self.split_particle(lower, offset, &tokens[i..], out);
                self.split_object(lower, offset, &tokens[i..], out);
            }
        }
    }

    /// "handed the suspects over", "turned the offer down": a phrasal verb whose particle follows its object
    /// (one to five words) matches on the verb alone, with the phrasal entry, unless an entry starts there.
    fn split_particle(&self, lower: &str, offset: usize, tokens: &[Token], out: &mut Vec<(usize, usize, usize)>) {
        let verb = &tokens[0];
        if self.particles.is_empty() || out.iter().any(|&(s, _, _)| s == verb.start) {
            return;
        }
        let word = |t: &Token| &lower[t.start - offset..t.end - offset];
        for t in tokens.iter().skip(2).take(5) {
            if t.kind == TokenKind::Punct {
                return;
            }
            if self.particles.iter().any(|p| p == word(t)) {
                let phrase = format!("{} {}", word(verb), word(t));
                if let Some(p) = self.forms.get(&phrase).pattern {
                    out.push((verb.start, verb.end, p as usize));
                }
                return;
            }
        }
    }
}

impl Lexicon {
    /// Whether `word` (lower case) is a particle of a phrasal verb ("out" of "kick out").
    pub fn is_particle(&self, word: &str) -> bool {
        self.particles.iter().any(|p| p == word)
    }

    /// "banned a march", "broke up the weekly rally", "imposed fresh sanctions": an entry whose verb (or verb
    /// and particle) takes a fixed object ("ban march", "break up rally", "impose sanctions") matches across up
    /// to three determiners, numbers or `object_modifiers` words before that object, which entries need not
    /// spell out. The match spans the verb to the object's last word.
    fn split_object(&self, lower: &str, offset: usize, tokens: &[Token], out: &mut Vec<(usize, usize, usize)>) {
        self.split_object_after(lower, offset, tokens, 1, out);
        // A two-word verb ("break up", "crack down"): the phrase must go on after both words.
        if tokens.len() > 2 && tokens[1].kind != TokenKind::Punct && self.pair_slot(lower, offset, tokens).continues {
            self.split_object_after(lower, offset, tokens, 2, out);
        }
    }

    /// The slot of the first two tokens' words joined by one space. Read in place when the text has them so
    /// (most often), without building the phrase.
    fn pair_slot(&self, lower: &str, offset: usize, tokens: &[Token]) -> Slot {
        let (a, b) = (&tokens[0], &tokens[1]);
        if b.start == a.end + 1 && lower.as_bytes()[a.end - offset] == b' ' {
            return self.forms.get(&lower[a.start - offset..b.end - offset]);
        }
        let word = |t: &Token| &lower[t.start - offset..t.end - offset];
        self.forms.get(&format!("{} {}", word(a), word(b)))
    }

    /// `split_object` after the first `verb_len` tokens.
    fn split_object_after(
        &self,
        lower: &str,
        offset: usize,
        tokens: &[Token],
        verb_len: usize,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let verb = &tokens[0];
        let word = |t: &Token| &lower[t.start - offset..t.end - offset];
        let is_modifier = |t: &Token| {
            let w = word(t);
            t.kind != TokenKind::Punct
                && (w.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') || self.is_object_modifier(w))
        };
        let skipped = tokens[verb_len..].iter().take(3).take_while(|t| is_modifier(t)).count();
        if skipped == 0 {
            return;
        }
        let phrase = tokens[..verb_len].iter().map(word).collect::<Vec<_>>().join(" ");
        self.go_on(lower, offset, phrase, verb.start, &tokens[verb_len + skipped..], out);
    }

    /// Whether `word` (lower case) may stand between a verb and its entry's fixed object (`object_modifiers`).
    pub fn is_object_modifier(&self, word: &str) -> bool {
        self.object_modifiers.binary_search_by(|m| m.as_str().cmp(word)).is_ok()
    }

    /// The patterns that `phrase` (the verb's words, starting at text offset `start`) makes with the words of
    /// `rest` (up to four, no punctuation), each pushed as a match from `start` to the end of its last word.
    pub fn go_on(
        &self,
        lower: &str,
        offset: usize,
        mut phrase: String,
        start: usize,
        rest: &[Token],
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        for t in rest.iter().take(4) {
            if t.kind == TokenKind::Punct {
                return;
            }
            phrase.push(' ');
            phrase.push_str(&lower[t.start - offset..t.end - offset]);
            let slot = self.forms.get(&phrase);
            if let Some(p) = slot.pattern {
                let m = (start, t.end, p as usize);
                if !out.contains(&m) {
                    out.push(m);
                }
            }
            if !slot.continues {
                return;
            }
        }
    }
}

/// The patterns by their text, and the texts before a space inside a pattern.
struct FormIndex {
    slots: FxHashMap<Box<str>, Slot>,
    /// The longest pattern, in bytes.
    longest: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The pattern of this text.
    pattern: Option<u32>,
    /// Some pattern goes on after this text and a space.
    continues: bool,
}

impl FormIndex {
    fn new(patterns: &[String]) -> FormIndex {
        let mut slots: FxHashMap<Box<str>, Slot> = FxHashMap::default();
        slots.reserve(patterns.len() + patterns.len() / 2);
        for (i, p) in patterns.iter().enumerate() {
            slots.entry(p.as_str().into()).or_default().pattern = Some(i as u32);
            for (x, _) in p.match_indices(' ') {
                slots.entry(p[..x].into()).or_default().continues = true;
            }
        }
        FormIndex {
            slots,
            longest: patterns.iter().map(String::len).max().unwrap_or(0),
        }
    }

    #[inline]
    fn get(&self, text: &str) -> Slot {
        self.slots.get(text).copied().unwrap_or_default()
    }
}

/// Lowercase with single spaces: the form the index holds (sentences are lowercased the same way).
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
