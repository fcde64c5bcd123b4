//! Composition: the dictionary hits of a sentence read left to right into mentions. A qualifier
//! (country, organisation, or the person before a title), role nouns, and a name after a title make one
//! phrase: "Russian President Vladimir Putin", "Kremlin spokesman Dmitry Peskov", "Russian officials",
//! "the Russian government", "officials in Seoul", "the head of IS".

use super::article::ArticleState;
use super::dict::{EntryKind, Form, Noun, NounKind, Target};
use super::entities::{EntityKey, new_group};
use super::matcher::{Hit, What};
use super::persons::RolePhrase;
use super::words::{List, Words};
use crate::places::gazetteer::Feature;
use detente_records::{Actor, EntityKind, MentionKind, Resolution};

/// A phrase under composition: an optional qualifier and the role nouns after it.
struct Phrase {
    /// Where the mention starts (the qualifier, or the person before a title).
    start: usize,
    qual: Option<Actor>,
    qual_entry: Option<u32>,
    /// The hit after the qualifier.
    after_qual: usize,
    /// Hit indices of the role nouns.
    nouns: Vec<usize>,
    /// The hit after the nouns.
    next: usize,
}

/// The head noun of a phrase with what the words around it say.
struct Head<'d> {
    noun: &'d Noun,
    role: Option<String>,
    /// "former", "ex-": the role was held before.
    former: bool,
    /// "a", "another", "one": somebody new, not a reference back.
    indefinite: bool,
    /// Start of the first noun and end of the last.
    start: usize,
    end: usize,
}

impl<'a> ArticleState<'a> {
    /// Compose the hits of the current sentence.
    pub(super) fn compose(&mut self, hits: &[Hit]) {
        let mut i = 0;
        while i < hits.len() {
            i = self.compose_at(hits, i);
        }
    }

    /// Handle the hit at `i` (and what it composes with); returns the next hit to look at.
    fn compose_at(&mut self, hits: &[Hit], i: usize) -> usize {
        let hit = hits[i];
        match hit.what {
            What::Local(entity) => self.surname_mention(hits, i, entity),
            What::Dict(Target::Pronoun(p)) => {
                self.pronoun_hit(hits, i, p);
                i + 1
            }
            What::NewName => self.new_name(hits, i),
            What::CueName => self.cue_name(hits, i),
            What::OrgName { country } => self.org_name(hits, i, country),
            What::Dict(Target::Entry { entry, form }) => {
                if self.dict().entries[entry as usize].kind == EntryKind::Person {
                    return self.known_person(hits, i, entry, hit.start, None);
                }
                match form {
                    Form::Demonym => self.demonym(hit, entry),
                    Form::Name | Form::Adjective => self.chain(hits, i),
                }
                .max(i + 1)
            }
            What::Dict(Target::Noun(_)) => self.chain(hits, i),
        }
    }

    /// "Russians": the people of the country.
    fn demonym(&mut self, hit: Hit, entry: u32) -> usize {
        let Some(base) = self.entry_actor(entry, &hit) else {
            return 0;
        };
        let actor = match &base.country {
            Some(c) => Actor {
                code: format!("{c}CVL"),
                country: Some(c.clone()),
                org: None,
                role: Some("CVL".into()),
                name: None,
            },
            None => base,
        };
        let key = EntityKey::Phrase(actor.code.clone(), "people".into());
        let ent = self.entity(key.clone(), || {
            new_group(key, Some(actor.clone()), true, EntityKind::Group)
        });
        self.emit(
            hit.start,
            hit.end,
            actor,
            Resolution::Dictionary,
            MentionKind::Role,
            ent,
            None,
            true,
        );
        0
    }

    /// A qualifier and/or role nouns, with a name after a title: the central composition.
    fn chain(&mut self, hits: &[Hit], i: usize) -> usize {
        let mut p = match self.qualifier(hits, i) {
            Ok(p) => p,
            Err(next) => return next,
        };
        self.noun_group(hits, &mut p);
        if let Some(next) = self.modifier_phrase(hits, i, &p) {
            return next;
        }
        if p.nouns.is_empty() {
            return self.qualifier_alone(hits, i, p);
        }
        self.role_chain(hits, i, p)
    }

    /// The qualifier at hit `i`, if it is a country or organisation ("Russian", "NATO", "U.S. State
    /// Department"). `Err(next)`: the hit is no actor here.
    fn qualifier(&mut self, hits: &[Hit], i: usize) -> Result<Phrase, usize> {
        let hit = hits[i];
        let mut p = Phrase {
            start: hit.start,
            qual: None,
            qual_entry: None,
            after_qual: i,
            nouns: Vec::new(),
            next: i,
        };
        let What::Dict(Target::Entry { entry, form }) = hit.what else {
            return Ok(p);
        };
        if self.entry_is_no_actor(hits, i, entry, form) {
            return Err(i + 1);
        }
        p.qual = self.entry_actor(entry, &hit);
        p.qual_entry = Some(entry);
        p.after_qual = i + 1;
        let Some(h2) = hits.get(i + 1) else { return Ok(p) };
        let What::Dict(Target::Entry {
            entry: e2,
            form: Form::Name,
        }) = h2.what
        else {
            return Ok(p);
        };
        let kind2 = self.dict().entries[e2 as usize].kind;
        if kind2 == EntryKind::Person {
            return Ok(p);
        }
        // "U.S. State Department": two adjacent actors of one country are one.
        if self.adjacent(hit.end, h2.start, false)
            && let Some(a2) = self.entry_actor(e2, h2)
            && a2.country.is_some()
            && a2.country == p.qual.as_ref().and_then(|q| q.country.clone())
        {
            p.qual = Some(a2);
            p.qual_entry = Some(e2);
            p.after_qual = i + 2;
        } else if kind2 == EntryKind::Organization
            && self.adjacent(hit.end, h2.start, true)
            && let Some(q) = p.qual.as_ref().filter(|q| q.org.is_none() && q.role.is_none())
            && let Some(a2) = self.entry_actor(e2, h2)
            && a2.org.is_none()
            && a2.role.is_some()
            && a2.country.is_some()
            && a2.country != q.country
        {
            // "Ukraine's Joint Chiefs of Staff": a body known under another country's name belongs
            // to the country that owns it here, with the body's role.
            let country = q.country.clone().unwrap_or_default();
            let role = a2.role.clone();
            p.qual = Some(Actor {
                code: format!("{country}{}", role.as_deref().unwrap_or("")),
                country: Some(country),
                role,
                org: None,
                name: a2.name,
            });
            p.qual_entry = Some(e2);
            p.after_qual = i + 2;
        }
        Ok(p)
    }

