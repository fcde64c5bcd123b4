//! The trigger lexicon: TOML entries (built in, extended by users' `*.triggers.toml`), inflected into surface
//! forms, compiled into one Aho-Corasick automaton together with light verbs and discard phrases.

use super::ontology::Ontology;
use crate::{DictionaryError, DictionarySource};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::BTreeMap;

const BUILTIN_TRIGGERS: &str = include_str!("../../data/events/triggers.toml");
pub const BUILTIN_NAME: &str = "<builtin>/triggers.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pos {
    Verb,
    Noun,
    Adj,
}

/// How an entry takes its complement and its target (see the header of `triggers.toml`).
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
}

/// The grammatical form a surface string has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
    /// The code used instead of `code` when the action is figurative (between politicians, not armed forces).
    pub verbal: Option<String>,
    /// The event may be coded without a target.
    pub alone: bool,
    /// Where the entry comes from, for explanations ("<builtin>/triggers.toml" or the user's file).
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

pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub patterns: Vec<String>,
    pub payloads: Vec<Vec<Payload>>,
    pub matcher: AhoCorasick,
    pub sport_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    light: Vec<String>,
    #[serde(default)]
    discard: Vec<String>,
    #[serde(default)]
    sport_words: Vec<String>,
    #[serde(default)]
    entries: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    lemma: String,
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
    forms: Option<Vec<String>>,
    #[serde(default)]
    past: Option<String>,
    #[serde(default)]
    participle: Option<String>,
}

struct Built {
    entry: Entry,
    forms: Vec<(String, FormKind)>,
}

fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map(|i| text[..i].matches('\n').count() + 1)
        .unwrap_or(0)
}

fn err(file: &str, line: usize, message: String) -> DictionaryError {
    DictionaryError {
        file: file.to_string(),
        line,
        message,
    }
}

impl Lexicon {
    pub fn load(user: &[DictionarySource], ontology: &Ontology) -> Result<Lexicon, DictionaryError> {
        let mut built: BTreeMap<(Pos, String), Built> = BTreeMap::new();
        let mut light: Vec<String> = Vec::new();
        let mut discard: Vec<String> = Vec::new();
        let mut sport_words: Vec<String> = Vec::new();
        let builtin = DictionarySource {
            name: BUILTIN_NAME.to_string(),
            text: BUILTIN_TRIGGERS.to_string(),
        };
        let sources = std::iter::once(&builtin).chain(user.iter().filter(|s| s.name.ends_with(".triggers.toml")));
        for src in sources {
            let raw: RawFile = toml::from_str(&src.text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| src.text[..s.start.min(src.text.len())].matches('\n').count() + 1);
                err(&src.name, line.unwrap_or(0), e.message().to_string())
            })?;
            light.extend(raw.light.iter().map(|s| s.to_lowercase()));
            discard.extend(raw.discard.iter().map(|s| s.to_lowercase()));
            sport_words.extend(raw.sport_words.iter().map(|s| s.to_lowercase()));
            for r in raw.entries {
                let line = line_of(&src.text, &format!("\"{}\"", r.lemma));
                let pos = match r.pos.as_deref().unwrap_or("verb") {
                    "verb" => Pos::Verb,
                    "noun" => Pos::Noun,
                    "adj" => Pos::Adj,
                    other => return Err(err(&src.name, line, format!("unknown pos {other:?} (verb, noun, adj)"))),
                };
                let lemma = r.lemma.trim().to_lowercase();
                if lemma.is_empty() {
                    return Err(err(&src.name, line, "empty lemma".into()));
                }
                if r.code == "-" {
                    built.remove(&(pos, lemma));
                    continue;
                }
                if !r.code.is_empty() && !ontology.contains(&r.code) {
                    return Err(err(&src.name, line, format!("{:?} is not a CAMEO event code", r.code)));
                }
                let frame = match r.frame.as_deref().unwrap_or("object") {
                    "object" => Frame::Object,
                    "intent" => Frame::Intent,
                    "threat" => Frame::Threat,
                    "refuse" => Frame::Refuse,
                    "negate" => Frame::Negate,
                    "appeal" => Frame::Appeal,
                    "demand" => Frame::Demand,
                    "accuse" => Frame::Accuse,
                    "speaker" => Frame::Speaker,
                    other => return Err(err(&src.name, line, format!("unknown frame {other:?}"))),
                };
                if r.code.is_empty() && frame != Frame::Negate {
                    return Err(err(&src.name, line, "an empty code needs frame = \"negate\"".into()));
                }
                let forms = match (&r.forms, pos) {
                    (Some(forms), _) => forms
                        .iter()
                        .map(|f| (f.to_lowercase(), explicit_kind(pos, f)))
                        .collect(),
                    (None, Pos::Verb) => verb_forms(&lemma, r.past.as_deref(), r.participle.as_deref()),
                    (None, Pos::Noun) => noun_forms(&lemma),
                    (None, Pos::Adj) => vec![(lemma.clone(), FormKind::Adj)],
                };
                let entry = Entry {
                    lemma: lemma.clone(),
                    pos,
                    code: r.code,
                    frame,
                    recip: r.recip,
                    verbal: r.verbal.clone(),
                    alone: r.alone,
                    file: src.name.clone(),
                    line,
                };
                built.insert((pos, lemma), Built { entry, forms });
            }
        }
        let mut by_pattern: BTreeMap<String, Vec<Payload>> = BTreeMap::new();
        let mut entries = Vec::with_capacity(built.len());
        for (_, b) in built {
            let idx = entries.len();
            for (form, kind) in b.forms {
                let p = by_pattern.entry(normalize(&form)).or_default();
                if !p.contains(&Payload::Entry(idx, kind)) {
                    p.push(Payload::Entry(idx, kind));
                }
            }
            entries.push(b.entry);
        }
        for l in &light {
            for (form, kind) in verb_forms(l, None, None) {
                let p = by_pattern.entry(normalize(&form)).or_default();
                if !p.contains(&Payload::Light(kind)) {
                    p.push(Payload::Light(kind));
                }
            }
        }
        for d in &discard {
            let p = by_pattern.entry(normalize(d)).or_default();
            p.push(Payload::Discard);
        }
        let patterns: Vec<String> = by_pattern.keys().cloned().collect();
        let payloads: Vec<Vec<Payload>> = by_pattern.into_values().collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| err(BUILTIN_NAME, 0, format!("trigger automaton: {e}")))?;
        sport_words.sort();
        sport_words.dedup();
        Ok(Lexicon {
            entries,
            patterns,
            payloads,
            matcher,
            sport_words,
        })
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

