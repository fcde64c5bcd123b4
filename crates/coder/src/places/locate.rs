//! Event location: a pass after the events stage that gives each event the most specific place the text gives
//! for it, from the event's sentence index, trigger span, actors and code only (not the engine's internals).
//!
//! In order, the first rule that finds a place wins:
//! 1. **clause**: a locative place in the event's clause, the nearest after the trigger, else the nearest
//!    before it ("met in Geneva", "In Kyiv, officials said"); a country or region gives way to a town inside
//!    it named in the same clause; "near" a country is no place (drills near Ukraine happen outside it), near
//!    a town is that town; "the border with X" is X's border area.
//! 2. **target**: for attacks (CAMEO 18–20), a place in the clause that lies in the target's country
//!    ("shelled Kharkiv", "the invasion of Ukraine").
//! 3. **venue**: for meetings, a town or site named with a locative in a nearby sentence, preferring one that
//!    speaks of the meeting ("talks in Vienna").
//! 4. **dateline**: for statements and decisions whose source belongs to the dateline's country.
//!
//! Then an event with no place takes that of an event before it in its sentence by the same source ("met in
//! Berlin and said ..."), or, for a named person, of the person's latest visit a few sentences back.
//!
//! Otherwise the event has no location.

use super::PlaceMention;
use super::cues::Cues;
use super::gazetteer::Feature;
use super::matcher::PlaceRole;
use super::recall;
use super::seats::{Seat, SeatUse, Seats};
use detente_records::{Event, LocationVia, Sentence};

/// How far after the trigger (bytes) a clause place may be.
const AFTER_WINDOW: usize = 160;
/// How many words may stand between the trigger of something said and a place after it.
const VERBAL_WINDOW: usize = 10;
/// How many words before the trigger a place may be ("officials in Berlin said"), unless it opens the clause.
const BEFORE_WORDS: usize = 12;
/// How many sentences away a meeting's venue may be named.
pub const VENUE_SENTENCES: usize = 3;