    /// The role nouns after the qualifier ("Russian foreign minister"), and the person before them as the
    /// qualifier when there is none ("Clinton spokesman", "the Obama administration").
    fn noun_group(&mut self, hits: &[Hit], p: &mut Phrase) {
        let qual_end = p.qual.as_ref().map(|_| hits[p.after_qual - 1].end);
        let (nouns, next) = self.nouns_from(hits, p.after_qual, qual_end);
        p.nouns = nouns;
        p.next = next;
        // "a Peruvian fisheries official", "Danish customs officers": a nationality adjective, one or two
        // lower-case modifiers, then a role noun for people make one phrase.
        if p.nouns.is_empty()
            && let Some(qe) = qual_end
            && matches!(
                hits[p.after_qual - 1].what,
                What::Dict(Target::Entry {
                    form: Form::Adjective,
                    ..
                })
            )
            && let Some(h) = hits.get(p.after_qual)
            && let What::Dict(Target::Noun(n)) = h.what
            && matches!(
                self.dict().nouns[n as usize].kind,
                NounKind::Person | NounKind::Plural | NounKind::Title
            )
            && self.modifier_gap(qe, h.start)
        {
            let (nouns, next) = self.nouns_from(hits, p.after_qual, None);
            p.nouns = nouns;
            p.next = next;
        }
        // "Pentagon Civilian Personnel Office": a capitalised civilian noun that goes on with capitalised
        // words is part of a name after the qualifier, not a role of it.
        if p.qual.is_some()
            && let Some(&first) = p.nouns.first()
            && let What::Dict(Target::Noun(n)) = hits[first].what
            && matches!(self.dict().nouns[n as usize].role.as_deref(), None | Some("CVL"))
            && self.text[hits[first].start..].starts_with(char::is_uppercase)
            && self.text[hits[first].end..self.sentence_end]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
        {
            p.nouns.clear();
            p.next = p.after_qual;
        }
        // "Clinton spokesman Nick Merrill", "Trump's lawyer": the person just before gives the country.
        if p.qual.is_none()
            && !p.nouns.is_empty()
            && let Some(m) = self.mentions.last()
            && m.kind == MentionKind::Person
            && m.actor.country.is_some()
            && self.adjacent(m.end, hits[p.nouns[0]].start, true)
        {
            let country = m.actor.country.clone();
            // "the Obama administration", "the Assad regime": the leader's name only qualifies the
            // government, which is the one actor here.
            let gap = &self.text[m.end..hits[p.nouns[0]].start];
            if p.nouns.len() == 1
                && let What::Dict(Target::Noun(n)) = hits[p.nouns[0]].what
                && self
                    .dict()
                    .words
                    .has(List::LeaderBodies, &self.dict().nouns[n as usize].key)
                && !gap.contains(['\'', '’'])
            {
                p.start = m.start;
                self.unemit_last();
            }
            p.qual = Some(Actor {
                code: country.clone().unwrap_or_default(),
                country,
                ..Actor::default()
            });
        }
    }

    /// "a government-run newspaper", "Iranian-backed militias": the phrase describes what follows it.
    /// Returns the next hit when the phrase is such a modifier.
    fn modifier_phrase(&mut self, hits: &[Hit], i: usize, p: &Phrase) -> Option<usize> {
        let phrase_end = p
            .nouns
            .last()
            .map_or(hits[p.after_qual.max(i + 1) - 1].end, |&n| hits[n].end);
        let (len, owned) = modifier_compound(&self.dict().words, &self.text[phrase_end..self.sentence_end])?;
        // "a German government-run newspaper": the newspaper is German, with its own role. Run, owned or
        // controlled by a state: its own; backed or funded by it: somebody else's.
        let what = phrase_end + len + 1;
        if owned
            && let Some(q) = p.qual.as_ref().filter(|q| q.country.is_some() && q.org.is_none())
            && let Some(h) = hits
                .get(p.next)
                .filter(|h| h.start == what && self.text[phrase_end + len..].starts_with(' '))
            && let What::Dict(Target::Noun(n)) = h.what
            && let noun = &self.dict().nouns[n as usize]
            && noun.role.is_some()
            && let Some(actor) = compose_actor(
                Some(&Actor {
                    code: q.country.clone().unwrap_or_default(),
                    country: q.country.clone(),
                    ..Actor::default()
                }),
                noun,
                noun.role.as_deref(),
                false,
                None,
            )
        {
            let plural = noun.kind == NounKind::Plural;
            let kind = if noun.kind == NounKind::Body {
                MentionKind::Organization
            } else {
                MentionKind::Role
            };
            let key = EntityKey::Phrase(actor.code.clone(), noun.key.clone());
            let ent = self.entity(key.clone(), || {
                new_group(key, Some(actor.clone()), plural, entity_kind(noun.kind))
            });
            let gender = noun.gender;
            self.emit(p.start, h.end, actor, Resolution::Title, kind, ent, gender, plural);
            return Some(p.next + 1);
        }
        Some(p.next.max(i + 1))
    }

    /// A country, organisation or adjective alone.
    fn qualifier_alone(&mut self, hits: &[Hit], i: usize, p: Phrase) -> usize {
        let (Some(actor), Some(entry)) = (p.qual, p.qual_entry) else {
            return p.after_qual.max(i + 1);
        };
        let end = hits[p.after_qual - 1].end;
        let kind = match self.dict().entries[entry as usize].kind {
            EntryKind::Country => MentionKind::Country,
            _ if actor.country.is_some() && actor.role.is_none() && actor.org.is_none() => MentionKind::Country,
            _ => MentionKind::Organization,
        };
        let key = if actor.code == self.dict().entries[entry as usize].roles[0].actor.code {
            EntityKey::Entry(entry)
        } else {
            EntityKey::Phrase(actor.code.clone(), String::new())
        };
        let entity_kind = if kind == MentionKind::Country {
            EntityKind::Country
        } else {
            EntityKind::Organization
        };
        let ent = self.entity(key.clone(), || new_group(key, Some(actor.clone()), false, entity_kind));
        self.emit(p.start, end, actor, Resolution::Dictionary, kind, ent, None, false);
        if kind == MentionKind::Organization {
            // The organisation's own name ("Joint Chiefs of Staff" in "Ukraine's Joint Chiefs of Staff").
            let own = hits[p.after_qual - 1];
            let start = self.strip_article(own.start, end);
            self.org_aliases(ent, start, end);
        }
        p.after_qual
    }

