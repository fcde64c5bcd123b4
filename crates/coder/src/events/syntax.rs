//! A shallow reading of clause structure over tokens and actor mentions: who is the subject of a verb, what is
//! its object, who is the agent of a passive, and which actors are conjoined. No parser: clause boundaries,
//! prepositions, commas and the word classes decide.

use super::grammar::Class;
use super::lexicon::FormKind;
use super::sentence::Sent;
use super::verbgroup::VerbGroup;

/// Actors found for one argument: several when conjoined ("Germany, France and Italy").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Arg {
    /// Indices into `Sent::actors`, in text order.
    pub actors: Vec<usize>,
    /// How the argument was found, for the rule name ("subject", "relative clause", ...).
    pub how: &'static str,
}

impl Arg {
    fn new(actors: Vec<usize>, how: &'static str) -> Arg {
        Arg { actors, how }
    }
}

/// Non-actor words a subject or object search may pass before it gives up.
const MAX_GAP: usize = 9;

/// Punctuation that closes a clause for argument search.
const HARD_STOPS: &[&str] = &[";", ":", "—", "–", "(", ")", "[", "]", "“", "”", "\"", "?", "!"];

/// The subject of a verb group: the actor(s) it predicates of, looking left within the clause.
pub fn subject(s: &Sent, g: &VerbGroup) -> Option<Arg> {
    if g.infinitive {
        return infinitive_subject(s, g);
    }
    // "members of Congress criticizing the deal": an -ing form right after an actor is that actor's act.
    if g.is_bare()
        && g.form == Some(FormKind::Ing)
        && let Some(a) = g.first.checked_sub(1).and_then(|p| s.toks[p].actor)
    {
        return Some(conjoined_left(s, a, "reduced relative clause"));
    }
    // "a motion urging X", "the letter accusing Y": an -ing form right after a noun phrase that is no actor is
    // what that noun says or does, not an act of the clause's subject.
    if g.is_bare() && g.form == Some(FormKind::Ing) && after_common_noun_phrase(s, g.first) {
        return None;
    }
    if g.is_bare() && starts_free_clause(s, g.first) {
        // ", accusing X of": a participle clause. A past form after a comma may also be the predicate after an
        // aside ("X, however, criticized Y"): that reading first.
        if g.form != Some(FormKind::Ing)
            && let Some(a) = subject_left_of(s, g.first)
        {
            return Some(a);
        }
        return clause_subject_for_participle(s, g.first);
    }
    subject_left_of(s, g.first)
}

/// Token `at` follows a noun phrase with a determiner, possessive or number and a common noun as its head ("a
/// draft resolution", "the group's letter"); time nouns ("spent the week lobbying") are left to the subject.
fn after_common_noun_phrase(s: &Sent, at: usize) -> bool {
    let Some(head) = at.checked_sub(1) else { return false };
    let t = &s.toks[head];
    let function_word = [
        Class::Determiner,
        Class::Possessive,
        Class::Number,
        Class::Preposition,
        Class::Coordinator,
        Class::Subordinator,
        Class::Relative,
        Class::Negator,
        Class::SubjectPronoun,
        Class::Time,
    ];
    if !t.word
        || t.cap
        || t.actor.is_some()
        || s.is_verbish(head)
        || s.is_adverb(head)
        || s.is_any(head, &function_word)
    {
        return false;
    }
    // Left of the head: modifiers (plain words or actors) up to the phrase's determiner; "that" may be a
    // conjunction ("warned that Peru must stop ..."), so it opens no noun phrase here.
    for k in (head.saturating_sub(3)..head).rev() {
        if s.is_any(k, &[Class::Determiner, Class::Possessive, Class::Number]) {
            return !s.is(k, Class::Relative);
        }
        let modifier = s.toks[k].actor.is_some() || s.toks[k].word && s.toks[k].cls.is_empty() && !s.is_verbish(k);
        if !modifier {
            return false;
        }
    }
    false
}