/// The byte range of the clause around `[start, end)` inside the sentence: between semicolons, dashes and
/// quotation marks, at a comma before a clause opener (", as ..."), and before a trailing attribution
/// (", officials in Seoul said.").
fn clause(cues: &Cues, text: &str, s: &Sentence, start: usize, end: usize) -> (usize, usize) {
    let body = &text[s.start..s.end];
    let opens_clause = |i: usize| {
        let next = body[i + 1..].split_whitespace().next().unwrap_or("");
        Cues::is(&cues.clause_openers, next.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    // " as Mr. Trump held ...": a clause opener right before a capitalised subject, even without a comma;
    // " as the government weighs ...": a subordinator before a determiner, unless the word before makes it a
    // preposition ("such as the", "known as the").
    let opens_with_subject = |i: usize| {
        let mut w = body[i + 1..].split_whitespace();
        let (Some(opener), Some(subject)) = (w.next(), w.next()) else {
            return false;
        };
        if !Cues::is(&cues.clause_openers, opener) {
            return false;
        }
        if subject.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
        let previous = body[..i].split_whitespace().next_back().unwrap_or("");
        Cues::is(&cues.subordinators, opener)
            && matches!(subject, "the" | "a" | "an")
            && !Cues::is(&cues.not_subordinating_after, previous)
    };
    // ", and Bahrain issued ...": a coordinated clause with a subject of its own.
    let coordinated_subject = |i: usize| {
        let mut w = body[i + 1..].split_whitespace();
        let (Some(conj), Some(subject)) = (w.next(), w.next()) else {
            return false;
        };
        matches!(conj, "and" | "but" | "or" | "yet")
            && (subject.chars().next().is_some_and(char::is_uppercase) || matches!(subject, "the" | "a" | "an"))
    };
    let is_break = |i: usize, c: char| {
        // Quotation marks too: what is quoted and its attribution are separate clauses.
        matches!(c, ';' | '—' | '–' | '“' | '”' | '"')
            || (c == '-' && body[..i].ends_with(' ') && body[i + 1..].starts_with(' '))
            || (c == ',' && (opens_clause(i) || coordinated_subject(i)))
            || (c == ' ' && opens_with_subject(i))
    };
    let mut lo = s.start;
    let mut hi = s.end;
    for (i, c) in body.char_indices() {
        let at = s.start + i;
        if is_break(i, c) {
            if at < start {
                lo = at + c.len_utf8();
            } else if at >= end && at < hi {
                hi = at;
                break;
            }
        }
    }
    // A trailing attribution after the trigger: from its comma to a speech verb near the clause's end.
    if let Some(comma) = text[end..hi].rfind(',').map(|i| end + i) {
        let tail: Vec<&str> = text[comma + 1..hi].split_whitespace().collect();
        let speech = tail
            .iter()
            .take(8)
            .any(|w| Cues::is(&cues.attribution, w.trim_matches(|c: char| !c.is_alphanumeric())));
        if speech && tail.len() <= 8 {
            hi = comma;
        }
    }
    (lo, hi)
}

/// Words between two byte offsets (in either order).
fn words_between(text: &str, a: usize, b: usize) -> usize {
    text.get(a.min(b)..a.max(b)).map_or(0, |s| s.split_whitespace().count())
}

/// Another event's trigger, an infinitive ("to build") or an event noun in -ing ("the shelling") stands
/// between the trigger and the place: the place belongs to that verb or noun ("condemned Israel for
/// attempting to build settlements in the West Bank", "protested the shelling of a school in Kharkiv").
fn another_verb_between(cues: &Cues, text: &str, others: &[(usize, usize)], a: usize, b: usize) -> bool {
    if others.iter().any(|&(s, e)| s >= a && e <= b) {
        return true;
    }
    let words: Vec<&str> = text[a..b].split_whitespace().collect();
    // The -ing word heads its phrase ("the shelling of a school"), not a modifier ("a fishing agreement").
    let heads_phrase =
        |next: Option<&&str>| next.is_none_or(|n| Cues::is(&cues.locative, n) || matches!(*n, "of" | "by" | "against"));
    let event_noun = words.windows(2).enumerate().any(|(i, w)| {
        let noun = w[1].trim_matches(|c: char| !c.is_alphanumeric());
        matches!(
            w[0],
            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "that"
        ) && noun.len() > 5
            && noun.ends_with("ing")
            && noun.chars().all(|c| c.is_ascii_lowercase())
            && !Cues::is(&cues.ing_things, noun)
            && heads_phrase(words.get(i + 2))
    });
    if event_noun {
        return true;
    }
    words.windows(2).any(|w| {
        w[0] == "to"
            && w[1].chars().next().is_some_and(char::is_lowercase)
            && !matches!(
                w[1],
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "some"
                    | "all"
                    | "any"
                    | "our"
                    | "my"
                    | "your"
                    | "both"
                    | "each"
                    | "other"
                    | "another"
            )
    })
}

/// A complementiser ("that", "whether") between a speech trigger and a place: the place is in what was said.
fn reported_between(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|s| {
        s.split_whitespace().any(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "that" | "whether" | "if"
            )
        })
    })
}

/// The sentence's opening scene-setting phrase, up to its first comma ("During protests in Kashmir,").
fn scene(cues: &Cues, text: &str, s: &Sentence) -> Option<(usize, usize)> {
    let body = &text[s.start..s.end];
    let first = body.split_whitespace().next()?;
    if !Cues::is(&cues.scene_openers, first) {
        return None;
    }
    let comma = body.find(',')?;
    Some((s.start, s.start + comma))
}

/// How far before a place name (bytes) its preposition is looked for (it stands at most a few filler words
/// before the name: "in the southern port city of").
const PREPOSITION_REACH: usize = 160;

/// The place's preposition follows a participle that is not the trigger ("a tanker detained in Gibraltar"):
/// the place describes that noun, not the event.
fn after_participle(cues: &Cues, text: &str, e: &Event, p: &PlaceMention) -> bool {
    let Some(prep) = p.preposition.as_deref() else {
        return false;
    };
    // The preposition is a few words before the name: look in a short stretch, not the whole text before it
    // (which made this quadratic in the article's length).
    let mut from = p.start.saturating_sub(PREPOSITION_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text[from..p.start].trim_end();
    // ASCII lower case keeps byte offsets.
    let Some(at) = before.to_ascii_lowercase().rfind(prep).map(|i| from + i) else {
        return false;
    };
    let words: Vec<&str> = text[..at].split_whitespace().rev().take(2).collect();
    let Some(&word) = words.first() else { return false };
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let start_of_word = at.saturating_sub(word.len() + 1);
    let is_trigger = start_of_word < e.trigger.end && e.trigger.start < at;
    let coordinated = words
        .get(1)
        .is_some_and(|w| matches!(*w, "and" | "or") || w.ends_with(','));
    let participle = (word.len() > 4 && word.ends_with("ed"))
        || (word.len() > 5 && word.ends_with("ing") && !Cues::is(&cues.ing_things, word))
        || Cues::is(&cues.participles, word);
    participle && !is_trigger && !coordinated && p.start > e.trigger.end
}

fn word_in(text: &str, lo: usize, hi: usize, set: &rustc_hash::FxHashSet<String>) -> bool {
    text[lo..hi]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| Cues::is(set, w))
}

