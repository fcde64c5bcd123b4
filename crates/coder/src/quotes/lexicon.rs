//! The cue lexicon: speech and cognition cues in all inflections, and the word lists that shape speaker
//! phrases. Built once from the embedded `data/quotes/cues.toml` plus the user's `*.cues.toml` files.
//!
//! [`SpeechVerbs`] is the one list of speech verbs of the coder: the actor stage asks it whether a noun
//! is the subject of a speech verb ("officials said"), this stage finds its cues with it, and the event
//! stage may ask it which verbs report speech.

use crate::wordset::{Fnv, WordMap, WordSet};
use crate::{DictionaryError, DictionarySource};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

const BUILTIN_NAME: &str = "data/quotes/cues.toml";
const BUILTIN: &str = include_str!("../../data/quotes/cues.toml");

/// What a cue does with its speaker and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CueClass {
    /// "X said (that) ...", "..., X said", "..., said X".
    Speech,
    /// Like speech, with the addressee between cue and content ("told reporters that ...").
    Addressee,
    /// Belief and cognition ("X believes ..."): content must follow as a clause.
    Cognition,
    /// The speaker follows the cue ("according to NATO").
    According,
    /// Evidence and perception ("the poll shows that ..."): a cue only with a "that" clause.
    ThatOnly,
}

/// One inflected form of a cue, as matched in text.
#[derive(Debug, Clone, Copy)]
pub struct CueForm {
    pub class: CueClass,
    /// The form is a present participle ("saying", "adding"): after a comma, its speaker is the clause subject.
    pub participle: bool,
    /// Bits of the verb's extra lists: [`BARE_CLAUSE`], [`PLAIN`], [`SAYING`].
    pub flags: u8,
}

/// The cue takes a content clause without "that" and without a finite verb in sight ("said the talks failed").
pub const BARE_CLAUSE: u8 = 1;
/// Plain speech: the verb reports words, not an act ("say", "tell", "add", "write").
pub const PLAIN: u8 = 1 << 1;
/// After "by", "for", "after", the participle reports what was said ("by saying that"), not an act.
pub const SAYING: u8 = 1 << 2;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(default)]
    cues: CueSection,
    #[serde(default)]
    speakers: SpeakerSection,
    #[serde(default)]
    names: NameSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueSection {
    #[serde(default)]
    speech: Vec<String>,
    #[serde(default)]
    addressee: Vec<String>,
    #[serde(default)]
    cognition: Vec<String>,
    #[serde(default)]
    according: Vec<String>,
    #[serde(default)]
    that_only: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    bare_clause: Vec<String>,
    #[serde(default)]
    plain: Vec<String>,
    #[serde(default)]
    saying: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerSection {
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default)]
    role_nouns: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    org_heads: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    group_nouns: Vec<String>,
    #[serde(default)]
    unaffiliated: Vec<String>,
    #[serde(default)]
    months: Vec<String>,
    #[serde(default)]
    time_nouns: Vec<String>,
    #[serde(default)]
    messages: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NameSection {
    #[serde(default)]
    female: Vec<String>,
    #[serde(default)]
    male: Vec<String>,
}

/// Bits of [`Lexicon::word_flags`]: which speaker word lists hold a word.
pub const SKIP: u8 = 1;
pub const ROLE_NOUN: u8 = 1 << 1;
pub const TITLE: u8 = 1 << 2;
pub const ORG_HEAD: u8 = 1 << 3;
pub const NOT_NAME: u8 = 1 << 4;

/// Every inflected form of every cue (lower case), with its class and lists: the coder's one list of
/// speech verbs.
#[derive(Debug, Clone, Default)]
pub struct SpeechVerbs {
    forms: BTreeMap<String, CueForm>,
    /// The one-word forms, for lookups by word.
    words: WordMap<CueForm>,
}

