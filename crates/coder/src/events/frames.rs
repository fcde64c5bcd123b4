//! Complement verbs: agree, promise, threaten, refuse, urge, demand, accuse. Their code follows from the action
//! they govern ("threatened to impose sanctions" is 1312), by the table in `data/events/complements.toml`.

use super::grammar::Class;
use super::lexicon::{Frame, Lexicon, Payload, Pos};
use super::ontology::Ontology;
use super::sentence::Sent;
use crate::{DictionaryError, DictionarySource};
use std::collections::BTreeMap;

const BUILTIN: &str = include_str!("../../data/events/complements.toml");
const BUILTIN_NAME: &str = "<builtin>/events/complements.toml";

/// Per frame, (governed code prefix, resulting code), longest prefixes first.
pub struct Complements {
    by_frame: BTreeMap<&'static str, Vec<(String, String)>>,
}

const FRAMES: &[(&str, Frame)] = &[
    ("intent", Frame::Intent),
    ("threat", Frame::Threat),
    ("refuse", Frame::Refuse),
    ("appeal", Frame::Appeal),
    ("demand", Frame::Demand),
    ("cessation", Frame::Cessation),
    ("irregular", Frame::Irregular),
];

impl Complements {
    pub fn load(user: &[DictionarySource], ontology: &Ontology) -> Result<Complements, DictionaryError> {
        let builtin = DictionarySource {
            name: BUILTIN_NAME.to_string(),
            text: BUILTIN.to_string(),
        };
        let mut maps: BTreeMap<&'static str, BTreeMap<String, String>> = BTreeMap::new();
        let files = std::iter::once(&builtin).chain(user.iter().filter(|s| s.name.ends_with(".complements.toml")));
        for src in files {
            let raw: BTreeMap<String, BTreeMap<String, String>> = toml::from_str(&src.text).map_err(|e| {
                let line = e.span().map(|s| line_at(&src.text, s.start)).unwrap_or(0);
                error(&src.name, line, e.message().to_string())
            })?;
            for (frame, pairs) in raw {
                let Some(&(key, _)) = FRAMES.iter().find(|(k, _)| *k == frame) else {
                    return Err(error(
                        &src.name,
                        find_line(&src.text, &format!("[{frame}]")),
                        format!(
                            "unknown frame {frame:?} (intent, threat, refuse, appeal, demand, cessation, irregular)"
                        ),
                    ));
                };
                for (prefix, code) in pairs {
                    if !ontology.contains(&code) {
                        return Err(error(
                            &src.name,
                            find_line(&src.text, &format!("\"{prefix}\"")),
                            format!("{code:?} is not a CAMEO event code"),
                        ));
                    }
                    maps.entry(key).or_default().insert(prefix, code);
                }
            }
        }
        let by_frame = maps
            .into_iter()
            .map(|(k, m)| {
                let mut v: Vec<(String, String)> = m.into_iter().collect();
                v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
                (k, v)
            })
            .collect();
        Ok(Complements { by_frame })
    }

    /// The code of a complement verb of `frame` governing an action coded `governed`, if the table has one.
    pub fn refine(&self, frame: Frame, governed: &str) -> Option<&str> {
        let key = FRAMES.iter().find(|(_, f)| *f == frame)?.0;
        self.by_frame
            .get(key)?
            .iter()
            .find(|(p, _)| governed.starts_with(p.as_str()))
            .map(|(_, c)| c.as_str())
    }
}

/// The action a complement verb governs: a lexicon entry after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Governed {
    pub entry: usize,
    /// Tokens of the governed trigger.
    pub first: usize,
    pub last: usize,
}