/// Scans left from token `from` (exclusive) for the subject.
pub fn subject_left_of(s: &Sent, from: usize) -> Option<Arg> {
    if unknown_name_before(s, from) {
        return None;
    }
    let mut gap = 0;
    let mut i = from;
    while i > 0 {
        let j = i - 1;
        if let Some(a) = s.toks[j].actor {
            let span = &s.actors[a];
            // "Peru's border concerns must ...": a possessor before a common noun is not the subject; the noun
            // is (the actor stage already joins "Peru's army" into one mention).
            if s.is_word(span.last + 1, &["'s", "’s"]) && span.last + 2 < from {
                return None;
            }
            if subject_capable(s, span.first) && !object_of_a_verb(s, span.first) {
                return Some(conjoined_left(s, a, "subject"));
            }
            i = span.first;
            gap += 1;
            continue;
        }
        let w = s.w(j);
        // "Rep. Jane Roe (D-Ore.) met", "the firms — A and B — asked": an aside right after the subject.
        if let Some(open) = aside_closed_at(s, j) {
            i = open;
            continue;
        }
        // "the Andean Water Board (AWB) said": a name the actor stage did not hold, defined by an acronym it
        // did; the acronym is the subject.
        if let Some(a) = acronym_defined_at(s, j) {
            return Some(Arg::new(vec![a], "subject (the acronym of a name)"));
        }
        if s.is_punct(j, HARD_STOPS) {
            return None;
        }
        if w == "," {
            if gap > 0 && passed_a_noun(s, j + 1, from) {
                return None;
            }
            match before_comma(s, j) {
                BeforeComma::Aside(p) => {
                    i = p;
                    continue;
                }
                BeforeComma::Predicate(v) if gap == 0 => {
                    let g = VerbGroup::read(s, v, v, None);
                    return subject_left_of(s, g.first).map(|a| Arg {
                        how: "shared with the clause before",
                        ..a
                    });
                }
                _ => return None,
            }
        }
        if s.is(j, Class::Relative) && j + 1 == from {
            return relative_antecedent(s, j);
        }
        if s.is(j, Class::Coordinator) && w != "yet" {
            let mut next = j + 1;
            while next < from && s.is_adverb(next) {
                next += 1;
            }
            let verb_follows = s.is_verbish(next) || s.verb_at.get(next).copied().unwrap_or(false);
            if !verb_follows && passed_a_noun(s, j + 1, from) {
                // "Cotton and other lawmakers accused": an actor conjoined with a noun phrase is the subject;
                // "Israeli helicopters and tanks shelled": so is an actor that modifies the first noun.
                let p = j.checked_sub(1)?;
                let modified = s.toks[p].actor.is_none()
                    && s.toks[p].word
                    && !s.is_verbish(p)
                    && !s.is_any(p, &[Class::Preposition, Class::Determiner, Class::Coordinator]);
                let at = if modified { p.checked_sub(1)? } else { p };
                return s.toks[at]
                    .actor
                    .filter(|&a| subject_capable(s, s.actors[a].first))
                    .map(|a| conjoined_left(s, a, "subject conjoined with a noun phrase"));
            }
            // "X met Y and criticized Z": the subject of the earlier predicate.
            return previous_predicate(s, j)
                .and_then(|v| subject_left_of(s, v))
                .map(|a| Arg {
                    how: "coordinated verb",
                    ..a
                });
        }
        // ("once again" is an adverb, not the time clause of "once they agree".)
        let once_again = w == "once" && s.w(j + 1) == "again";
        if s.is(j, Class::Subordinator) && !s.is(j, Class::Preposition) && !once_again || w == "that" {
            return None;
        }
        if s.is(j, Class::Reporting) && !s.is(j, Class::Preposition) && w != "according" {
            return None;
        }
        if s.toks[j].word && !s.is_adverb(j) && !s.is(j, Class::Time) {
            gap += 1;
            if gap > MAX_GAP {
                return None;
            }
        }
        i = j;
    }
    None
}

/// The first actor that can be a subject in the clause holding token `at`, read from the clause's start: in
/// "Chile's envoy recalled his staff on Monday ahead of talks", the envoy, not the staff (no word class tells
/// "recalled" is a verb, so the actor nearest before `at` may be an object).
pub fn clause_opening_subject(s: &Sent, at: usize) -> Option<Arg> {
    let boundary = |k: usize| {
        let w = s.w(k);
        s.is_punct(k, HARD_STOPS)
            || w == ","
            || w == "that"
            || s.is(k, Class::Relative)
            || s.is(k, Class::Subordinator) && !s.is(k, Class::Preposition)
            // "Peru said Chile ...": a reporting verb after its subject opens the reported clause.
            || s.is(k, Class::Reporting)
                && w != "according"
                && (s.w(k + 1) == "that" || k > 0 && s.toks[k - 1].actor.is_some())
    };
    let mut start = (0..at).rev().find(|&k| boundary(k)).map_or(0, |k| k + 1);
    // "X harangued Y, scolded Z and shocked W by ...": after a comma, a predicate with no subject of its own
    // (a lower-case word of no class: a verb) shares the subject before the comma.
    while start > 0 && s.w(start - 1) == "," && predicate_opens(s, start) {
        start = (0..start - 1).rev().find(|&k| boundary(k)).map_or(0, |k| k + 1);
    }
    (start..at).find_map(|k| {
        let a = s.toks[k].actor?;
        (s.actors[a].first == k && subject_capable(s, k)).then(|| conjoined_right(s, a, "subject"))
    })
}

/// Token `k` opens a predicate, not a noun phrase: a lexicon verb, or a lower-case word of no class, that is no
/// actor.
fn predicate_opens(s: &Sent, k: usize) -> bool {
    s.toks.get(k).is_some_and(|t| t.word && !t.cap && t.actor.is_none())
        && (s.verb_at[k] || s.toks[k].cls.is_empty())
        && !s.is_adverb(k)
}

/// A parenthesis or a pair of dashes that closes at token `close` and opens at most ten tokens before it, with
/// an actor right before it: the token where the aside opens.
fn aside_closed_at(s: &Sent, close: usize) -> Option<usize> {
    let opener = match s.w(close) {
        ")" => "(",
        "—" | "–" => s.w(close),
        _ => return None,
    };
    let open = (close.saturating_sub(10)..close).rev().find(|&k| s.w(k) == opener)?;
    let inside_clean = (open + 1..close).all(|k| !s.is_punct(k, HARD_STOPS) && !s.is_verbish(k));
    (inside_clean && open > 0 && s.toks[open - 1].actor.is_some()).then_some(open)
}

/// A closing parenthesis at `close` around exactly one actor, right after a capitalised word that is no actor:
/// the actor of an acronym that defines the name before it.
fn acronym_defined_at(s: &Sent, close: usize) -> Option<usize> {
    if s.w(close) != ")" {
        return None;
    }
    let a = s.toks.get(close.checked_sub(1)?)?.actor?;
    let open = s.actors[a].first.checked_sub(1)?;
    let name_end = open.checked_sub(1)?;
    (s.w(open) == "(" && s.toks[name_end].cap && s.toks[name_end].actor.is_none()).then_some(a)
}

/// "Germany, France and Italy met and said they wanted X": a plural pronoun subject stands for the conjoined
/// group named before it in the sentence.
pub fn group_for_plural_pronoun(s: &Sent, subject: &Arg) -> Option<Arg> {
    let [a] = subject.actors[..] else { return None };
    let span = &s.actors[a];
    if span.kind() != detente_records::MentionKind::Pronoun || !span.mention.plural {
        return None;
    }
    (0..a).find_map(|b| {
        let group = conjoined_right(s, b, "the group a plural pronoun stands for");
        (group.actors.len() >= 2 && group.actors.iter().all(|&x| x < a)).then_some(group)
    })
}