impl SpeechVerbs {
    /// The built-in list (`data/quotes/cues.toml`).
    pub fn builtin() -> &'static SpeechVerbs {
        static BUILT: OnceLock<SpeechVerbs> = OnceLock::new();
        BUILT.get_or_init(|| {
            let file = parse(BUILTIN_NAME, BUILTIN).expect("the built-in cue lexicon parses");
            SpeechVerbs::from_files(&[file])
        })
    }

    /// The built-in list extended by the user's `*.cues.toml` files among `user`.
    pub fn load(user: &[DictionarySource]) -> Result<SpeechVerbs, DictionaryError> {
        Ok(SpeechVerbs::from_files(&cue_files(user)?))
    }

    fn from_files(files: &[CueFile]) -> SpeechVerbs {
        // A form in several lists takes the highest ranked class:
        // according > addressee > speech > cognition > that-only.
        let mut forms: BTreeMap<String, CueForm> = BTreeMap::new();
        let rank = |c: CueClass| match c {
            CueClass::Addressee => 3,
            CueClass::Speech => 2,
            CueClass::Cognition => 1,
            CueClass::ThatOnly => 0,
            CueClass::According => 4,
        };
        let mut add = |form: String, class: CueClass, participle: bool| {
            let entry = forms.entry(form).or_insert(CueForm {
                class,
                participle,
                flags: 0,
            });
            if rank(class) > rank(entry.class) {
                entry.class = class;
            }
        };
        for f in files {
            for (list, class) in [
                (&f.cues.speech, CueClass::Speech),
                (&f.cues.addressee, CueClass::Addressee),
                (&f.cues.cognition, CueClass::Cognition),
                (&f.cues.that_only, CueClass::ThatOnly),
            ] {
                for entry in list {
                    for (form, participle) in inflect(entry) {
                        add(form, class, participle);
                    }
                }
            }
            for entry in &f.cues.according {
                let form = entry.trim().to_lowercase();
                if !form.is_empty() {
                    add(form, CueClass::According, false);
                }
            }
        }
        for f in files {
            for (list, bit) in [
                (&f.cues.bare_clause, BARE_CLAUSE),
                (&f.cues.plain, PLAIN),
                (&f.cues.saying, SAYING),
            ] {
                for entry in list {
                    for (form, _) in inflect(entry) {
                        if let Some(f) = forms.get_mut(&form) {
                            f.flags |= bit;
                        }
                    }
                }
            }
        }
        for f in files {
            for form in &f.cues.exclude {
                forms.remove(&form.trim().to_lowercase());
            }
        }
        let words = forms
            .iter()
            .filter(|(w, _)| !w.contains(' '))
            .map(|(w, f)| (w.clone(), *f))
            .collect();
        SpeechVerbs { forms, words }
    }

    /// Every form (lower case, phrases with their spaces), in sorted order.
    pub fn forms(&self) -> impl Iterator<Item = (&str, CueForm)> {
        self.forms.iter().map(|(w, f)| (w.as_str(), *f))
    }

    /// The cue form of a lower-case word.
    pub fn form(&self, word: &str) -> Option<CueForm> {
        self.words.get(word).copied()
    }

    /// A form of a speech verb ("said", "told", "warns", "denying"): speech or addressee class.
    pub fn is_speech(&self, word: &str) -> bool {
        self.form(word)
            .is_some_and(|f| matches!(f.class, CueClass::Speech | CueClass::Addressee))
    }

    /// A speech verb that may stand before its speaker ("…,” said Ortiz"): speech class, not a verb
    /// whose object is the addressee ("told Reuters").
    pub fn is_inverting(&self, word: &str) -> bool {
        self.form(word)
            .is_some_and(|f| f.class == CueClass::Speech && !f.participle)
    }

    /// A finite or base form of any reporting cue (speech, belief, evidence), not a participle:
    /// the verb after a subject that reports ("officials said", "the report found", "experts believe").
    pub fn is_reporting(&self, word: &str) -> bool {
        self.form(word)
            .is_some_and(|f| !f.participle && f.class != CueClass::According)
    }

    /// Plain speech ("say", "tell", "add", "write", "tweet" in any form).
    pub fn is_plain(&self, word: &str) -> bool {
        self.form(word).is_some_and(|f| f.flags & PLAIN != 0)
    }

    /// A cue whose content clause may follow without "that" or a visible finite verb ("say", "tell").
    pub fn takes_bare_clause(&self, word: &str) -> bool {
        self.form(word).is_some_and(|f| f.flags & BARE_CLAUSE != 0)
    }

    /// A participle that reports what was said after "by", "for", "after" ("by saying that").
    pub fn is_saying(&self, word: &str) -> bool {
        self.form(word).is_some_and(|f| f.participle && f.flags & SAYING != 0)
    }
}

/// The built-in cue file and the user's `*.cues.toml` files, parsed.
fn cue_files(user: &[DictionarySource]) -> Result<Vec<CueFile>, DictionaryError> {
    let mut files = vec![parse(BUILTIN_NAME, BUILTIN)?];
    for src in user.iter().filter(|s| s.name.ends_with(".cues.toml")) {
        files.push(parse(&src.name, &src.text)?);
    }
    Ok(files)
}

