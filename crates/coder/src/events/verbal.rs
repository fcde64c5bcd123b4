//! Verbal triggers: "Iran attacked Iraq", "Iraq was attacked by Iran", "Iran agreed to meet Iraq", "Iran will
//! impose tariffs on Iraq", "the minister warned that Iraq ...". Arguments come from `syntax`, the mood from
//! `modality`, complement codes from `frames`, speech-act sources from `speech`.

use super::context;
use super::emit::{Candidate, Party};
use super::engine::{Ctx, Reading};
use super::figurative;
use super::frames;
use super::grammar::Class;
use super::lexicon::{Entry, FormKind, Frame, Lexicon, Payload};
use super::modality::{self, Mood};
use super::nominal;
use super::sentence::Sent;
use super::speech;
use super::syntax::{self, Arg, ObjectSearch};
use super::unidentified;
use super::verbgroup::VerbGroup;
use detente_records::MentionKind;

/// Reads a verb trigger over tokens `first..=last`.
pub fn read(ctx: &Ctx, e: usize, first: usize, last: usize, form: FormKind) -> Reading {
    let entry = &ctx.coder.lexicon.entries[e];
    let s = ctx.s;
    let g = VerbGroup::read(s, first, last, Some(form));
    if entry.frame == Frame::Negate {
        return Reading::none("no event of its own: it negates what it governs");
    }
    if stops_a_coded_act(ctx, first, last) {
        return Reading::none("a verb of stopping: the act it stops is coded with its noun");
    }
    if is_adjectival(s, &g) {
        return Reading::none("a participle used as an adjective (\"the proposed plan\")");
    }
    if passive_on_a_common_noun(s, &g) {
        return Reading::none("a passive participle on a noun that is no actor (\"a tanker seized by pirates\")");
    }
    let governed = match entry.frame {
        Frame::Intent | Frame::Threat | Frame::Refuse | Frame::Appeal | Frame::Demand => {
            frames::governed(s, &ctx.coder.lexicon, g.last)
        }
        _ => None,
    };
    let mood = match ctx.governor_of(first) {
        Some(frame) => Mood::Irrealis(frame_why(frame)),
        None => modality::of_verb(s, &g),
    };
    // "wants to join", "asked to leave": an appeal with nobody addressed is the subject's own wish.
    if entry.frame == Frame::Appeal && s.w(g.last + 1) == "to" && infinitive_at(s, g.last + 2) {
        return Reading::none("an appeal verb with nobody addressed: the subject's own wish");
    }
    let root = governed.map_or(entry.root(), |gv| ctx.coder.lexicon.entries[gv.entry].root());
    let mut sides = arguments(ctx, &g, entry, root);
    if sides.sources.is_empty() && unidentified::stands_for(s, &ctx.coder.lexicon, &g, root, &sides.targets, mood) {
        sides.sources = vec![unidentified::party()];
        sides.how = sides
            .how
            .replacen("source: none", "source: unidentified (none named)", 1);
    }
    if sides.sources.is_empty() {
        return Reading::none(format!("no source ({}; {})", sides.voice, mood.describe()));
    }
    if entry.frame == Frame::Appeal
        && (sides.quote.is_some_and(|q| is_question(&ctx.quotes[q].text)) || asks_a_question(s, g.last))
    {
        return Reading::none("a question asked (\"...?\" he asked; asked X whether ...) is no appeal");
    }
    let Some((code, how_code)) = code_of(ctx, entry, governed, &sides) else {
        return Reading::none(figurative::ONLY_IN_WAR);
    };
    // (An unnamed doer stands only for violence: "attacked the senator" read as criticism has none.)
    if sides
        .sources
        .iter()
        .any(|p| unidentified::is_unidentified(&p.actor.code))
        && !matches!(code.get(..2), Some("18" | "19" | "20"))
    {
        return Reading::none(format!("no source ({}; {})", sides.voice, mood.describe()));
    }
    if sides.targets.is_empty()
        && g.infinitive
        && let Some(host) = modality::trip_destination(s, &g)
    {
        // "sent observers to Chad to investigate": what the mission does there is aimed at its host.
        let host = syntax::conjoined_left(s, host, "where the mission went");
        sides.targets = ctx.parties(Some(&host));
        sides.how.push_str(" (target: where the mission went)");
    }
    let mut aimed_at_own = false;
    if sides.targets.is_empty() && !sides.mutual {
        let code_root: u8 = code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
        if code_root == 14 || code.starts_with("082") {
            // Protesters with no named adversary protest against their own country's authorities.
            if let Some(own) = sides.sources.iter().find_map(own_authorities) {
                sides.targets = vec![own];
                sides.how.push_str(" (their own government)");
                aimed_at_own = true;
            }
        } else if context::needs_counterpart(code_root)
            && may_take_counterpart(s, entry, &g, sides.sources.len())
            // An actor deep in reported content whose subject is no actor is not whom the act is aimed at.
            && let Some((other, whence)) = context::counterpart_in_sentence(ctx, &sides.sources, first, reported_span(ctx, sides.quote))
                .map(|o| (o, "the sentence"))
                .or_else(|| context::counterpart_in_lead(ctx, &code, &sides.sources).map(|o| (o, "the lead's pair")))
        {
            sides.targets = vec![other];
            sides.how.push_str(&format!(" (target from {whence})"));
        }
    }
    let trigger = (s.toks[first].start, s.toks[last].end);
    let pattern = format!("{}; {}{}", sides.voice, sides.how, how_code);
    let mut base = Candidate::new(entry, &code, trigger, pattern);
    base.sources = sides.sources;
    base.targets = sides.targets;
    base.negated = g.negated;
    // "X clashed with Y", "X negotiated with Y": fighting and negotiating with a partner go both ways; meeting or
    // working with someone is reported from the subject's side.
    base.reciprocal = entry.recip && sides.with_partner && (code == "046" || code.starts_with("19"));
    if sides.mutual {
        base.reciprocal = true;
        base.targets.clear();
    }
    base.quote = sides.quote.or_else(|| s.toks[first].quote);
    base.aimed_at_own = aimed_at_own;
    Reading::from(with_mood(ctx, base, mood))
}