/// The actor inside the subject noun phrase of a passive, when the phrase's head is no actor ("a camp for
/// Congolese refugees was attacked", "the blockade of Qatar was condemned", "the strikes on Aden were
/// denounced"): the nearest actor left of `from` after "of", "for", "from", "on", "against", "toward(s)" or
/// "with", within the clause.
pub fn subject_in_noun_phrase(s: &Sent, from: usize) -> Option<Arg> {
    let mut k = from;
    let mut words = 0;
    while k > 0 && words < 8 {
        k -= 1;
        if let Some(a) = s.toks[k].actor {
            let first = s.actors[a].first;
            let p = preposition_before(s, first);
            let inside = matches!(
                p,
                Some("of" | "for" | "from" | "on" | "against" | "toward" | "towards" | "with")
            );
            return inside.then(|| conjoined_left(s, a, "inside the subject"));
        }
        if !s.toks[k].word || s.is_any(k, &[Class::Relative, Class::Subordinator, Class::Reporting]) {
            return None;
        }
        words += 1;
    }
    None
}

/// An actor right after a lexicon verb is that verb's object ("scolded Germany"), not the subject of a verb
/// further on. Reporting verbs take clauses: "said Russia attacked" keeps Russia as a subject.
fn object_of_a_verb(s: &Sent, first: usize) -> bool {
    // "reiterated that Uganda must": "that" opens a clause whose subject the actor is.
    if first > 0 && s.w(first - 1) == "that" {
        return false;
    }
    word_before_np(s, first).is_some_and(|p| {
        let past_verb = s.toks[p].word
            && !s.toks[p].cap
            && s.toks[p].cls.is_empty()
            && s.w(p).ends_with("ed")
            && !p
                .checked_sub(1)
                .is_some_and(|q| s.is_any(q, &[Class::Determiner, Class::Possessive]));
        (s.verb_at[p] || past_verb) && !s.is(p, Class::Reporting)
    })
}

/// A capitalized word that is no actor right before the verb ("after Trudeau criticized"): an unknown name is
/// the subject, so no actor further left is.
fn unknown_name_before(s: &Sent, from: usize) -> bool {
    let mut k = from;
    while k > 0 && s.is_adverb(k - 1) {
        k -= 1;
    }
    let Some(p) = k.checked_sub(1) else { return false };
    // "Iraqi Kurds demonstrated": after a demonym the capitalized noun is a group of that actor. "Police in
    // Mombasa seized": after a preposition of place it is where the subject is.
    p > 0
        && s.toks[p - 1].actor.is_none()
        && !s.is_word(p - 1, &["in", "near", "outside", "from"])
        && s.toks[p].cap
        && s.toks[p].actor.is_none()
        && s.toks[p].cls.is_empty()
        && !s.is_punct(p - 1, &["“", "\"", "(", "—", ":"])
}

/// An actor at token `first` can be a subject: it is not inside a prepositional phrase, except "of" after a role
/// or quantity head ("the leader of X", "thousands of X").
pub fn subject_capable(s: &Sent, first: usize) -> bool {
    let Some(p) = word_before_np(s, first) else { return true };
    // "after X withdrew", "as X met": a word that also opens clauses.
    if !s.is(p, Class::Preposition) || s.is(p, Class::Subordinator) {
        return true;
    }
    // "the leader of X", "thousands of X", "forces in X", "students throughout X": the actor a group belongs to.
    if matches!(s.w(p), "of" | "in" | "from" | "throughout" | "across") {
        return p > 0 && s.is_any(p - 1, &[Class::RoleHead, Class::QuantityHead]);
    }
    false
}

/// The preposition that introduces the noun phrase of the actor at `first` ("with" in "talks with the EU").
pub fn preposition_before<'s>(s: &'s Sent, first: usize) -> Option<&'s str> {
    word_before_np(s, first)
        .filter(|&p| s.is(p, Class::Preposition))
        .map(|p| s.w(p))
}

/// The token before the noun phrase that ends in the actor at `first` (skipping determiners, numbers and
/// adjective-like words), or None at the start of the sentence.
fn word_before_np(s: &Sent, first: usize) -> Option<usize> {
    let mut p = first;
    let mut skipped = 0;
    while p > 0 {
        let q = p - 1;
        if s.toks[q].actor.is_some() || !s.toks[q].word {
            return Some(q);
        }
        if s.is_any(q, &[Class::Determiner, Class::Possessive, Class::Number]) && skipped < 3 {
            skipped += 1;
            p = q;
            continue;
        }
        return Some(q);
    }
    None
}

/// The passed tokens `a..b` hold a content word (a noun or adjective that is no actor).
fn passed_a_noun(s: &Sent, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        s.toks[k].word
            && s.toks[k].actor.is_none()
            && !s.is_adverb(k)
            && !s.is_any(
                k,
                &[
                    Class::Time,
                    Class::Negator,
                    Class::Be,
                    Class::Have,
                    Class::Do,
                    Class::Future,
                    Class::Irrealis,
                ],
            )
    })
}

/// What stands before a comma reached while scanning left for a subject.
enum BeforeComma {
    /// An aside the subject stands beyond ("X, which ..., said"; "X, however, said"; "X, the minister, said"):
    /// continue from the token given (the comma that opens it).
    Aside(usize),
    /// A clause with its own predicate ("X harangued Y, scolded Z"): the verb given shares its subject.
    Predicate(usize),
    /// Anything else ends the search.
    End,
}