    /// Role nouns with their qualifier: a title before a name, an apposition of the name before, a
    /// description of somebody named earlier, or a role phrase of its own.
    fn role_chain(&mut self, hits: &[Hit], i: usize, p: Phrase) -> usize {
        let noun = self.head_noun(hits, &p.nouns);
        let role = self.noun_role(hits, &p.nouns);
        // "Pentagon Civilian Personnel Office": a capitalised civilian noun inside a name is no title.
        let first_noun = hits[p.nouns[0]];
        if p.qual.is_none()
            && matches!(role.as_deref(), None | Some("CVL"))
            && self.text[first_noun.start..].starts_with(char::is_uppercase)
            && !self.is_sentence_initial(first_noun.start)
        {
            return p.next;
        }
        let prev = self.word_before(p.start);
        // "who heads the party", "which chairs the panel": a verb after a relative pronoun, not a group.
        if p.qual.is_none() && noun.kind == NounKind::Plural && prev.is_some_and(|(_, w)| matches!(w, "who" | "which"))
        {
            return p.next;
        }
        let head = Head {
            noun,
            role,
            former: prev.is_some_and(|(_, w)| w.eq_ignore_ascii_case("former") || w.eq_ignore_ascii_case("ex"))
                || self.text[self.sentence_start..p.start].ends_with("ex-"),
            indefinite: self.indefinite_before(p.start),
            start: first_noun.start,
            end: hits[*p.nouns.last().unwrap()].end,
        };
        let titled_kind = matches!(noun.kind, NounKind::Person | NounKind::Title);
        if titled_kind && let Some(name) = self.name_after(hits, p.next, head.end) {
            return self.title_and_name(hits, &p, &head, name);
        }
        // "Swedish energy giant Norvik", "state broadcaster KBC": a company or outlet named after its noun.
        if noun.kind == NounKind::Body
            && matches!(head.role.as_deref(), Some("BUS" | "MED"))
            && let Some(name) = self.name_after(hits, p.next, head.end)
            && name.entry.is_none()
            && let Some(next) = self.body_and_name(&p, &head, name)
        {
            return next;
        }
        // A title alone names nobody, unless "of X" follows ("the head of IS").
        if noun.kind == NounKind::Title
            && p.qual.is_none()
            && !hits
                .get(p.next)
                .is_some_and(|h| matches!(&self.text[head.end..h.start], " of " | " of the "))
        {
            return p.next;
        }
        if titled_kind && let Some(next) = self.apposition_before(hits, i, p.start, head.former) {
            return next;
        }
        if self.document_issued(&p, noun) {
            return p.next;
        }
        let (qual, end, j) = self.placed_group(hits, &p, &head);
        if let Some(next) = self.description(&p, &head, qual.as_ref(), end, j) {
            return next;
        }
        self.role_mention(hits, i, &p, &head, qual, end, j)
    }

    /// "a", "another", "one" before the phrase at `start`, perhaps across one or two lower-case modifiers
    /// ("a security official", "a senior police official"): somebody new, not a reference back.
    fn indefinite_before(&self, start: usize) -> bool {
        let mut at = start;
        for _ in 0..3 {
            let Some((s, w)) = self.word_before(at) else {
                return false;
            };
            if matches!(w, "a" | "an" | "A" | "An" | "another" | "Another" | "one" | "One") {
                return true;
            }
            if !w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') || self.dict().words.has(List::PhraseBreakers, w)
            {
                return false;
            }
            at = s;
        }
        false
    }

    /// "Foreign Minister Petro Kalyna (of Ukraine)": a title before a name.
    fn title_and_name(&mut self, hits: &[Hit], p: &Phrase, head: &Head, name: super::persons::NameSpan) -> usize {
        let noun = head.noun;
        let mut j = p.next + name.hits_used;
        let mut end = name.end;
        // "Foreign Minister Petro Kalyna of Ukraine": the country after the name.
        let mut qual = p.qual.clone();
        if qual.is_none()
            && noun.country.is_none()
            && let Some((actor, next, e)) = self.of_actor_after(hits, j, name.end, false)
        {
            qual = Some(actor);
            j = next;
            end = e;
        }
        // "President Hafez" with no surname: the given name of a dictionary person who holds that title is
        // that person; any other lone given name is too little to presume the article's country for.
        let written = &self.text[name.start..name.end];
        let lone_given =
            name.entry.is_none() && name.local.is_none() && !written.contains(' ') && self.is_given_name(written);
        if lone_given && let Some(entry) = self.titled_by_given_name(&self.text[name.start..name.end], &noun.key) {
            return self.given_name_person(entry, p.start, name.end, &noun.key, j);
        }
        // "Sen. Ana Reyes" after "the Philippine Senate": the legislature the article is about.
        if qual.is_none()
            && noun.country.is_some()
            && self.dict().words.has(List::ChamberTitles, &noun.key)
            && let Some(country) = self.latest_legislature_country()
        {
            qual = Some(Actor {
                code: country.clone(),
                country: Some(country),
                org: None,
                role: None,
                name: None,
            });
        }
        // "Oil ministry official Reza Karimi": the title's country is the sentence's, else the article's.
        // "former Prime Minister Peter Kamau": a former office holder of that country too.
        let state_title = person_context_role(head.role.as_deref()) || head.former || is_former_title(&noun.key);
        let ctx = if !lone_given && qual.is_none() && noun.country.is_none() && state_title {
            self.context_country()
                .or_else(|| self.context.main().map(str::to_string))
        } else {
            None
        };
        let titled = compose_actor(qual.as_ref(), noun, head.role.as_deref(), head.former, ctx.as_deref());
        let phrase = RolePhrase {
            actor: titled.clone(),
            title: Some(noun.key.clone()),
            gender: noun.gender,
            explicit: titled.is_some() && qual.is_some(),
            former: head.former,
            singular: true,
        };
        if let Some(entry) = name.entry {
            return self.known_person(hits, j - 1, entry, p.start, Some(phrase));
        }
        if let Some(ent) = name.local {
            self.name_seen(ent, name.start, name.end);
            let (actor, gender) = (self.entities[ent].actor.clone(), self.entities[ent].gender);
            if let Some(actor) = actor.or(titled) {
                self.emit(
                    p.start,
                    name.end,
                    actor,
                    Resolution::Coreference,
                    MentionKind::Person,
                    ent,
                    gender,
                    false,
                );
            }
            return j;
        }
        let ent = self.unknown_person((name.start, name.end), titled, Some(noun.key.clone()), noun.gender);
        self.emit_person(ent, p.start, end, Resolution::Title);
        self.apposition_after(hits, j, end, ent)
    }

    /// A company or outlet whose name follows its noun: one organisation mention over the phrase, and an
    /// entity under the name, so that the name alone refers to it later. None when the phrase gives no
    /// country ("a tech giant Norvik" in an article about nowhere).
    fn body_and_name(&mut self, p: &Phrase, head: &Head, name: super::persons::NameSpan) -> Option<usize> {
        let next = p.next + name.hits_used;
        if let Some(ent) = name.local {
            let actor = self.entities[ent].actor.clone()?;
            self.emit(
                p.start,
                name.end,
                actor,
                Resolution::Coreference,
                MentionKind::Organization,
                ent,
                None,
                false,
            );
            return Some(next);
        }
        let ctx = if p.qual.is_none() && head.noun.country.is_none() {
            self.context_country()
        } else {
            None
        };
        let mut actor = compose_actor(p.qual.as_ref(), head.noun, head.role.as_deref(), false, ctx.as_deref())?;
        let ent = self.unknown_person((name.start, name.end), Some(actor.clone()), None, None);
        let rec = &mut self.entities[ent];
        rec.person = false;
        rec.named_by_noun = true;
        rec.kind = EntityKind::Organization;
        rec.gender = None;
        actor.name = Some(rec.name.clone());
        let via = if p.qual.is_some() {
            Resolution::Title
        } else {
            Resolution::Context
        };
        self.emit(
            p.start,
            name.end,
            actor,
            via,
            MentionKind::Organization,
            ent,
            None,
            false,
        );
        Some(next)
    }

