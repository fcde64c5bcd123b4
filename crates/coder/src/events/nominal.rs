//! Event nouns: "imposed sanctions on Iran" (a light verb lends its subject), "Russia's invasion of Ukraine" (a
//! possessor), "Turkish strikes on Kurdish positions" (a modifier), "talks between Iran and the EU", "U.S.-China
//! talks", "the attack on the convoy by rebels".

use super::context;
use super::emit::{Candidate, Party};
use super::engine::{Ctx, Reading};
use super::figurative;
use super::grammar::Class;
use super::lexicon::{Entry, FormKind, Frame, Payload, Pos};
use super::modality::{self, Mood};
use super::sentence::Sent;
use super::syntax::{self, Arg, ObjectSearch};
use super::unidentified;
use super::verbal::with_mood;
use super::verbgroup::VerbGroup;
use detente_records::MentionKind;

/// A light verb's first and last tokens and its form ("imposed", "carried out").
type LightVerb = (usize, usize, Option<FormKind>);

/// Reads a noun trigger over tokens `first..=last`.
pub fn read(ctx: &Ctx, e: usize, first: usize, last: usize) -> Reading {
    let entry = &ctx.coder.lexicon.entries[e];
    let s = ctx.s;
    if history_before(s, first) {
        return Reading::none("names history or a theme, not an action reported now");
    }
    if end_before(s, first) {
        return Reading::none("what someone wants ended (\"an end to the raids\") is no act of this sentence");
    }
    if object_of_a_rejection(ctx, first) {
        return Reading::none("the act a rejection answers (\"rejected Peru's offer\") was made before: background");
    }
    let search = ObjectSearch {
        places: matches!(entry.root(), 14..=20),
        // "its demand that Chad reopen the border", "an appeal that Peru free them": whom an appeal or a
        // demand is made of is the subject of its clause.
        through_that: matches!(entry.root(), 2 | 10),
        ..ObjectSearch::PLAIN
    };
    // "the sanctions that Oslo imposed on Minsk": a light verb in a relative clause on the noun; its object
    // follows the light verb.
    let relative = light_verb(ctx, first)
        .is_none()
        .then(|| relative_light_verb(ctx, last))
        .flatten();
    let object_at = relative.map_or(last + 1, |((_, b, _), _)| b + 1);
    let after = syntax::object_from(s, object_at, search).or_else(|| {
        // A place the action reached ("suspended aid deliveries in Baghdad"); not for meetings and statements.
        (!matches!(entry.root(), 1..=5))
            .then(|| syntax::object_from(s, object_at, ObjectSearch { places: true, ..search }))
            .flatten()
    });
    let relative_subject = relative.map(|(_, subject)| subject);
    let light = light_verb(ctx, first).or(relative.map(|(l, _)| l));
    if s.is(last, Class::AgentNoun) && light.is_none() {
        // "a critic of Y" names its doer by a copula or an apposition. Before the noun, a possessor or a person
        // ("the regime's fiercest critic", "Putin critics") is whom the act is aimed at; a side's name or
        // adjective ("Republican critics", "EU critics of the plan") is who they are.
        let (owner_doer, owner_target) = match owner_before(s, first) {
            Some(o)
                if o.how.starts_with("possessor")
                    || o.actors.iter().all(|&a| s.actors[a].kind() == MentionKind::Person) =>
            {
                (None, Some(o))
            }
            other => (other, None),
        };
        let after = after.or(owner_target);
        match agent_noun_doer(s, first).or(owner_doer.map(AgentDoer::Apposition)) {
            Some(AgentDoer::Copula(l)) => {
                return finish_sides(
                    ctx,
                    e,
                    first,
                    last,
                    sides(ctx, entry, Doer::Light(l, None), first, last, after),
                );
            }
            Some(AgentDoer::Apposition(doer)) => {
                let sides = Sides {
                    how: format!("source: {}", doer.how),
                    sources: ctx.parties(Some(&doer)),
                    targets: ctx.parties(after.as_ref()),
                    mood: modality::of_noun(s, first),
                    negated: negated_noun(s, first),
                };
                return finish(ctx, e, first, last, sides);
            }
            None => return Reading::none("an agent noun (\"a critic\") with no copula or apposition naming its doer"),
        }
    }
    if light.is_none() && s.is(last, Class::StateNoun) {
        return Reading::none("a state of affairs, not an act (no light verb makes it one)");
    }
    if let Some((a, _, _)) =
        light.filter(|&(a, _, _)| s.is(a, Class::CessationVerb) || s.is(a, Class::CessationWithOff))
    {
        return cessation(ctx, e, a, first, last, after);
    }
    let doer = match light {
        Some(l) => Doer::Light(l, relative_subject),
        None => {
            // "the Peru-Chile talks" are between the two; "the Peru-Chile probe" is about them.
            let pair = between(s, last + 1, entry.recip)
                .or_else(|| entry.recip.then(|| compound_pair(s, first)).flatten())
                .map(|arg| (ctx.parties(Some(&arg)), arg.how))
                .or_else(|| entry.recip.then(|| hyphenated_pair(ctx, first)).flatten());
            match pair {
                Some((parties, how)) => {
                    let (a, b) = (vec![parties[0].clone()], parties[1..].to_vec());
                    return reciprocal(ctx, e, first, last, a, b, how);
                }
                None => Doer::Other,
            }
        }
    };
    let sides = sides(ctx, entry, doer, first, last, after);
    if sides.is_none()
        && entry.recip
        && let Some(reading) = meeting_of_clause_subject(ctx, e, first, last)
    {
        return reading;
    }
    finish_sides(ctx, e, first, last, sides)
}