/// Sets each event's `location`.
pub fn locate(
    cues: &Cues,
    seats: &Seats,
    text: &str,
    sentences: &[Sentence],
    places: &[PlaceMention],
    events: &mut [Event],
) {
    let dateline = places.iter().find(|p| p.role == PlaceRole::Dateline);
    let triggers: Vec<(usize, usize, usize)> = events
        .iter()
        .map(|e| (e.sentence, e.trigger.start, e.trigger.end))
        .collect();
    // Events come in sentence order and places in text order: each event looks at its own sentence's share of
    // both (found by binary search), so a long article costs linear time, not events × places.
    let by_sentence = places.is_sorted_by_key(|p| p.sentence) && triggers.is_sorted_by_key(|t| t.0);
    for e in events.iter_mut() {
        let (others, own_places) = if by_sentence {
            let t0 = triggers.partition_point(|t| t.0 < e.sentence);
            let t1 = triggers.partition_point(|t| t.0 <= e.sentence);
            let p0 = places.partition_point(|p| p.sentence < e.sentence);
            let p1 = places.partition_point(|p| p.sentence <= e.sentence);
            (&triggers[t0..t1], &places[p0..p1])
        } else {
            (&triggers[..], places)
        };
        let near_places = if by_sentence {
            let first = e.sentence.saturating_sub(VENUE_SENTENCES);
            let p0 = places.partition_point(|p| p.sentence < first);
            let p1 = places.partition_point(|p| p.sentence <= e.sentence + VENUE_SENTENCES);
            &places[p0..p1]
        } else {
            places
        };
        let others: Vec<(usize, usize)> = others
            .iter()
            .filter(|t| t.0 == e.sentence && (t.1, t.2) != (e.trigger.start, e.trigger.end))
            .map(|t| (t.1, t.2))
            .collect();
        let Some(s) = sentences.get(e.sentence) else { continue };
        let (t0, t1) = (e.trigger.start, e.trigger.end);
        // A trigger outside its sentence would be an events-stage bug: leave such an event unplaced.
        if !(s.start <= t0 && t0 <= t1 && t1 <= s.end && text.is_char_boundary(t0) && text.is_char_boundary(t1)) {
            continue;
        }
        let (lo, hi) = clause(cues, text, s, t0, t1);
        let far = || far_places(places, by_sentence, e.sentence);
        let pick = clause_place(cues, text, e, &others, own_places, lo, hi)
            .or_else(|| {
                let (a, b) = scene(cues, text, s)?;
                (b <= lo)
                    .then(|| clause_place(cues, text, e, &others, own_places, a, b))
                    .flatten()
            })
            .map(|p| p.location(LocationVia::Clause))
            .or_else(|| {
                let p = target_place(cues, text, e, own_places, lo, hi)
                    .or_else(|| recall::site_taken_up(cues, text, e, far(), lo, hi))?;
                Some(p.location(LocationVia::Target))
            })
            .or_else(|| {
                let p = venue(cues, text, sentences, e, near_places)
                    .or_else(|| recall::occasion(cues, text, sentences, e, near_places, lo, hi))
                    .or_else(|| recall::venue_of_participants(cues, text, sentences, e, far()))
                    .or_else(|| recall::noun_taken_up(cues, text, sentences, e, far()))?;
                Some(p.location(LocationVia::Venue))
            })
            .or_else(|| seat_named(cues, seats, text, e, &others, lo, hi).map(Seat::location))
            .or_else(|| seat(cues, seats, e).map(Seat::location))
            .or_else(|| {
                let d = dateline?;
                let from_there = e.source.country.is_some() && e.source.country == d.country;
                (from_there && cues.dateline_roots.contains(&e.root)).then(|| d.location(LocationVia::Dateline))
            });
        e.location = pick;
    }
    continue_story(events);
    visitor_stays(events);
    recall::speaker_stays(cues, text, sentences, places, events);
}