/// Classifies the segment between comma `c` and the comma (or clause boundary) before it.
fn before_comma(s: &Sent, c: usize) -> BeforeComma {
    let Some(open) = (0..c).rev().find(|&k| s.w(k) == "," || s.is_punct(k, HARD_STOPS)) else {
        // The segment opens the sentence: a predicate in it is shared ("X harangued Y, scolded Z").
        return match (0..c).rev().find(|&k| is_predicate(s, k)) {
            Some(v) => BeforeComma::Predicate(v),
            None => BeforeComma::End,
        };
    };
    if s.w(open) != "," || open + 1 >= c {
        return BeforeComma::End;
    }
    let first = open + 1;
    let w = s.w(first);
    if s.is(first, Class::Relative) && w != "that" {
        return BeforeComma::Aside(open);
    }
    if let Some(v) = (first..c).rev().find(|&k| is_predicate(s, k))
        && !(w.ends_with("ing") || w.ends_with("ed") || s.is(first, Class::Preposition))
    {
        return BeforeComma::Predicate(v);
    }
    let aside = s.is_adverb(first)
        || s.is_any(
            first,
            &[Class::Determiner, Class::Preposition, Class::Time, Class::Number],
        )
        || w.ends_with("ing")
        || w.ends_with("ed")
        || s.toks[first].actor.is_some()
        || s.is(first, Class::Reporting);
    if aside {
        BeforeComma::Aside(open)
    } else {
        BeforeComma::End
    }
}

/// A tensed verb of the lexicon, an auxiliary, or a past form right after an actor ("Trump harangued"): the
/// predicate of a clause.
fn is_predicate(s: &Sent, k: usize) -> bool {
    let t = &s.toks[k];
    if t.actor.is_some() || s.is(k, Class::Reporting) {
        return false;
    }
    let after_actor_past =
        k > 0 && s.toks[k - 1].actor.is_some() && !t.cap && t.cls.is_empty() && s.w(k).ends_with("ed");
    s.verb_at[k] || s.is_any(k, &[Class::Have, Class::Future, Class::Irrealis]) || after_actor_past
}

/// "X, who attacked Y": the antecedent of the relative pronoun at `rel`.
fn relative_antecedent(s: &Sent, rel: usize) -> Option<Arg> {
    let mut k = rel;
    if k > 0 && s.w(k - 1) == "," {
        k -= 1;
    }
    let a = s.toks.get(k.checked_sub(1)?)?.actor?;
    Some(conjoined_left(s, a, "relative clause"))
}

/// The nearest verb-like token left of `from`.
fn previous_predicate(s: &Sent, from: usize) -> Option<usize> {
    (0..from)
        .rev()
        // (A verb of a trip or mission is a predicate even when no lexicon entry holds it: "dispatched".)
        .find(|&k| (s.is_verbish(k) || s.is(k, Class::PurposeGovernor)) && !s.is(k, Class::Preposition))
        .map(|k| VerbGroup::read(s, k, k, None).first)
}

/// A bare participle or -ing form opens a free clause: right after a comma or at the start of the sentence
/// (", accusing X of"; "Citing X, Y said").
fn starts_free_clause(s: &Sent, first: usize) -> bool {
    first == 0 || s.w(first - 1) == "," || s.is_any(first - 1, &[Class::Preposition, Class::Subordinator])
}

/// The subject of a free participle clause is the subject of the clause it hangs on: the one before the comma
/// or preposition ("X attacked Y, killing Z"; "X marked the day by staging drills") or, when the phrase opens
/// the sentence, the one after it ("Citing X, Y withdrew"; "After meeting X, Y said").
fn clause_subject_for_participle(s: &Sent, first: usize) -> Option<Arg> {
    let opener = first
        .checked_sub(1)
        .filter(|&p| s.is_any(p, &[Class::Preposition, Class::Subordinator]));
    let at = opener.unwrap_or(first);
    if at > 0 {
        let found = if opener.is_some() {
            // "Chile surprised Argentina by criticizing Peru": the clause's subject, not its object ("capable of
            // launching", "praised X for sending": the nearest actor before).
            s.is(at, Class::GerundOpener)
                .then(|| {
                    clause_opening_subject(s, at)
                        // "The envoy, after meeting X, said": a phrase set off right after its clause's subject.
                        .or_else(|| {
                            (at > 0 && s.w(at - 1) == ",")
                                .then(|| clause_opening_subject(s, at - 1))
                                .flatten()
                        })
                })
                .flatten()
                .or_else(|| subject_left_of(s, at))
        } else {
            previous_predicate(s, at).and_then(|v| subject_left_of(s, v))
        };
        if let Some(a) = found {
            return Some(Arg {
                how: "subject of the main clause",
                ..a
            });
        }
        opener?;
    }
    // Fronted phrase: the subject follows the next comma.
    let comma = (first..s.len()).find(|&k| s.w(k) == ",")?;
    let a = s
        .toks
        .get(comma + 1)?
        .actor
        .or_else(|| s.toks.get(comma + 2).and_then(|t| t.actor))?;
    Some(conjoined_right(s, a, "subject after a fronted phrase"))
}