/// The compiled lexicon, shared read-only.
pub struct Lexicon {
    pub speech: SpeechVerbs,
    pub cue_matcher: AhoCorasick,
    pub cue_forms: Vec<CueForm>,
    /// Every word of the speaker lists with the bits of the lists holding it: one probe answers them all
    /// (the name scan asks several lists about every capitalised word).
    pub word_flags: HashMap<String, u8, BuildHasherDefault<Fnv>>,
    pub skip: WordSet,
    pub role_nouns: WordSet,
    pub titles: WordSet,
    pub org_heads: WordSet,
    pub not_names: WordSet,
    /// Words in capitals before a colon that label a story, not a transcript's speaker ("EXCLUSIVE:").
    pub labels: WordSet,
    /// Nouns by which news calls an organisation it named before ("the group", "the organisation").
    pub group_nouns: WordSet,
    /// Nouns for people who speak for no country by their trade ("analysts", "economists").
    pub unaffiliated: WordSet,
    /// Month names and their abbreviations ("may", "sept"): "said on May 9" ends in a date, not a name.
    pub months: WordSet,
    /// Nouns of a time phrase between a subject and its cue ("who in the past has said").
    pub time_nouns: WordSet,
    /// Nouns for a message its sender speaks through ("a statement saying …").
    pub messages: WordSet,
    pub female: WordSet,
    pub male: WordSet,
}

fn parse(name: &str, text: &str) -> Result<CueFile, DictionaryError> {
    toml::from_str::<CueFile>(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(0);
        DictionaryError {
            file: name.to_string(),
            line,
            message: e.message().to_string(),
        }
    })
}

/// Inflections of a verb entry "base" / "base|past" / "base|past|participle", each with whether it is a
/// present participle.
fn inflect(entry: &str) -> Vec<(String, bool)> {
    // Every part is "head rest": the rest of a phrase may be written on any part ("make|made clear").
    let parts: Vec<(String, String)> = entry
        .split('|')
        .map(|p| {
            let p = p.trim().to_lowercase();
            match p.split_once(' ') {
                Some((h, r)) => (h.to_string(), format!(" {r}")),
                None => (p, String::new()),
            }
        })
        .collect();
    let Some((head, _)) = parts.first().cloned() else {
        return Vec::new();
    };
    if head.is_empty() {
        return Vec::new();
    }
    let rest = parts
        .iter()
        .map(|p| p.1.clone())
        .find(|r| !r.is_empty())
        .unwrap_or_default();
    let past_head = parts.get(1).map(|p| p.0.clone()).unwrap_or_else(|| regular_past(&head));
    let participle_head = parts.get(2).map(|p| p.0.clone()).unwrap_or_else(|| past_head.clone());
    let third = third_person(&head);
    let gerund = gerund(&head, &past_head);
    let mut out = vec![
        (format!("{head}{rest}"), false),
        (format!("{third}{rest}"), false),
        (format!("{past_head}{rest}"), false),
        (format!("{participle_head}{rest}"), false),
        (format!("{gerund}{rest}"), true),
    ];
    if head == "be" {
        // "be convinced": the usable forms are "is/are/was/were convinced".
        out = ["is", "are", "was", "were", "am"]
            .iter()
            .map(|h| (format!("{h}{rest}"), false))
            .collect();
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn third_person(base: &str) -> String {
    let b = base.as_bytes();
    if base.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &base[..base.len() - 1])
    } else if base.ends_with("s")
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with('o')
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    }
}

fn regular_past(base: &str) -> String {
    let b = base.as_bytes();
    if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        format!("{}ied", &base[..base.len() - 1])
    } else {
        format!("{base}ed")
    }
}

fn gerund(base: &str, past: &str) -> String {
    let b = base.as_bytes();
    // Doubling shows in the given past ("admitted" → "admitting").
    if let Some(stem) = past.strip_suffix("ed") {
        let s = stem.as_bytes();
        if s.len() == b.len() + 1 && stem.starts_with(base) && s[s.len() - 1] == s[s.len() - 2] {
            return format!("{stem}ing");
        }
    }
    if base.ends_with("ie") {
        return format!("{}ying", base.strip_suffix("ie").unwrap_or(base));
    }
    if base.ends_with('e') && !base.ends_with("ee") && !base.ends_with("ye") && !base.ends_with("oe") && b.len() > 2 {
        return format!("{}ing", &base[..base.len() - 1]);
    }
    format!("{base}ing")
}

