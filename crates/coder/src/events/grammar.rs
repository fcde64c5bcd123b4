//! Word classes: the closed-class words the engine reads sentences with (`data/events/grammar.toml`, extended by
//! users' `*.grammar.toml`). One lookup gives every class of a word as a bit set.

use crate::{DictionaryError, DictionarySource};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

const BUILTIN: &str = include_str!("../../data/events/grammar.toml");
const BUILTIN_NAME: &str = "<builtin>/events/grammar.toml";

macro_rules! classes {
    ($($name:ident = $key:literal,)*) => {
        /// A word class of `grammar.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(non_camel_case_types)]
        pub enum Class { $($name,)* }

        // A word's classes are the bits of a u64.
        const _: () = assert!(Class::ALL.len() <= 64, "more word classes than bits in Classes");

        impl Class {
            const ALL: &'static [(Class, &'static str)] = &[$((Class::$name, $key),)*];
            fn from_key(key: &str) -> Option<Class> {
                Class::ALL.iter().find(|(_, k)| *k == key).map(|(c, _)| *c)
            }
            #[inline]
            fn bit(self) -> u64 {
                1u64 << (self as u32)
            }
        }
    };
}

classes! {
    Be = "be",
    Have = "have",
    Do = "do",
    Future = "future",
    Irrealis = "irrealis",
    Negator = "negators",
    NegatedModal = "negated_modals",
    NegatedAux = "negated_auxiliaries",
    Adverb = "adverbs",
    Determiner = "determiners",
    Demonstrative = "demonstratives",
    Possessive = "possessives",
    Number = "numbers",
    Preposition = "prepositions",
    TargetPreposition = "target_prepositions",
    NeverTargetPreposition = "never_target_prepositions",
    Subordinator = "subordinators",
    Conditional = "conditionals",
    Relative = "relatives",
    QuestionWord = "question_words",
    Coordinator = "coordinators",
    SubjectPronoun = "subject_pronouns",
    ThingPronoun = "thing_pronouns",
    FirstPerson = "first_person",
    Time = "time_words",
    Reporting = "reporting_verbs",
    IrrealisGovernor = "irrealis_governors",
    FactualGovernor = "factual_governors",
    PurposeGovernor = "purpose_governors",
    ExpressivePurpose = "expressive_purposes",
    OccasionWord = "occasion_words",
    ProspectWord = "prospect_words",
    GerundOpener = "gerund_openers",
    ConditionWord = "condition_words",
    IrrealisMarker = "irrealis_markers",
    HistoryMarker = "history_markers",
    RoleHead = "role_heads",
    QuantityHead = "quantity_heads",
    StateNoun = "state_nouns",
    AgentNoun = "agent_nouns",
    Copula = "copulas",
    UnnamedAttacker = "unnamed_attackers",
    Weapon = "weapons",
    ViolentPassive = "violent_passives",
    Obligation = "obligation_modals",
    ObligationVerb = "obligation_verbs",
    Advice = "advice_modals",
    PatientVerb = "patient_verbs",
    BlamePredicate = "blame_predicates",
    Wrongdoing = "wrongdoing_verbs",
    NamingVerb = "naming_verbs",
    CessationVerb = "cessation_verbs",
    CessationWithOff = "cessation_verbs_with_off",
    HoldingParticiple = "holding_participles",
    TitleLowercase = "title_lowercase",
    ImpliedPolice = "implied_police",
    ImpliedMilitary = "implied_military",
    ImpliedProtesters = "implied_protesters",
    ImpliedAuthorities = "implied_authorities",
    ImpliedCivilians = "implied_civilians",
    CivilianSite = "civilian_sites",
}

/// The classes of a word, as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Classes(u64);

impl Classes {
    #[inline]
    pub fn has(self, c: Class) -> bool {
        self.0 & c.bit() != 0
    }
    #[inline]
    pub fn any(self, cs: &[Class]) -> bool {
        cs.iter().any(|&c| self.has(c))
    }
    /// No closed-class word: the open-class lists that mechanisms read on their own (agent nouns, copulas, words
    /// for attackers, weapons, passives of violence, civilians and their places) leave a word as plain as it was.
    pub fn is_empty(self) -> bool {
        const OPEN: &[Class] = &[
            Class::AgentNoun,
            Class::Copula,
            Class::UnnamedAttacker,
            Class::Weapon,
            Class::ViolentPassive,
            Class::ImpliedCivilians,
            Class::CivilianSite,
        ];
        self.0 & !OPEN.iter().fold(0, |m, c| m | c.bit()) == 0
    }
}