    /// "officials in Seoul", "diplomats in Moscow": a group placed in a country or its capital is of that
    /// country. "ministers of Germany", "the head of IS", "troops from Chad": of that country or group.
    /// Returns the qualifier, the phrase end and the next hit.
    fn placed_group(&mut self, hits: &[Hit], p: &Phrase, head: &Head) -> (Option<Actor>, usize, usize) {
        let (mut qual, mut end, mut j) = (p.qual.clone(), head.end, p.next);
        let noun = head.noun;
        if qual.is_some() || noun.country.is_some() {
            return (qual, end, j);
        }
        // Only state roles: "settlers in the West Bank" or "troops in Syria" are often foreigners.
        // Civilians and opposition placed there are its people ("demonstrators in Baghdad"), except
        // visitors and settlers.
        // State bodies placed there are its own too ("authorities in Gibraltar", "police in Lagos").
        let state_role = matches!(head.role.as_deref(), Some("GOV" | "COP" | "JUD" | "LEG"));
        let placeable = !head.indefinite
            && (noun.kind == NounKind::Plural
                && (state_role
                    || matches!(head.role.as_deref(), Some("CVL" | "OPP"))
                        && !self.dict().words.has(List::VisitorNouns, &noun.key))
                || noun.kind == NounKind::Body && state_role);
        // A town the actor dictionaries do not name, from the gazetteer: where a group is ("police in
        // Mombasa"), or where a person comes from ("a missionary from Calgary", "a nurse from Lyon": people
        // are introduced by their home town, which says their country).
        let rest = &self.text[end..self.sentence_end];
        let town_at = if rest.starts_with(" in ") && placeable {
            Some(end + 4)
        } else if rest.starts_with(" from ") && noun.kind != NounKind::Body {
            Some(end + 6)
        } else {
            None
        };
        if let Some(at) = town_at
            && qual.is_none()
            && hits.get(j).is_none_or(|h| h.start != at)
            && let Some((country, e)) = self.town_after(at)
        {
            let next = hits[j..]
                .iter()
                .position(|h| h.start >= e)
                .map_or(hits.len(), |k| j + k);
            let actor = Actor {
                code: country.clone(),
                country: Some(country),
                ..Actor::default()
            };
            return (Some(actor), e, next);
        }
        let Some(h) = hits.get(j) else {
            return (qual, end, j);
        };
        let gap = &self.text[end..h.start];
        let placed = gap == " in " && placeable;
        let of = matches!(gap, " of " | " from " | " of the " | " from the ")
            || noun.kind == NounKind::Body && matches!(gap, " by " | " by the ");
        if (placed || of)
            && let Some((place, next, e)) = self.of_actor_after(hits, j, end, true)
            && (place.org.is_some() || place.country.is_some())
        {
            // A capital after "in" is the place, not its government; "by the Pentagon" keeps the body.
            qual = Some(if !placed || place.org.is_some() {
                place
            } else {
                let country = place.country.unwrap_or_default();
                Actor {
                    code: country.clone(),
                    country: Some(country),
                    ..Actor::default()
                }
            });
            end = e;
            j = next;
        }
        (qual, end, j)
    }