/// Codes the noun with the sides found, or says why there is no event.
fn finish_sides(ctx: &Ctx, e: usize, first: usize, last: usize, sides: Option<Sides>) -> Reading {
    let Some(sides) = sides else {
        return Reading::none("no source: no light verb, possessor, modifier or agent");
    };
    if sides.sources.is_empty() {
        return Reading::none(format!("no source ({})", sides.how));
    }
    finish(ctx, e, first, last, sides)
}

/// Who an agent noun's act belongs to.
enum AgentDoer {
    /// "X has long been a fierce critic of Y", "X became a critic": the copula's subject.
    Copula(LightVerb),
    /// "X, a critic of Y,": the name before the comma; "Republican critics of Y": the side named before it.
    Apposition(Arg),
}

/// The doer of an agent noun at `first`: past its determiner and modifiers ("a fierce", "the most vocal"), a
/// copula or an apposition's comma.
fn agent_noun_doer(s: &Sent, first: usize) -> Option<AgentDoer> {
    let mut j = first;
    let mut steps = 0;
    while j > 0 && steps < 5 {
        let k = j - 1;
        let t = &s.toks[k];
        let modifier = s.is(k, Class::Determiner)
            || s.is_adverb(k)
            || t.word && !t.cap && t.actor.is_none() && t.cls.is_empty() && !s.verb_at[k];
        if !modifier {
            break;
        }
        j = k;
        steps += 1;
    }
    let k = j.checked_sub(1)?;
    // ("'s" is a possessive here, not "is": "the regime's critic".)
    if s.is_any(k, &[Class::Be, Class::Copula]) && !s.is_word(k, &["'s", "’s"]) {
        return Some(AgentDoer::Copula((k, k, None)));
    }
    if s.w(k) == "," {
        let a = s.toks.get(k.checked_sub(1)?)?.actor?;
        return Some(AgentDoer::Apposition(syntax::conjoined_left(s, a, "apposition")));
    }
    None
}

/// How the noun's doer is found.
enum Doer {
    /// A verb whose object the noun is: its subject ("imposed sanctions"), or for "face", "suffer" its
    /// subject is the target.
    /// The second field is the subject of a relative clause on the noun, which the clause itself names.
    Light(LightVerb, Option<usize>),
    /// A possessor, a modifier, "of X" after a communicative noun, or "by X".
    Other,
}

/// Sources, targets, mood and negation of a nominal event.
struct Sides {
    sources: Vec<Party>,
    targets: Vec<Party>,
    how: String,
    mood: Mood,
    negated: bool,
}