/// "asked Peru whether ...", "asked why ...": a question word right after the verb or its addressee.
fn asks_a_question(s: &Sent, last: usize) -> bool {
    let mut k = last + 1;
    if let Some(a) = s.actor_at(k) {
        k = a.last + 1;
    } else if s.is(k, Class::SubjectPronoun) || s.is_word(k, &["him", "her", "them", "us", "me"]) {
        k += 1;
    }
    s.is(k, Class::QuestionWord)
}

/// Quoted words that end in a question mark (inside closing quotation marks or not).
fn is_question(quoted: &str) -> bool {
    quoted
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’'))
        .ends_with('?')
}

/// Whether an act with no target may take the sentence's other side: not one that stands alone, not a
/// reciprocal act of several sources, not an appeal that asks nobody else.
/// The byte span of the reported (indirect) content of the verb's quotation.
fn reported_span(ctx: &Ctx, quote: Option<usize>) -> Option<(usize, usize)> {
    let q = &ctx.quotes[quote?];
    (q.kind == detente_records::QuoteKind::Indirect).then_some((q.start, q.end))
}

fn may_take_counterpart(s: &super::sentence::Sent, entry: &Entry, g: &VerbGroup, sources: usize) -> bool {
    if entry.alone || entry.recip && sources > 1 {
        return false;
    }
    entry.frame != Frame::Appeal || !asks_nobody_else(s, g.last)
}

/// An appeal verb whose addressee is not in the sentence's other actors: one addressed before an infinitive
/// ("asked his fighters to stop"), or one that ends its clause ("as Washington wants.").
fn asks_nobody_else(s: &super::sentence::Sent, last: usize) -> bool {
    addresses_before_infinitive(s, last) || s.toks.get(last + 1).is_none_or(|t| !t.word)
}

/// "asked his fighters to stop": an appeal whose addressee (actor or not) stands before an infinitive within a
/// few words; whoever else the sentence names is not the one asked.
fn addresses_before_infinitive(s: &super::sentence::Sent, last: usize) -> bool {
    (last + 2..(last + 7).min(s.len())).any(|k| s.w(k) == "to" && infinitive_at(s, k + 1))
}

/// A verb after "to" ("to join", "to be"), not a phrase ("to the UN", "to voters", "to Iran").
fn infinitive_at(s: &super::sentence::Sent, i: usize) -> bool {
    let Some(t) = s.toks.get(i) else { return false };
    let w = s.w(i);
    s.is_verbish(i)
        || t.actor.is_none()
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && !w.ends_with('s')
            && !s.is_any(i, &[Class::Determiner, Class::Possessive, Class::Number])
}