/// The subject of an infinitive: the object of an object-control verb ("urged X to"), else the subject of the
/// governor ("X agreed to", "X's decision to").
fn infinitive_subject(s: &Sent, g: &VerbGroup) -> Option<Arg> {
    let to = g.to?;
    let mut k = to;
    loop {
        while k > 0 && (s.is_adverb(k - 1) || s.is(k - 1, Class::Time) || s.is(k - 1, Class::Negator)) {
            k -= 1;
        }
        // "directed the ministry (and the police) to": skip a parenthesis.
        if k > 0 && s.w(k - 1) == ")" {
            match (0..k - 1).rev().find(|&j| s.w(j) == "(") {
                Some(open) => k = open,
                None => break,
            }
        } else {
            break;
        }
    }
    if k == 0 {
        return None;
    }
    if let Some(a) = s.toks[k - 1].actor {
        let span = &s.actors[a];
        // "urged Iran to": an actor right before "to" after a verb is the doer of the infinitive.
        let before = span.first.checked_sub(1);
        // "sent jets to Libya to bomb": an actor in a prepositional phrase does not control the infinitive.
        if before.is_some_and(|b| s.is(b, Class::Preposition) && !s.is_word(b, &["on", "for", "upon"])) {
            let gg = VerbGroup::read(s, to, to, None);
            return previous_predicate(s, gg.first)
                .and_then(|v| subject_left_of(s, v))
                .map(|a| Arg {
                    how: "subject of the main verb",
                    ..a
                });
        }
        if before.is_some_and(|b| s.is_verbish(b) || s.verb_at[b] || s.w(b) == "on" || s.w(b) == "for") {
            return Some(conjoined_left(s, a, "object of the governing verb"));
        }
        // "Iran's decision to" / "a bid by Iran to": the actor names the doer.
        return Some(conjoined_left(s, a, "governor's actor"));
    }
    let gov = k - 1;
    // "X's decision to": a possessor before the governing noun.
    if gov >= 2
        && s.is_word(gov - 1, &["'s", "’s"])
        && let Some(a) = s.toks[gov - 2].actor
    {
        return Some(Arg::new(vec![a], "possessor of the governor"));
    }
    let gg = VerbGroup::read(s, gov, gov, None);
    if gg.infinitive {
        return infinitive_subject(s, &gg);
    }
    // "a push in parliament to ...", "met envoys in Lima to ...": a word right after a preposition is no verb
    // governing the infinitive; the infinitive belongs to the clause's verb, if there is one.
    if gov > 0 && s.is(gov - 1, Class::Preposition) {
        return previous_predicate(s, gov)
            .and_then(|v| subject_left_of(s, v))
            .map(|a| Arg {
                how: "subject of the main verb",
                ..a
            });
    }
    subject_left_of(s, gg.first).map(|a| Arg {
        how: "subject of the governor",
        ..a
    })
}

/// Where an object search may look: which prepositions it accepts before an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectSearch {
    /// Places ("in X", "near X") count as targets (attacks on a place hit its country).
    pub places: bool,
    /// Look past "that" into a content clause (speech acts: "warned that X ...").
    pub through_that: bool,
    /// The verb governs an infinitive ("agreed to provide aid for X"): look into it.
    pub through_infinitive: bool,
}

impl ObjectSearch {
    pub const PLAIN: ObjectSearch = ObjectSearch {
        places: false,
        through_that: false,
        through_infinitive: false,
    };
}

/// Place prepositions: their actor is where something happened, a target only for material conflict.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "near",
    "inside",
    "across",
    "at",
    "around",
    "outside",
    "along",
    "off",
    "throughout",
    "within",
];

/// The actor at `first` is named as a place: after "in", "near", "at" and the like.
pub fn is_place_phrase(s: &Sent, first: usize) -> bool {
    preposition_before(s, first).is_some_and(|p| PLACE_PREPOSITIONS.contains(&p))
}

/// The object or prepositional target after token `from` (inclusive).
pub fn object_from(s: &Sent, from: usize, search: ObjectSearch) -> Option<Arg> {
    // "spoke to reporters after talks with X": the complement of a trigger's own preposition is the noun
    // phrase right after it; a phrase of another preposition after a noun that is no actor belongs elsewhere.
    // (A particle is no such preposition: "called off a strike after talks with X".)
    let own_preposition = from > 0 && s.is(from - 1, Class::TargetPreposition) && s.verb_at_or_inside_trigger(from - 1);
    let mut passed_noun = false;
    let mut gap = 0;
    let mut k = from;
    while k < s.len() {
        if let Some(a) = s.toks[k].actor {
            let span = &s.actors[a];
            if target_capable(s, span.first, from, search) {
                return Some(conjoined_right(s, a, "object"));
            }
            k = span.last + 1;
            gap += 1;
            continue;
        }
        let w = s.w(k);
        if s.is_punct(k, HARD_STOPS) || w == "," && !list_continues(s, k) {
            return None;
        }
        // ("its demand today that Chad ...": a time word may stand before "that".)
        if w == "that" && search.through_that && (from..k).all(|j| s.is(j, Class::Time)) {
            k += 1;
            continue;
        }
        // "withdrew it under pressure from X": a pronoun right after the verb that names no actor is the object
        // itself (a thing); what follows is no longer the verb's object.
        if k == from && s.is(k, Class::ThingPronoun) {
            return None;
        }
        if s.is(k, Class::Relative)
            || s.is(k, Class::Subordinator) && !s.is(k, Class::Preposition)
            || s.is(k, Class::Reporting) && w != "according"
            || s.is(k, Class::Conditional)
        {
            return None;
        }
        if s.is(k, Class::Coordinator) && new_clause_after(s, k) {
            return None;
        }
        // "blew up a bus in Haifa in a wave of Lebanese raids": where force names its place by a name the actor
        // stage does not hold, the place is named; actors further on are no longer where it struck.
        if search.places
            && s.is_word(k, PLACE_PREPOSITIONS)
            && s.toks
                .get(k + 1)
                .is_some_and(|t| t.word && t.cap && t.actor.is_none() && t.cls.is_empty())
        {
            return None;
        }
        if own_preposition && passed_noun && s.is(k, Class::Preposition) && !s.is_word(k, &["of", "from"]) {
            return None;
        }
        if k > from && s.is_verbish(k) && !s.verb_at[k] {
            return None;
        }
        // "cut off access to the area to protest X": a purpose clause is no longer the object's place.
        if k > from
            && w == "to"
            && (s.verb_at.get(k + 1).copied().unwrap_or(false) || s.is(k + 1, Class::Be))
            && !search.through_infinitive
            && !infinitive_is_governed(s, from)
        {
            return None;
        }
        // "signed a memo calling for X", "praised analysts bringing attention to X": an -ing verb after the
        // object starts a new clause (an -ing adjective before a noun does not: "devastating blows").
        if k > from + 1
            && w.ends_with("ing")
            && w.len() > 5
            && s.toks[k].cls.is_empty()
            && !s.is_any(k - 1, &[Class::Determiner, Class::Possessive, Class::Preposition])
            && (s.verb_at[k]
                || s.toks.get(k + 1).is_some_and(|t| t.actor.is_some())
                || s.is_any(k + 1, &[Class::Determiner, Class::Possessive, Class::Preposition]))
        {
            return None;
        }
        if s.toks[k].word
            && !s.is_any(
                k,
                &[Class::Determiner, Class::Possessive, Class::Preposition, Class::Number],
            )
        {
            // A lower-case word of no class is a common noun or adjective ("reporters"); a capitalised one
            // may be a place or name the actor stage did not know.
            passed_noun |= !s.toks[k].cap && s.toks[k].cls.is_empty() && !s.is_adverb(k);
            gap += 1;
            if gap > MAX_GAP {
                return None;
            }
        }
        k += 1;
    }
    None
}