fn sides(ctx: &Ctx, entry: &Entry, doer: Doer, first: usize, last: usize, after: Option<Arg>) -> Option<Sides> {
    let s = ctx.s;
    if let Doer::Light((a, b, form), relative_subject) = doer {
        let g = VerbGroup::read(s, a, b, form);
        if s.is(a, Class::PatientVerb) {
            return Some(patient(ctx, &g, last));
        }
        let (src, tgt) = if let Some(subject) = relative_subject.filter(|_| !g.passive) {
            (
                Some(syntax::conjoined_left(s, subject, "relative clause on the noun")),
                after,
            )
        } else if g.passive {
            (syntax::agent_after(s, last + 1), syntax::subject(s, &g))
        } else {
            (syntax::subject(s, &g), after)
        };
        let mut sides = Sides {
            how: format!("light verb {:?}; source: {}", s.between(a, b), how(&src)),
            sources: ctx.parties(src.as_ref()),
            targets: ctx.parties(tgt.as_ref()),
            mood: modality::of_verb(s, &g),
            negated: g.negated,
        };
        // "The ministry said it had imposed sanctions": a pronoun right after the reporting verb is its reporter.
        if sides.sources.is_empty()
            && !g.passive
            && let Some(reporter) = super::verbal::reported_pronoun(ctx, g.first)
        {
            sides.sources = vec![reporter];
            sides.how = format!(
                "light verb {:?}; source: a pronoun for whoever reports the clause",
                s.between(a, b)
            );
        }
        // "Gunmen launched an attack on a checkpoint": violence by a doer the text does not name.
        // (Active only: "are engaged in a war" reads as a passive whose subject would become the target.)
        if sides.sources.is_empty()
            && !g.passive
            && unidentified::stands_for(s, &ctx.coder.lexicon, &g, entry.root(), &sides.targets, sides.mood)
        {
            sides.sources = vec![unidentified::party()];
            sides.how = format!("light verb {:?}; source: unidentified", s.between(a, b));
        }
        return Some(sides);
    }
    let noun_mood = modality::of_noun(s, first);
    let negated = negated_noun(s, first);
    if let Some(owner) = owner_before(s, first) {
        // "EU sanctions", "US tariffs" alone mostly refer to a standing policy, not to an act of the sentence
        // (measured: 5 right, 20 wrong on the development sets); with its own target after the noun ("Turkish
        // strikes on Kurdish positions") the modifier is the doer of an act.
        if owner.how == "modifier" && after.is_none() {
            return None;
        }
        let sources = ctx.parties(Some(&owner));
        // "a Hanoi summit", "the Geneva talks": a city before a meeting noun is where it is held, not a side.
        if entry.root() == 4 && owner.how == "modifier" && owner.actors.iter().all(|&a| is_seat_name(&s.actors[a])) {
            return None;
        }
        // "the Iran inquiry", "the Kenya probe": a modifier of an investigation names what is investigated,
        // unless it is a body that investigates (police, courts, legislatures, intelligence: "the FBI inquiry").
        if entry.root() == 9 && owner.how == "modifier" && !sources.iter().all(|p| investigates(&p.actor)) {
            return None;
        }
        let after = past_own_forces(ctx, entry, &sources, after);
        return Some(Sides {
            how: format!("source: {}", owner.how),
            sources,
            targets: ctx.parties(after.as_ref()),
            mood: noun_mood,
            negated,
        });
    }
    // "the request of Congress", "a call by the EU": for what is said or decided, "of X" names who said it.
    // (Not for criticism, rejection or threats: "criticism of the minister" names whom it is aimed at.)
    let communicative = matches!(entry.root(), 1..=3 | 10);
    // "a demand from Chile", "threats from the rebels": for what is said, "from X" right after the noun too.
    let said = communicative || entry.root() == 13;
    let of_agent = communicative.then(|| of_after(s, last + 1)).flatten().or_else(|| {
        (said && s.w(last + 1) == "from")
            .then(|| from_after(s, last + 1))
            .flatten()
    });
    let Some(agent) = of_agent.or_else(|| syntax::noun_agent_after(s, last + 1)) else {
        return in_phrase_of_clause_subject(ctx, first, after, noun_mood, negated);
    };
    let target = after.filter(|t| t.actors != agent.actors);
    Some(Sides {
        how: format!("source: {}", agent.how),
        sources: ctx.parties(Some(&agent)),
        targets: ctx.parties(target.as_ref()),
        mood: noun_mood,
        negated,
    })
}

/// A capital or seat of power named for its government ("Hanoi", "Lima", "Kremlin"): one capitalised word that
/// the actor stage read as a government, not a ministry or a person.
fn is_seat_name(a: &super::sentence::ActorSpan) -> bool {
    let m = a.mention;
    matches!(m.kind, MentionKind::Organization | MentionKind::Country)
        && m.actor.role.as_deref() == Some("GOV")
        && m.actor.org.is_none()
        && !m.text.contains(' ')
        && m.text.starts_with(|c: char| c.is_uppercase())
}

/// "marched in protest at X", "chanted in praise of Y", "fired in retaliation for Z": an event noun right after
/// "in" with no determiner is how the clause's subject acts; its own object is the target. Only a bare singular
/// makes that idiom: "a part in atrocities", "a role in rioting" name deeds of others.
fn in_phrase_of_clause_subject(
    ctx: &Ctx,
    first: usize,
    after: Option<Arg>,
    mood: Mood,
    negated: bool,
) -> Option<Sides> {
    let s = ctx.s;
    let opener = first.checked_sub(1).filter(|&p| s.is_word(p, &["in"]))?;
    let w = s.w(first);
    if w.ends_with("ing") || w.ends_with('s') {
        return None;
    }
    let subject = syntax::subject_left_of(s, opener).or_else(|| syntax::clause_opening_subject(s, opener))?;
    let target = after.filter(|t| t.actors != subject.actors);
    Some(Sides {
        how: format!("source: the clause's {} (\"in\" before the noun)", subject.how),
        sources: ctx.parties(Some(&subject)),
        targets: ctx.parties(target.as_ref()),
        mood,
        negated,
    })
}

/// The noun heads the object of a verb of rejection ("rejected an Australian ultimatum", "turned down the UN's
/// appeal"): the sentence reports the rejection; the act rejected was made earlier and is only named. (Measured
/// on PLOVER dev: four such readings, none in the gold; none changed on news-dev.)
fn object_of_a_rejection(ctx: &Ctx, first: usize) -> bool {
    let s = ctx.s;
    let lexicon = &ctx.coder.lexicon;
    let mut k = first;
    for _ in 0..5 {
        let Some(j) = k.checked_sub(1) else { return false };
        if let Some(m) = s
            .matches
            .iter()
            .find(|m| m.last == j && matches!(m.payload, Payload::Entry(..)))
        {
            let Payload::Entry(e, _) = m.payload else { return false };
            return lexicon.entries[e].root() == 12 && lexicon.entries[e].pos == Pos::Verb;
        }
        // Inside the object noun phrase: determiners, possessors, modifiers, actors, a time word.
        let t = &s.toks[j];
        let in_phrase = t.actor.is_some()
            || s.is_any(j, &[Class::Determiner, Class::Possessive, Class::Time])
            || s.is_word(j, &["'s", "’s"])
            || t.word && t.cls.is_empty()
            || s.is_adverb(j);
        if !in_phrase {
            return false;
        }
        k = j;
    }
    false
}

