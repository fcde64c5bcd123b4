//! Whether an action is asserted as done: negation, modals, futures, conditions, questions, governors of
//! infinitives, and words that make an action only feared or possible.

use super::grammar::Class;
use super::lexicon::{FormKind, Payload};
use super::sentence::Sent;
use super::verbgroup::VerbGroup;

/// How the text presents an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    /// Reported as done or going on.
    Factual,
    /// Announced for the future: "will meet", "is set to sign", reported "would impose". The engine turns such
    /// actions into intentions (03) or threats (13) of their source.
    Future,
    /// Possible, wished, conditional, asked, feared or planned: not done.
    Irrealis(&'static str),
}

impl Mood {
    pub fn describe(self) -> &'static str {
        match self {
            Mood::Factual => "factual",
            Mood::Future => "future",
            Mood::Irrealis(why) => why,
        }
    }
}

/// Words after "to" that make a future of what follows: "is set to", "are due to", "is going to".
const FUTURE_GOVERNORS: &[&str] = &[
    "going",
    "set",
    "scheduled",
    "due",
    "poised",
    "slated",
    "expected",
    "about",
];

/// The mood of a verb group.
pub fn of_verb(s: &Sent, g: &VerbGroup) -> Mood {
    if s.question {
        return Mood::Irrealis("question");
    }
    if let Some(why) = conditional_scope(s, g.first) {
        return Mood::Irrealis(why);
    }
    if g.infinitive {
        return of_infinitive(s, g);
    }
    if g.is_bare() && g.first > 0 && s.is(g.first - 1, Class::GerundOpener) {
        // "may follow X in expelling Y", "will respond by recalling Y": the clause's mood.
        return clause_mood_before(s, g.first - 1);
    }
    if g.irrealis {
        // "said it would impose": future in the past when a reporting verb governs the clause.
        if g.would && reported_clause(s, g.first) {
            return Mood::Future;
        }
        return Mood::Irrealis("modal");
    }
    if g.future {
        return Mood::Future;
    }
    if let Some(why) = marker_before(s, g.first) {
        return Mood::Irrealis(why);
    }
    Mood::Factual
}

/// The mood of an event noun at `first`: "the threat of an invasion", "a possible strike", "no talks".
pub fn of_noun(s: &Sent, first: usize) -> Mood {
    if s.question {
        return Mood::Irrealis("question");
    }
    if let Some(why) = conditional_scope(s, first) {
        return Mood::Irrealis(why);
    }
    // A governing word close before the noun: "the threat of", "calls for", "plans for", "fear of".
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 6 {
        k -= 1;
        steps += 1;
        if s.is(k, Class::IrrealisMarker) || s.is(k, Class::IrrealisGovernor) {
            return Mood::Irrealis("governed by a word of possibility or intention");
        }
        // "could raise tariffs", "will impose sanctions": a modal before the verb whose object the noun is.
        if s.is(k, Class::Irrealis) && !s.toks[k].cap {
            return Mood::Irrealis("modal");
        }
        if s.is(k, Class::Future) {
            return Mood::Future;
        }
        if !s.toks[k].word && s.toks[k].actor.is_none() && !s.is_punct(k, &["-", "’s", "'s"]) {
            break;
        }
    }
    Mood::Factual
}

/// The mood the modal or future auxiliary of the clause before token `at` gives it.
fn clause_mood_before(s: &Sent, at: usize) -> Mood {
    for k in (0..at).rev() {
        let w = s.w(k);
        if s.is_punct(k, &[",", ";", ":", "—", "–", "(", "“", "\""]) || w == "that" || s.is(k, Class::Reporting) {
            break;
        }
        if s.toks[k].actor.is_some() || s.toks[k].cap {
            // "May" in a name is no modal.
            continue;
        }
        if s.is(k, Class::Future) {
            return Mood::Future;
        }
        if s.is_any(k, &[Class::Irrealis, Class::NegatedModal]) {
            return Mood::Irrealis("modal");
        }
    }
    Mood::Factual
}