/// The places of the sentences within [`recall::FAR_SENTENCES`] of sentence `si` (all of them unless
/// `sorted` by sentence).
fn far_places(places: &[PlaceMention], sorted: bool, si: usize) -> &[PlaceMention] {
    if !sorted {
        return places;
    }
    let first = si.saturating_sub(recall::FAR_SENTENCES);
    let p0 = places.partition_point(|p| p.sentence < first);
    let p1 = places.partition_point(|p| p.sentence <= si + recall::FAR_SENTENCES);
    &places[p0..p1]
}

/// A body's seat named in the clause after a preposition of place ("testified before the Senate", "a vote
/// at the Knesset").
fn seat_named<'s>(
    cues: &Cues,
    seats: &'s Seats,
    text: &str,
    e: &Event,
    others: &[(usize, usize)],
    lo: usize,
    hi: usize,
) -> Option<&'s Seat> {
    let words: Vec<(usize, &str)> = recall::words(text, lo, hi).collect();
    let owners: Vec<&str> = [Some(&e.source), e.target.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|a| a.country.as_deref().or(a.org.as_deref()))
        .collect();
    // As for a place: not past another verb ("pondering whether to make a run at the White House").
    let allowed = |at: usize| at < e.trigger.end || !another_verb_between(cues, text, others, e.trigger.end, at);
    seats.named_in(text, &words, &cues.seat_prepositions, &owners, allowed)
}

/// The seat of the body that acts (a statement or decision: "the Knesset voted"; not an office that only
/// hosts, whose name stands for its government: "the Kremlin said") or that is visited, met or addressed
/// ("spoke to Congress", "visited the Kremlin").
fn seat<'s>(cues: &Cues, seats: &'s Seats, e: &Event) -> Option<&'s Seat> {
    let by_source = cues.seat_roots.contains(&e.root);
    let to_target = cues.seat_target_codes.iter().any(|c| e.code.starts_with(c.as_str()));
    by_source
        .then(|| seats.of(&e.source).filter(|s| s.used == SeatUse::Sits))
        .flatten()
        .or_else(|| {
            to_target
                .then(|| seats.of(e.target.as_ref()?).filter(|s| s.used != SeatUse::Named))
                .flatten()
        })
}

/// How many sentences after a visit begins its visitor's acts are placed there.
const STAY_SENTENCES: usize = 8;

/// A named person's acts after their visit to a place, with no place of their own, happen there: "Biden arrived
/// in Kyiv on Monday ... Mr. Biden met the prime minister" (the latest visit of that person within a few
/// sentences; only a person, whose presence is one place at a time, not a state or a body).
fn visitor_stays(events: &mut [Event]) {
    for i in 0..events.len() {
        let e = &events[i];
        let Some(name) = e.source.name.as_deref() else { continue };
        // (A journey of its own goes elsewhere.)
        if e.location.is_some() || e.code == "042" {
            continue;
        }
        // The latest visit, up to the end of the event's own sentence ("criticized X as he arrived in Y").
        let end = events.partition_point(|o| o.sentence <= e.sentence);
        let stay = events[..end]
            .iter()
            .rev()
            .take_while(|o| o.sentence + STAY_SENTENCES >= e.sentence)
            .find(|o| o.source.name.as_deref() == Some(name) && o.code == "042" && o.factual && !o.negated)
            .and_then(|o| o.location.clone().filter(|l| matches!(l.via, LocationVia::Clause)));
        if let Some(mut l) = stay {
            l.via = LocationVia::Context;
            events[i].location = Some(l);
        }
    }
}