/// "lifted the sanctions", "halted aid": a verb of stopping whose object is an act the cessation table codes.
fn stops_a_coded_act(ctx: &Ctx, first: usize, last: usize) -> bool {
    let s = ctx.s;
    let with_off = s.is(first, Class::CessationWithOff) && s.w(first + 1) == "off";
    if !s.is(first, Class::CessationVerb) && !with_off {
        return false;
    }
    frames::governed(s, &ctx.coder.lexicon, last).is_some_and(|g| {
        let entry = &ctx.coder.lexicon.entries[g.entry];
        entry.pos == super::lexicon::Pos::Noun && ctx.coder.complements.refine(Frame::Cessation, &entry.code).is_some()
    })
}

/// "the proposed changes", "reject alleged abuses": a bare participle after a determiner, a verb or a
/// preposition modifies a noun (unless "by" follows: "the plan proposed by Iran").
fn is_adjectival(s: &super::sentence::Sent, g: &VerbGroup) -> bool {
    if !g.is_bare() || !matches!(g.form, Some(FormKind::PastPart | FormKind::Participle)) || s.w(g.last + 1) == "by" {
        return false;
    }
    g.first.checked_sub(1).is_some_and(|p| {
        (s.is_any(
            p,
            &[Class::Determiner, Class::Possessive, Class::Number, Class::Preposition],
        ) || s.is_verbish(p))
            && !relative_pronoun_after_noun(s, p)
    })
}

/// "the militia that shelled the town": "that" after a noun opens a relative clause, and the past form after
/// it is the clause's verb ("said that shelled towns ..." keeps "that" as a conjunction before an adjective);
/// so is a past form after ", which" ("the army, which shelled the town").
fn relative_pronoun_after_noun(s: &super::sentence::Sent, p: usize) -> bool {
    s.is(p, Class::Relative)
        && p.checked_sub(1).is_some_and(|n| {
            !s.is_verbish(n)
                && (!s.is_punct(n, &[","]) || s.w(p) == "which")
                && !s.is_any(n, &[Class::Preposition, Class::Determiner])
        })
}

/// The government of a party's country: whom protests without a named adversary are aimed at (and whom
/// protesters yield to when they call them off).
pub fn own_authorities(p: &Party) -> Option<Party> {
    let country = p.actor.country.clone()?;
    // The state's own forces blocking a road do not protest against themselves.
    if matches!(p.actor.role.as_deref(), Some("GOV" | "MIL" | "COP" | "SPY")) {
        return None;
    }
    Some(Party {
        actor: detente_records::Actor {
            code: format!("{country}GOV"),
            country: Some(country),
            org: None,
            role: Some("GOV".into()),
            name: None,
        },
        kind: detente_records::MentionKind::Role,
    })
}

/// The government of a country named as a place ("in Peru", "in Lima"): not of an organisation or a group.
fn authorities_of_place(p: &Party) -> Option<Party> {
    if p.actor.org.is_some() || p.actor.role.as_deref().is_some_and(|r| r != "GOV") {
        return None;
    }
    match p.actor.role {
        Some(_) => Some(p.clone()),
        None => own_authorities(p),
    }
}

/// Sources, targets and how they were found.
struct Sides {
    sources: Vec<Party>,
    targets: Vec<Party>,
    voice: &'static str,
    how: String,
    quote: Option<usize>,
    /// "blame each other": the conjoined sources act on one another.
    mutual: bool,
    /// The target was introduced by "with".
    with_partner: bool,
}

/// "six sailors seized off the coast by pirates": a bare participle right after an actor, with no object of its
/// own (a preposition follows) and an agent after "by", is a passive that modifies the actor. (A trigger with its
/// object in it, "blocked a bid", has an object: "Hungary blocked a bid by Kyiv" is active.)
fn reduced_passive(s: &super::sentence::Sent, g: &VerbGroup) -> bool {
    g.is_bare()
        && (g.head + 1..=g.last).all(|k| s.is(k, Class::Preposition))
        && matches!(g.form, Some(FormKind::PastPart | FormKind::Participle))
        && g.first.checked_sub(1).is_some_and(|p| s.toks[p].actor.is_some())
        && s.is(g.last + 1, Class::Preposition)
        && syntax::agent_after(s, g.last + 1).is_some()
}

