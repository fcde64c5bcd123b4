//! Inflection of trigger lemmas into the surface forms the automaton matches: regular English verb and noun
//! morphology, with irregular verbs from the lexicon's `irregular` table.

use super::{FormKind, Pos};
use std::collections::HashMap;

/// Irregular verbs: base → (past, past participle), from the `irregular` lists of the trigger files.
#[derive(Debug, Clone, Default)]
pub struct Irregular {
    forms: HashMap<String, (String, String)>,
}

impl Irregular {
    pub fn insert(&mut self, base: &str, past: &str, participle: &str) {
        self.forms
            .insert(base.to_lowercase(), (past.to_lowercase(), participle.to_lowercase()));
    }

    pub fn get(&self, base: &str) -> Option<(&str, &str)> {
        self.forms.get(base).map(|(p, pp)| (p.as_str(), pp.as_str()))
    }
}

/// The kind of an explicitly listed form, guessed from its ending.
pub(crate) fn explicit_kind(pos: Pos, form: &str) -> FormKind {
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

fn is_vowel(c: char) -> bool {
    "aeiou".contains(c)
}

/// Verbs whose final consonant doubles: one-syllable consonant-vowel-consonant words ("ban"), and longer ones
/// stressed on the last syllable ("expel", "commit", "control").
fn doubles_final(word: &str) -> bool {
    const ENDINGS: &[&str] = &["pel", "mit", "trol", "fer", "cur", "bel", "gret"];
    if ENDINGS.iter().any(|e| word.ends_with(e)) {
        return !word.ends_with("offer") && !word.ends_with("suffer");
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    // Only English spelling doubles; a non-ASCII ending is left alone (and never sliced mid-character).
    if n < 3 || !word.is_ascii() {
        return false;
    }
    let (a, b, c) = (chars[n - 3], chars[n - 2], chars[n - 1]);
    let cvc = !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !"wxy".contains(c);
    let syllables = chars
        .iter()
        .enumerate()
        .filter(|&(i, &ch)| is_vowel(ch) && (i == 0 || !is_vowel(chars[i - 1])))
        .count();
    cvc && syllables == 1
}

/// "y" after a consonant: "deny" → "denies", "denied".
fn consonant_y(word: &str) -> bool {
    word.ends_with('y')
        && !word.ends_with("ay")
        && !word.ends_with("ey")
        && !word.ends_with("oy")
        && !word.ends_with("uy")
}

/// "o" after a consonant: "veto" → "vetoes".
fn consonant_o(word: &str) -> bool {
    let mut rev = word.chars().rev();
    rev.next() == Some('o') && rev.next().is_some_and(|c| c.is_ascii_alphabetic() && !is_vowel(c))
}

fn third_person(head: &str) -> String {
    if consonant_y(head) {
        format!("{}ies", &head[..head.len() - 1])
    } else if ["s", "sh", "ch", "x", "z"].iter().any(|e| head.ends_with(e)) || consonant_o(head) {
        format!("{head}es")
    } else {
        format!("{head}s")
    }
}

fn regular_past(head: &str) -> String {
    if head.ends_with('e') {
        format!("{head}d")
    } else if consonant_y(head) {
        format!("{}ied", &head[..head.len() - 1])
    } else if doubles_final(head) {
        format!("{head}{}ed", &head[head.len() - 1..])
    } else {
        format!("{head}ed")
    }
}

fn present_participle(head: &str) -> String {
    if head.ends_with("ee") || head.ends_with("ye") || head.ends_with("oe") {
        format!("{head}ing")
    } else if let Some(stem) = head.strip_suffix("ie") {
        format!("{stem}ying")
    } else if let Some(stem) = head.strip_suffix('e') {
        format!("{stem}ing")
    } else if doubles_final(head) {
        format!("{head}{}ing", &head[head.len() - 1..])
    } else {
        format!("{head}ing")
    }
}

/// Inflected forms of a verb lemma; several words inflect on the first ("crack down on" → "cracked down on").
pub fn verb_forms(
    lemma: &str,
    past: Option<&str>,
    participle: Option<&str>,
    irregular: &Irregular,
) -> Vec<(String, FormKind)> {
    let (head, rest) = match lemma.split_once(' ') {
        Some((h, r)) => (h, format!(" {r}")),
        None => (lemma, String::new()),
    };
    let known = irregular.get(head);
    let past_form = past
        .map(str::to_string)
        .or_else(|| known.map(|k| k.0.to_string()))
        .unwrap_or_else(|| regular_past(head));
    let part_form = participle
        .map(str::to_string)
        .or_else(|| past.map(str::to_string))
        .or_else(|| known.map(|k| k.1.to_string()))
        .unwrap_or_else(|| regular_past(head));
    let mut out = vec![
        (format!("{head}{rest}"), FormKind::Base),
        (format!("{}{rest}", third_person(head)), FormKind::Third),
    ];
    if past_form == part_form {
        out.push((format!("{past_form}{rest}"), FormKind::PastPart));
    } else {
        out.push((format!("{past_form}{rest}"), FormKind::Past));
        out.push((format!("{part_form}{rest}"), FormKind::Participle));
    }
    out.push((format!("{}{rest}", present_participle(head)), FormKind::Ing));
    out.dedup();
    out
}

/// Singular and plural of a noun lemma; several words inflect on the last ("hunger strike" → "hunger strikes").
pub fn noun_forms(lemma: &str) -> Vec<(String, FormKind)> {
    let (init, last) = match lemma.rsplit_once(' ') {
        Some((i, l)) => (format!("{i} "), l),
        None => (String::new(), lemma),
    };
    let plural = if ["ss", "sh", "ch", "x"].iter().any(|e| last.ends_with(e)) {
        format!("{last}es")
    } else if last.ends_with('s') {
        // Already plural ("talks", "sanctions") or invariable ("series").
        last.to_string()
    } else if consonant_y(last) {
        format!("{}ies", &last[..last.len() - 1])
    } else if consonant_o(last) {
        // "embargoes", "vetoes"; the "-os" spelling is added below, as both are written.
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    let mut out = vec![(lemma.to_string(), FormKind::Singular)];
    if plural != last {
        out.push((format!("{init}{plural}"), FormKind::Plural));
    }
    if consonant_o(last) {
        out.push((format!("{init}{last}s"), FormKind::Plural));
    }
    out
}

/// The most strings one lemma or form may expand to.
const MAX_ALTERNATIVES: usize = 256;

/// Expand alternatives in parentheses: "recall (its|their|) ambassador" → "recall its ambassador", "recall
/// their ambassador", "recall ambassador" (an empty alternative makes the group optional).
pub(crate) fn alternatives(s: &str) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    let mut rest = s;
    while let Some(open) = rest.find(['(', ')']) {
        if rest[open..].starts_with(')') {
            return Err(format!("unbalanced ')' in {s:?}"));
        }
        let close = rest[open + 1..]
            .find(['(', ')'])
            .filter(|&c| rest[open + 1 + c..].starts_with(')'))
            .map(|c| open + 1 + c)
            .ok_or_else(|| format!("unbalanced or nested '(' in {s:?}"))?;
        let before = &rest[..open];
        let choices: Vec<&str> = rest[open + 1..close].split('|').collect();
        if out.len() * choices.len() > MAX_ALTERNATIVES {
            return Err(format!("{s:?} expands to more than {MAX_ALTERNATIVES} forms"));
        }
        out = out
            .iter()
            .flat_map(|o| choices.iter().map(move |c| format!("{o}{before}{c}")))
            .collect();
        rest = &rest[close + 1..];
    }
    let mut variants: Vec<String> = Vec::with_capacity(out.len());
    for o in out {
        let v = format!("{o}{rest}").split_whitespace().collect::<Vec<_>>().join(" ");
        if v.is_empty() {
            return Err(format!("{s:?} has an empty alternative"));
        }
        if !variants.contains(&v) {
            variants.push(v);
        }
    }
    Ok(variants)
}
