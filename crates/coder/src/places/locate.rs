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
//! Otherwise the event has no location.

use super::PlaceMention;
use super::cues::Cues;
use super::gazetteer::Feature;
use super::matcher::PlaceRole;
use detente_records::{Event, LocationVia, Sentence};

/// How far after the trigger (bytes) a clause place may be.
const AFTER_WINDOW: usize = 160;
/// How many sentences away a meeting's venue may be named.
const VENUE_SENTENCES: usize = 3;

/// The byte range of the clause around `[start, end)` inside the sentence: between semicolons and dashes.
fn clause(text: &str, s: &Sentence, start: usize, end: usize) -> (usize, usize) {
    let body = &text[s.start..s.end];
    let is_break = |i: usize, c: char| {
        matches!(c, ';' | '—' | '–') || (c == '-' && body[..i].ends_with(' ') && body[i + 1..].starts_with(' '))
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
    (lo, hi)
}

fn word_in(text: &str, lo: usize, hi: usize, set: &rustc_hash::FxHashSet<String>) -> bool {
    text[lo..hi]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| Cues::is(set, w))
}

/// Sets each event's `location`.
pub fn locate(cues: &Cues, text: &str, sentences: &[Sentence], places: &[PlaceMention], events: &mut [Event]) {
    let dateline = places.iter().find(|p| p.role == PlaceRole::Dateline);
    for e in events.iter_mut() {
        let Some(s) = sentences.get(e.sentence) else { continue };
        let (t0, t1) = (e.trigger.start, e.trigger.end);
        let (lo, hi) = clause(text, s, t0, t1);
        let pick = clause_place(cues, e, places, lo, hi)
            .map(|p| (p, LocationVia::Clause))
            .or_else(|| target_place(cues, e, places, lo, hi).map(|p| (p, LocationVia::Target)))
            .or_else(|| venue(cues, text, sentences, e, places).map(|p| (p, LocationVia::Venue)))
            .or_else(|| {
                let d = dateline?;
                let from_there = e.source.country.is_some() && e.source.country == d.country;
                (from_there && cues.dateline_roots.iter().any(|r| *r == e.root)).then_some((d, LocationVia::Dateline))
            });
        e.location = pick.map(|(p, via)| p.location(via));
    }
}

fn clause_place<'p>(cues: &Cues, e: &Event, places: &'p [PlaceMention], lo: usize, hi: usize) -> Option<&'p PlaceMention> {
    let from_ok = cues.from_roots.iter().any(|r| *r == e.root);
    let usable = |p: &&PlaceMention| {
        p.sentence == e.sentence
            && p.start >= lo
            && p.end <= hi
            && p.role == PlaceRole::Locative
            && !p.qualifies
            && !(p.near && p.feature == Feature::Country && !p.border)
            && (p.preposition.as_deref() != Some("from") || from_ok)
            && !(p.start < e.trigger.end && e.trigger.start < p.end)
    };
    let after = places
        .iter()
        .filter(usable)
        .filter(|p| p.start >= e.trigger.end && p.start - e.trigger.end <= AFTER_WINDOW)
        .min_by_key(|p| p.start);
    let before = || places.iter().filter(usable).filter(|p| p.end <= e.trigger.start).max_by_key(|p| p.end);
    let chosen = after.or_else(before)?;
    if chosen.feature.is_point() || chosen.border {
        return Some(chosen);
    }
    // A town inside the chosen country or region, named in the same clause, is more specific.
    let inner = places
        .iter()
        .filter(usable)
        .filter(|p| p.feature.is_point() && p.country == chosen.country && !p.near)
        .min_by_key(|p| p.start.abs_diff(chosen.start));
    Some(inner.unwrap_or(chosen))
}

fn target_place<'p>(cues: &Cues, e: &Event, places: &'p [PlaceMention], lo: usize, hi: usize) -> Option<&'p PlaceMention> {
    if !cues.target_roots.iter().any(|r| *r == e.root) {
        return None;
    }
    let target_country = e.target.as_ref()?.country.as_deref()?;
    let usable = |p: &&PlaceMention| {
        p.sentence == e.sentence
            && p.start >= lo
            && p.end <= hi
            && p.role != PlaceRole::Actor
            && !p.qualifies
            && p.country.as_deref() == Some(target_country)
    };
    let after = places
        .iter()
        .filter(usable)
        .filter(|p| p.start >= e.trigger.end && p.start - e.trigger.end <= AFTER_WINDOW)
        .min_by_key(|p| p.start);
    after.or_else(|| places.iter().filter(usable).filter(|p| p.end <= e.trigger.start).max_by_key(|p| p.end))
}

fn venue<'p>(
    cues: &Cues,
    text: &str,
    sentences: &[Sentence],
    e: &Event,
    places: &'p [PlaceMention],
) -> Option<&'p PlaceMention> {
    if !cues.venue_codes.iter().any(|c| e.code.starts_with(c.as_str())) {
        return None;
    }
    places
        .iter()
        .filter(|p| {
            p.role == PlaceRole::Locative
                && p.feature.is_point()
                && !p.near
                && !p.qualifies
                && p.sentence.abs_diff(e.sentence) <= VENUE_SENTENCES
        })
        .min_by_key(|p| {
            let s = &sentences[p.sentence];
            let about_meeting = word_in(text, s.start, s.end, &cues.meeting_words);
            (!about_meeting, p.sentence.abs_diff(e.sentence), p.sentence > e.sentence, p.start)
        })
}