fn explicit_kind(pos: Pos, form: &str) -> FormKind {
    let first = form.split_whitespace().next().unwrap_or(form);
    match pos {
        Pos::Adj => FormKind::Adj,
        Pos::Noun => {
            if form.ends_with('s') {
                FormKind::Plural
            } else {
                FormKind::Singular
            }
        }
        Pos::Verb => {
            if first.ends_with("ing") {
                FormKind::Ing
            } else if first.ends_with("ed") || first.ends_with("en") {
                FormKind::PastPart
            } else if first.ends_with('s') {
                FormKind::Third
            } else {
                FormKind::Base
            }
        }
    }
}

/// Irregular verbs: base, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("meet", "met", "met"),
    ("hold", "held", "held"),
    ("fight", "fought", "fought"),
    ("shoot", "shot", "shot"),
    ("strike", "struck", "struck"),
    ("beat", "beat", "beaten"),
    ("withdraw", "withdrew", "withdrawn"),
    ("take", "took", "taken"),
    ("lead", "led", "led"),
    ("send", "sent", "sent"),
    ("give", "gave", "given"),
    ("break", "broke", "broken"),
    ("speak", "spoke", "spoken"),
    ("seek", "sought", "sought"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("overrun", "overran", "overrun"),
    ("undertake", "undertook", "undertaken"),
    ("begin", "began", "begun"),
    ("set", "set", "set"),
    ("put", "put", "put"),
    ("cut", "cut", "cut"),
    ("bring", "brought", "brought"),
    ("sell", "sold", "sold"),
    ("win", "won", "won"),
    ("flee", "fled", "fled"),
    ("stand", "stood", "stood"),
    ("throw", "threw", "thrown"),
    ("blow", "blew", "blown"),
    ("shut", "shut", "shut"),
    ("hit", "hit", "hit"),
    ("make", "made", "made"),
    ("wage", "waged", "waged"),
    ("retake", "retook", "retaken"),
    ("overthrow", "overthrew", "overthrown"),
    ("withhold", "withheld", "withheld"),
    ("uphold", "upheld", "upheld"),
    ("pay", "paid", "paid"),
    ("say", "said", "said"),
    ("tell", "told", "told"),
    ("mislead", "misled", "misled"),
    ("slay", "slew", "slain"),
    ("swear", "swore", "sworn"),
    ("forbid", "forbade", "forbidden"),
    ("oversee", "oversaw", "overseen"),
    ("deal", "dealt", "dealt"),
    ("keep", "kept", "kept"),
    ("go", "went", "gone"),
    ("come", "came", "come"),
    ("do", "did", "done"),
    ("see", "saw", "seen"),
    ("write", "wrote", "written"),
    ("sit", "sat", "sat"),
    ("kick", "kicked", "kicked"),
];