/// The verb that an object search starts after takes an infinitive itself ("urged Iran to", "agreed to"): its
/// infinitive is its complement, not a purpose clause. The token before `from` is the verb's last word.
fn infinitive_is_governed(s: &Sent, from: usize) -> bool {
    from.checked_sub(1)
        .is_some_and(|v| s.is_any(v, &[Class::IrrealisGovernor, Class::FactualGovernor]))
}

/// A comma that continues a list of actors ("X, Y and Z") rather than ending the clause.
fn list_continues(s: &Sent, comma: usize) -> bool {
    s.toks.get(comma + 1).is_some_and(|t| t.actor.is_some())
        && (comma + 1..s.len()).take(12).any(|k| s.w(k) == "and" || s.w(k) == "or")
}

/// After a coordinator, a new clause begins: an actor (or pronoun) followed by a verb group.
fn new_clause_after(s: &Sent, conj: usize) -> bool {
    let Some(t) = s.toks.get(conj + 1) else { return false };
    let after = match t.actor {
        Some(a) => s.actors[a].last + 1,
        None if s.is(conj + 1, Class::SubjectPronoun) => conj + 2,
        None => return s.is_verbish(conj + 1),
    };
    let mut k = after;
    while k < s.len() && (s.is_adverb(k) || s.is(k, Class::Negator)) {
        k += 1;
    }
    s.is_verbish(k)
}

/// An actor at `first` can be the target: not in a time, comparison or agent phrase; a place only when places
/// count.
fn target_capable(s: &Sent, first: usize, from: usize, search: ObjectSearch) -> bool {
    let Some(p) = word_before_np(s, first) else { return true };
    // "arrived in England", "withdrew from Iraq": a preposition that ends the trigger introduces its complement.
    if p + 1 < from || !s.is(p, Class::Preposition) || p + 1 == from && from > 0 && s.verb_at_or_inside_trigger(p) {
        return true;
    }
    let w = s.w(p);
    if w == "by" || s.is(p, Class::NeverTargetPreposition) {
        return false;
    }
    if PLACE_PREPOSITIONS.contains(&w) {
        return search.places;
    }
    true
}

/// The agent of a passive named as the owner of the operation it happened in: "was seized in a Dutch naval
/// operation", "were killed in an Israeli air strike", "was detained during a police raid" (with the police as
/// an actor). The actor must modify a noun after it ("in Kenya on Monday" names a place, not an operation).
pub fn operation_agent_after(s: &Sent, from: usize) -> Option<Arg> {
    let mut k = from;
    while k < s.len() && k < from + 5 && !s.is_word(k, &["in", "during", "under"]) {
        if s.is_punct(k, HARD_STOPS) || s.w(k) == "," || s.toks[k].actor.is_some() || s.is_verbish(k) {
            return None;
        }
        k += 1;
    }
    if !s.is_word(k, &["in", "during", "under"]) {
        return None;
    }
    let mut j = k + 1;
    while j < k + 4 && s.toks.get(j).is_some_and(|t| t.word && t.actor.is_none()) && !s.is(j, Class::Preposition) {
        j += 1;
    }
    let a = s.toks.get(j)?.actor?;
    let noun = s.actors[a].last + 1;
    let modifies = s.toks.get(noun).is_some_and(|t| t.word && !t.cap && t.actor.is_none())
        && !s.is_any(
            noun,
            &[Class::Preposition, Class::Coordinator, Class::Relative, Class::Time],
        )
        && !s.is_verbish(noun);
    modifies.then(|| Arg {
        actors: vec![a],
        how: "owner of the operation",
    })
}

/// The agent of a passive: "by X" after the verb, within the clause.
pub fn agent_after(s: &Sent, from: usize) -> Option<Arg> {
    let mut k = from;
    let mut gap = 0;
    while k < s.len() && gap <= MAX_GAP {
        if s.w(k) == "by" {
            let mut j = k + 1;
            while j < s.len() && s.is_any(j, &[Class::Determiner, Class::Number]) {
                j += 1;
            }
            return s
                .toks
                .get(j)
                .and_then(|t| t.actor)
                .map(|a| conjoined_right(s, a, "agent"));
        }
        if s.is_punct(k, HARD_STOPS) || s.w(k) == "," || s.is(k, Class::Subordinator) && !s.is(k, Class::Preposition) {
            return None;
        }
        if s.toks[k].actor.is_some() {
            gap += 1;
        }
        if s.toks[k].word {
            gap += 1;
        }
        k += 1;
    }
    None
}

/// The place of an act: "in X" after the verb, within the clause ("was detained in Peru on Friday").
pub fn place_after(s: &Sent, from: usize) -> Option<Arg> {
    let j = word_after_in(s, from)?;
    s.toks[j].actor.map(|a| Arg {
        actors: vec![a],
        how: "place",
    })
}

