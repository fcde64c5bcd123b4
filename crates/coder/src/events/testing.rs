//! Test helpers: sentences with hand-built actor mentions, so that event tests do not depend on the actor stage.

use super::grammar::Grammar;
use super::lexicon::{FormKind, Lexicon, Payload};
use super::ontology::Ontology;
use super::sentence::Sent;
use super::syntax::Arg;
use super::verbgroup::VerbGroup;
use crate::text::segment;
use detente_records::{Actor, Mention, MentionKind, Resolution};
use std::sync::OnceLock;

pub fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| Grammar::load(&[]).expect("built-in grammar loads"))
}

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::load(&[], &Ontology::builtin()).expect("built-in lexicon loads"))
}

/// An actor for a code: "NATO", "EU", "UN" are organisations, six letters are country + role, three a country,
/// "REB" and other role codes alone have no country.
pub fn actor(code: &str) -> Actor {
    const ORGS: &[&str] = &["NATO", "EU", "UN", "IAEA", "AU", "OPEC", "ASEAN"];
    const ROLES: &[&str] = &[
        "REB", "GOV", "MIL", "COP", "OPP", "CVL", "LEG", "MED", "PTY", "JUD", "BUS",
    ];
    let (country, org, role) = if ORGS.contains(&code) {
        (None, Some(code.to_string()), None)
    } else if ROLES.contains(&code) {
        (None, None, Some(code.to_string()))
    } else if code.len() == 6 {
        (Some(code[..3].to_string()), None, Some(code[3..].to_string()))
    } else {
        (Some(code.to_string()), None, None)
    };
    Actor {
        code: code.into(),
        country,
        org,
        role,
        name: None,
    }
}

/// Mentions for (phrase, code) pairs at every whole-word occurrence of the phrase. A phrase starting with an
/// upper-case letter and holding a space is a person when its code has a role; lower-case phrases are roles.
pub fn mentions(text: &str, pairs: &[(&str, &str)]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for (entity, (phrase, code)) in pairs.iter().enumerate() {
        let mut from = 0;
        while let Some(i) = text[from..].find(phrase) {
            let start = from + i;
            let end = start + phrase.len();
            from = end;
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            if out.iter().any(|m| m.start < end && start < m.end) {
                continue;
            }
            let upper = phrase.chars().next().is_some_and(char::is_uppercase);
            let kind = match (upper, phrase.contains(' '), code.len()) {
                (true, true, 6) => MentionKind::Person,
                (true, _, _) => MentionKind::Country,
                _ if ["he", "she", "they", "it"].contains(phrase) => MentionKind::Pronoun,
                _ => MentionKind::Role,
            };
            out.push(Mention {
                start,
                end,
                text: phrase.to_string(),
                actor: actor(code),
                via: Resolution::Dictionary,
                kind,
                entity,
                gender: None,
                plural: false,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// The first sentence of `text` read with hand-built mentions (leaked: tests only).
pub fn sent(text: &str, pairs: &[(&str, &str)]) -> Sent<'static> {
    let text: &'static str = Box::leak(text.to_string().into_boxed_str());
    let ms: &'static [Mention] = Box::leak(mentions(text, pairs).into_boxed_slice());
    let sentences = segment(text);
    let tokens = crate::text::tokenize(text, sentences[0].span());
    Sent::read(
        text,
        &sentences[0],
        &tokens,
        ms,
        &[],
        (&[], &[]),
        grammar(),
        lexicon(),
        true,
    )
}

/// The verb group of the first token spelled `verb` (case-insensitive), with the lexicon's form when it has one.
pub fn group_of(s: &Sent, verb: &str) -> VerbGroup {
    let verb = verb.to_lowercase();
    let head = (0..s.len()).find(|&i| s.w(i) == verb).expect("verb in sentence");
    let form = s
        .matches
        .iter()
        .filter(|m| m.first == head)
        .find_map(|m| match m.payload {
            Payload::Entry(_, k) | Payload::Light(k) => Some(k),
            Payload::Discard => None,
        })
        .unwrap_or(if verb.ends_with("ing") {
            FormKind::Ing
        } else if verb.ends_with("ed") {
            FormKind::PastPart
        } else if verb.ends_with('s') {
            FormKind::Third
        } else {
            FormKind::Base
        });
    VerbGroup::read(s, head, head, Some(form))
}

/// The actor codes of an argument.
pub fn names(s: &Sent, a: &Arg) -> Vec<String> {
    a.actors.iter().map(|&i| s.actors[i].actor().code.clone()).collect()
}
