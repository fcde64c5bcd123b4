//! Names that mean different actors, or none, by context: Georgia the US state or the country, the two
//! Congos, a country name inside a place's name ("the Europe Bridge"), a region's adjective that is no
//! actor ("Western Cambodia"), a seat of power named as a place ("talks in Moscow"), "pro-Russian", and a
//! given name that is also a country ("Chad Smith").

use super::article::ArticleState;
use super::dict::{Entry, EntryKind, Form, NounKind, Target};
use super::matcher::{Hit, What};
use super::sentence::is_upper_acronym;
use super::words::{List, Words};
use detente_records::Actor;

/// Facts about the whole article, computed on first need.
#[derive(Debug, Default)]
pub(super) struct PlaceCache {
    pub georgia_us: Option<bool>,
    pub congo_brazzaville: Option<bool>,
}

impl<'a> ArticleState<'a> {
    /// The actor of a dictionary entry's hit, with the Georgia (US state) rule applied.
    pub(super) fn entry_actor(&mut self, entry: u32, hit: &Hit) -> Option<Actor> {
        let e = &self.dict().entries[entry as usize];
        let (mut actor, _) = e.actor_at(self.date)?;
        if actor.code == "GEO"
            && self.text[hit.start..hit.end].eq_ignore_ascii_case("georgia")
            && self.georgia_is_us_state(hit)
        {
            actor = Actor {
                code: "USA".into(),
                country: Some("USA".into()),
                ..Actor::default()
            };
        }
        // "Congo" alone was the Republic of the Congo while the other Congo was called Zaire (until May
        // 1997), and is it whenever the article names Brazzaville and not Kinshasa.
        if actor.country.as_deref() == Some("COD")
            && matches!(&self.text[hit.start..hit.end], "Congo" | "Congolese" | "CONGO")
            && self.congo_is_brazzaville()
        {
            actor.code = actor.code.replacen("COD", "COG", 1);
            actor.country = Some("COG".into());
        }
        // The body as the text names it ("State Department", not the entry's first name "Washington").
        if e.kind == EntryKind::Organization && actor.name.is_none() {
            let start = self.strip_article(hit.start, hit.end);
            actor.name = Some(self.text[start..hit.end].to_string());
        }
        Some(actor)
    }

    pub(super) fn congo_is_brazzaville(&mut self) -> bool {
        if let Some(known) = self.places.congo_brazzaville {
            return known;
        }
        let kinshasa = self.text.contains("Kinshasa");
        let brazzaville = match self.date {
            Some(date) if date.len() >= 10 && date < "1997-05-17" => !kinshasa,
            _ => self.text.contains("Brazzaville") && !kinshasa,
        };
        self.places.congo_brazzaville = Some(brazzaville);
        brazzaville
    }

    pub(super) fn georgia_is_us_state(&mut self, hit: &Hit) -> bool {
        let text = self.text;
        // "Atlanta, Georgia": a capitalised place, a comma, then the state.
        let before = text[self.sentence_start..hit.start].trim_end();
        if let Some(b) = before.strip_suffix(',')
            && let Some((_, w)) = self.word_before(self.sentence_start + b.len())
            && w.starts_with(char::is_uppercase)
            && !self.dict().words.has(List::GeorgiaNeighbours, w)
        {
            return true;
        }
        let mut after = text[hit.end..self.sentence_end].trim_start();
        for p in ["'s ", "’s "] {
            if let Some(a) = after.strip_prefix(p) {
                after = a.trim_start();
            }
        }

        let next = after
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        if self.dict().words.has(List::UsStateWords, next) {
            return true;
        }
        if let Some(us) = self.places.georgia_us {
            return us;
        }
        let words = &self.dict().words;
        let count = |list: List| {
            words
                .items(list)
                .iter()
                .filter(|w| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some())
                .count()
        };
        let us = count(List::UsStateMarkers) > 0 && count(List::GeorgiaMarkers) == 0;
        self.places.georgia_us = Some(us);
        us
    }
}

/// A bloc or part of the world (CAMEO region codes), not a state or organisation.
pub(super) fn is_region(words: &Words, entry: &Entry) -> bool {
    entry.kind == EntryKind::Organization
        && entry
            .roles
            .first()
            .is_some_and(|r| r.actor.country.is_none() && words.has(List::RegionCodes, &r.actor.code))
}

/// Whether `rest` (the text after a name and one space) starts with a facility noun as a whole word.
pub(super) fn is_facility_word(words: &Words, rest: &str) -> bool {
    words.items(List::FacilityWords).iter().any(|w| {
        rest.strip_prefix(w.as_str())
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '-'))
    })
}

impl ArticleState<'_> {
    /// Whether the country or organisation hit `i` is no actor where it stands: "pro-Russian", a given
    /// name ("Chad Smith", tracked as a person instead), a place's name ("the Europe Bridge"), a region's
    /// adjective before anything but a group of people ("Western Cambodia"), a seat of power named as a
    /// place ("talks in Moscow").
    pub(super) fn entry_is_no_actor(&mut self, hits: &[Hit], i: usize, entry: u32, form: Form) -> bool {
        let hit = hits[i];
        let matched = &self.text[hit.start..hit.end];
        let before = &self.text[self.sentence_start..hit.start];
        if ["pro-", "Pro-", "anti-", "Anti-"].iter().any(|p| before.ends_with(p)) {
            return true;
        }
        let kind = self.dict().entries[entry as usize].kind;
        if form == Form::Name
            && !matched.contains(' ')
            && self.is_given_name(matched)
            && let Some(name) = self.name_after(hits, i + 1, hit.end)
            && name.entry.is_none()
            && name.local.is_none()
            && name.hits_used == 0
        {
            let ent = self.unknown_person((hit.start, name.end), None, None, None);
            self.track(ent, hit.start, name.end);
            return true;
        }
        if form == Form::Name
            && kind != EntryKind::Person
            && let Some(rest) = self.text[hit.end..self.sentence_end].strip_prefix(' ')
            && is_facility_word(&self.dict().words, rest)
        {
            return true;
        }
        if form == Form::Adjective
            && is_region(&self.dict().words, &self.dict().entries[entry as usize])
            && !hits.get(i + 1).is_some_and(|h| {
                matches!(h.what, What::Dict(Target::Noun(n))
                    if self.dict().nouns[n as usize].kind == NounKind::Plural)
                    && self.adjacent(hit.end, h.start, false)
            })
        {
            return true;
        }
        form == Form::Name
            && kind == EntryKind::Organization
            && !matched.contains(' ')
            && !is_upper_acronym(matched)
            && self
                .word_before(hit.start)
                .is_some_and(|(_, w)| self.dict().words.has(List::PlacePrepositions, w))
            && !hits
                .get(i + 1)
                .is_some_and(|h| matches!(h.what, What::Dict(Target::Noun(_))) && self.adjacent(hit.end, h.start, true))
    }
}