/// "a tanker attacked by pirates off Somalia": a bare participle with an agent, right after a lower-case noun
/// that is no actor, modifies that noun; the clause's subject did not do it.
fn passive_on_a_common_noun(s: &super::sentence::Sent, g: &VerbGroup) -> bool {
    g.is_bare()
        && matches!(g.form, Some(FormKind::PastPart | FormKind::Past))
        && s.w(g.last + 1) == "by"
        && g.first.checked_sub(1).is_some_and(|p| {
            let t = &s.toks[p];
            t.word && !t.cap && t.actor.is_none() && t.cls.is_empty() && !s.verb_at[p]
        })
}

/// Source and target of a verb whose action (or governed action) has CAMEO root `root`.
fn arguments(ctx: &Ctx, g: &VerbGroup, entry: &Entry, root: u8) -> Sides {
    let s = ctx.s;
    let cue_quote = speech::quote_of_cue(ctx.quotes, &s.cue_quotes, s.toks[g.head].start, s.toks[g.last].end);
    let search = ObjectSearch {
        places: matches!(root, 14..=20),
        through_that: cue_quote.is_some() || matches!(entry.frame, Frame::Demand | Frame::Accuse),
        // An appeal's target is whom it addresses, before the infinitive ("urged Iran to talk"), never the
        // object of the act asked for ("pleaded with supporters to boycott Iran").
        through_infinitive: !matches!(entry.frame, Frame::Object | Frame::Speaker | Frame::Appeal),
    };
    let reduced = !g.passive && reduced_passive(s, g);
    if g.passive || reduced {
        // (A reduced passive modifies the actor right before it, whatever that actor's own role in the clause.)
        let targets = if reduced {
            s.toks[g.first - 1]
                .actor
                .map(|a| syntax::conjoined_left(s, a, "the actor the participle modifies"))
        } else {
            syntax::subject(s, g).or_else(|| syntax::subject_in_noun_phrase(s, g.first))
        };
        let agent = syntax::agent_after(s, g.last + 1).or_else(|| syntax::operation_agent_after(s, g.last + 1));
        let mut how_source = how(&agent).to_string();
        let mut sources = ctx.parties(agent.as_ref());
        if sources.is_empty()
            && matches!(root, 9 | 17)
            && let Some(place) = syntax::place_after(s, g.last + 1)
        {
            // "was arrested in Peru": an arrest, detention or inquiry with no agent named is the act of the
            // authorities where it happened.
            sources = ctx
                .parties(Some(&place))
                .iter()
                .filter_map(authorities_of_place)
                .collect();
            if !sources.is_empty() {
                how_source = "the authorities of the place (no agent named)".into();
            }
        }
        if sources.is_empty() && matches!(root, 9 | 17) && syntax::unknown_place_after(s, g.last + 1) {
            // "were detained in Mombasa": a place the actor stage does not hold; once event locations are set,
            // `visits::settle` gives the act the authorities of its country.
            sources = vec![Party {
                actor: super::visits::authorities_awaited(),
                kind: MentionKind::Country,
            }];
            how_source = "no agent named".into();
        }
        return Sides {
            how: format!("target: {}; source: {how_source}", how(&targets)),
            sources,
            targets: ctx.parties(targets.as_ref()),
            voice: "passive",
            quote: None,
            mutual: false,
            with_partner: false,
        };
    }
    let (sources, how_source) = source_of(ctx, g, cue_quote);
    let (mut object, how_target) = target_of(&ctx.coder.lexicon, s, g, root, search, &sources);
    // An appeal's target stands before the infinitive of what is asked for, not after it.
    if entry.frame == Frame::Appeal
        && let Some(o) = &object
        && (g.last + 1..s.actors[o.actors[0]].first).any(|k| s.w(k) == "to" && infinitive_at(s, k + 1))
    {
        object = None;
    }
    let mut targets = ctx.parties(object.as_ref());
    let mut how_target = how_target.to_string();
    // "Chilean and Peruvian ministers agreed that ...": the two sides of a two-sided act are each other's
    // counterpart; an actor of the reported content is what they agreed on, not whom.
    let each_other = entry.recip && two_states(&sources);
    if targets.is_empty()
        && !each_other
        && let Some(q) = cue_quote
        && let Some(t) = sources
            .first()
            .and_then(|src| speech::content_target(&ctx.quotes[q], ctx.mentions, &src.actor))
    {
        targets = vec![t];
        how_target = "the actor the quotation is about".into();
    }
    let with_partner = object.as_ref().is_some_and(|o| {
        s.w(g.last) == "with" || syntax::preposition_before(s, s.actors[o.actors[0]].first) == Some("with")
    });
    // "the two delegations agreed Brazilian barges must pay": an actor right after the verb is what they agreed on
    // (not the object of what they agreed to do: "agreed to deploy troops in Syria").
    let agreed_on = object
        .as_ref()
        .is_some_and(|o| !(g.last + 1..s.actors[o.actors[0]].first).any(|k| s.w(k) == "to"));
    if each_other && !with_partner && agreed_on {
        targets.clear();
        how_target = "none".into();
    }
    Sides {
        how: format!("source: {how_source}; target: {how_target}"),
        sources,
        targets,
        voice: if g.infinitive { "infinitive" } else { "active" },
        quote: cue_quote,
        mutual: s.is_word(g.last + 1, &["each", "one"]) && s.is_word(g.last + 2, &["other", "another"]),
        with_partner,
    }
}