/// An event with no place of its own, by the same source as an event before it in the same sentence that has
/// one, happened there too: "Envoys gathered in Oslo on Tuesday and announced in a joint note that ...",
/// "she addressed the Storting and urged ...".
fn continue_story(events: &mut [Event]) {
    for i in 0..events.len() {
        if events[i].location.is_some() {
            continue;
        }
        let e = &events[i];
        // The same actor: the same country or organisation, and the same name when either is named (Biden's
        // arrival does not place what "the administration" weighs).
        let same_source = |o: &Event| {
            o.source.name == e.source.name
                && ((e.source.country.is_some() && o.source.country == e.source.country)
                    || (e.source.org.is_some() && o.source.org == e.source.org))
        };
        let found = events[..i]
            .iter()
            .rev()
            .take_while(|o| o.sentence == e.sentence)
            .find(|o| {
                same_source(o)
                    && o.location
                        .as_ref()
                        .is_some_and(|l| matches!(l.via, LocationVia::Clause | LocationVia::Venue | LocationVia::Seat))
            })
            .and_then(|o| o.location.clone());
        if let Some(mut l) = found {
            l.via = LocationVia::Context;
            events[i].location = Some(l);
        }
    }
}

fn clause_place<'p>(
    cues: &Cues,
    text: &str,
    e: &Event,
    others: &[(usize, usize)],
    places: &'p [PlaceMention],
    lo: usize,
    hi: usize,
) -> Option<&'p PlaceMention> {
    let from_ok = cues.from_roots.contains(&e.root);
    let usable = |p: &&PlaceMention| {
        p.sentence == e.sentence
            && p.start >= lo
            && p.end <= hi
            && p.role == PlaceRole::Locative
            && !p.qualifies
            && !(p.near && p.feature == Feature::Country && !p.border)
            && (p.preposition.as_deref() != Some("from") || from_ok)
            && !(p.start < e.trigger.end && e.trigger.start < p.end)
            && !after_participle(cues, text, e, p)
            && (p.preposition.as_deref() != Some("from") || words_between(text, e.trigger.end, p.start) <= 4)
            && !(p.start >= e.trigger.end && another_verb_between(cues, text, others, e.trigger.end, p.start))
    };
    let verbal = cues.verbal_roots.contains(&e.root);
    let pool: Vec<&PlaceMention> = places.iter().filter(usable).collect();
    let after = pool
        .iter()
        .copied()
        .filter(|p| p.start >= e.trigger.end && p.start - e.trigger.end <= AFTER_WINDOW)
        .filter(|p| !verbal || words_between(text, e.trigger.end, p.start) <= VERBAL_WINDOW)
        // "warned that Bolivia must stop ... near Arica": a place in what was said is not where it was said.
        .filter(|p| !verbal || !reported_between(text, e.trigger.end, p.start))
        .min_by_key(|p| p.start);
    // Before the trigger: close to it ("officials in Berlin said"), or opening the clause ("In Gaza, ...").
    let opens_clause = |p: &PlaceMention| words_between(text, lo, p.start) <= 3;
    // "played golf in Fife ahead of a summit": a trigger that another time introduces does not take the
    // place of the words before it (unless the clause opens with that place).
    let other_time = after_other_time(cues, text, lo, e.trigger.start);
    let before = || {
        pool.iter()
            .copied()
            .filter(|p| p.end <= e.trigger.start)
            .filter(|p| {
                if other_time {
                    // Only a scene set first ("In Quito, before the talks, ...").
                    words_between(text, lo, p.start) <= 1
                } else {
                    words_between(text, p.end, e.trigger.start) <= BEFORE_WORDS || opens_clause(p)
                }
            })
            .max_by_key(|p| p.end)
    };
    let chosen = after.or_else(before)?;
    Some(most_specific(chosen, &pool))
}

/// How far (degrees of latitude and longitude) a site may lie from a town and still be in it.
const SITE_IN_TOWN_DEGREES: f64 = 0.3;