/// Every class word, compiled.
pub struct Grammar {
    words: FxHashMap<Box<str>, Classes>,
    /// Words that make an event without a trigger ("Y must", "X is responsible for"): a sentence without a
    /// trigger is read only when it holds one of them.
    gates: AhoCorasick,
    /// Words for a side the sentence names without its country ("police", "protesters"): see `implied`.
    implied: AhoCorasick,
}

impl Grammar {
    /// The built-in classes extended (and trimmed by `remove`) by the user's `*.grammar.toml` files.
    pub fn load(user: &[DictionarySource]) -> Result<Grammar, DictionaryError> {
        let builtin = DictionarySource {
            name: BUILTIN_NAME.to_string(),
            text: BUILTIN.to_string(),
        };
        let mut words: FxHashMap<Box<str>, Classes> = FxHashMap::default();
        let files = std::iter::once(&builtin).chain(user.iter().filter(|s| s.name.ends_with(".grammar.toml")));
        for src in files {
            let table: BTreeMap<String, toml::Value> = toml::from_str(&src.text).map_err(|e| {
                let line = e.span().map(|s| line_at(&src.text, s.start)).unwrap_or(0);
                error(&src.name, line, e.message().to_string())
            })?;
            for (key, value) in &table {
                if key == "remove" {
                    let Some(removals) = value.as_table() else {
                        return Err(error(
                            &src.name,
                            key_line(&src.text, key),
                            "`remove` must be a table".into(),
                        ));
                    };
                    for (class_key, list) in removals {
                        let class = class_of(src, class_key)?;
                        for w in word_list(src, class_key, list)? {
                            if let Some(c) = words.get_mut(w.as_str()) {
                                c.0 &= !class.bit();
                            }
                        }
                    }
                    continue;
                }
                let class = class_of(src, key)?;
                for w in word_list(src, key, value)? {
                    words.entry(w.into_boxed_str()).or_default().0 |= class.bit();
                }
            }
        }
        let gates = gate_phrases(&words);
        // Both automata search every sentence (`gates`) or the whole article (`implied`): a DFA searches
        // several times faster than the NFA that `AhoCorasick::new` picks for this many words, for a
        // few hundred kilobytes.
        let gates = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&gates)
            .map_err(|e| error(BUILTIN_NAME, 0, format!("gate words: {e}")))?;
        let implied: Vec<&str> = words
            .iter()
            .filter(|(_, c)| implied_role(**c).is_some())
            .map(|(w, _)| &**w)
            .collect();
        let implied = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&implied)
            .map_err(|e| error(BUILTIN_NAME, 0, format!("implied sides: {e}")))?;
        Ok(Grammar { words, gates, implied })
    }

    /// The lower-cased sentence holds a word that makes an event without a trigger.
    pub fn gated(&self, lower: &str) -> bool {
        self.gates.is_match(lower)
    }

    /// The classes of a lower-case word (empty for open-class words).
    #[inline]
    pub fn classes(&self, lower: &str) -> Classes {
        match self.words.get(lower) {
            Some(c) => *c,
            // "3,000", "2.5", "20": numerals are numbers like the number words of the list.
            None if lower.starts_with(|c: char| c.is_ascii_digit()) => Classes(Class::Number.bit()),
            None => Classes::default(),
        }
    }

    /// Whole words of `text` that name a side without its country, with the role each implies ("COP").
    pub fn implied_sides(&self, text: &str) -> Vec<(usize, usize, &'static str)> {
        let bytes = text.as_bytes();
        let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80;
        self.implied
            .find_iter(text)
            .filter(|m| m.start() == 0 || !word_byte(bytes[m.start() - 1]))
            .filter(|m| bytes.get(m.end()).is_none_or(|&b| !word_byte(b)))
            .filter_map(|m| {
                let classes = self.classes(&text[m.range()].to_ascii_lowercase());
                if classes.has(Class::CivilianSite) && !self.whole_site(text, m.start(), m.end()) {
                    return None;
                }
                Some((m.start(), m.end(), implied_role(classes)?))
            })
            .collect()
    }

    /// A place word at `start..end` that is a whole lower-case noun phrase: the next word is punctuation, the end
    /// of the text or a closed-class word ("a mosque in", "the bus was"), not a noun it modifies ("school
    /// shootings") nor part of a name ("Lincoln High School").
    fn whole_site(&self, text: &str, start: usize, end: usize) -> bool {
        if !text[start..].starts_with(|c: char| c.is_ascii_lowercase()) {
            return false;
        }
        let rest = text[end..].trim_start();
        let next: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '’')
            .collect::<String>()
            .to_ascii_lowercase();
        next.is_empty()
            || self.classes(&next).any(&[
                Class::Preposition,
                Class::Coordinator,
                Class::Relative,
                Class::Be,
                Class::Have,
                Class::Subordinator,
                Class::Time,
                Class::Adverb,
            ])
    }

    #[inline]
    pub fn is(&self, lower: &str, class: Class) -> bool {
        self.classes(lower).has(class)
    }
}