/// A body whose work is investigating: police, courts, legislatures, intelligence services, and international
/// organisations.
fn investigates(actor: &detente_records::Actor) -> bool {
    actor.org.is_some() && actor.country.is_none()
        || matches!(actor.role.as_deref(), Some("COP" | "JUD" | "LEG" | "SPY"))
}

/// "Russia's mobilization of troops near X": the source's own forces are no target; the search goes on past
/// them.
fn past_own_forces(ctx: &Ctx, entry: &Entry, sources: &[Party], mut after: Option<Arg>) -> Option<Arg> {
    let s = ctx.s;
    let search = ObjectSearch {
        places: matches!(entry.root(), 14..=20),
        ..ObjectSearch::PLAIN
    };
    while let Some(arg) = after.as_ref().filter(|arg| {
        arg.actors.iter().all(|&a| {
            let object = s.actors[a].actor();
            sources.iter().any(|src| super::emit::own_forces(&src.actor, object))
        })
    }) {
        let from = s.actors[*arg.actors.last()?].last + 1;
        after = syntax::object_from(s, from, search);
    }
    after
}

/// "Russia faces new sanctions", "Iran faced criticism from the EU": the subject undergoes the act; its doer
/// follows "from" or "by", or is whoever reports it. Faced in the present or future, the act is a threat.
fn patient(ctx: &Ctx, g: &VerbGroup, last: usize) -> Sides {
    let s = ctx.s;
    let target = syntax::subject(s, g);
    let by = from_after(s, last + 1).or_else(|| syntax::agent_after(s, last + 1));
    let (sources, how) = match by {
        Some(a) => (ctx.parties(Some(&a)), "\"from\" after the noun"),
        None => match super::speech::reporter(ctx, g.head) {
            Some((p, _)) => (vec![p], "whoever reports it"),
            None => (Vec::new(), "none"),
        },
    };
    let mood = match modality::of_verb(s, g) {
        Mood::Factual if matches!(g.form, Some(FormKind::Base | FormKind::Third)) => Mood::Future,
        m => m,
    };
    Sides {
        how: format!("{:?} undergone by its subject; source: {how}", s.w(g.head)),
        sources,
        targets: ctx.parties(target.as_ref()),
        mood,
        negated: g.negated,
    }
}

/// Emits the candidate: governed mood, own authorities for protests, counterpart from the sentence.
fn finish(ctx: &Ctx, e: usize, first: usize, last: usize, sides: Sides) -> Reading {
    let entry = &ctx.coder.lexicon.entries[e];
    let s = ctx.s;
    let Sides {
        sources,
        mut targets,
        mut how,
        mood,
        negated,
    } = sides;
    let mood = match ctx.governor_of(first) {
        Some(frame) => Mood::Irrealis(super::verbal::frame_why(frame)),
        None => mood,
    };
    targets.retain(|t| {
        !sources
            .iter()
            .any(|src| src.actor.code == t.actor.code || super::emit::own_forces(&src.actor, &t.actor))
    });
    let Some((code, figurative)) = figurative::code_for(entry, &sources, &targets) else {
        return Reading::none(figurative::ONLY_IN_WAR);
    };
    let code = figurative::by_irregulars(&ctx.coder.complements, code, &sources);
    let root: u8 = code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    let mut aimed_at_own = false;
    if targets.is_empty() && (root == 14 || code.starts_with("082")) {
        // Protests with no named adversary are aimed at the protesters' own authorities.
        targets.extend(sources.iter().find_map(super::verbal::own_authorities));
        aimed_at_own = !targets.is_empty();
    } else if targets.is_empty()
        && context::needs_counterpart(root)
        && !entry.alone
        && let Some((other, whence)) = context::counterpart_in_sentence(ctx, &sources, first, None)
            .map(|o| (o, "the sentence"))
            .or_else(|| context::counterpart_in_lead(ctx, code, &sources).map(|o| (o, "the lead's pair")))
    {
        targets.push(other);
        how.push_str(&format!("; target from {whence}"));
    }
    let trigger = (s.toks[first].start, s.toks[last].end);
    let pattern = format!("noun; {how}{}", if figurative { "; figurative" } else { "" });
    let mut c = Candidate::new(entry, code, trigger, pattern);
    c.sources = sources;
    c.targets = targets;
    c.negated = negated;
    c.quote = s.toks[first].quote;
    c.aimed_at_own = aimed_at_own;
    Reading::from(with_mood(ctx, c, mood))
}

fn how(a: &Option<Arg>) -> &'static str {
    a.as_ref().map_or("none", |a| a.how)
}

