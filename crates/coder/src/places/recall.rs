//! Places the article gives for an event in other words or other sentences: the gathering a clause names as
//! its occasion ("criticized the host after the summit" ... "the summit in Quebec"), a meeting's venue named
//! further on with the other participant ("flies to Oslo for talks with Store"), a noun the article takes
//! up again ("issued a warrant" ... "the warrant, filed in Boston"), and a site an attack refers back to
//! ("the Al-Noor mosque ..." ... "stormed the crowded mosque").
//!
//! Each rule looks only for what the text says: the same noun or name taken up, with a locative place next
//! to it. None guesses from where the actors come from.

use super::PlaceMention;
use super::cues::Cues;
use super::gazetteer::Feature;
use super::locate::{is_meeting, most_specific};
use super::matcher::PlaceRole;
use detente_records::{Event, LocationVia, Sentence};

/// How many sentences away these rules look.
pub const FAR_SENTENCES: usize = 12;
/// How many words may stand between a taken-up noun and its place ("the warrant unsealed in a court in
/// Boston").
const NOUN_TO_PLACE_WORDS: usize = 8;
/// How many words may stand between a gathering and its place ("the summit, held in Accra").
const OCCASION_TO_PLACE_WORDS: usize = 4;
/// How many words after the trigger a site's noun may come ("stormed the crowded mosque").
const TRIGGER_TO_SITE_WORDS: usize = 6;

/// Words of `text[lo..hi]` with their byte offsets: runs of letters, digits, hyphens and apostrophes.
pub(super) fn words(text: &str, lo: usize, hi: usize) -> impl Iterator<Item = (usize, &str)> {
    let part = &text[lo..hi];
    let mut start: Option<usize> = None;
    let mut out = Vec::new();
    for (i, c) in part.char_indices().chain(std::iter::once((part.len(), ' '))) {
        let in_word = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = part[s..i].trim_end_matches(['\'', '’', '-']);
                if !w.is_empty() {
                    out.push((lo + s, w));
                }
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

/// The trigger's head noun (its last word, lower case), when it is one of `set`.
fn trigger_noun(set: &rustc_hash::FxHashSet<String>, e: &Event) -> Option<String> {
    let last = e.trigger.text.split_whitespace().last()?.to_lowercase();
    set.contains(&last).then_some(last)
}

/// A place that may locate something: a locative mention that is no qualifier, no "near" a country and
/// no origin.
fn usable(p: &PlaceMention) -> bool {
    p.role == PlaceRole::Locative
        && !p.qualifies
        && !(p.near && p.feature == Feature::Country && !p.border)
        && p.preposition.as_deref() != Some("from")
}

/// The first usable place of sentence `si` that starts after `from` within `max_words` words, made as
/// specific as that sentence allows.
fn place_after<'p>(
    text: &str,
    places: &'p [PlaceMention],
    si: usize,
    from: usize,
    max_words: usize,
) -> Option<&'p PlaceMention> {
    let pool: Vec<&PlaceMention> = places
        .iter()
        .filter(|p| p.sentence == si && p.start >= from && usable(p))
        .collect();
    let first = pool
        .iter()
        .copied()
        .filter(|p| text[from..p.start].split_whitespace().count() <= max_words)
        .min_by_key(|p| p.start)?;
    Some(most_specific(first, &pool))
}