/// Two sources of different countries: the sides of a two-sided act done together.
fn two_states(sources: &[Party]) -> bool {
    match sources {
        [a, b] => a.actor.country.is_some() && a.actor.country != b.actor.country,
        _ => false,
    }
}

/// The source of an active verb: the quote's speaker for a speech verb, else the subject, else "we" in a quote.
fn source_of(ctx: &Ctx, g: &VerbGroup, cue_quote: Option<usize>) -> (Vec<Party>, &'static str) {
    // The speech verb of a quotation: its speaker (resolved across sentences) is the source, when the speaker is
    // named in this sentence or the verb's own subject is a pronoun or missing.
    let subject = syntax::subject(ctx.s, g);
    let pronoun_or_none = subject
        .as_ref()
        .is_none_or(|a| a.actors.iter().all(|&i| ctx.s.actors[i].kind() == MentionKind::Pronoun));
    if let Some(q) = cue_quote.filter(|&q| pronoun_or_none || speech::speaker_named_in(&ctx.quotes[q], ctx.s))
        && let Some(p) = speech::speaker(&ctx.quotes[q])
    {
        return (vec![p], "the quote's speaker");
    }
    if let Some(group) = subject
        .as_ref()
        .and_then(|a| syntax::group_for_plural_pronoun(ctx.s, a))
    {
        return (ctx.parties(Some(&group)), "\"they\": the group named before");
    }
    let subject = ctx.parties(subject.as_ref());
    if !subject.is_empty() {
        return (subject, "subject");
    }
    if let Some(p) = first_person_before(ctx.s, g.first) {
        return (vec![p], "\"we\" in the speaker's quotation");
    }
    match reported_pronoun(ctx, g.first) {
        Some(p) => (vec![p], "a pronoun for whoever reports the clause"),
        None => (Vec::new(), "none"),
    }
}

/// "Japan said it had halted aid", "the minister said he would visit": a third-person pronoun subject of a
/// reported clause stands for the one who reports it.
pub(super) fn reported_pronoun(ctx: &Ctx, first: usize) -> Option<Party> {
    let s = ctx.s;
    let p = subject_slot(s, first)?;
    if !s.is(p, Class::SubjectPronoun) || s.is(p, Class::FirstPerson) || s.w(p) == "you" || s.toks[p].actor.is_some() {
        return None;
    }
    // Only right after the reporting verb (and "that"): farther away the pronoun may be anyone.
    let before = if p > 0 && s.w(p - 1) == "that" { p - 1 } else { p };
    let r = before.checked_sub(1)?;
    if !s.is(r, Class::Reporting) && !s.is_adverb(r) && !s.is(r, Class::Time) {
        return None;
    }
    speech::reporter(ctx, p).map(|(party, _)| party)
}