/// "talks between X and Y", "X-Y talks": each side towards the other.
#[allow(clippy::too_many_arguments)]
fn reciprocal(ctx: &Ctx, e: usize, first: usize, last: usize, a: Vec<Party>, b: Vec<Party>, how: &str) -> Reading {
    let entry = &ctx.coder.lexicon.entries[e];
    let s = ctx.s;
    let Some((code, _)) = figurative::code_for(entry, &a, &b) else {
        return Reading::none(figurative::ONLY_IN_WAR);
    };
    let trigger = (s.toks[first].start, s.toks[last].end);
    let mut c = Candidate::new(entry, code, trigger, format!("noun; {how}"));
    c.sources = a;
    c.targets = b;
    c.reciprocal = true;
    c.negated = negated_noun(s, first);
    c.quote = s.toks[first].quote;
    Reading::from(with_mood(ctx, c, modality::of_noun(s, first)))
}

/// "Chile's envoy flew to Quito ahead of a summit with Ecuador", "the minister spoke at a meeting with Oman": a
/// meeting noun after an occasion word, with its other side after "with", is a meeting of the clause's own
/// subject. One still to come ("ahead of", "before", "for") is an intention to meet.
fn meeting_of_clause_subject(ctx: &Ctx, e: usize, first: usize, last: usize) -> Option<Reading> {
    let s = ctx.s;
    let entry = &ctx.coder.lexicon.entries[e];
    let other = with_after(s, last + 1)?;
    let occasion = occasion_before(s, first)?;
    let subject = syntax::clause_opening_subject(s, occasion)?;
    let sources = ctx.parties(Some(&subject));
    let mut targets = ctx.parties(Some(&other));
    targets.retain(|t| !sources.iter().any(|src| src.actor.code == t.actor.code));
    if sources.is_empty() || targets.is_empty() {
        return None;
    }
    let mood = match modality::of_noun(s, first) {
        Mood::Factual if s.is(occasion, Class::ProspectWord) => Mood::Future,
        Mood::Factual => {
            let from = s.actors[*subject.actors.last()?].last + 1;
            (from..occasion)
                .find(|&k| s.is(k, Class::Future))
                .map_or(Mood::Factual, |_| Mood::Future)
        }
        m => m,
    };
    let (code, _) = figurative::code_for(entry, &sources, &targets)?;
    let trigger = (s.toks[first].start, s.toks[last].end);
    let pattern = format!(
        "noun after {:?}; source: the clause's {}; target: \"with\" after the noun",
        s.w(occasion),
        subject.how
    );
    let mut c = Candidate::new(entry, code, trigger, pattern);
    c.sources = sources;
    c.targets = targets;
    c.reciprocal = true;
    c.quote = s.toks[first].quote;
    let mut candidates = with_mood(ctx, c, mood);
    // A summit both sides are heading to is an intention of both.
    for a in candidates.iter_mut().filter(|a| a.code.starts_with("03")) {
        a.reciprocal = true;
    }
    Some(Reading::from(candidates))
}

/// "with X" right after the noun (determiners and numbers between at most).
fn with_after(s: &Sent, from: usize) -> Option<Arg> {
    if s.w(from) != "with" {
        return None;
    }
    let mut k = from + 1;
    while s.is_any(k, &[Class::Determiner, Class::Number]) {
        k += 1;
    }
    let a = s.toks.get(k)?.actor?;
    Some(syntax::conjoined_right(s, a, "\"with\" after the noun"))
}

/// The occasion word before the noun phrase at `first` ("after", "during", "ahead" of "ahead of"), past at most
/// three determiners, numbers or adjectives.
fn occasion_before(s: &Sent, first: usize) -> Option<usize> {
    let mut k = first;
    for _ in 0..4 {
        let j = k.checked_sub(1)?;
        if s.is_word(j, &["of", "to"]) && j > 0 && s.is_word(j - 1, &["ahead", "prior"]) {
            return Some(j - 1);
        }
        if s.is(j, Class::OccasionWord) {
            return (!s.is_word(j, &["ahead", "prior"])).then_some(j);
        }
        let modifier = s.toks[j].word
            && s.toks[j].actor.is_none()
            && !s.is_verbish(j)
            && !s.is_any(j, &[Class::Preposition, Class::Relative, Class::Coordinator]);
        if !modifier {
            return None;
        }
        k = j;
    }
    None
}

