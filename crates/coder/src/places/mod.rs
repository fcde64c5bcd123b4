//! Places: a built-in gazetteer, place names in the text, and where each event happened.
//!
//! - [`gazetteer`]: countries, first-level regions, every town of 15,000+ inhabitants, hand-listed regions,
//!   seas, sites and small places news names (`data/places/places.tsv`, GeoNames-derived; users add places
//!   with `*.places.tsv`).
//! - [`matcher`]: names in each sentence and how they are used (locative, actor by metonymy, other).
//! - [`resolve`]: one place per name, by qualifier, kind words, the article's countries and regions, the
//!   dateline, and population last.
//! - [`dateline`]: "WASHINGTON (Reuters) -".
//! - [`recall`]: places the article gives for an event elsewhere (an occasion's venue, a noun or site taken
//!   up again).
//! - [`seats`]: institutions and where they sit ("the Knesset voted": Jerusalem).
//! - [`locate`]: the event-location pass, run after the events stage on the `Event` values.

pub mod cues;
pub mod dateline;
pub mod gazetteer;
pub mod locate;
pub mod matcher;
pub mod recall;
pub mod resolve;
pub mod seats;
#[cfg(test)]
mod tests;

use crate::text::ArticleTokens;
use crate::{DictionaryError, DictionarySource};
use cues::Cues;
use detente_records::{Event, Location, LocationVia, Mention, MentionKind, PlaceKind, Sentence, Span};
use gazetteer::{Feature, Gazetteer};
pub use matcher::PlaceRole;
use matcher::{RawMatch, Words};
use seats::Seats;
use serde::Serialize;

/// The gazetteer, the cue words and the seats of institutions, shared read-only.
pub struct Places {
    gazetteer: Gazetteer,
    cues: Cues,
    seats: Seats,
}

/// A place named in the text, resolved to one gazetteer place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceMention {
    pub sentence: usize,
    /// The mention: the name, with a region noun after it ("Donetsk region") or a direction before it
    /// ("eastern Ukraine") when there is one.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The name as the article spells it (a gazetteer spelling), with the direction or border made explicit:
    /// "eastern Ukraine", "Ukraine border area".
    pub name: String,
    /// The gazetteer's own name of the place.
    pub place: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    pub admin1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1_code: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u32,
    pub role: PlaceRole,
    /// The locative preposition ("in", "near", "north of").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preposition: Option<String>,
    #[serde(skip)]
    pub(crate) feature: Feature,
    #[serde(skip)]
    pub(crate) near: bool,
    #[serde(skip)]
    pub(crate) border: bool,
    /// Qualifies the place before it ("Texas" in "Paris, Texas").
    #[serde(skip)]
    pub(crate) qualifies: bool,
}

impl PlaceMention {
    /// The event location this mention gives.
    pub fn location(&self, via: LocationVia) -> Location {
        Location {
            name: self.name.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            lat: self.lat,
            lon: self.lon,
            kind: self.kind,
            mention: Some(Span::new(self.start, self.end)),
            via,
            admin1_code: self.admin1_code.clone(),
        }
    }
}

/// "east" → "eastern" for names ("Ukraine's east" → "eastern Ukraine").
fn direction_adjective(d: &str) -> String {
    let d = d.to_lowercase();
    if d.ends_with("ern") || d == "central" {
        d
    } else {
        format!("{d}ern")
    }
}

impl Places {
    /// The built-in gazetteer, cues and seats plus the user's `*.places.tsv`, `*.placecues.toml` and
    /// `*.seats.tsv` files.
    pub fn load(user: &[DictionarySource]) -> Result<Places, DictionaryError> {
        let files: Vec<(&str, &str)> = user
            .iter()
            .filter(|s| s.name.ends_with(".places.tsv"))
            .map(|s| (s.name.as_str(), s.text.as_str()))
            .collect();
        let gazetteer = Gazetteer::load(&files)?;
        let seats = Seats::load(&gazetteer, user)?;
        Ok(Places {
            gazetteer,
            cues: Cues::load(user)?,
            seats,
        })
    }