    /// A town, city or region of the gazetteer named at `at` (one to three capitalised words): its country
    /// and the name's end. Of several places with the name, the most populous; a name that is also a common
    /// word ("Reading") does not count.
    fn town_after(&self, at: usize) -> Option<(String, usize)> {
        let gaz = self.gazetteer?;
        let rest = &self.text[at..self.sentence_end];
        let mut ends = Vec::new();
        let mut pos = 0;
        for w in rest.split(' ').take(3) {
            let word = w.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '”', '\'']);
            if !word.starts_with(char::is_uppercase) {
                break;
            }
            ends.push(pos + word.len());
            if word.len() < w.len() {
                break;
            }
            pos += w.len() + 1;
        }
        ends.into_iter().rev().find_map(|len| {
            let place = gaz
                .lookup(&rest[..len])
                .iter()
                .map(|r| gaz.place(r.place))
                .filter(|p| {
                    !p.word
                        && !p.country.is_empty()
                        && matches!(
                            p.feature,
                            Feature::City | Feature::Capital | Feature::Admin1 | Feature::Region
                        )
                })
                .max_by_key(|p| p.population)?;
            Some((place.country.to_string(), at + len))
        })
    }

    /// A description of somebody or something named earlier: a singular title ("the spokesman", "the
    /// Kremlin leader", "the former president"), a body noun ("the department" for "the State
    /// Department"), a document ("the statement" for whoever issued it) or an outlet noun ("the news
    /// agency"). Returns the next hit when it is one.
    fn description(&mut self, p: &Phrase, head: &Head, qual: Option<&Actor>, end: usize, j: usize) -> Option<usize> {
        let noun = head.noun;
        let words = &self.dict().words;
        let titled_kind = matches!(noun.kind, NounKind::Person | NounKind::Title);
        let refers = || self.definite_reference(p.start, end) || self.speaking_subject(end);
        let target = if titled_kind && !head.indefinite {
            let composed = compose_actor(qual, noun, head.role.as_deref(), head.former, None);
            // The role words as written, from the first noun to the head: "chief minister".
            let written = self.text[head.start..head.end].to_lowercase();
            self.title_antecedent(noun, composed.as_ref(), head.former, &written)
        } else if noun.kind == NounKind::Body && qual.is_none() && !head.indefinite {
            let phrase = self.text[p.start..end].to_lowercase();
            let single = p.nouns.len() == 1;
            if single && words.has(List::DocumentNouns, &noun.key) && refers() {
                // The issuer, else the latest such document named ("a statement … the statement"); from
                // now on the issuer of "the statement" (see `document_issued`).
                let issuer = self
                    .issuers
                    .get(&noun.key)
                    .copied()
                    .or_else(|| self.named_body(&noun.key).map(|m| m.entity - 1))
                    .or(self.last_issuer);
                if let Some(issuer) = issuer {
                    self.issuers.entry(noun.key.clone()).or_insert(issuer);
                }
                issuer
            } else if (words.has(List::OutletNouns, &noun.key) || words.has(List::OutletNouns, &phrase)) && refers() {
                self.latest_outlet()
            } else if single && !words.has(List::GenericBodies, &noun.key) && refers() {
                self.named_body(&noun.key).map(|m| m.entity - 1)
            } else {
                None
            }
        } else {
            None
        }?;
        let rec = &self.entities[target];
        let kind = if rec.person || rec.kind == EntityKind::Person {
            MentionKind::Role
        } else {
            MentionKind::Organization
        };
        match rec.actor.clone() {
            Some(actor) => {
                let gender = rec.gender;
                self.emit(
                    p.start,
                    end,
                    actor,
                    Resolution::Coreference,
                    kind,
                    target,
                    gender,
                    false,
                )
            }
            None => self.track(target, p.start, end),
        }
        Some(j)
    }

    /// "X said in a statement": the document's issuer is the subject of the sentence, whom a later "the
    /// statement said" refers to. Returns whether the phrase is such a document (no mention of its own).
    fn document_issued(&mut self, p: &Phrase, noun: &Noun) -> bool {
        if !self.dict().words.has(List::DocumentNouns, &noun.key) {
            return false;
        }
        let Some((s, w)) = self.word_before(p.start) else {
            return false;
        };
        let (before_at, before_det) = if matches!(
            w.to_ascii_lowercase().as_str(),
            "a" | "an" | "the" | "its" | "their" | "his" | "her" | "new" | "joint"
        ) {
            match self.word_before(s) {
                Some((s2, w2)) => (s2, Some(w2)),
                None => (s, None),
            }
        } else {
            (s, Some(w))
        };
        // "said in a statement", "issued a statement".
        if !before_det.is_some_and(|w| {
            w.eq_ignore_ascii_case("in") || matches!(w, "issued" | "released" | "published" | "posted" | "sent")
        }) {
            return false;
        }
        // "the groups mentioned in the cable", "the firms named in the report": what the document is about,
        // not who issued it.
        if let Some((_, verb)) = self.word_before(before_at)
            && self.dict().words.has(List::ContentVerbs, verb)
        {
            return false;
        }
        // "Kenya, in the statement, commits to": a definite document is the one introduced before, whose issuer
        // stays (a broader name of the issuer, or somebody who cites it, does not take it over).
        let definite = w.eq_ignore_ascii_case("the")
            || self.text[p.start..]
                .get(..4)
                .is_some_and(|t| t.eq_ignore_ascii_case("the "));
        if definite && self.issuers.contains_key(&noun.key) {
            return true;
        }
        let subject = self
            .occurrences
            .iter()
            .rev()
            .take(64)
            .take_while(|o| o.sentence == self.sentence)
            .find(|o| o.salience > 0 && !o.quoted && o.start < p.start)
            .map(|o| o.entity);
        match subject {
            Some(issuer) => {
                self.issuers.insert(noun.key.clone(), issuer);
                self.last_issuer = Some(issuer);
            }
            // "In a statement, the ministry said": the subject comes after the adjunct.
            None if before_det.is_some_and(|w| w.eq_ignore_ascii_case("in")) => {
                self.pending_document = Some((noun.key.clone(), p.start));
            }
            None => {}
        }
        true
    }

    /// A role phrase of its own: "Russian officials", "a Ukrainian soldier", "the government".
    #[allow(clippy::too_many_arguments)]
    fn role_mention(
        &mut self,
        hits: &[Hit],
        i: usize,
        p: &Phrase,
        head: &Head,
        qual: Option<Actor>,
        end: usize,
        j: usize,
    ) -> usize {
        let noun = head.noun;
        let unqualified = qual.is_none() && noun.country.is_none();
        let group = unqualified
            && self.context_group(noun, head.role.as_deref())
            && (noun.kind != NounKind::Body || self.heads_its_phrase(end));
        // A country from the context gives way to the group introduced just before (it corrects a country;
        // it never makes a mention where the context has none).
        let introduced = |ctx: Option<String>| {
            ctx.map(|c| {
                unqualified
                    .then(|| self.introduced_country(head.role.as_deref()))
                    .flatten()
                    .unwrap_or(c)
            })
        };
        if unqualified && let Some(at) = self.identity_group(p.start, head.role.as_deref()) {
            // Tracked without an actor: "they" after it is the group, not a force named before.
            let key = EntityKey::Name(self.text[at..end].to_lowercase());
            let plural = noun.kind == NounKind::Plural;
            let ent = self.entity(key.clone(), || new_group(key, None, plural, entity_kind(noun.kind)));
            self.track(ent, at, end);
            return j;
        }
        let ctx = if group {
            introduced(self.group_country(head.role.as_deref()))
        } else if unqualified && context_role(head.role.as_deref()) {
            introduced(self.context_country())
        } else {
            None
        };
        let Some(actor) = compose_actor(qual.as_ref(), noun, head.role.as_deref(), head.former, ctx.as_deref()) else {
            return j;
        };
        if unqualified
            && (ctx.is_none()
                || !(group
                    || self.definite_reference(p.start, end)
                    // "officials said", "a security official said", "according to a soldier": a role
                    // noun that speaks is someone of the context's country, with or without "the" (one
                    // person with a verb in a finite form: "an official protest" is no speaker).
                    || self.speaking_subject(end)
                        && (matches!(noun.kind, NounKind::Plural | NounKind::Body) || self.finite_verb_after(end))
                    || self.attributed(p.start))
                // "in the report", "on the statement": a body named as a place or topic is no actor.
                || noun.kind == NounKind::Body && self.after_place_preposition(p.start))
        {
            return j;
        }
        // The country came from the context: say so.
        let via = if unqualified {
            Resolution::Context
        } else {
            Resolution::Title
        };
        let plural = noun.kind == NounKind::Plural;
        let kind = if noun.kind == NounKind::Body {
            MentionKind::Organization
        } else {
            MentionKind::Role
        };
        let start = if p.start == hits[i].start && qual.is_none() {
            hits[p.nouns[0]].start
        } else {
            p.start
        };
        if plural && qual.as_ref().is_some_and(|q| q.country.is_some() && q.org.is_none()) {
            self.coordinated_qualifiers(start, head);
        }
        let key = EntityKey::Phrase(actor.code.clone(), noun.key.clone());
        let ent = self.entity(key.clone(), || {
            new_group(
                key,
                Some(actor.clone()),
                plural || noun.kind == NounKind::Body,
                entity_kind(noun.kind),
            )
        });
        self.emit(start, end, actor, via, kind, ent, noun.gender, plural);
        j
    }

    /// "the Dutch and Belgian governments", "British, French and German officials": the countries listed
    /// before the qualifier of a plural role noun share it. Their country mentions, the latest ones, ending
    /// right before ", " or " and ", become mentions of that role.
    fn coordinated_qualifiers(&mut self, start: usize, head: &Head) {
        let mut at = start;
        let mut listed: Vec<(usize, usize, Actor)> = Vec::new();
        for _ in 0..4 {
            let Some(m) = self.mentions.get(self.mentions.len().wrapping_sub(1 + listed.len())) else {
                break;
            };
            let gap = &self.text[m.end.min(at)..at];
            let joins = if listed.is_empty() {
                matches!(gap, " and " | " or " | ", and " | ", or ")
            } else {
                gap == ", "
            };
            if !joins || m.kind != MentionKind::Country || m.actor.role.is_some() || m.actor.org.is_some() {
                break;
            }
            listed.push((m.start, m.end, m.actor.clone()));
            at = m.start;
        }
        if listed.is_empty() {
            return;
        }
        for _ in 0..listed.len() {
            self.unemit_last();
        }
        let noun = head.noun;
        for (s, e, country) in listed.into_iter().rev() {
            let Some(actor) = compose_actor(Some(&country), noun, head.role.as_deref(), head.former, None) else {
                continue;
            };
            let key = EntityKey::Phrase(actor.code.clone(), noun.key.clone());
            let ent = self.entity(key.clone(), || {
                new_group(key, Some(actor.clone()), true, entity_kind(noun.kind))
            });
            self.emit(
                s,
                e,
                actor,
                Resolution::Title,
                MentionKind::Role,
                ent,
                noun.gender,
                true,
            );
        }
    }

    /// A group that takes the country of the article when none is named: people in the plural with a role
    /// ("protesters", "rebels", "settlers", "officials", "lawmakers"), and the police or army without
    /// "the" ("riot police fired"); not groups often foreign where they are ("tourists", "diplomats").
    fn context_group(&self, noun: &Noun, role: Option<&str>) -> bool {
        let group = match noun.kind {
            NounKind::Plural => role.is_some(),
            NounKind::Body => matches!(role, Some("COP" | "MIL")),
            _ => false,
        };
        group && !self.dict().words.has(List::NoContextNouns, &noun.key)
    }

    /// An armed group named by a people or faith that spans borders ("Kurdish fighters", "Shiite
    /// militiamen"; `identity_adjectives`): the adjective says who they are, and the country the sentence
    /// before names (often the side that fights them) would misstate it. Such a group has no country unless
    /// a place or a dictionary entry gives one.
    /// Returns where the adjective starts.
    fn identity_group(&self, start: usize, role: Option<&str>) -> Option<usize> {
        if !matches!(role, Some("MIL" | "REB")) {
            return None;
        }
        let (at, w) = self.word_before(start)?;
        self.dict().words.has(List::IdentityAdjectives, w).then_some(at)
    }

    /// The country of the group of this role that the article introduced with its country ("Israeli
    /// soldiers … a soldier shouted"): newswriting names a force or a crowd once with its nationality
    /// and then by its noun alone, while the sentences in between may name other countries. Within a few
    /// sentences only: further on, the story may have moved to another force.
    /// A country named earlier in the same sentence ("In Syria, government troops …") is nearer still and
    /// keeps the context's reading.
    fn introduced_country(&self, role: Option<&str>) -> Option<String> {
        const WITHIN: usize = 3;
        let (country, at) = self.introduced.get(role?)?;
        let other_named_here = self
            .mentions
            .iter()
            .rev()
            .take(8)
            .take_while(|m| m.start >= self.sentence_start)
            .any(|m| m.kind == MentionKind::Country && m.actor.country.as_ref() != Some(country));
        (self.sentence <= at + WITHIN && !other_named_here).then(|| country.clone())
    }

    /// The country of a group without one: the article's for civilians, protesters and rebels (the people
    /// of the place the story is about); the sentence's, else the article's, for state roles.
    fn group_country(&self, role: Option<&str>) -> Option<String> {
        if matches!(role, Some("CVL" | "OPP" | "REB" | "REF"))
            && let Some(main) = self.context.main()
        {
            return Some(main.to_string());
        }
        self.context_country()
    }

    /// An optional qualifier, role nouns, and (for appositions) "at/of/for ORG", starting at hit `j` which
    /// must begin at `pos`. Returns the phrase, the next hit index, and the phrase end.
    pub(super) fn role_phrase(
        &mut self,
        hits: &[Hit],
        j: usize,
        pos: usize,
        apposition: bool,
    ) -> Option<(RolePhrase, usize, usize)> {
        let first = hits.get(j)?;
        if first.start != pos {
            return None;
        }
        let mut k = j;
        let mut qual: Option<Actor> = None;
        if let What::Dict(Target::Entry {
            entry,
            form: Form::Name | Form::Adjective,
        }) = first.what
            && self.dict().entries[entry as usize].kind != EntryKind::Person
        {
            qual = self.entry_actor(entry, first);
            k += 1;
        }
        let (nouns, k2) = self.nouns_from(hits, k, if qual.is_some() { Some(hits[j].end) } else { None });
        let &last = nouns.last()?;
        let mut end = hits[last].end;
        let mut k = k2;
        let noun = self.head_noun(hits, &nouns);
        let role = self.noun_role(hits, &nouns);
        let mut actor = compose_actor(qual.as_ref(), noun, role.as_deref(), false, None);
        if apposition {
            // "… at the International Crisis Group", "… of Ukraine's army".
            let rest = &self.text[end..self.sentence_end];
            let trimmed = rest.trim_start();
            for prep in ["at ", "of ", "for ", "with ", "from ", "in "] {
                let Some(after) = trimmed.strip_prefix(prep) else {
                    continue;
                };
                let mut p = end + (rest.len() - after.len());
                p = self.skip_space(p);
                if let Some(h) = hits.get(k)
                    && (h.start == p || self.text[p..h.start].trim() == "the")
                    && let What::Dict(Target::Entry {
                        entry,
                        form: Form::Name | Form::Adjective,
                    }) = h.what
                    && self.dict().entries[entry as usize].kind != EntryKind::Person
                    && let Some(org) = self.entry_actor(entry, h)
                {
                    // "… of the UK Independence Party": the organisation may go on with its own nouns.
                    let (org_nouns, after_nouns) = self.nouns_from(hits, k + 1, Some(h.end));
                    if org_nouns.is_empty() {
                        actor = if org.country.is_some() && org.org.is_none() && org.role.is_none() {
                            compose_actor(Some(&org), noun, role.as_deref(), false, None)
                        } else {
                            Some(org)
                        };
                        end = h.end;
                        k += 1;
                    } else {
                        let org_noun = self.head_noun(hits, &org_nouns);
                        let org_role = self.noun_role(hits, &org_nouns);
                        actor = compose_actor(Some(&org), org_noun, org_role.as_deref(), false, None);
                        end = hits[*org_nouns.last().unwrap()].end;
                        k = after_nouns;
                    }
                }
                break;
            }
        }
        let explicit = actor.is_some() && (qual.is_some() || noun.country.is_some() || end > hits[last].end);
        // "Reza Karimi, a government spokesman,": a state title without a country is the context's.
        if apposition && actor.is_none() && context_role(role.as_deref()) {
            let ctx = self
                .context_country()
                .or_else(|| self.context.main().map(str::to_string));
            actor = compose_actor(None, noun, role.as_deref(), false, ctx.as_deref());
        }
        Some((
            RolePhrase {
                explicit,
                actor,
                title: Some(noun.key.clone()),
                gender: noun.gender,
                former: false,
                singular: matches!(noun.kind, NounKind::Person | NounKind::Title),
            },
            k,
            end,
        ))
    }

    /// "…, the Pentagon budget director,", "…, the Kremlin Energy Policy Council secretary said": an
    /// organisation or country, a few words that are no role nouns, then a one-person title. The title
    /// belongs to the organisation named first.
    pub(super) fn loose_role_phrase(
        &mut self,
        hits: &[Hit],
        j: usize,
        pos: usize,
    ) -> Option<(RolePhrase, usize, usize)> {
        let first = hits.get(j)?;
        let What::Dict(Target::Entry {
            entry,
            form: Form::Name | Form::Adjective,
        }) = first.what
        else {
            return None;
        };
        // The dictionary's "the Pentagon" starts at the article the caller skipped.
        let at_pos =
            first.start == pos || first.start < pos && self.text[first.start..pos].trim().eq_ignore_ascii_case("the");
        if !at_pos || self.dict().entries[entry as usize].kind == EntryKind::Person {
            return None;
        }
        // Capitalised nouns inside a name ("Energy Council") may come before the title.
        let mut t = j + 1;
        let (title_hit, noun) = loop {
            let h = hits.get(t)?;
            let What::Dict(Target::Noun(n)) = h.what else {
                return None;
            };
            let noun = &self.dict().nouns[n as usize];
            if matches!(noun.kind, NounKind::Person | NounKind::Title) {
                break (*h, noun);
            }
            if !self.text[h.start..].starts_with(char::is_uppercase) {
                return None;
            }
            t += 1;
        };
        let gap = &self.text[first.end..title_hit.start];
        if gap.split_whitespace().count() > 4 || !gap.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-') {
            return None;
        }
        let qual = self.entry_actor(entry, first)?;
        let actor = compose_actor(Some(&qual), noun, noun.role.as_deref(), false, None);
        Some((RolePhrase::qualified(actor, noun), t + 1, title_hit.end))
    }

    /// An apposition the stricter readings cannot take apart: "…, long an aide to President Ana Ruiz,",
    /// "…, spokesman for a small Kenyan aid group,", "…, a longtime member of the energy panel in
    /// Peru's congress,". Its person noun or title (among its first words) gives the title; the first
    /// country or organisation it names, or the country of a person it names, qualifies it. The look
    /// stops where a clause starts inside it ("…, a lawyer for a man killed by police,": not the police's).
    /// Returns the phrase, the next hit and the phrase's end.
    pub(super) fn scanned_role_phrase(
        &mut self,
        hits: &[Hit],
        j: usize,
        pos: usize,
    ) -> Option<(RolePhrase, usize, usize)> {
        const MAX_WORDS: usize = 16;
        const NOUN_WITHIN: usize = 8;
        let rest = &self.text[pos..self.sentence_end];
        let mut len = rest
            .find([',', ';', '—', '–', '(', '"', '“', '”'])
            .unwrap_or(rest.len());
        // A reporting verb ends it too ("…, the agency's director said the …"); whether that closes the
        // apposition is the caller's question.
        let mut at = 0;
        for w in rest[..len].split(' ') {
            if at > 0 && self.rec.speech.is_reporting(w.trim_end_matches(['.', '!', '?'])) {
                len = at;
                break;
            }
            at += w.len() + 1;
        }
        let phrase = rest[..len].trim_end();
        // Too long to be one role, or a list of several ("a panel chair and friend").
        if phrase.split_whitespace().count() > MAX_WORDS || phrase.split(' ').any(|w| matches!(w, "and" | "or")) {
            return None;
        }
        let end = pos + phrase.len();
        let stop = self.clause_inside(hits, j, pos, end);
        let mut noun = None;
        let mut qual: Option<(Actor, usize)> = None;
        let mut k = j;
        while let Some(&h) = hits.get(k) {
            if h.start >= end {
                break;
            }
            k += 1;
            // "the White House" may start at the article the caller stepped over.
            if h.end <= pos || h.start >= stop {
                continue;
            }
            // A capitalised noun before another capitalised word is part of a name ("Civilian Personnel Office").
            let in_name = self.text[h.start..].starts_with(char::is_uppercase)
                && self
                    .text
                    .get(h.end..stop)
                    .and_then(|r| r.strip_prefix(' '))
                    .is_some_and(|r| r.starts_with(char::is_uppercase));
            match h.what {
                What::Dict(Target::Noun(n))
                    if noun.is_none()
                        && !in_name
                        && self.text[pos..h.start.max(pos)].split_whitespace().count() < NOUN_WITHIN
                        && matches!(self.dict().nouns[n as usize].kind, NounKind::Person | NounKind::Title) =>
                {
                    noun = Some(n);
                }
                What::Dict(Target::Entry {
                    entry,
                    form: Form::Name | Form::Adjective,
                }) if qual.is_none() => {
                    let person = self.dict().entries[entry as usize].kind == EntryKind::Person;
                    qual = self
                        .entry_actor(entry, &h)
                        .map(|a| (if person { country_only(a) } else { a }, k));
                }
                _ => {}
            }
        }
        let noun = &self.dict().nouns[noun? as usize];
        let (qual, at) = qual?;
        // "the head of a Kenyan aid group": the body the qualifier names is the person's actor.
        let (body, _) = self.nouns_from(hits, at, Some(hits[at - 1].end));
        let body_noun = (!body.is_empty()).then(|| self.head_noun(hits, &body));
        let actor = match body_noun {
            Some(body_noun) if body_noun.kind == NounKind::Body => {
                let body_role = self.noun_role(hits, &body);
                compose_actor(Some(&qual), body_noun, body_role.as_deref(), false, None)
            }
            _ => compose_actor(Some(&qual), noun, noun.role.as_deref(), false, None),
        };
        Some((RolePhrase::qualified(actor, noun), k, end))
    }

    /// Where a clause starts inside [pos, end): a relative or subordinating word, or a participle that is
    /// no part of a dictionary phrase ("killed", "running"); one right after a determiner is an adjective
    /// ("a leading", "the ruling"). `end` when none does.
    fn clause_inside(&self, hits: &[Hit], j: usize, pos: usize, end: usize) -> usize {
        let mut at = pos;
        let mut previous = "";
        for w in self.text[pos..end].split(' ') {
            let start = at;
            at += w.len() + 1;
            let lower = w.len() > 4 && w.starts_with(|c: char| c.is_ascii_lowercase());
            let determined = matches!(previous, "a" | "an" | "the" | "its" | "their" | "his" | "her");
            previous = w;
            let participle = lower && !determined && (w.ends_with("ed") || w.ends_with("ing"));
            let in_hit = hits[j..]
                .iter()
                .take_while(|h| h.start < end)
                .any(|h| h.start <= start && start < h.end);
            let subordinate = matches!(
                w,
                "who" | "whom" | "whose" | "which" | "that" | "when" | "after" | "since"
            );
            if subordinate || participle && !in_hit {
                return start;
            }
        }
        end
    }

    /// Consecutive role-noun hits from `k` ("army general"); `after` is the end of a qualifier before them.
    pub(super) fn nouns_from(&self, hits: &[Hit], mut k: usize, after: Option<usize>) -> (Vec<usize>, usize) {
        let mut nouns = Vec::new();
        let mut prev_end = after;
        while let Some(h) = hits.get(k) {
            let What::Dict(Target::Noun(_)) = h.what else { break };
            if let Some(pe) = prev_end
                && !self.adjacent(pe, h.start, nouns.is_empty())
                && !(nouns.is_empty() && self.department_gap(pe, h.start))
            {
                break;
            }
            nouns.push(k);
            prev_end = Some(h.end);
            k += 1;
        }
        (nouns, k)
    }

    /// "Philippine Foreign Affairs Secretary", "Gibraltar's Chief Minister": one to three capitalised
    /// words (a department, a rank, a party) between a qualifier and its title noun, which must start with a
    /// capital too unless a possessive precedes. Given names are not such words (they start a name).
    pub(super) fn department_gap(&self, end: usize, start: usize) -> bool {
        if start <= end {
            return false;
        }
        let gap = &self.text[end..start];
        let after_possessive = gap.strip_prefix("'s").or_else(|| gap.strip_prefix("’s"));
        // "Nicaragua's Sandinista government": after a possessive the noun may be lower case.
        if after_possessive.is_none() && !self.text[start..].starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        let gap = after_possessive.unwrap_or(gap);
        let Some(words) = gap.strip_prefix(' ').and_then(|g| g.strip_suffix(' ')) else {
            return false;
        };
        let mut n = 0;
        for w in words.split(' ') {
            n += 1;
            if n > 3
                || !w.starts_with(|c: char| c.is_ascii_uppercase())
                || !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'&')
                || self.is_given_name(w)
            {
                return false;
            }
        }
        true
    }

    /// One or two lower-case words between a nationality and a role noun that modify the noun ("forensics"
    /// in "a Peruvian forensics official"): letters and hyphens only, none a word that ends a phrase.
    fn modifier_gap(&self, end: usize, start: usize) -> bool {
        let Some(gap) = self
            .text
            .get(end..start)
            .and_then(|g| g.strip_prefix(' '))
            .and_then(|g| g.strip_suffix(' '))
        else {
            return false;
        };
        let words = &self.dict().words;
        let mut n = 0;
        gap.split(' ').all(|w| {
            n += 1;
            n <= 2
                && !w.is_empty()
                && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !words.has(List::PhraseBreakers, w)
        })
    }

    pub(super) fn head_noun(&self, hits: &[Hit], nouns: &[usize]) -> &'a Noun {
        let What::Dict(Target::Noun(n)) = hits[*nouns.last().unwrap()].what else {
            unreachable!()
        };
        &self.dict().nouns[n as usize]
    }

    /// The role of a noun group: the head's, else the first modifier's that has one.
    pub(super) fn noun_role(&self, hits: &[Hit], nouns: &[usize]) -> Option<String> {
        let head = self.head_noun(hits, nouns);
        if head.role.is_some() {
            return head.role.clone();
        }
        nouns.iter().rev().find_map(|&k| match hits[k].what {
            What::Dict(Target::Noun(n)) => self.dict().nouns[n as usize].role.clone(),
            _ => None,
        })
    }

    /// " of Ukraine" right after `pos`, when hit `j` is that country: its actor, the next hit, the end.
    /// `checked`: the caller accepted the gap already (" in Seoul", " by the ministry").
    pub(super) fn of_actor_after(
        &mut self,
        hits: &[Hit],
        j: usize,
        pos: usize,
        checked: bool,
    ) -> Option<(Actor, usize, usize)> {
        let h = hits.get(j)?;
        let gap = &self.text[pos..h.start];
        if !(checked || matches!(gap, " of " | " from " | " of the " | " from the ")) {
            return None;
        }
        let What::Dict(Target::Entry {
            entry,
            form: Form::Name,
        }) = h.what
        else {
            return None;
        };
        if self.dict().entries[entry as usize].kind == EntryKind::Person {
            return None;
        }
        let actor = self.entry_actor(entry, h)?;
        Some((actor, j + 1, h.end))
    }
}