/// "sanctions that the EU imposed on Iran", "the strikes which Israel carried out": a relative pronoun right after
/// the noun (or none: "the tariffs Ottawa levied"), an actor, at most two adverbs or auxiliaries, and a light
/// verb: its tokens and form.
fn relative_light_verb(ctx: &Ctx, last: usize) -> Option<(LightVerb, usize)> {
    let s = ctx.s;
    let rel = last + 1;
    let mut k = if s.is_word(rel, &["that", "which"]) {
        rel + 1
    } else if s.actor_at(rel).is_some() && !s.is(last, Class::Preposition) {
        // (Not after an entry's own preposition: "strikes on Kosovo continued" names the target.)
        rel
    } else {
        return None;
    };
    // Determiners, and a title the actor stage left out ("Mr." of "Mr. Lee").
    while s.is(k, Class::Determiner)
        || s.toks
            .get(k)
            .is_some_and(|t| t.actor.is_none() && t.cap && s.w(k).len() <= 3)
        || s.w(k) == "."
    {
        k += 1;
    }
    let subject_index = s.toks.get(k)?.actor?;
    let subject = &s.actors[subject_index];
    for k in subject.last + 1..subject.last + 4 {
        if let Some(m) = s
            .matches
            .iter()
            .find(|m| m.first == k && matches!(m.payload, Payload::Light(_)))
        {
            let Payload::Light(form) = m.payload else {
                unreachable!()
            };
            // "its demand that Chad grant more rights": a bare base form after the actor is the content of a
            // demand (a subjunctive), not a relative clause's verb ("the rights that Chad has granted").
            let auxiliary = m.first > 0
                && s.is_any(
                    m.first - 1,
                    &[Class::Have, Class::Be, Class::Do, Class::Future, Class::Irrealis],
                );
            if form == FormKind::Base && !auxiliary {
                return None;
            }
            return Some(((m.first, m.last, Some(form)), subject_index));
        }
        if !(s.is_adverb(k) || s.is_any(k, &[Class::Have, Class::Be, Class::Do, Class::Future, Class::Irrealis])) {
            return None;
        }
    }
    None
}

/// A light verb whose object the noun is ("launched an attack", "imposed new sanctions", "held talks"): its
/// tokens and form. Between them only determiners, numbers, possessives, adjectives and actor modifiers.
fn light_verb(ctx: &Ctx, first: usize) -> Option<(usize, usize, Option<FormKind>)> {
    let s = ctx.s;
    let mut k = first;
    let mut steps = 0;
    let mut opened = false;
    while k > 0 && steps < 7 {
        let j = k - 1;
        if let Some(m) = s
            .matches
            .iter()
            .find(|m| m.last == j && matches!(m.payload, Payload::Light(_)))
        {
            let Payload::Light(form) = m.payload else {
                unreachable!()
            };
            return Some((m.first, m.last, Some(form)));
        }
        // "halted economic aid", "called off the talks": a verb of stopping governs the noun.
        if let Some(v) = cessation_verb_ending_at(s, j) {
            return Some((v, j, Some(form_of(s.w(v)))));
        }
        if let Some(a) = s.actor_at(j) {
            k = a.first;
            steps += 1;
            continue;
        }
        // "launched a new wave of strikes": "of" after a word of quantity keeps the noun in the verb's object.
        let quantity_of =
            s.w(j) == "of" && j > 0 && (s.is(j - 1, Class::QuantityHead) || j > 1 && s.is(j - 2, Class::Number));
        // "fired a mortar and rocket barrage", "opened drone, mortar, and tank fire": modifiers joined
        // by "and", "or" or the commas of a list.
        let plain = |k: usize| s.toks[k].word && s.toks[k].actor.is_none() && s.toks[k].cls.is_empty();
        let joint = |k: usize| s.is_word(k, &["and", "or", ","]);
        // (A role word may stand in the list: "artillery, mortar and rocket fire".)
        let listed = |k: usize| {
            plain(k) || s.toks[k].word && s.toks[k].cls.is_empty() && s.actor_at(k).is_some_and(|a| a.first == a.last)
        };
        let joined_modifiers = joint(j)
            && j > 0
            && (listed(j - 1) || s.w(j) != "," && s.w(j - 1) == ",")
            && (j + 1 == first || plain(j + 1) || s.w(j) == "," && joint(j + 1));
        let modifier = quantity_of
            || joined_modifiers
            || s.toks[j].word
                && !s.is_any(
                    j,
                    &[
                        Class::Preposition,
                        Class::Relative,
                        Class::Coordinator,
                        Class::Reporting,
                    ],
                )
                && !s.verb_at[j]
                && !is_event_noun(ctx, j)
            || s.w(j) == "-";
        // A determiner opens the noun phrase: the word before it is the verb, light or not ("would prohibit
        // all aid" is no aid the reporting verb before it lends a subject to).
        // (Time words and adverbs may stand between: "lifted on Friday the blockade", "lifted Friday a blockade".)
        let adjunct = s.is(j, Class::Time) || s.is_adverb(j) || s.is_word(j, &["on"]) && s.is(j + 1, Class::Time);
        if !(modifier || opened && adjunct) || opened && !quantity_of && !adjunct {
            return None;
        }
        opened |= s.is_any(j, &[Class::Determiner, Class::Possessive]) && !quantity_of;
        steps += 1;
        // The left conjunct is a modifier too, whatever else it may be ("a mortar and rocket barrage").
        k = if joined_modifiers { j - 1 } else { j };
    }
    None
}

fn is_event_noun(ctx: &Ctx, k: usize) -> bool {
    ctx.s.matches.iter().any(|m| {
        m.last == k && matches!(m.payload, Payload::Entry(e, _) if ctx.coder.lexicon.entries[e].pos == Pos::Noun)
    })
}