/// Verbs whose final consonant doubles although they have more than one syllable (stress on the last).
fn doubles_final(word: &str) -> bool {
    const ENDINGS: &[&str] = &["pel", "mit", "trol", "fer", "cur", "bel", "gret"];
    if ENDINGS.iter().any(|e| word.ends_with(e)) {
        return !word.ends_with("offer") && !word.ends_with("suffer");
    }
    let vowels = |c: char| "aeiou".contains(c);
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (chars[n - 3], chars[n - 2], chars[n - 1]);
    let cvc = !vowels(a) && vowels(b) && !vowels(c) && !"wxy".contains(c);
    let syllables = chars
        .iter()
        .enumerate()
        .filter(|&(i, &ch)| vowels(ch) && (i == 0 || !vowels(chars[i - 1])))
        .count();
    cvc && syllables == 1
}

/// Inflected forms of a verb lemma; several words inflect on the first ("crack down on" → "cracked down on").
pub fn verb_forms(lemma: &str, past: Option<&str>, participle: Option<&str>) -> Vec<(String, FormKind)> {
    let (head, rest) = match lemma.split_once(' ') {
        Some((h, r)) => (h, format!(" {r}")),
        None => (lemma, String::new()),
    };
    let irregular = IRREGULAR.iter().find(|(b, _, _)| *b == head);
    let third = if head.ends_with('y') && !head.ends_with("ay") && !head.ends_with("ey") && !head.ends_with("oy") {
        format!("{}ies", &head[..head.len() - 1])
    } else if head.ends_with('s')
        || head.ends_with("sh")
        || head.ends_with("ch")
        || head.ends_with('x')
        || head.ends_with('z')
    {
        format!("{head}es")
    } else {
        format!("{head}s")
    };
    let regular_past = if head.ends_with('e') {
        format!("{head}d")
    } else if head.ends_with('y') && !head.ends_with("ay") && !head.ends_with("ey") && !head.ends_with("oy") {
        format!("{}ied", &head[..head.len() - 1])
    } else if doubles_final(head) {
        format!("{head}{}ed", head.chars().last().unwrap())
    } else {
        format!("{head}ed")
    };
    let ing = if head.ends_with("ee") || head.ends_with("ye") || head.ends_with("oe") {
        format!("{head}ing")
    } else if let Some(stem) = head.strip_suffix("ie") {
        format!("{stem}ying")
    } else if let Some(stem) = head.strip_suffix('e') {
        format!("{stem}ing")
    } else if doubles_final(head) {
        format!("{head}{}ing", head.chars().last().unwrap())
    } else {
        format!("{head}ing")
    };
    let past_form = past
        .map(str::to_string)
        .or_else(|| irregular.map(|i| i.1.to_string()))
        .unwrap_or(regular_past.clone());
    let part_form = participle
        .map(str::to_string)
        .or_else(|| past.map(str::to_string))
        .or_else(|| irregular.map(|i| i.2.to_string()))
        .unwrap_or(regular_past);
    let mut out = vec![
        (format!("{head}{rest}"), FormKind::Base),
        (format!("{third}{rest}"), FormKind::Third),
    ];
    if past_form == part_form {
        out.push((format!("{past_form}{rest}"), FormKind::PastPart));
    } else {
        out.push((format!("{past_form}{rest}"), FormKind::Past));
        out.push((format!("{part_form}{rest}"), FormKind::Participle));
    }
    out.push((format!("{ing}{rest}"), FormKind::Ing));
    out.dedup();
    out
}