/// The actor of a role phrase: qualifier + noun role ("Russian" + "officials" → RUSGOV).
pub(super) fn compose_actor(
    qual: Option<&Actor>,
    noun: &Noun,
    role: Option<&str>,
    former: bool,
    context: Option<&str>,
) -> Option<Actor> {
    let noun_role = if former { Some("ELI") } else { role };
    match qual {
        Some(q) if q.country.is_some() && q.org.is_none() => {
            let country = q.country.clone().unwrap();
            // A body with its own role keeps it for generic government nouns ("Pentagon spokesman" → MIL).
            let role = match (q.role.as_deref(), noun_role) {
                (Some(qr), Some("GOV") | None) => Some(qr.to_string()),
                (_, Some(r)) => Some(r.to_string()),
                (qr, None) => qr.map(str::to_string),
            };
            Some(Actor {
                code: format!("{country}{}", role.as_deref().unwrap_or("")),
                country: Some(country),
                org: None,
                role,
                name: None,
            })
        }
        Some(q) => Some(Actor {
            name: None,
            ..q.clone()
        }),
        None => {
            let country = noun.country.as_deref().or(context)?;
            Some(Actor {
                code: format!("{country}{}", noun_role.unwrap_or("")),
                country: Some(country.to_string()),
                org: None,
                role: noun_role.map(str::to_string),
                name: None,
            })
        }
    }
}