/// The owner of an event noun: a possessor ("Russia's invasion"), or an actor modifier ("Turkish strikes",
/// "the U.S. sanctions"), at most two adjectives away.
pub(super) fn owner_before(s: &Sent, first: usize) -> Option<Arg> {
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        let j = k - 1;
        if s.is_word(j, &["'s", "’s"]) {
            let a = s.toks.get(j.checked_sub(1)?)?.actor?;
            return Some(syntax::conjoined_left(s, a, "possessor"));
        }
        // "Norway, whose mediation ...": the relative possessive stands for the actor before it.
        if s.is_word(j, &["whose"]) {
            let before = j.checked_sub(1)?;
            let before = if s.w(before) == "," {
                before.checked_sub(1)?
            } else {
                before
            };
            let a = s.toks[before].actor?;
            return Some(syntax::conjoined_left(s, a, "possessor (\"whose\")"));
        }
        if let Some(a) = s.toks[j].actor {
            // "X-Y talks" are read as a pair before this.
            return Some(syntax::conjoined_left(s, a, "modifier"));
        }
        // "Qatar ignored threats": a past form right after an actor that no determiner opens is its verb, not
        // an adjective of the noun ("the Qatari-led talks" is read as a pair or a modifier before this).
        if past_verb_after_bare_actor(s, j) {
            return None;
        }
        if !s.toks[j].word
            || s.is_any(
                j,
                &[
                    Class::Preposition,
                    Class::Relative,
                    Class::Coordinator,
                    Class::Determiner,
                ],
            )
        {
            return None;
        }
        steps += 1;
        k = j;
    }
    None
}

fn past_verb_after_bare_actor(s: &Sent, j: usize) -> bool {
    let t = &s.toks[j];
    let Some(a) = j.checked_sub(1).and_then(|p| s.actor_at(p)) else {
        return false;
    };
    t.word
        && !t.cap
        && s.w(j).ends_with("ed")
        && a.first
            .checked_sub(1)
            .is_none_or(|b| !s.is_any(b, &[Class::Determiner, Class::Possessive]))
}

/// The verb of stopping ending at token `j` ("halted", "called off"): its first token.
pub(super) fn cessation_verb_ending_at(s: &Sent, j: usize) -> Option<usize> {
    if s.is(j, Class::CessationVerb) {
        return Some(j);
    }
    let with_off = |k: usize| s.is(k, Class::CessationVerb) || s.is(k, Class::CessationWithOff);
    (j > 0 && s.w(j) == "off" && with_off(j - 1)).then(|| j - 1)
}

/// The form of a verb from its ending, for verbs the lexicon does not inflect.
fn form_of(w: &str) -> FormKind {
    if w.ends_with("ing") {
        FormKind::Ing
    } else if w.ends_with("ed") || w.ends_with("en") {
        FormKind::PastPart
    } else if w.ends_with('s') {
        FormKind::Third
    } else {
        FormKind::Base
    }
}

/// "Japan halted economic aid to Serbia", "the rebels called off their strike", "the EU lifted sanctions on X":
/// stopping an act is coded by the table of stopped acts (`complements.toml`, [cessation]): halted aid is 162,
/// ended talks 164, lifted sanctions 085. An act the table does not know gives no event.
fn cessation(ctx: &Ctx, e: usize, verb: usize, first: usize, last: usize, after: Option<Arg>) -> Reading {
    let s = ctx.s;
    let entry = &ctx.coder.lexicon.entries[e];
    let Some(code) = ctx.coder.complements.refine(Frame::Cessation, &entry.code) else {
        return Reading::none(format!(
            "stopped by {:?}: no code for stopping {}",
            s.w(verb),
            entry.code
        ));
    };
    let g = VerbGroup::read(s, verb, verb, Some(form_of(s.w(verb))));
    let source = syntax::subject(s, &g);
    let sources = ctx.parties(source.as_ref());
    if sources.is_empty() {
        return Reading::none(format!("stopped by {:?}: no source", s.w(verb)));
    }
    let mut targets = ctx.parties(after.as_ref());
    targets.retain(|t| !sources.iter().any(|src| src.actor.code == t.actor.code));
    let trigger = (s.toks[verb].start, s.toks[last].end);
    let pattern = format!("noun stopped by {:?}; source: {}", s.w(verb), how(&source));
    let mut c = Candidate::new(entry, code, trigger, pattern);
    c.sources = sources;
    c.targets = targets;
    c.negated = g.negated;
    c.quote = s.toks[first].quote;
    let mood = match ctx.governor_of(verb) {
        Some(frame) => Mood::Irrealis(super::verbal::frame_why(frame)),
        None => modality::of_verb(s, &g),
    };
    Reading::from(with_mood(ctx, c, mood))
}

/// "of X" right after the noun (with a determiner between at most).
fn of_after(s: &Sent, from: usize) -> Option<Arg> {
    if s.w(from) != "of" {
        return None;
    }
    let mut k = from + 1;
    while s.is_any(k, &[Class::Determiner, Class::Number, Class::QuantityHead]) || s.w(k) == "of" {
        k += 1;
    }
    let a = s.toks.get(k)?.actor?;
    Some(syntax::conjoined_right(
        s,
        a,
        "\"of\" after a noun of speech or decision",
    ))
}