/// "was detained in Mombasa": a capitalised word that is no actor after "in", where [`place_after`] looks. The
/// gazetteer, not the actor stage, knows most such places.
pub fn unknown_place_after(s: &Sent, from: usize) -> bool {
    word_after_in(s, from)
        .is_some_and(|j| s.toks[j].actor.is_none() && s.toks[j].cap && s.toks[j].word && !s.is(j, Class::Time))
}

/// The first word (after determiners) of the phrase that "in" opens a few words after `from`, in the clause.
fn word_after_in(s: &Sent, from: usize) -> Option<usize> {
    let mut k = from;
    while k < s.len() && k < from + MAX_GAP {
        if s.w(k) == "in" {
            let mut j = k + 1;
            while j < s.len() && s.is(j, Class::Determiner) {
                j += 1;
            }
            return (j < s.len()).then_some(j);
        }
        if s.is_punct(k, HARD_STOPS) || s.w(k) == "," || s.is(k, Class::Subordinator) || s.toks[k].actor.is_some() {
            return None;
        }
        k += 1;
    }
    None
}

/// The agent of a noun: "the tariffs imposed by Washington", "strikes by the army". A "by" after a form of "be"
/// belongs to the clause's passive verb ("the strikes were condemned by France"), not to the noun.
pub fn noun_agent_after(s: &Sent, from: usize) -> Option<Arg> {
    let by = (from..s.len().min(from + 2 * MAX_GAP + 2)).find(|&k| s.w(k) == "by")?;
    if (from..by).any(|k| s.is(k, Class::Be)) {
        return None;
    }
    // "protests against the violations by the army": "by" belongs to the nearest noun of an act before it
    // (a nominalisation), not to the trigger; "the attack on the convoy by rebels" keeps it.
    if (from..by).any(|k| s.toks[k].actor.is_none() && names_an_act(s.w(k))) {
        return None;
    }
    agent_after(s, from)
}

/// A noun formed from a verb, by its ending: "violations", "decision", "treatment", "killings".
fn names_an_act(w: &str) -> bool {
    ["tion", "tions", "sion", "sions", "ment", "ments", "ings"]
        .iter()
        .any(|end| w.len() > end.len() + 3 && w.ends_with(end))
}

/// The actor at `a` with the actors conjoined before it ("Germany, France and Italy" ending at Italy).
pub fn conjoined_left(s: &Sent, a: usize, how: &'static str) -> Arg {
    let mut out = vec![a];
    let mut cur = a;
    loop {
        let first = s.actors[cur].first;
        let Some(prev) = conjunct_before(s, first) else { break };
        out.push(prev);
        cur = prev;
    }
    out.reverse();
    Arg::new(out, how)
}

/// The actor at `a` with the actors conjoined after it.
pub fn conjoined_right(s: &Sent, a: usize, how: &'static str) -> Arg {
    let mut out = vec![a];
    let mut cur = a;
    while let Some(next) = conjunct_after(s, s.actors[cur].last) {
        out.push(next);
        cur = next;
    }
    Arg::new(out, how)
}

/// The actor right before a conjunction ("X and", "X,", "X, and", "X as well as") ending at `first - 1`.
fn conjunct_before(s: &Sent, first: usize) -> Option<usize> {
    let mut k = first;
    let mut det = 0;
    while k > 0 && s.is_any(k - 1, &[Class::Determiner]) && det < 1 {
        k -= 1;
        det += 1;
    }
    let link = k.checked_sub(1)?;
    let w = s.w(link);
    let before = match w {
        "and" | "or" => {
            if link > 0 && s.w(link - 1) == "," {
                link - 1
            } else {
                link
            }
        }
        "," => link,
        "well" if link >= 2 && s.w(link - 1) == "as" && s.w(link + 1) == "as" => return None,
        _ => return None,
    };
    let prev = before.checked_sub(1)?;
    let a = s.toks[prev].actor?;
    // "Ghana met Togo, and Benin condemned": an actor after a verb or a preposition is an object, not the first
    // of a list of subjects.
    let lead = word_before_np(s, s.actors[a].first);
    if lead.is_some_and(|p| s.is_verbish(p) || s.is(p, Class::Preposition)) {
        return None;
    }
    // "In Moscow, Russia said": a comma after an introductory phrase is no list.
    if w == ","
        && !(s.actors[a].last + 1..s.len())
            .take(14)
            .any(|k| s.w(k) == "and" || s.w(k) == "or")
    {
        return None;
    }
    Some(a)
}