/// The most specific place of `pool` inside `chosen`: a town inside a chosen country or region, a site
/// inside a chosen town ("to Ottawa ... at Rideau Hall"), else `chosen`.
pub(super) fn most_specific<'p>(chosen: &'p PlaceMention, pool: &[&'p PlaceMention]) -> &'p PlaceMention {
    if chosen.border || chosen.feature == Feature::Site {
        return chosen;
    }
    let candidates = pool
        .iter()
        .copied()
        .filter(|p| p.country == chosen.country && !p.near && !std::ptr::eq(*p, chosen));
    let inner = if chosen.feature.is_point() {
        let (Some(lat), Some(lon)) = (chosen.lat, chosen.lon) else {
            return chosen;
        };
        candidates
            .filter(|p| p.feature == Feature::Site)
            .filter(|p| {
                p.lat.zip(p.lon).is_some_and(|(a, o)| {
                    (a - lat).abs() <= SITE_IN_TOWN_DEGREES && (o - lon).abs() <= SITE_IN_TOWN_DEGREES
                })
            })
            .min_by_key(|p| p.start.abs_diff(chosen.start))
    } else {
        candidates
            .filter(|p| p.feature.is_point())
            .min_by_key(|p| p.start.abs_diff(chosen.start))
    };
    inner.unwrap_or(chosen)
}

/// The trigger is a noun after a preposition of another time ("ahead of a summit", "after the talks"),
/// with at most a determiner and one other word between.
fn after_other_time(cues: &Cues, text: &str, lo: usize, trigger_start: usize) -> bool {
    let mut others = 0;
    for w in text[lo..trigger_start].split_whitespace().rev().take(5) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if Cues::is(&cues.other_time_openers, w) {
            return true;
        }
        let skip = [
            "a", "an", "the", "his", "her", "their", "its", "this", "that", "of", "to",
        ]
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d));
        if !skip {
            others += 1;
            if others > 1 {
                return false;
            }
        }
    }
    false
}

fn target_place<'p>(
    cues: &Cues,
    text: &str,
    e: &Event,
    places: &'p [PlaceMention],
    lo: usize,
    hi: usize,
) -> Option<&'p PlaceMention> {
    if !cues.target_roots.contains(&e.root) {
        return None;
    }
    // The trigger's object ("to attack Syria will ...") is the place attacked, whatever follows it.
    let object = |p: &PlaceMention| p.start >= e.trigger.end && text[e.trigger.end..p.start].trim().is_empty();
    let Some(target_country) = e.target.as_ref().and_then(|t| t.country.as_deref()) else {
        // Force used on a place that is no actor ("shelled Tyre"): the place named as the object is the one
        // struck, and its country is whom the act hit (`events::visits`).
        return places
            .iter()
            .find(|p| p.sentence == e.sentence && object(p) && !p.qualifies && !p.border);
    };
    let usable = |p: &&PlaceMention| {
        p.sentence == e.sentence
            && p.start >= lo
            && p.end <= hi
            && (p.role != PlaceRole::Actor || object(p))
            && !p.qualifies
            && !p.border
            && p.country.as_deref() == Some(target_country)
            && !after_participle(cues, text, e, p)
    };
    let after = places
        .iter()
        .filter(usable)
        .filter(|p| p.start >= e.trigger.end && p.start - e.trigger.end <= AFTER_WINDOW)
        .min_by_key(|p| p.start);
    after.or_else(|| {
        places
            .iter()
            .filter(usable)
            .filter(|p| p.end <= e.trigger.start)
            .max_by_key(|p| p.end)
    })
}

/// A meeting: a meeting code, or a code that is one when its trigger is a meeting word ("the meeting").
pub(super) fn is_meeting(cues: &Cues, e: &Event) -> bool {
    cues.venue_codes.iter().any(|c| e.code.starts_with(c.as_str()))
        || (cues
            .venue_codes_by_trigger
            .iter()
            .any(|c| e.code.starts_with(c.as_str()))
            && e.trigger
                .text
                .split_whitespace()
                .any(|w| Cues::is(&cues.meeting_words, w)))
}

fn venue<'p>(
    cues: &Cues,
    text: &str,
    sentences: &[Sentence],
    e: &Event,
    places: &'p [PlaceMention],
) -> Option<&'p PlaceMention> {
    if !is_meeting(cues, e) {
        return None;
    }
    // "toured a plant in Lyon ahead of talks": the place before a meeting of another time is not its venue.
    let sentence_start = sentences.get(e.sentence).map_or(0, |s| s.start);
    let other_time = after_other_time(cues, text, sentence_start, e.trigger.start);
    places
        .iter()
        .filter(|p| {
            p.role == PlaceRole::Locative
                && p.feature.is_point()
                && !p.near
                && !p.qualifies
                && p.sentence.abs_diff(e.sentence) <= VENUE_SENTENCES
                && !(other_time && p.sentence == e.sentence && p.end <= e.trigger.start)
        })
        .min_by_key(|p| {
            let s = &sentences[p.sentence];
            let about_meeting = word_in(text, s.start, s.end, &cues.meeting_words);
            (
                !about_meeting,
                p.sentence.abs_diff(e.sentence),
                p.sentence > e.sentence,
                p.start,
            )
        })
}