/// "criticism from X": the doer after "from".
fn from_after(s: &Sent, from: usize) -> Option<Arg> {
    let mut k = from;
    while k < s.len() && k < from + 4 && s.w(k) != "from" {
        if !s.toks[k].word || s.is(k, Class::Preposition) {
            return None;
        }
        k += 1;
    }
    if s.w(k) != "from" {
        return None;
    }
    let mut j = k + 1;
    while s.is(j, Class::Determiner) {
        j += 1;
    }
    s.toks
        .get(j)?
        .actor
        .map(|a| syntax::conjoined_right(s, a, "\"from\" after the noun"))
}

/// "between X and Y" right after the noun; for two-sided nouns also "of X and Y" ("a meeting of X and Y"), and
/// "between" after the few words of the verb the noun is subject of ("fighting broke out between X and Y",
/// "talks were held last week between X and Y").
fn between(s: &Sent, from: usize, two_sided: bool) -> Option<Arg> {
    if two_sided && !s.is_word(from, &["between", "among", "of"]) {
        let later = (from..s.len().min(from + 6))
            .take_while(|&k| s.toks[k].word && s.toks[k].actor.is_none() && !s.is(k, Class::Coordinator))
            .find(|&k| s.is_word(k, &["between", "among"]));
        return later.and_then(|k| between(s, k, false));
    }
    if !(s.is_word(from, &["between", "among"]) || two_sided && s.w(from) == "of") {
        return None;
    }
    let mut k = from + 1;
    while s.is(k, Class::Determiner) {
        k += 1;
    }
    let a = s.toks.get(k)?.actor?;
    let arg = syntax::conjoined_right(s, a, "between X and Y");
    (arg.actors.len() >= 2).then_some(arg)
}

/// "U.S.-China talks", "Israeli-Palestinian clashes", "Russia and Ukraine's talks": two actors joined right
/// before the noun.
fn compound_pair(s: &Sent, first: usize) -> Option<Arg> {
    let mut k = first;
    while k > 0
        && s.toks[k - 1].word
        && s.toks[k - 1].actor.is_none()
        && !s.is_any(k - 1, &[Class::Preposition, Class::Determiner, Class::Coordinator])
        && first - k < 2
    {
        k -= 1;
    }
    let b = s.toks.get(k.checked_sub(1)?)?.actor?;
    let b_first = s.actors[b].first;
    let link = b_first.checked_sub(1)?;
    // "Russia and Ukraine's talks" share the noun; "the Canadian and Israeli pacts" are one pact of each.
    let and_possessive = s.w(link) == "and" && s.is_word(s.actors[b].last + 1, &["'s", "’s"]);
    if !s.is_punct(link, &["-", "–", "—", "/"]) && !and_possessive {
        return None;
    }
    let a = s.toks.get(link.checked_sub(1)?)?.actor?;
    if s.actors[a].actor().code == s.actors[b].actor().code {
        return None;
    }
    Some(Arg {
        actors: vec![a, b],
        how: "X-Y compound",
    })
}

/// "Serbia-Kosovo talks": two actors inside the one hyphenated word before the noun.
fn hyphenated_pair(ctx: &Ctx, first: usize) -> Option<(Vec<Party>, &'static str)> {
    let s = ctx.s;
    let word = s.toks.get(first.checked_sub(1)?)?;
    let from = ctx.mentions.partition_point(|m| m.end <= word.start);
    let inside: Vec<Party> = ctx.mentions[from..]
        .iter()
        .take_while(|m| m.start < word.end)
        .filter(|m| m.end <= word.end && !m.actor.code.is_empty())
        .map(|m| Party {
            actor: m.actor.clone(),
            kind: m.kind,
        })
        .collect();
    (inside.len() == 2 && inside[0].actor.code != inside[1].actor.code).then_some((inside, "X-Y compound"))
}

/// "no talks", "without sanctions".
fn negated_noun(s: &Sent, first: usize) -> bool {
    (first.saturating_sub(3)..first).any(|k| s.is_word(k, &["no", "without", "never"]))
}

/// "an end to the raids", "a halt to shelling of the port and Chadian airstrikes on it": the noun is in the phrase
/// after a noun of ending (no verb or punctuation between).
fn end_before(s: &Sent, first: usize) -> bool {
    (first.saturating_sub(16)..first).any(|k| {
        s.is_word(k, &["end", "halt", "stop"])
            && s.w(k + 1) == "to"
            && (k + 2..first).all(|j| {
                s.toks[j].word
                    && !s.is_any(
                        j,
                        &[
                            Class::Be,
                            Class::Have,
                            Class::Future,
                            Class::Irrealis,
                            Class::Reporting,
                            Class::Relative,
                        ],
                    )
            })
    })
}

/// "the anniversary of the invasion", "a film about the war".
fn history_before(s: &Sent, first: usize) -> bool {
    (first.saturating_sub(4)..first).any(|k| s.is(k, Class::HistoryMarker))
}