/// The target of an active verb: its object or prepositional target; a place when the action can hit one;
/// for criticism, rejection, demands and threats the doer of the thing criticised ("rejected calls by X").
fn target_of(
    lexicon: &Lexicon,
    s: &super::sentence::Sent,
    g: &VerbGroup,
    root: u8,
    search: ObjectSearch,
    sources: &[Party],
) -> (Option<Arg>, &'static str) {
    // "dismissed Ukrainian claims", "rejected Peru's accusations": the owner of the object the trigger holds. An
    // owner of the source's own country is the source's side ("cut U.S. funding to the WHO", "withheld U.S. aid
    // to Kyiv"): the target is then found after the trigger as usual.
    let own_side = |a: usize| {
        let country = s.actors[a].actor().country.as_ref();
        country.is_some() && sources.iter().any(|src| src.actor.country.as_ref() == country)
    };
    if let Some(owner) = (g.head + 1..g.last)
        .filter_map(|k| s.toks[k].actor)
        .find(|&a| s.actors[a].kind() != MentionKind::Pronoun)
        .filter(|&a| !own_side(a))
    {
        return (
            Some(syntax::conjoined_right(s, owner, "the owner of the object")),
            "the owner of the object",
        );
    }
    let mut from = g.last + 1;
    let mut object = syntax::object_from(s, from, search);
    // "pledged its own navy to patrol with X": an object that is the source itself is passed over.
    while let Some(o) = object.as_ref().filter(|o| {
        o.actors.iter().all(|&a| {
            let object = s.actors[a].actor();
            // "offered its troops to X": the source's own forces are passed over too.
            sources
                .iter()
                .any(|src| src.actor.code == object.code || super::emit::own_forces(&src.actor, object))
        })
    }) {
        from = s.actors[*o.actors.last().expect("an argument has actors")].last + 1;
        object = syntax::object_from(s, from, search);
    }
    if matches!(root, 10..=13) {
        let direct = object
            .as_ref()
            .is_some_and(|o| syntax::preposition_before(s, s.actors[o.actors[0]].first).is_none());
        if !direct && let Some(doer) = syntax::agent_after(s, from) {
            return (Some(doer), "the doer of the object");
        }
    }
    // "attacked positions held by Russia outside Kharkiv": the holder comes before any place further on.
    if let Some(holder) = holder_of_object(s, from)
        && object.as_ref().is_none_or(|o| o.actors[0] > holder.actors[0])
    {
        return (Some(holder), "the holder of the object");
    }
    // "complained to the Arab League over Syrian shelling": a complaint made to somebody is aimed at the doer of the
    // act it is about.
    if root == 11
        && let Some(o) = &object
        && syntax::preposition_before(s, s.actors[o.actors[0]].first) == Some("to")
        && let Some(doer) = grievance_doer(s, s.actors[*o.actors.last().expect("an argument has actors")].last + 1)
    {
        return (Some(doer), "the doer of the act complained about");
    }
    if object.is_some() {
        return (object, "object");
    }
    // "banned a march planned by teachers", "broke up rallies staged by the opposition": an entry that holds its
    // object, an act, coerces whoever does that act.
    if root == 17
        && holds_an_act(lexicon, s, g)
        && let Some(doer) = syntax::agent_after(s, from)
    {
        return (Some(doer), "the doer of the act it is done to");
    }
    if let Some(doer) = doer_of_act_object(s, from) {
        return (Some(doer), "the doer of the act it is done to");
    }
    // A place that the action reached: "suspended aid deliveries in Baghdad". Meetings and statements happen in
    // places without being aimed at them.
    if !search.places && !matches!(root, 1..=5) {
        let place = syntax::object_from(s, from, ObjectSearch { places: true, ..search });
        if place.is_some() {
            return (place, "the place the action reached");
        }
    }
    (None, "none")
}

/// "dispersed a protest by farmers", "broke up the students' sit-in", "condemned Libya's missile test": when
/// the object is itself an act (an event noun of the lexicon) with no actor of its own as object, the act's doer
/// (possessor, actor modifier or "by X") is the target.
/// After a complaint's addressee: "over", "about" or "against" and, a few words on, an act (an event noun)
/// whose owner is named ("over Syrian shelling", "about Mexico's seizure of the ship").
fn grievance_doer(s: &super::sentence::Sent, from: usize) -> Option<Arg> {
    let end = (from + 8).min(s.len());
    let k = (from..end)
        .take_while(|&k| s.toks[k].word && !s.is_any(k, &[Class::Relative, Class::Subordinator, Class::Coordinator]))
        .find(|&k| s.is_word(k, &["over", "about", "against"]))?;
    // Right after the preposition the act is a noun already ("over shelling").
    doer_of_act(s, k + 1, k + 1)
}

/// A trigger that ends in its object ("banned a march", "broke up rallies"), not in the verb or its particle
/// ("broke up", "handed over").
fn holds_an_act(lexicon: &Lexicon, s: &super::sentence::Sent, g: &VerbGroup) -> bool {
    g.last > g.head && s.toks[g.last].word && !s.is(g.last, Class::Preposition) && !lexicon.is_particle(s.w(g.last))
}