impl Lexicon {
    pub fn load(user: &[DictionarySource]) -> Result<Lexicon, DictionaryError> {
        let files = cue_files(user)?;
        let speech = SpeechVerbs::from_files(&files);
        let mut lex = Lexicon {
            cue_matcher: AhoCorasick::new(["x"]).expect("trivial automaton"),
            cue_forms: Vec::new(),
            word_flags: HashMap::default(),
            skip: WordSet::default(),
            role_nouns: WordSet::default(),
            titles: WordSet::default(),
            org_heads: WordSet::default(),
            not_names: WordSet::default(),
            labels: WordSet::default(),
            group_nouns: WordSet::default(),
            unaffiliated: WordSet::default(),
            months: WordSet::default(),
            time_nouns: WordSet::default(),
            messages: WordSet::default(),
            female: WordSet::default(),
            male: WordSet::default(),
            speech,
        };
        for f in &files {
            let lower = |v: &Vec<String>| {
                v.iter()
                    .map(|s| s.trim().to_lowercase())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            };
            lex.skip.extend(lower(&f.speakers.skip));
            lex.role_nouns.extend(lower(&f.speakers.role_nouns));
            lex.titles.extend(lower(&f.speakers.titles));
            lex.org_heads.extend(lower(&f.speakers.org_heads));
            lex.not_names.extend(lower(&f.speakers.not_names));
            lex.labels.extend(lower(&f.speakers.labels));
            lex.group_nouns.extend(lower(&f.speakers.group_nouns));
            lex.unaffiliated.extend(lower(&f.speakers.unaffiliated));
            lex.months.extend(lower(&f.speakers.months));
            lex.time_nouns.extend(lower(&f.speakers.time_nouns));
            lex.messages.extend(lower(&f.speakers.messages));
            lex.female.extend(lower(&f.names.female));
            lex.male.extend(lower(&f.names.male));
        }
        // A name in both lists says nothing about gender.
        let both: Vec<String> = lex.female.intersection(&lex.male).cloned().collect();
        for n in both {
            lex.female.remove(&n);
            lex.male.remove(&n);
        }
        for (set, bit) in [
            (&lex.skip, SKIP),
            (&lex.role_nouns, ROLE_NOUN),
            (&lex.titles, TITLE),
            (&lex.org_heads, ORG_HEAD),
            (&lex.not_names, NOT_NAME),
        ] {
            for w in set {
                *lex.word_flags.entry(w.clone()).or_default() |= bit;
            }
        }
        let patterns: Vec<&str> = lex.speech.forms().map(|(w, _)| w).collect();
        // Case-sensitive over lower-case patterns: it scans the article's ASCII-lower-cased text, which finds
        // exactly the matches an ASCII-case-insensitive scan of the original would, with a smaller automaton.
        lex.cue_matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A DFA: built once, scanned over every article.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| DictionaryError {
                file: BUILTIN_NAME.into(),
                line: 0,
                message: e.to_string(),
            })?;
        lex.cue_forms = lex.speech.forms().map(|(_, f)| f).collect();
        Ok(lex)
    }

    /// The [`Lexicon::word_flags`] bits of a lower-case word (0 for a word in no list).
    pub fn flags(&self, w: &str) -> u8 {
        self.word_flags.get(w).copied().unwrap_or(0)
    }

    /// Number of distinct cue forms (for tests and diagnostics).
    #[cfg(test)]
    pub fn cue_count(&self) -> usize {
        self.cue_forms.len()
    }
}

/// Lower-case `s` into `buf` and return it (no allocation once `buf` has grown).
pub fn lower<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    // Fold the curly apostrophe so "Kremlin’s" and "Kremlin's" look the same.
    if buf.contains('’') {
        let folded = buf.replace('’', "'");
        buf.clear();
        buf.push_str(&folded);
    }
    buf.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(entry: &str) -> Vec<String> {
        inflect(entry).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn inflections_of_regular_irregular_and_phrasal_verbs() {
        assert_eq!(forms("warn"), ["warn", "warned", "warning", "warns"]);
        assert_eq!(forms("deny|denied"), ["denied", "denies", "deny", "denying"]);
        assert_eq!(forms("say|said"), ["said", "say", "saying", "says"]);
        assert_eq!(forms("admit|admitted"), ["admit", "admits", "admitted", "admitting"]);
        assert_eq!(forms("argue"), ["argue", "argued", "argues", "arguing"]);
        assert_eq!(
            forms("make|made clear"),
            ["made clear", "make clear", "makes clear", "making clear"]
        );
        assert_eq!(forms("stress"), ["stress", "stressed", "stresses", "stressing"]);
        assert_eq!(
            forms("write|wrote|written"),
            ["write", "writes", "writing", "written", "wrote"]
        );
    }

    #[test]
    fn builtin_lexicon_has_several_hundred_cues_and_user_files_extend_it() {
        let lex = Lexicon::load(&[]).unwrap();
        assert!(lex.cue_count() > 800, "{}", lex.cue_count());
        let user = DictionarySource {
            name: "mine.cues.toml".into(),
            text: "[cues]\nspeech = [\"harrumph\"]\n".into(),
        };
        let lex2 = Lexicon::load(&[user]).unwrap();
        assert_eq!(lex2.cue_count(), lex.cue_count() + 4);
        let bad = DictionarySource {
            name: "bad.cues.toml".into(),
            text: "[cues]\n\nspeech = 3\n".into(),
        };
        let err = Lexicon::load(&[bad]).err().unwrap();
        assert_eq!((err.file.as_str(), err.line), ("bad.cues.toml", 3));
    }
}