/// The sentences (sorted, each once) that have a place `keep` accepts.
fn sentences_with(places: &[PlaceMention], keep: impl Fn(&PlaceMention) -> bool) -> Vec<usize> {
    let mut out: Vec<usize> = places.iter().filter(|p| keep(p)).map(|p| p.sentence).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Sentence indices within `FAR_SENTENCES` of `si`, nearest first (before before after at equal distance).
fn nearest_sentences(si: usize, n: usize) -> impl Iterator<Item = usize> {
    (1..=FAR_SENTENCES)
        .flat_map(move |d| [si.checked_sub(d), Some(si + d).filter(|&j| j < n)])
        .flatten()
}

/// The event's clause names a gathering as its occasion ("at the summit", "after the talks"): the place the
/// article gives that gathering ("the summit in Quebec") in a nearby sentence, or in its own sentence
/// outside the clause.
pub fn occasion<'p>(
    cues: &Cues,
    text: &str,
    sentences: &[Sentence],
    e: &Event,
    places: &'p [PlaceMention],
    lo: usize,
    hi: usize,
) -> Option<&'p PlaceMention> {
    let clause: Vec<(usize, &str)> = words(text, lo, hi).collect();
    let noun = clause.iter().enumerate().find_map(|(i, &(_, w))| {
        if !Cues::is(&cues.occasion_openers, w) {
            return None;
        }
        // The noun within three words of the opener: "after the two-day summit".
        clause[i + 1..]
            .iter()
            .take(3)
            .map(|(_, w)| w.to_lowercase())
            .find(|w| cues.occasion_nouns.contains(w))
    })?;
    let near = super::locate::VENUE_SENTENCES;
    let candidates = std::iter::once(e.sentence).chain(nearest_sentences(e.sentence, sentences.len()));
    candidates.filter(|&si| si.abs_diff(e.sentence) <= near).find_map(|si| {
        let s = sentences.get(si)?;
        words(text, s.start, s.end)
            .filter(|&(at, w)| w.eq_ignore_ascii_case(&noun) && !(si == e.sentence && lo <= at && at < hi))
            .find_map(|(at, w)| place_after(text, places, si, at + w.len(), OCCASION_TO_PLACE_WORDS))
    })
}

/// A meeting with no place nearby: a sentence further on (or back) that speaks of a meeting and names the
/// other participant gives the venue ("Tomorrow she flies to Oslo for talks with Store").
pub fn venue_of_participants<'p>(
    cues: &Cues,
    text: &str,
    sentences: &[Sentence],
    e: &Event,
    places: &'p [PlaceMention],
) -> Option<&'p PlaceMention> {
    if !is_meeting(cues, e) {
        return None;
    }
    // The participants' surnames (the last word of a named person or body).
    let names: Vec<&str> = [Some(&e.source), e.target.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|a| a.name.as_deref()?.split_whitespace().last())
        .filter(|w| w.len() > 2 && w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if names.is_empty() {
        return None;
    }
    let point = |p: &PlaceMention| usable(p) && p.feature.is_point() && !p.near;
    let with_places = sentences_with(places, point);
    nearest_sentences(e.sentence, sentences.len()).find_map(|si| {
        // Only sentences that give a usable place are read.
        if with_places.binary_search(&si).is_err() {
            return None;
        }
        let s = sentences.get(si)?;
        let mut about_meeting = None;
        let mut named = false;
        for (at, w) in words(text, s.start, s.end) {
            if about_meeting.is_none() && Cues::is(&cues.meeting_words, w) {
                about_meeting = Some(at);
            }
            named |= names.contains(&w);
        }
        about_meeting?;
        if !named {
            return None;
        }
        let pool: Vec<&PlaceMention> = places.iter().filter(|p| p.sentence == si && point(p)).collect();
        let first = pool.iter().copied().min_by_key(|p| p.start)?;
        Some(most_specific(first, &pool))
    })
}

/// The trigger is a noun a later sentence takes up ("issued a warrant ... The warrant, unsealed in a court in
/// Boston, ..."): the place next to it there.
pub fn noun_taken_up<'p>(
    cues: &Cues,
    text: &str,
    sentences: &[Sentence],
    e: &Event,
    places: &'p [PlaceMention],
) -> Option<&'p PlaceMention> {
    let noun = trigger_noun(&cues.taken_up_nouns, e)?;
    let last = (e.sentence + FAR_SENTENCES).min(sentences.len().saturating_sub(1));
    let with_places = sentences_with(places, usable);
    (e.sentence + 1..=last).find_map(|si| {
        with_places.binary_search(&si).ok()?;
        let s = sentences.get(si)?;
        let ws: Vec<(usize, &str)> = words(text, s.start, s.end).collect();
        ws.windows(2)
            .filter(|w| w[0].1.eq_ignore_ascii_case("the") && w[1].1.eq_ignore_ascii_case(&noun))
            .find_map(|w| place_after(text, places, si, w[1].0 + w[1].1.len(), NOUN_TO_PLACE_WORDS))
    })
}