/// A former office holder: the country's elite (an organisation keeps its code).
/// A person's country, without their role: what "an adviser to President Ana Ruiz" takes from her.
fn country_only(actor: Actor) -> Actor {
    match actor.country {
        Some(c) => Actor {
            code: c.clone(),
            country: Some(c),
            ..Actor::default()
        },
        None => actor,
    }
}

pub(super) fn elite(mut actor: Actor) -> Actor {
    if actor.org.is_none()
        && let Some(c) = &actor.country
    {
        actor.code = format!("{c}ELI");
        actor.role = Some("ELI".into());
    }
    actor
}

/// The length of the suffix that makes an actor phrase a modifier ("-run", "-backed" …) at the start of
/// `rest`, the text right after the phrase, and whether the suffix makes what follows the actor's own
/// ("-run", "-owned").
fn modifier_compound(words: &Words, rest: &str) -> Option<(usize, bool)> {
    // "Turkish state-run": the word "state" may stand between the country and the suffix.
    let (skipped, rest) = match rest.strip_prefix(" state") {
        Some(r) => (" state".len(), r),
        None => (0, rest),
    };
    let suffix = words.items(List::ModifierSuffixes).iter().find(|s| {
        rest.strip_prefix(s.as_str())
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })?;
    Some((skipped + suffix.len(), words.has(List::OwnerSuffixes, suffix)))
}

/// What a role noun names: one person ("a Ukrainian soldier"), a group ("officials"), a body.
fn entity_kind(noun: NounKind) -> EntityKind {
    match noun {
        NounKind::Person | NounKind::Title => EntityKind::Person,
        NounKind::Plural => EntityKind::Group,
        NounKind::Body => EntityKind::Organization,
    }
}

/// Roles a named person's title takes the context's country for: the state's, and the opposition's
/// ("opposition leader Ewa Nowicka" in an article about Poland leads Poland's opposition).
pub(super) fn person_context_role(role: Option<&str>) -> bool {
    context_role(role) || role == Some("OPP")
}

/// "former president", "ex prime minister": a title of the dictionary that says the office was held before.
pub(super) fn is_former_title(key: &str) -> bool {
    key.starts_with("former ") || key.starts_with("ex ")
}

/// Roles for which a bare noun takes the country of the context ("the government", "the army").
pub(super) fn context_role(role: Option<&str>) -> bool {
    matches!(role, Some("GOV" | "MIL" | "COP" | "LEG" | "JUD" | "SPY"))
}