/// The role a word for a side without its country implies: police (COP), troops (MIL), protesters (OPP),
/// authorities (GOV), civilians (CVL). (CAMEO's role codes.)
fn implied_role(c: Classes) -> Option<&'static str> {
    [
        (Class::ImpliedPolice, "COP"),
        (Class::ImpliedMilitary, "MIL"),
        (Class::ImpliedProtesters, "OPP"),
        (Class::ImpliedAuthorities, "GOV"),
        (Class::ImpliedCivilians, "CVL"),
        (Class::CivilianSite, "CVL"),
    ]
    .into_iter()
    .find(|&(class, _)| c.has(class))
    .map(|(_, role)| role)
}

/// "must", "should", "responsible", and "has to", "needs to" for the obligation verbs.
fn gate_phrases(words: &FxHashMap<Box<str>, Classes>) -> Vec<String> {
    let mut out = Vec::new();
    for (w, c) in words {
        if c.any(&[
            Class::Obligation,
            Class::Advice,
            Class::BlamePredicate,
            Class::Wrongdoing,
        ]) {
            out.push(w.to_string());
        }
        if c.has(Class::ObligationVerb) {
            out.push(format!("{w} to"));
        }
    }
    out.sort();
    out
}

fn class_of(src: &DictionarySource, key: &str) -> Result<Class, DictionaryError> {
    Class::from_key(key).ok_or_else(|| {
        let known: Vec<&str> = Class::ALL.iter().map(|(_, k)| *k).collect();
        error(
            &src.name,
            key_line(&src.text, key),
            format!("unknown word class {key:?} (known: {})", known.join(", ")),
        )
    })
}

fn word_list(src: &DictionarySource, key: &str, value: &toml::Value) -> Result<Vec<String>, DictionaryError> {
    let bad = || {
        error(
            &src.name,
            key_line(&src.text, key),
            format!("{key:?} must be a list of words"),
        )
    };
    let list = value.as_array().ok_or_else(bad)?;
    list.iter()
        .map(|v| v.as_str().map(|s| s.trim().to_lowercase()).ok_or_else(bad))
        .collect()
}

fn line_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start().starts_with(key) && l[l.find(key).unwrap_or(0) + key.len()..].trim_start().starts_with('=')
        })
        .map(|i| i + 1)
        .unwrap_or(0)
}

fn error(file: &str, line: usize, message: String) -> DictionaryError {
    DictionaryError {
        file: file.to_string(),
        line,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_classes_load_and_a_word_has_several() {
        let g = Grammar::load(&[]).unwrap();
        assert!(g.is("would", Class::Irrealis));
        assert!(g.is("that", Class::Relative));
        assert!(g.is("that", Class::Determiner));
        assert!(!g.is("that", Class::Preposition));
        assert!(g.classes("sanctions").is_empty());
    }

    #[test]
    fn user_files_add_and_remove_words() {
        let user = DictionarySource {
            name: "mine.grammar.toml".into(),
            text: "adverbs = [\"belatedly\"]\n[remove]\nadverbs = [\"still\"]\n".into(),
        };
        let g = Grammar::load(&[user]).unwrap();
        assert!(g.is("belatedly", Class::Adverb));
        assert!(!g.is("still", Class::Adverb));
        assert!(g.is("already", Class::Adverb));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let user = DictionarySource {
            name: "bad.grammar.toml".into(),
            text: "adverbs = [\"x\"]\nverbz = [\"y\"]\n".into(),
        };
        let e = Grammar::load(&[user]).err().unwrap();
        assert_eq!((e.file.as_str(), e.line), ("bad.grammar.toml", 2));
        assert!(e.message.contains("unknown word class"), "{}", e.message);
        let user = DictionarySource {
            name: "worse.grammar.toml".into(),
            text: "adverbs = 3\n".into(),
        };
        let e = Grammar::load(&[user]).err().unwrap();
        assert_eq!(e.line, 1);
    }
}
