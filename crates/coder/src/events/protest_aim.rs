//! A protest and its purpose: "farmers blocked the highway to protest against the neighbour's import duties",
//! "the miners began a fast in protest at the ministry's decision", "students marched to demand the rector's
//! resignation". The purpose ("to protest", "to demand", "in protest at") says what the act protests; it is no act of
//! its own. Read alone, the act has no named adversary and would be aimed at its doers' own government: it takes
//! the adversary the purpose names, and the purpose is not emitted beside it.

use super::emit::Candidate;

/// Roots of the acts a protest's purpose may name: demands (10), disapproval (11) and protests (14).
const PURPOSES: [u8; 3] = [10, 11, 14];

/// Folds each purpose into the protest it follows.
pub fn fold(text: &str, candidates: &mut Vec<Candidate>) {
    let mut folded = vec![false; candidates.len()];
    for j in 0..candidates.len() {
        let purpose = &candidates[j];
        if !PURPOSES.contains(&root(purpose)) || purpose.negated || !reads_as_purpose(text, purpose) {
            continue;
        }
        let Some(i) = (0..j)
            .rev()
            .find(|&i| !folded[i] && is_protest_before(&candidates[i], purpose))
        else {
            continue;
        };
        if candidates[i].aimed_at_own && !purpose.aimed_at_own && !purpose.targets.is_empty() {
            let targets = purpose.targets.clone();
            let act = &mut candidates[i];
            act.targets = targets;
            act.aimed_at_own = false;
            act.pattern.push_str("; aimed at whom its purpose names");
        }
        folded[j] = true;
    }
    if folded.contains(&true) {
        *candidates = std::mem::take(candidates)
            .into_iter()
            .zip(folded)
            .filter_map(|(c, f)| (!f).then_some(c))
            .collect();
    }
}

fn root(c: &Candidate) -> u8 {
    c.code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0)
}

/// An infinitive of purpose ("to demand") or "in protest at": the word before the trigger is "to" or "in".
fn reads_as_purpose(text: &str, c: &Candidate) -> bool {
    let before = text[..c.trigger.0].trim_end();
    let word = before.rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
    word.eq_ignore_ascii_case("to") || word.eq_ignore_ascii_case("in")
}

/// `act` is a protest (14) before `purpose` in the sentence, by the same doers.
fn is_protest_before(act: &Candidate, purpose: &Candidate) -> bool {
    let doer = |c: &Candidate| c.sources.first().map(|p| p.actor.code.clone());
    root(act) == 14 && act.trigger.1 <= purpose.trigger.0 && doer(act).is_some() && doer(act) == doer(purpose)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::emit::Party;
    use detente_records::{Actor, MentionKind};

    /// The text the test candidates' triggers are words of.
    const TEXT: &str = "Kenyan farmers blocked the road to protest in anger, then met the envoy to talk to him.";

    fn party(code: &str) -> Party {
        Party {
            actor: Actor {
                code: code.into(),
                country: Some(code[..3].into()),
                org: None,
                role: (code.len() > 3).then(|| code[3..].into()),
                name: None,
            },
            kind: MentionKind::Role,
        }
    }

    /// A candidate whose trigger is the word `word` of TEXT.
    fn cand(code: &str, source: &str, target: &str, word: &str, own: bool) -> Candidate {
        let at = TEXT.find(word).unwrap();
        let mut c = Candidate::bare("test", code, (at, at + word.len()), "test");
        c.sources = vec![party(source)];
        c.targets = vec![party(target)];
        c.aimed_at_own = own;
        c
    }

    fn folded(mut cs: Vec<Candidate>) -> Vec<String> {
        fold(TEXT, &mut cs);
        cs.iter()
            .map(|c| format!("{}>{}:{}", c.sources[0].actor.code, c.targets[0].actor.code, c.code))
            .collect()
    }

    #[test]
    fn a_purpose_gives_the_protest_its_adversary_and_is_no_act_of_its_own() {
        let cs = vec![
            cand("144", "KENCVL", "KENGOV", "blocked", true),
            cand("140", "KENCVL", "UGA", "protest", false),
        ];
        assert_eq!(folded(cs), ["KENCVL>UGA:144"]);
        // A demand as the purpose ("to demand"), and a protest that already had its adversary.
        let cs = vec![
            cand("141", "KENCVL", "TZA", "blocked", false),
            cand("1041", "KENCVL", "TZAGOV", "talk", false),
        ];
        assert_eq!(folded(cs), ["KENCVL>TZA:141"]);
    }

    #[test]
    fn a_purpose_by_other_doers_or_before_the_act_or_after_no_protest_stays() {
        let cs = vec![
            cand("144", "KENCVL", "KENGOV", "blocked", true),
            cand("140", "TZACVL", "UGA", "protest", false),
        ];
        assert_eq!(folded(cs), ["KENCVL>KENGOV:144", "TZACVL>UGA:140"]);
        let cs = vec![
            cand("040", "KENCVL", "UGA", "met", false),
            cand("111", "KENCVL", "UGA", "talk", false),
        ];
        assert_eq!(folded(cs), ["KENCVL>UGA:040", "KENCVL>UGA:111"]);
        // A second purpose ("in anger") folds into the same protest, not into the first purpose.
        let cs = vec![
            cand("144", "KENCVL", "KENGOV", "blocked", true),
            cand("140", "KENCVL", "UGA", "protest", false),
            cand("140", "KENCVL", "TZA", "anger", false),
        ];
        assert_eq!(folded(cs), ["KENCVL>UGA:144"]);
    }
}