/// The first trigger in the complement of a verb ending at token `last`: "to impose sanctions", "of spying",
/// "that Iran release", "for talks", "sanctions" as the object. Stops at clause boundaries.
pub fn governed(s: &Sent, lexicon: &Lexicon, last: usize) -> Option<Governed> {
    let mut k = last + 1;
    let mut words = 0;
    while k < s.len() && words < 9 {
        if s.is_punct(k, &[";", ":", "—", "–", "(", ")", "?", "!", ","]) {
            return None;
        }
        if s.is(k, Class::Subordinator) && !s.is(k, Class::Preposition) || s.is(k, Class::Reporting) {
            return None;
        }
        // "invited X to the capital in a phone call": past the object, a phrase of time or place is an adjunct,
        // not the complement ("engaged in talks" keeps its "in": nothing stands between).
        if words > 0 && (s.is(k, Class::NeverTargetPreposition) || s.is_word(k, &["in", "at"])) {
            return None;
        }
        if let Some(g) = trigger_at(s, lexicon, k) {
            return Some(g);
        }
        if let Some(a) = s.actor_at(k) {
            k = a.last + 1;
            words += 1;
            continue;
        }
        if s.toks[k].word {
            words += 1;
        }
        k += 1;
    }
    None
}

/// The longest event entry (verb or noun) beginning at token `k`.
fn trigger_at(s: &Sent, lexicon: &Lexicon, k: usize) -> Option<Governed> {
    s.matches
        .iter()
        .filter(|m| m.first == k)
        .filter_map(|m| match m.payload {
            Payload::Entry(e, _) if !lexicon.entries[e].code.is_empty() && lexicon.entries[e].pos != Pos::Adj => {
                Some(Governed {
                    entry: e,
                    first: m.first,
                    last: m.last,
                })
            }
            _ => None,
        })
        .max_by_key(|g| g.last)
}

fn line_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

fn find_line(text: &str, needle: &str) -> usize {
    text.find(needle).map(|i| line_at(text, i)).unwrap_or(0)
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
    use super::super::testing::{lexicon, sent};
    use super::*;

    fn table() -> Complements {
        Complements::load(&[], &Ontology::builtin()).unwrap()
    }

    #[test]
    fn the_longest_prefix_decides() {
        let t = table();
        assert_eq!(t.refine(Frame::Threat, "163"), Some("1312"));
        assert_eq!(t.refine(Frame::Threat, "160"), Some("131"));
        assert_eq!(t.refine(Frame::Intent, "046"), Some("036"));
        assert_eq!(t.refine(Frame::Intent, "0841"), Some("0353"));
        assert_eq!(t.refine(Frame::Refuse, "040"), Some("125"));
        assert_eq!(t.refine(Frame::Appeal, "0871"), Some("0256"));
        assert_eq!(t.refine(Frame::Demand, "0841"), Some("1053"));
        assert_eq!(t.refine(Frame::Accuse, "190"), None);
        assert_eq!(t.refine(Frame::Intent, "111"), None);
    }

    #[test]
    fn user_tables_override_and_errors_name_file_and_line() {
        let o = Ontology::builtin();
        let user = DictionarySource {
            name: "mine.complements.toml".into(),
            text: "[threat]\n\"163\" = \"131\"\n".into(),
        };
        let t = Complements::load(&[user], &o).unwrap();
        assert_eq!(t.refine(Frame::Threat, "163"), Some("131"));
        let bad = DictionarySource {
            name: "bad.complements.toml".into(),
            text: "[threat]\n\"163\" = \"999\"\n".into(),
        };
        let e = Complements::load(&[bad], &o).err().unwrap();
        assert_eq!((e.file.as_str(), e.line), ("bad.complements.toml", 2));
        let bad = DictionarySource {
            name: "worse.complements.toml".into(),
            text: "[hope]\n\"16\" = \"131\"\n".into(),
        };
        assert_eq!(Complements::load(&[bad], &o).err().unwrap().line, 1);
    }

    #[test]
    fn finds_the_governed_action() {
        let s = sent(
            "Quito threatened on Monday to impose tariffs on Lima.",
            &[("Quito", "ECU"), ("Lima", "PER")],
        );
        let v = (0..s.len()).find(|&i| s.w(i) == "threatened").unwrap();
        let g = governed(&s, lexicon(), v).expect("a governed action");
        assert_eq!(s.w(g.first), "impose");
        let s = sent("Quito threatened, and then left.", &[("Quito", "ECU")]);
        assert_eq!(governed(&s, lexicon(), 1), None);
    }
}