/// An attack on "the [crowded] mosque" after the article has named a mosque: that site.
pub fn site_taken_up<'p>(
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
    // Sites named before the trigger, latest first, by their head noun.
    let head = |p: &PlaceMention| p.text.split_whitespace().last().map(str::to_lowercase);
    let sites: Vec<(&PlaceMention, String)> = places
        .iter()
        .filter(|p| p.feature == Feature::Site && p.end <= e.trigger.start)
        .filter_map(|p| Some((p, head(p)?)))
        .collect();
    if sites.is_empty() {
        return None;
    }
    let from = e.trigger.end.max(lo).min(hi);
    let after: Vec<(usize, &str)> = words(text, from, hi).take(TRIGGER_TO_SITE_WORDS).collect();
    let the = after.iter().position(|(_, w)| w.eq_ignore_ascii_case("the"))?;
    after[the + 1..].iter().take(3).find_map(|(_, w)| {
        let w = w.to_lowercase();
        sites.iter().rev().find(|(_, h)| *h == w).map(|(p, _)| *p)
    })
}

/// How many words may stand between a speech verb and the place it was said at ("Okafor said in a long
/// news conference at the close of the summit in Abuja").
const SPEECH_TO_PLACE_WORDS: usize = 14;
/// How many sentences around a speaker's placed words the speaker's other statements are placed there.
const SPEAKER_SENTENCES: usize = 3;

/// Where a named speaker spoke: "Okafor said at a news conference in Abuja", "Lind told reporters in
/// Tromso": (the speaker's surname as written, the sentence, the place).
fn speech_places<'a>(
    cues: &Cues,
    text: &'a str,
    sentences: &[Sentence],
    places: &'a [PlaceMention],
) -> Vec<(&'a str, usize, &'a PlaceMention)> {
    let mut out = Vec::new();
    // "said in Abuja", "said at a news conference in Abuja": not the object of a verb ("visit China").
    let at_or_in = |p: &PlaceMention| matches!(p.preposition.as_deref(), Some("in" | "at"));
    for p in places.iter().filter(|p| usable(p) && !p.near && at_or_in(p)) {
        let Some(s) = sentences
            .get(p.sentence)
            .filter(|s| s.start <= p.start && p.start <= s.end)
        else {
            continue;
        };
        // Within the sentence, and outside any quotation before the place.
        let head = &text[s.start..p.start];
        let lo = head
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '"' | '“' | '”'))
            .map_or(s.start, |(i, c)| s.start + i + c.len_utf8());
        let before: Vec<(usize, &str)> = words(text, lo, p.start).collect();
        let verb = (0..before.len())
            .rev()
            .take(SPEECH_TO_PLACE_WORDS)
            .find(|&i| Cues::is(&cues.attribution, before[i].1));
        let Some(&(_, name)) = verb.and_then(|v| v.checked_sub(1)).and_then(|i| before.get(i)) else {
            continue;
        };
        if name.len() > 2 && name.chars().next().is_some_and(char::is_uppercase) {
            out.push((name, p.sentence, p));
        }
    }
    out
}

/// A named speaker's statements (the CAMEO roots of things said) with no place of their own, a few sentences
/// from where the article says the speaker spoke ("Okafor said at a news conference in Abuja"), were made
/// there.
pub fn speaker_stays(cues: &Cues, text: &str, sentences: &[Sentence], places: &[PlaceMention], events: &mut [Event]) {
    if !events
        .iter()
        .any(|e| e.location.is_none() && cues.verbal_roots.contains(&e.root) && e.source.name.is_some())
    {
        return;
    }
    let mut spoken = speech_places(cues, text, sentences, places);
    if spoken.is_empty() {
        return;
    }
    spoken.sort_by_key(|(_, si, _)| *si);
    for e in events.iter_mut() {
        if e.location.is_some() || !cues.verbal_roots.contains(&e.root) {
            continue;
        }
        let Some(surname) = e.source.name.as_deref().and_then(|n| n.split_whitespace().last()) else {
            continue;
        };
        // `spoken` is in sentence order: only its share near the event is read.
        let s0 = spoken.partition_point(|(_, si, _)| *si + SPEAKER_SENTENCES < e.sentence);
        let s1 = spoken.partition_point(|(_, si, _)| *si <= e.sentence + SPEAKER_SENTENCES);
        let found = spoken[s0..s1.max(s0)]
            .iter()
            .filter(|(name, _, _)| *name == surname)
            .min_by_key(|(_, si, _)| si.abs_diff(e.sentence));
        if let Some((_, _, p)) = found {
            e.location = Some(p.location(LocationVia::Context));
        }
    }
}

/// The event may take a place from a sentence further away than the venue rule looks.
pub fn looks_far(cues: &Cues, e: &Event) -> bool {
    cues.target_roots.contains(&e.root) || is_meeting(cues, e) || trigger_noun(&cues.taken_up_nouns, e).is_some()
}