/// An infinitive's mood from the word that governs it.
fn of_infinitive(s: &Sent, g: &VerbGroup) -> Mood {
    let Some(gov) = governor(s, g) else {
        return Mood::Irrealis("infinitive");
    };
    if s.is(gov, Class::FactualGovernor) {
        // "continued to shell", "began to withdraw": the governor's own mood decides.
        let gg = VerbGroup::read(s, gov, gov, None);
        return of_verb(s, &gg);
    }
    if let Some(trip) = trip_before(s, gov) {
        return of_verb(s, &VerbGroup::read(s, trip, trip, None));
    }
    if s.is(g.head, Class::ExpressivePurpose)
        && let Some(verb) = g.to.and_then(|to| clause_verb_before(s, to))
    {
        // "gathered outside the court to protest": the gathering is the protest.
        return of_verb(s, &VerbGroup::read(s, verb, verb, None));
    }
    if FUTURE_GOVERNORS.contains(&s.w(gov)) && gov > 0 && s.is_any(gov - 1, &[Class::Be, Class::Adverb]) {
        return Mood::Future;
    }
    Mood::Irrealis("infinitive")
}

/// "led the U.S. delegation | to meet", "flew to Cairo | to sign": a verb of a trip a few words before the
/// infinitive's "to", across its object or destination only (no other verb, no punctuation).
fn trip_before(s: &Sent, gov: usize) -> Option<usize> {
    let mut k = gov;
    for _ in 0..8 {
        if s.is(k, Class::PurposeGovernor) {
            return Some(k);
        }
        let clause_break = s.is(k, Class::Coordinator) && !joins_modifiers(s, k);
        if !s.toks[k].word || s.verb_at[k] || clause_break || s.is_any(k, &[Class::Reporting, Class::Relative]) {
            return None;
        }
        k = k.checked_sub(1)?;
    }
    None
}

/// "legal and financial auditors": "and" between two lower-case words of one noun phrase (no verb on either
/// side, no determiner starting a new phrase), which joins modifiers, not clauses.
fn joins_modifiers(s: &Sent, k: usize) -> bool {
    let plain = |j: usize| {
        s.toks.get(j).is_some_and(|t| t.word && !t.cap && t.actor.is_none())
            && !s.verb_at[j]
            && !s.is_any(j, &[Class::Determiner, Class::Preposition])
    };
    k > 0 && plain(k - 1) && plain(k + 1)
}

/// The verb of the clause an infinitive of purpose follows ("stopped work on Monday | to demand"): the nearest
/// lexicon verb or plain past form before `to`, within the clause; none when a governor of unreal acts ("plans",
/// "a bid"), a modal or a clause boundary comes first.
fn clause_verb_before(s: &Sent, to: usize) -> Option<usize> {
    let mut k = to;
    for _ in 0..12 {
        k = k.checked_sub(1)?;
        let t = &s.toks[k];
        if !t.word
            || s.is_any(
                k,
                &[
                    Class::IrrealisGovernor,
                    Class::Future,
                    Class::Irrealis,
                    Class::Reporting,
                    Class::Relative,
                    Class::Subordinator,
                    Class::Conditional,
                ],
            )
        {
            return None;
        }
        let plain_past = !t.cap
            && t.actor.is_none()
            && s.w(k).ends_with("ed")
            && k.checked_sub(1)
                .is_none_or(|p| !s.is_any(p, &[Class::Determiner, Class::Possessive]));
        if s.verb_at[k] || plain_past {
            return Some(k);
        }
    }
    None
}

/// Where the trip or mission an infinitive of purpose follows went: "sent observers to Chad | to investigate",
/// "flew to Quito | to mediate". The act done there is aimed at the host when it names nobody else.
pub fn trip_destination(s: &Sent, g: &VerbGroup) -> Option<usize> {
    let to = g.to?;
    let trip = trip_before(s, governor(s, g)?)?;
    (trip + 1..to)
        .find(|&k| s.w(k) == "to" && s.toks.get(k + 1).is_some_and(|t| t.actor.is_some()))
        .and_then(|k| s.toks[k + 1].actor)
}

/// The word before "to" (skipping adverbs, negation and time words, and an actor governed by a control verb).
pub fn governor(s: &Sent, g: &VerbGroup) -> Option<usize> {
    let mut k = g.to?;
    while k > 0 && (s.is_adverb(k - 1) || s.is_any(k - 1, &[Class::Negator, Class::Time])) {
        k -= 1;
    }
    let mut gov = k.checked_sub(1)?;
    if let Some(a) = s.actor_at(gov) {
        gov = a.first.checked_sub(1)?;
    }
    Some(gov)
}