fn doer_of_act_object(s: &super::sentence::Sent, from: usize) -> Option<Arg> {
    // A word before the act ("a", "the", "Libya's") makes it a noun ("dispersed a protest").
    doer_of_act(s, from, from + 1)
}

/// The doer of an act (an event noun starting between `earliest` and four words after `from`) with only
/// determiners, numbers, adjectives and the act's own owner between `from` and the noun.
fn doer_of_act(s: &super::sentence::Sent, from: usize, earliest: usize) -> Option<Arg> {
    let noun = s
        .matches
        .iter()
        .filter(|m| matches!(m.payload, Payload::Entry(..)))
        .find(|m| m.first >= earliest && m.first <= from + 4)?;
    // Only determiners, numbers, adjectives and the act's own owner between the verb and the noun.
    let plain = (from..noun.first).all(|k| {
        s.toks[k].actor.is_some()
            || s.is_word(k, &["'s", "’s"])
            || s.toks[k].word
                && !s.is_verbish(k)
                && !s.is_any(
                    k,
                    &[
                        Class::Preposition,
                        Class::Relative,
                        Class::Coordinator,
                        Class::Subordinator,
                        Class::Conditional,
                    ],
                )
    });
    if !plain {
        return None;
    }
    nominal::owner_before(s, noun.first).or_else(|| syntax::noun_agent_after(s, noun.last + 1))
}

/// "attacked positions held by Russia", "shelled villages controlled by the rebels": the object is named by who
/// holds it; that holder is the target.
fn holder_of_object(s: &super::sentence::Sent, from: usize) -> Option<Arg> {
    let held = (from + 1..s.len().min(from + 5)).find(|&k| s.is(k, Class::HoldingParticiple) && s.w(k + 1) == "by")?;
    let plain = (from..held).all(|k| {
        s.toks[k].word
            && s.toks[k].actor.is_none()
            && !s.is_verbish(k)
            && !s.is_any(k, &[Class::Preposition, Class::Relative])
    });
    plain.then(|| syntax::agent_after(s, held + 1)).flatten()
}

/// "We will respond": a first-person subject inside a quotation stands for its speaker.
fn first_person_before(s: &super::sentence::Sent, first: usize) -> Option<Party> {
    speech::first_person_speaker(s, subject_slot(s, first)?)
}

/// The token right before a verb group, past adverbs and negation ("we *never* said"): where a pronoun subject
/// stands.
fn subject_slot(s: &super::sentence::Sent, first: usize) -> Option<usize> {
    let mut k = first;
    while k > 0 && (s.is_adverb(k - 1) || s.is(k - 1, Class::Negator)) {
        k -= 1;
    }
    k.checked_sub(1)
}

fn how(a: &Option<Arg>) -> &'static str {
    a.as_ref().map_or("none", |a| a.how)
}

/// The event code: the entry's, refined by what a complement verb governs, or figurative; `None` when the
/// entry names no event in figurative use.
fn code_of(ctx: &Ctx, entry: &Entry, governed: Option<frames::Governed>, sides: &Sides) -> Option<(String, String)> {
    if let Some(gv) = governed {
        let mut governed_code = ctx.coder.lexicon.entries[gv.entry].code.as_str();
        // "agreed to reduce tariffs": the act governed is the easing of what the noun names (085), not the
        // tariffs themselves (163).
        if let Some(eased) = stopped_by_verb_before(ctx, gv.first)
            .then(|| ctx.coder.complements.refine(Frame::Cessation, governed_code))
            .flatten()
        {
            governed_code = eased;
        }
        if let Some(code) = ctx.coder.complements.refine(entry.frame, governed_code) {
            return Some((
                code.to_string(),
                format!("; governs {:?}", ctx.s.between(gv.first, gv.last)),
            ));
        }
        return Some((entry.code.clone(), String::new()));
    }
    let (code, figurative) = figurative::code_for(entry, &sides.sources, &sides.targets)?;
    let code = figurative::by_irregulars(&ctx.coder.complements, code, &sides.sources);
    let how = if figurative { "; figurative" } else { "" };
    Some((code.to_string(), how.to_string()))
}

/// A verb of stopping right before the governed noun at `first`, past its determiners and modifiers ("to lift
/// the new sanctions", "to cut its import duties").
fn stopped_by_verb_before(ctx: &Ctx, first: usize) -> bool {
    let s = ctx.s;
    (first.saturating_sub(4)..first)
        .rev()
        .take_while(|&k| !s.is_punct(k, &[",", ";", ":"]))
        .any(|k| {
            nominal::cessation_verb_ending_at(s, k).is_some()
                && (k + 1..first).all(|j| s.toks[j].actor.is_none() && !s.verb_at[j])
        })
}