/// Singular and plural of a noun lemma; several words inflect on the last ("hunger strike" → "hunger strikes").
pub fn noun_forms(lemma: &str) -> Vec<(String, FormKind)> {
    let (init, last) = match lemma.rsplit_once(' ') {
        Some((i, l)) => (format!("{i} "), l),
        None => (String::new(), lemma),
    };
    let plural = if last.ends_with('s') || last.ends_with("sh") || last.ends_with("ch") || last.ends_with('x') {
        if last.ends_with("ss") || last.ends_with("sh") || last.ends_with("ch") || last.ends_with('x') {
            format!("{last}es")
        } else {
            last.to_string()
        }
    } else if last.ends_with('y') && !last.ends_with("ay") && !last.ends_with("ey") && !last.ends_with("oy") {
        format!("{}ies", &last[..last.len() - 1])
    } else {
        format!("{last}s")
    };
    let mut out = vec![(lemma.to_string(), FormKind::Singular)];
    if plural != last {
        out.push((format!("{init}{plural}"), FormKind::Plural));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(l: &str) -> Vec<String> {
        verb_forms(l, None, None).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn inflects_regular_and_irregular_verbs() {
        assert_eq!(forms("attack"), ["attack", "attacks", "attacked", "attacking"]);
        assert_eq!(forms("seize"), ["seize", "seizes", "seized", "seizing"]);
        assert_eq!(forms("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(forms("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(forms("ban"), ["ban", "bans", "banned", "banning"]);
        assert_eq!(forms("expel"), ["expel", "expels", "expelled", "expelling"]);
        assert_eq!(forms("offer"), ["offer", "offers", "offered", "offering"]);
        assert_eq!(
            forms("meet with"),
            ["meet with", "meets with", "met with", "meeting with"]
        );
        assert_eq!(
            forms("withdraw"),
            ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"]
        );
        assert_eq!(
            forms("crack down on"),
            ["crack down on", "cracks down on", "cracked down on", "cracking down on"]
        );
        assert_eq!(
            forms("criticize"),
            ["criticize", "criticizes", "criticized", "criticizing"]
        );
    }

    #[test]
    fn inflects_nouns() {
        let f: Vec<String> = noun_forms("hunger strike").into_iter().map(|f| f.0).collect();
        assert_eq!(f, ["hunger strike", "hunger strikes"]);
        let f: Vec<String> = noun_forms("inquiry").into_iter().map(|f| f.0).collect();
        assert_eq!(f, ["inquiry", "inquiries"]);
        let f: Vec<String> = noun_forms("talks").into_iter().map(|f| f.0).collect();
        assert_eq!(f, ["talks"]);
    }

    #[test]
    fn builtin_lexicon_loads_and_user_files_override() {
        let o = Ontology::builtin();
        let lex = Lexicon::load(&[], &o).unwrap();
        assert!(lex.entries.len() > 200);
        let roots: std::collections::BTreeSet<u8> = lex.entries.iter().map(Entry::root).filter(|&r| r > 0).collect();
        assert_eq!(roots.len(), 20, "{roots:?}");
        let user = DictionarySource {
            name: "mine.triggers.toml".into(),
            text: "entries = [\n { lemma = \"attack\", code = \"-\" },\n { lemma = \"zap\", code = \"195\" },\n]\n"
                .into(),
        };
        let lex2 = Lexicon::load(&[user], &o).unwrap();
        assert!(
            lex2.entries
                .iter()
                .any(|e| e.lemma == "zap" && e.file == "mine.triggers.toml")
        );
        assert!(!lex2.entries.iter().any(|e| e.lemma == "attack" && e.pos == Pos::Verb));
        let bad = DictionarySource {
            name: "bad.triggers.toml".into(),
            text: "entries = [\n { lemma = \"x\", code = \"999\" },\n]\n".into(),
        };
        let e = Lexicon::load(&[bad], &o).err().unwrap();
        assert_eq!((e.file.as_str(), e.line), ("bad.triggers.toml", 2));
        let ignored = DictionarySource {
            name: "x.actors.toml".into(),
            text: "not toml at all [".into(),
        };
        assert!(Lexicon::load(&[ignored], &o).is_ok());
    }
}