/// A condition or an open question earlier in the clause of `at`: "if Iran attacks", "whether Russia will".
fn conditional_scope(s: &Sent, at: usize) -> Option<&'static str> {
    let mut k = at;
    while k > 0 {
        k -= 1;
        if s.is_punct(k, &[";", ":", "—", "–"]) {
            return None;
        }
        if s.w(k) == "," {
            // A condition fronted before the comma governs the clause after it only when the comma closes it
            // ("If Iran attacks, Israel will respond" puts only "attacks" in the condition).
            return None;
        }
        if s.is(k, Class::Conditional) {
            return Some("condition or open question");
        }
        if s.is(k, Class::Subordinator)
            && s.is_word(k, &["when", "once", "until", "before", "after"])
            && present_tense_at(s, at)
        {
            return Some("a time clause in the present refers to the future");
        }
    }
    None
}

/// The verb group at `at` is in the simple present ("travels", "meet").
fn present_tense_at(s: &Sent, at: usize) -> bool {
    let mut k = at;
    while k < s.len() && (s.is_adverb(k) || s.is(k, Class::Negator)) {
        k += 1;
    }
    let w = s.w(k);
    // An irregular past ("blew", "struck", "fought") is known by the lexicon form it matched.
    let past_form = s.matches.iter().any(|m| {
        m.first == k
            && matches!(
                m.payload,
                Payload::Entry(_, FormKind::Past | FormKind::PastPart | FormKind::Participle)
            )
    });
    !s.is_any(k, &[Class::Be, Class::Have, Class::Do, Class::Future, Class::Irrealis])
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !past_form
        && s.verb_at.get(k).copied().unwrap_or(false)
}

/// A word of fear, possibility or prevention earlier in the clause: "fears that Russia could invade", "to prevent
/// an attack".
fn marker_before(s: &Sent, at: usize) -> Option<&'static str> {
    let mut k = at;
    let mut steps = 0;
    while k > 0 && steps < 8 {
        k -= 1;
        steps += 1;
        if s.is_punct(k, &[";", ":", "—", "–", ","]) || s.is(k, Class::Relative) && s.w(k) != "that" {
            return None;
        }
        if s.is(k, Class::IrrealisMarker) {
            return Some("feared, possible or prevented");
        }
    }
    None
}

/// A reporting verb governs the clause at `at`: "said it would", "warned that they would".
fn reported_clause(s: &Sent, at: usize) -> bool {
    (0..at).rev().take(12).any(|k| s.is(k, Class::Reporting)) || s.in_quote(at).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{group_of, sent};
    use super::*;

    fn mood(text: &str, verb: &str) -> Mood {
        let s = sent(text, &[]);
        of_verb(&s, &group_of(&s, verb))
    }

    #[test]
    fn plain_past_and_present_are_factual() {
        assert_eq!(mood("Kenya expelled two diplomats.", "expelled"), Mood::Factual);
        assert_eq!(
            mood("Kenya continues to shell the border posts.", "shell"),
            Mood::Factual
        );
        assert_eq!(mood("Kenya began to withdraw its troops.", "withdraw"), Mood::Factual);
    }

    #[test]
    fn modals_conditions_and_questions_are_not() {
        assert!(matches!(
            mood("Kenya could expel two diplomats.", "expel"),
            Mood::Irrealis(_)
        ));
        assert!(matches!(
            mood("If Kenya expels the envoys, Uganda will protest.", "expels"),
            Mood::Irrealis(_)
        ));
        assert_eq!(
            mood("If Kenya expels the envoys, Uganda will protest.", "protest"),
            Mood::Future
        );
        assert!(matches!(
            mood("Will Kenya expel the envoys?", "expel"),
            Mood::Irrealis(_)
        ));
        assert!(matches!(
            mood("Kenya wants to expel the envoys.", "expel"),
            Mood::Irrealis(_)
        ));
        assert!(matches!(
            mood("Analysts fear Kenya might expel the envoys.", "expel"),
            Mood::Irrealis(_)
        ));
    }

    #[test]
    fn futures_and_reported_would() {
        assert_eq!(mood("Kenya will expel the envoys.", "expel"), Mood::Future);
        assert_eq!(mood("Kenya is set to expel the envoys.", "expel"), Mood::Future);
        assert_eq!(mood("Kenya said it would expel the envoys.", "expel"), Mood::Future);
        assert!(matches!(
            mood("Kenya would expel the envoys in that case.", "expel"),
            Mood::Irrealis(_)
        ));
    }

    #[test]
    fn nouns_governed_by_fear_or_plans() {
        let s = sent("The threat of an invasion grew.", &[]);
        let i = (0..s.len()).find(|&i| s.w(i) == "invasion").unwrap();
        assert!(matches!(of_noun(&s, i), Mood::Irrealis(_)));
        let s = sent("The invasion began at dawn.", &[]);
        assert_eq!(of_noun(&s, 1), Mood::Factual);
    }
}