/// A condition word ("unless", "if") after the trigger ending at byte `end`, in the same clause.
fn condition_after(s: &Sent, end: usize) -> bool {
    let from = s.toks.partition_point(|t| t.start < end);
    (from..s.len())
        .take_while(|&k| !s.is_punct(k, &[";", ":", "—", "–", "(", ")", "“", "”", "\""]))
        .any(|k| s.is(k, Class::ConditionWord))
}

/// The threat a conditional act makes: coded by the act threatened (`complements.toml`, [threat]), 130 when the
/// table has no finer code.
fn conditional(ctx: &Ctx, c: &Candidate) -> Candidate {
    let mut a = c.clone();
    a.code = ctx
        .coder
        .complements
        .refine(Frame::Threat, &c.code)
        .unwrap_or("130")
        .to_string();
    a.reciprocal = false;
    a.factual = true;
    a.pattern = format!("{}; announced on a condition: threat", c.pattern);
    a
}

/// Applies the mood: factual as is; a future becomes an intention or a threat of its source (and the action
/// itself, not factual); anything else is not factual.
pub fn with_mood(ctx: &Ctx, mut c: Candidate, mood: Mood) -> Vec<Candidate> {
    let root: u8 = c.code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    // "will withdraw its troops unless X ...", "may cut aid if X ...": a hostile act or a withdrawal made to depend
    // on what another does is a threat ("will meet if invited", "will resume aid unless" stay intentions). Only
    // read for acts not yet done (most candidates are factual).
    let conditional_threat =
        |c: &Candidate| !c.negated && !matches!(root, 1..=7 | 9..=13) && condition_after(ctx.s, c.trigger.1);
    match mood {
        Mood::Factual => vec![c],
        Mood::Irrealis("modal") if conditional_threat(&c) => {
            let threat = conditional(ctx, &c);
            c.factual = false;
            c.pattern = format!("{}; not factual: modal", c.pattern);
            vec![threat, c]
        }
        Mood::Irrealis(why) => {
            c.factual = false;
            c.pattern = format!("{}; not factual: {why}", c.pattern);
            vec![c]
        }
        Mood::Future if conditional_threat(&c) => {
            let threat = conditional(ctx, &c);
            c.factual = false;
            c.pattern = format!("{}; not factual: future", c.pattern);
            vec![threat, c]
        }
        // "said it would be ready to host talks", "will offer aid": an intention stated now, whatever its tense.
        Mood::Future if root == 3 && !c.negated => {
            c.pattern = format!("{}; announced: intention", c.pattern);
            vec![c]
        }
        Mood::Future => {
            let mut out = Vec::new();
            // "will meet" is an intention to meet, "will impose sanctions" a threat, "will not meet" a refusal.
            let frame = match (root, c.negated) {
                (4..=8, true) => Frame::Refuse,
                (_, true) => Frame::Negate,
                (0..=8, false) => Frame::Intent,
                _ => Frame::Threat,
            };
            let announced = if frame == Frame::Negate || matches!(root, 1..=3 | 9..=13) {
                None
            } else {
                ctx.coder.complements.refine(frame, &c.code)
            };
            if let Some(code) = announced {
                let mut a = c.clone();
                a.code = code.to_string();
                a.reciprocal = false;
                a.negated = false;
                let what = match frame {
                    Frame::Intent => "intention",
                    Frame::Refuse => "refusal",
                    _ => "threat",
                };
                a.pattern = format!("{}; announced: {what}", c.pattern);
                out.push(a);
            }
            c.factual = false;
            c.pattern = format!("{}; not factual: future", c.pattern);
            out.push(c);
            out
        }
    }
}

/// Why an action governed by a complement verb is not factual.
pub fn frame_why(frame: Frame) -> &'static str {
    match frame {
        Frame::Intent => "only intended",
        Frame::Threat => "only threatened",
        Frame::Refuse | Frame::Negate => "refused or not done",
        Frame::Appeal => "only asked for",
        Frame::Demand => "only demanded",
        Frame::Accuse => "only alleged",
        Frame::Object | Frame::Speaker | Frame::Cessation | Frame::Irregular => "governed",
    }
}