    pub fn seats(&self) -> &Seats {
        &self.seats
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Every place named in the article's non-boilerplate sentences (and its dateline), in text order.
    /// Names inside a longer person or organisation mention ("George Washington", "the Kyiv Independent")
    /// are not places.
    pub fn recognize(&self, text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<PlaceMention> {
        let tokens = ArticleTokens::of(text, sentences);
        self.recognize_in(text, sentences, &tokens, mentions, |_| true)
    }

    /// Places and event locations of an article: recognition runs only where the location rules look (the
    /// events' sentences and the sentences around them), which is most of the cost saved on long articles.
    pub fn locate_events(&self, text: &str, sentences: &[Sentence], mentions: &[Mention], events: &mut [Event]) {
        if events.is_empty() {
            return;
        }
        let tokens = ArticleTokens::of(text, sentences);
        self.locate_events_tokenized(text, sentences, &tokens, mentions, events);
    }

    /// [`Places::locate_events`] on the article's tokens, computed once for all stages.
    pub fn locate_events_tokenized(
        &self,
        text: &str,
        sentences: &[Sentence],
        tokens: &ArticleTokens,
        mentions: &[Mention],
        events: &mut [Event],
    ) {
        if events.is_empty() {
            return;
        }
        let mut wanted = vec![false; sentences.len()];
        for e in events.iter() {
            let reach = if recall::looks_far(&self.cues, e) {
                recall::FAR_SENTENCES
            } else {
                locate::VENUE_SENTENCES
            };
            let lo = e.sentence.saturating_sub(reach);
            let hi = (e.sentence + reach + 1).min(sentences.len());
            wanted[lo.min(hi)..hi].iter_mut().for_each(|w| *w = true);
        }
        let places = self.recognize_in(text, sentences, tokens, mentions, |i| wanted[i]);
        self.locate(text, sentences, &places, events);
    }

    /// [`Places::recognize`] over the sentences `keep` accepts (the dateline is looked for in any case).
    pub fn recognize_in(
        &self,
        text: &str,
        sentences: &[Sentence],
        tokens: &ArticleTokens,
        mentions: &[Mention],
        keep: impl Fn(usize) -> bool,
    ) -> Vec<PlaceMention> {
        let gaz = &self.gazetteer;
        let dateline = dateline::find(gaz, text, sentences);
        let mut matches: Vec<RawMatch> = Vec::new();
        let mut sentence_first: Vec<usize> = Vec::new();
        for (si, _) in sentences.iter().enumerate().filter(|(i, s)| !s.boilerplate && keep(*i)) {
            let words = Words {
                text,
                tokens: tokens.sentence(si),
            };
            let first = matches.len();
            for m in matcher::find(gaz, &self.cues, si, &words) {
                let inside_dateline = dateline.is_some_and(|d| m.start < d.end && d.start < m.end);
                if !inside_dateline && !inside_longer_name(gaz, mentions, &m) {
                    matches.push(m);
                }
            }
            // Qualifier indices are relative to the sentence's matches as found; dropping a match shifts
            // them, so drop qualifiers whose partner is gone.
            let n = matches.len() - first;
            for m in &mut matches[first..] {
                if m.qualifier.is_some_and(|q| q >= n) {
                    m.qualifier = None;
                }
            }
            sentence_first.extend(std::iter::repeat_n(first, n));
        }
        let dateline_place = dateline.map(|d| gaz.place(d.place));
        let ctx = resolve::Context::build(gaz, mentions, &matches, dateline_place);
        let chosen = resolve::choose(gaz, &ctx, &matches, &sentence_first);
        // Places the text describes rather than names: "the North" (a named "North ..." country), "the
        // Finnish capital".
        let elliptic = self.elliptic_countries(&matches, &chosen);
        let mut described: Vec<(RawMatch, u32)> = Vec::new();
        for (si, s) in sentences.iter().enumerate().filter(|(i, s)| !s.boilerplate && keep(*i)) {
            let body = &text[s.start..s.end];
            let directions = elliptic.iter().any(|(d, _, _)| body.contains(d));
            let capital = body.contains(" capital");
            if !directions && !capital {
                continue;
            }
            let words = Words {
                text,
                tokens: tokens.sentence(si),
            };
            if directions {
                let pairs: Vec<(&str, &[gazetteer::Referent])> = elliptic.iter().map(|(d, r, _)| (*d, *r)).collect();
                for m in matcher::find_elliptic(gaz, &self.cues, si, &words, &pairs) {
                    if let Some(&(_, _, place)) = elliptic.iter().find(|(_, r, _)| std::ptr::eq(*r, m.referents)) {
                        described.push((m, place));
                    }
                }
            }
            if capital {
                let country_of = |start: usize, end: usize| country_adjective(mentions, start, end);
                for (first, last, country) in matcher::capital_phrases(&words, country_of) {
                    let Some(place) = gaz.capital(country) else { continue };
                    let referents = gaz.lookup(&gaz.place(place).name);
                    if referents.iter().any(|r| r.place == place) {
                        let m = matcher::described(gaz, &self.cues, si, &words, (first, last), referents);
                        described.push((m, place));
                    }
                }
            }
        }
        let first_described = matches.len();
        let mut chosen = chosen;
        for (m, place) in described {
            matches.push(m);
            chosen.push(Some(place));
        }
        self.mentions_of(text, dateline, &matches, &chosen, first_described)
    }

    /// Countries the article names whose name begins with a direction ("North Korea"): the direction as
    /// written ("North"), the name's referents and the country. A direction shared by two such countries
    /// is left out.
    fn elliptic_countries<'g>(
        &'g self,
        matches: &[RawMatch<'g>],
        chosen: &[Option<u32>],
    ) -> Vec<(&'g str, &'g [gazetteer::Referent], u32)> {
        let gaz = &self.gazetteer;
        let mut out: Vec<(&'g str, &'g [gazetteer::Referent], u32)> = Vec::new();
        let mut shared: Vec<&str> = Vec::new();
        for (m, place) in matches.iter().zip(chosen) {
            let Some(place) = *place else { continue };
            let p = gaz.place(place);
            if p.feature != Feature::Country {
                continue;
            }
            let name: &'g str = &gaz.place(place).name;
            let Some((first, rest)) = name.split_once(' ') else {
                continue;
            };
            if rest.is_empty() || !Cues::is(&self.cues.directions, first) || first.ends_with("ern") {
                continue;
            }
            match out.iter().find(|(d, _, _)| *d == first) {
                Some(&(_, _, other)) if other != place => shared.push(first),
                Some(_) => {}
                None => out.push((first, m.referents, place)),
            }
        }
        out.retain(|(d, _, _)| !shared.contains(d));
        out
    }

    /// The place mentions of the chosen matches; those from `elliptic_from` on are described, not named
    /// ("the North", "the Finnish capital"), and take the gazetteer's name.
    fn mentions_of(
        &self,
        text: &str,
        dateline: Option<dateline::Dateline>,
        matches: &[RawMatch],
        chosen: &[Option<u32>],
        elliptic_from: usize,
    ) -> Vec<PlaceMention> {
        let mut out: Vec<PlaceMention> = Vec::with_capacity(matches.len() + 1);
        if let Some(d) = dateline {
            out.push(self.mention(text, d.sentence, d.start, d.end, d.place, PlaceRole::Dateline, None));
        }
        for (i, (m, &place)) in matches.iter().zip(chosen).enumerate() {
            let Some(place) = place else { continue };
            let mut pm = self.mention(
                text,
                m.sentence,
                m.start,
                m.mention_end,
                place,
                m.role,
                m.direction.as_deref(),
            );
            if i >= elliptic_from {
                pm.name = pm.place.clone();
            }
            pm.preposition = m.preposition.clone();
            pm.near = m.near;
            pm.qualifies = m.qualifies;
            if m.border && pm.feature == Feature::Country {
                pm.border = true;
                pm.name = format!("{} border area", &text[m.start..m.end]);
                pm.kind = PlaceKind::Region;
            }
            if let Some(d) = &m.direction {
                // A direction written before the name widens the mention to it ("eastern Ukraine").
                let before = text[..m.start].trim_end();
                if before.len() < m.start && before.ends_with(d.as_str()) {
                    pm.start = before.len() - d.len();
                    pm.text = text[pm.start..pm.end].to_string();
                }
            }
            out.push(pm);
        }
        if elliptic_from < matches.len() {
            out.sort_by_key(|p| (p.sentence, p.start));
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn mention(
        &self,
        text: &str,
        sentence: usize,
        start: usize,
        end: usize,
        place: u32,
        role: PlaceRole,
        direction: Option<&str>,
    ) -> PlaceMention {
        let gaz = &self.gazetteer;
        let p = gaz.place(place);
        let written = &text[start..end];
        // The name as the gazetteer spells it: the written form, or (for a dateline in capitals) the place's.
        // A dateline in capitals, or a country written as an abbreviation ("U.S.", "UK"), takes the
        // gazetteer's name.
        let abbreviated = !written.chars().any(char::is_lowercase) || written.contains('.');
        // A site written in other letter case ("the White house") takes its own name.
        let other_case = p.feature == Feature::Site && written != p.name && written.eq_ignore_ascii_case(&p.name);
        let spelled = if ((role == PlaceRole::Dateline || p.feature == Feature::Country) && abbreviated) || other_case {
            p.name.to_string()
        } else {
            written.to_string()
        };
        let mut kind = p.feature.kind();
        let name = match direction {
            Some(d) => {
                if kind == PlaceKind::Country {
                    kind = PlaceKind::Region;
                }
                format!("{} {spelled}", direction_adjective(d))
            }
            None => spelled,
        };
        let admin1 = gaz.admin1_of(p);
        PlaceMention {
            sentence,
            start,
            end,
            text: written.to_string(),
            name,
            place: p.name.to_string(),
            kind,
            country: Some(p.country.to_string()).filter(|c| !c.is_empty()),
            admin1: admin1.map(|a| a.name.to_string()),
            admin1_code: Some(p.admin1.to_string()).filter(|c| !c.is_empty()),
            lat: p.point().map(|(la, _)| la),
            lon: p.point().map(|(_, lo)| lo),
            population: p.population,
            role,
            preposition: None,
            feature: p.feature,
            near: false,
            border: false,
            qualifies: false,
        }
    }

    /// Gives each event its location (see [`locate`]).
    pub fn locate(&self, text: &str, sentences: &[Sentence], places: &[PlaceMention], events: &mut [Event]) {
        locate::locate(&self.cues, &self.seats, text, sentences, places, events);
    }
}

/// The country of a country's adjective at `start..end` ("Finnish"), from the actor mentions.
fn country_adjective(mentions: &[Mention], start: usize, end: usize) -> Option<&str> {
    let i = mentions.partition_point(|m| m.start < start);
    mentions[i..]
        .iter()
        .take_while(|m| m.start == start)
        .find(|m| m.end == end && m.actor.role.is_none() && m.actor.org.is_none())
        .and_then(|m| m.actor.country.as_deref())
}

/// A person's or organisation's mention that covers the name and more ("George Washington", "Washington
/// Post"), or any person mention on it (a surname that is also a town).
/// No actor mention is longer than this (a name of a few dozen words); it bounds the search for overlaps.
const MAX_MENTION_BYTES: usize = 1024;

fn inside_longer_name(gaz: &Gazetteer, mentions: &[Mention], m: &RawMatch) -> bool {
    // Capitals, countries and sites stand for governments ("Washington said", "the Kremlin said"): they stay
    // places in the listing, with the actor role. Other towns under an organisation's name do not ("Xinhua").
    let seat = m.referents.iter().any(|r| {
        matches!(
            gaz.place(r.place).feature,
            Feature::Capital | Feature::Country | Feature::Site
        )
    });
    // Mentions are sorted by start and short: only those starting shortly before the match can overlap it.
    let hi = mentions.partition_point(|a| a.start < m.end);
    let lo = mentions[..hi].partition_point(|a| a.start + MAX_MENTION_BYTES < m.start);
    mentions[lo..hi].iter().any(|a| {
        let overlaps = a.start < m.end && m.start < a.end;
        overlaps
            && match a.kind {
                MentionKind::Person => true,
                // "Xinhua reported": a news agency, not the town; "in the Kremlin" stays a place.
                // "police in Hong Kong": a group placed by a preposition inside its mention keeps the place.
                MentionKind::Organization
                    if m.role == PlaceRole::Locative && m.preposition.is_some() && a.start < m.start =>
                {
                    false
                }
                MentionKind::Organization => {
                    a.start < m.start || a.end > m.mention_end || (m.role != PlaceRole::Locative && !seat)
                }
                _ => false,
            }
    })
}