/// The actor after a conjunction following token `last`.
fn conjunct_after(s: &Sent, last: usize) -> Option<usize> {
    let mut k = last + 1;
    let w = s.w(k);
    match w {
        "," => {
            k += 1;
            if s.w(k) == "and" || s.w(k) == "or" {
                k += 1;
            } else if !(k..s.len()).take(14).any(|j| s.w(j) == "and" || s.w(j) == "or") {
                return None;
            }
        }
        "and" | "or" => k += 1,
        _ => return None,
    }
    while s.is(k, Class::Determiner) {
        k += 1;
    }
    let a = s.toks.get(k)?.actor?;
    // "X and Y attacked": fine; "X and Y's allies": Y is only a possessor, still an actor of the list.
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{group_of, names, sent};
    use super::*;

    const PLACES: ObjectSearch = ObjectSearch {
        places: true,
        ..ObjectSearch::PLAIN
    };
    const NO_PLACES: ObjectSearch = ObjectSearch::PLAIN;

    fn subj(text: &str, actors: &[(&str, &str)], verb: &str) -> Vec<String> {
        let s = sent(text, actors);
        let g = group_of(&s, verb);
        subject(&s, &g).map(|a| names(&s, &a)).unwrap_or_default()
    }

    fn obj(text: &str, actors: &[(&str, &str)], verb: &str, search: ObjectSearch) -> Vec<String> {
        let s = sent(text, actors);
        let g = group_of(&s, verb);
        object_from(&s, g.last + 1, search)
            .map(|a| names(&s, &a))
            .unwrap_or_default()
    }

    #[test]
    fn the_subject_is_the_nearest_actor_outside_prepositional_phrases() {
        let a = [("Chile", "CHL"), ("Peru", "PER"), ("Bolivia", "BOL")];
        assert_eq!(subj("Chile on Tuesday accused Peru of spying.", &a, "accused"), ["CHL"]);
        assert_eq!(
            subj("Talks in Bolivia aside, Chile accused Peru.", &a, "accused"),
            ["CHL"]
        );
        assert_eq!(subj("The envoy from Chile accused Peru.", &a, "accused"), ["CHL"]);
        assert_eq!(
            subj("A letter from Chile accused Peru.", &a, "accused"),
            Vec::<String>::new()
        );
        let a = [("the rebels", "REB"), ("Chad", "TCD")];
        assert_eq!(
            subj("The leader of the rebels accused Chad of lying.", &a, "accused"),
            ["REB"]
        );
    }

    #[test]
    fn asides_between_commas_are_skipped() {
        let a = [("Norway", "NOR"), ("Sweden", "SWE"), ("the premier", "NORGOV")];
        assert_eq!(subj("Norway, however, criticized Sweden.", &a, "criticized"), ["NOR"]);
        assert_eq!(
            subj(
                "Norway, which hosted the summit last year, criticized Sweden.",
                &a,
                "criticized"
            ),
            ["NOR"]
        );
        assert_eq!(
            subj("After the vote, the premier criticized Sweden.", &a, "criticized"),
            ["NORGOV"]
        );
        assert_eq!(
            subj(
                "After the vote in Norway, officials criticized Sweden.",
                &a,
                "criticized"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn conjoined_subjects_and_coordinated_verbs() {
        let a = [("Ghana", "GHA"), ("Togo", "TGO"), ("Benin", "BEN"), ("Niger", "NER")];
        assert_eq!(
            subj("Ghana, Togo and Benin condemned Niger.", &a, "condemned"),
            ["GHA", "TGO", "BEN"]
        );
        assert_eq!(
            subj("Ghana met Togo and later condemned Niger.", &a, "condemned"),
            ["GHA"]
        );
        assert_eq!(
            subj("Ghana met Togo, and Benin condemned Niger.", &a, "condemned"),
            ["BEN"]
        );
    }

    #[test]
    fn relative_clauses_participles_and_infinitives() {
        let a = [("Fiji", "FJI"), ("Samoa", "WSM"), ("Tonga", "TON")];
        assert_eq!(subj("Fiji, which criticized Samoa, left.", &a, "criticized"), ["FJI"]);
        assert_eq!(
            subj("Fiji expelled the attache, accusing Samoa of spying.", &a, "accusing"),
            ["FJI"]
        );
        assert_eq!(
            subj("Citing spying, Fiji expelled the Samoa attache.", &a, "Citing"),
            ["FJI"]
        );
        assert_eq!(
            subj("Fiji marked the date by expelling the Samoa attache.", &a, "expelling"),
            ["FJI"]
        );
        assert_eq!(
            subj("After expelling the attache, Fiji warned Samoa.", &a, "expelling"),
            ["FJI"]
        );
        assert_eq!(subj("Fiji agreed on Monday to meet Samoa.", &a, "meet"), ["FJI"]);
        assert_eq!(subj("Fiji urged Samoa to free Tonga's sailors.", &a, "free"), ["WSM"]);
        assert_eq!(
            subj("Fiji's decision to expel Samoa's envoy angered Tonga.", &a, "expel"),
            ["FJI"]
        );
    }

    #[test]
    fn objects_and_prepositional_targets() {
        let a = [
            ("Laos", "LAO"),
            ("Vietnam", "VNM"),
            ("Hanoi", "VNM"),
            ("Cambodia", "KHM"),
        ];
        assert_eq!(
            obj("Laos criticized Vietnam sharply.", &a, "criticized", NO_PLACES),
            ["VNM"]
        );
        assert_eq!(
            obj("Laos imposed new duties on Vietnam.", &a, "imposed", NO_PLACES),
            ["VNM"]
        );
        assert_eq!(
            obj("Laos met officials in Hanoi.", &a, "met", NO_PLACES),
            Vec::<String>::new()
        );
        assert_eq!(
            obj("Laos shelled positions near Hanoi.", &a, "shelled", PLACES),
            ["VNM"]
        );
        assert_eq!(
            obj("Laos condemned the decision by Vietnam.", &a, "condemned", NO_PLACES),
            Vec::<String>::new()
        );
        assert_eq!(
            obj("Laos condemned Vietnam's raid.", &a, "condemned", NO_PLACES),
            ["VNM"]
        );
        assert_eq!(
            obj(
                "Laos protested, and Cambodia rejected Vietnam.",
                &a,
                "protested",
                NO_PLACES
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            obj("Laos warned Vietnam and Cambodia.", &a, "warned", NO_PLACES),
            ["VNM", "KHM"]
        );
        assert_eq!(
            obj(
                "Laos warned that Vietnam would pay.",
                &a,
                "warned",
                ObjectSearch {
                    through_that: true,
                    ..ObjectSearch::PLAIN
                }
            ),
            ["VNM"]
        );
        assert_eq!(
            obj("Laos warned that Vietnam would pay.", &a, "warned", NO_PLACES),
            Vec::<String>::new()
        );
    }

    #[test]
    fn agents_of_passives() {
        let a = [("Oman", "OMN"), ("Yemen", "YEM")];
        let s = sent("The ship was seized by Oman off Yemen.", &a);
        let g = group_of(&s, "seized");
        assert_eq!(
            agent_after(&s, g.last + 1).map(|a| names(&s, &a)),
            Some(vec!["OMN".to_string()])
        );
        let s = sent("The ship was seized off Yemen.", &a);
        let g = group_of(&s, "seized");
        assert_eq!(agent_after(&s, g.last + 1), None);
    }
}
