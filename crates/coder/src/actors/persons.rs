//! People: names after titles ("Kremlin spokesman Dmitry Peskov"), names with appositions ("Ali Vaez, an
//! Iran analyst at the International Crisis Group"), dictionary people whose role the text states, and
//! names no dictionary holds.

use super::article::ArticleState;
use super::compose::elite;
use super::dict::{EntryKind, Target};
use super::entities::EntityKey;
use super::matcher::{Hit, What};
use super::names::courtesy_gender;
use super::sentence::{hits_within, is_upper_acronym};
use super::words::List;
use detente_records::{Actor, EntityKind, MentionKind, Resolution};

impl<'a> ArticleState<'a> {
    /// A surname of a person named earlier ("Peskov" after "Dmitry Peskov").
    pub(super) fn surname_mention(&mut self, hits: &[Hit], i: usize, entity: usize) -> usize {
        let mut hit = hits[i];
        if !self.entities[entity].person {
            return self.alias_mention(hit, entity).max(i + 1);
        }
        // "Karim Haddad" named again in full: one mention, not one per name word.
        let mut i = i;
        while let Some(next) = hits.get(i + 1)
            && matches!(next.what, What::Local(e) if e == entity)
            && self.text.get(hit.end..next.start) == Some(" ")
        {
            hit.end = next.end;
            i += 1;
        }
        // "Michael" of "Michael Smith" before another surname: somebody else ("Michael Jones").
        if self.name_goes_on(hit.end, entity) {
            return self.new_name(hits, i);
        }
        // "DeaNa Ribble" after "Reid Ribble": somebody else with that surname.
        let known = self.entities[entity].name.clone();
        if let Some(span) = self.fuller_other_name(hits, i, &known) {
            return self.other_person(hits, i, span, span.0, None);
        }
        self.name_seen(entity, hit.start, hit.end);
        let rec = &self.entities[entity];
        let (actor, gender) = (rec.actor.clone(), rec.gender);
        match actor {
            Some(actor) => self.emit(
                hit.start,
                hit.end,
                actor,
                Resolution::Coreference,
                MentionKind::Person,
                entity,
                gender,
                false,
            ),
            None => self.track(entity, hit.start, hit.end),
        }
        self.apposition_after(hits, i + 1, hit.end, entity)
    }

    /// An initialism, acronym or head word of an organisation named before ("the JCS", "the Observatory").
    fn alias_mention(&mut self, hit: Hit, entity: usize) -> usize {
        let kind = match self.entities[entity].kind {
            EntityKind::Country => MentionKind::Country,
            EntityKind::Group | EntityKind::Person => MentionKind::Role,
            EntityKind::Organization => MentionKind::Organization,
        };
        match self.entities[entity].actor.clone() {
            Some(actor) => self.emit(
                hit.start,
                hit.end,
                actor,
                Resolution::Coreference,
                kind,
                entity,
                None,
                false,
            ),
            None => self.track(entity, hit.start, hit.end),
        }
        0
    }

    /// A given name followed by capitalised words: a person no dictionary holds. Tracked (pronouns, later
    /// surname; an apposition may give it an actor), not emitted.
    pub(super) fn new_name(&mut self, hits: &[Hit], i: usize) -> usize {
        let hit = hits[i];
        let Some(name) = self.name_after(hits, i + 1, hit.end) else {
            return i + 1;
        };
        if name.entry.is_some() || name.local.is_some() {
            return i + 1;
        }
        // "the James Martin Center", "the Christian Science Monitor": a name after "the", or one that goes
        // on with (or ends in) an organisation's head word, names a thing.
        let words = &self.dict().words;
        let last = self.text[hit.start..name.end].split_whitespace().last().unwrap_or("");
        let goes_on = self.text[name.end..self.sentence_end]
            .strip_prefix(' ')
            .is_some_and(|rest| {
                rest.starts_with(char::is_uppercase) && words.has(List::NonName, self.word_at(name.end + 1))
            });
        let after_the = self
            .word_before(hit.start)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("the"));
        if goes_on || after_the || words.org_head(last).is_some() {
            return i + 1 + name.hits_used;
        }
        if self.is_sentence_initial(hit.start)
            && self
                .dict()
                .words
                .has_folded(List::SentenceOpeners, &self.text[hit.start..hit.end])
        {
            return i + 1 + name.hits_used;
        }
        let ent = self.unknown_person((hit.start, name.end), None, None, None);
        self.role_before_name(ent, hit.start);
        self.emit_person(ent, hit.start, name.end, Resolution::Apposition);
        self.apposition_after(hits, i + 1 + name.hits_used, name.end, ent)
    }

    /// A name that newswriting cues mark as a person ("…,” said Alma Reyes").
    pub(super) fn cue_name(&mut self, hits: &[Hit], i: usize) -> usize {
        let hit = hits[i];
        let gender = self
            .word_before(hit.start)
            .and_then(|(_, w)| courtesy_gender(w))
            .filter(|&g| g != '?');
        // "a driver identified only as Tarek": somebody the reporter met where the story is, one of its
        // civilians unless an apposition says more.
        let local = self
            .name_withheld_before(hit.start)
            .then(|| self.context_country())
            .flatten()
            .map(|c| Actor {
                code: format!("{c}CVL"),
                country: Some(c),
                org: None,
                role: Some("CVL".into()),
                name: None,
            });
        let ent = self.unknown_person((hit.start, hit.end), local, None, gender);
        self.role_before_name(ent, hit.start);
        self.emit_person(ent, hit.start, hit.end, Resolution::Apposition);
        self.apposition_after(hits, i + 1, hit.end, ent)
    }

    /// A surname or short form at hit `i` that belongs to somebody else's fuller name: capitalised name
    /// words right before it that the known name lacks ("Jeb Bush" for "George W. Bush", "DeaNa Ribble"
    /// after "Reid Ribble"), or a suffix after it ("Donald Trump Jr."). Returns the fuller name's span.
    fn fuller_other_name(&self, hits: &[Hit], i: usize, known: &str) -> Option<(usize, usize)> {
        let (start, end) = (hits[i].start, hits[i].end);
        let words = &self.dict().words;
        let known: Vec<&str> = known.split_whitespace().collect();
        let mut new_end = end;
        if self.text[end..self.sentence_end].starts_with(' ') {
            let w = self.word_at(end + 1);
            if words.has(List::NameSuffixes, w) {
                new_end = end + 1 + w.len();
                if self.text[new_end..self.sentence_end].starts_with('.') {
                    new_end += 1;
                }
            }
        }
        let mut new_start = start;
        let mut pos = start;
        for _ in 0..3 {
            let Some((s, w)) = self.word_before(pos) else { break };
            // A title or organisation before the name ("Chancellor", "Kremlin") is no name word.
            let titled = hits_within(&hits[..i], s, s + w.len())
                .iter()
                .any(|h| matches!(h.what, What::Dict(_)));
            if self.text[s + w.len()..pos] != *" "
                || titled
                || w.ends_with('.')
                || !w.starts_with(char::is_uppercase)
                || words.has(List::NonName, w)
                || words.has(List::Calendar, w)
                || is_upper_acronym(w)
                || self.is_sentence_initial(s) && words.has_folded(List::SentenceOpeners, w)
            {
                break;
            }
            // "Hillary Rodham Clinton": a middle name of the known person.
            if known.contains(&w) {
                return None;
            }
            new_start = s;
            pos = s;
        }
        (new_start < start || new_end > end).then_some((new_start, new_end))
    }

    /// Somebody else than the known person at hit `i`, named at `span`, perhaps after a title phrase that
    /// starts at `start` and gives the actor ("cabinet spokesman Omar Haddad").
    fn other_person(
        &mut self,
        hits: &[Hit],
        i: usize,
        span: (usize, usize),
        start: usize,
        titled: Option<RolePhrase>,
    ) -> usize {
        let (actor, title, gender) = titled.map_or((None, None, None), |t| (t.actor, t.title, t.gender));
        let ent = self.unknown_person(span, actor, title, gender);
        self.role_before_name(ent, span.0);
        self.emit_person(ent, start, span.1, Resolution::Apposition);
        if start < span.0
            && let Some(m) = self.mentions.last_mut()
            && (m.start, m.end) == (start, span.1)
        {
            m.via = Resolution::Title;
        }
        let next = hits[i + 1..]
            .iter()
            .position(|h| h.start >= span.1)
            .map_or(hits.len(), |k| i + 1 + k);
        self.apposition_after(hits, next, span.1, ent)
    }

    /// A capitalised name word follows `end` that the person's name does not hold: the part of a name
    /// before it belongs to a longer name of somebody else ("Michael Jones" after "Michael Smith").
    fn name_goes_on(&self, end: usize, entity: usize) -> bool {
        let Some(next) = self.text[end..self.sentence_end].strip_prefix(' ') else {
            return false;
        };
        let word = self.word_at(end + 1);
        next.starts_with(char::is_uppercase)
            && !word.is_empty()
            && !self.dict().words.has(List::NonName, word)
            && !self.dict().words.has(List::Calendar, word)
            && self.entities[entity].person
            && !self.entities[entity].name.split_whitespace().any(|w| w == word)
    }

    /// "Greece's defence minister, Nikos Pappas, said": a singular role phrase, a comma, then the name:
    /// the phrase describes the person, who takes its actor (and the phrase's mention).
    fn role_before_name(&mut self, person: usize, name_start: usize) {
        let Some(m) = self
            .mentions
            .last()
            .filter(|m| m.end <= name_start && m.start >= self.sentence_start)
        else {
            return;
        };
        let gap = &self.text[m.end..name_start];
        // "The head of Egypt's air navigation agency, Ana Ruiz": a few more words of the phrase first.
        let described = m.kind == MentionKind::Role
            && !m.plural
            && matches!(self.entities[m.entity - 1].key, EntityKey::Phrase(..))
            && gap.ends_with(", ")
            && !gap[..gap.len() - 2].contains([',', '.', ';', '"', '“', '”'])
            && gap.split_whitespace().count() <= 8;
        // "Director of National Intelligence Ana Ruiz": an office the dictionary names, then the name.
        let office = m.kind == MentionKind::Organization && gap == " ";
        if !(described || office) || self.entities[person].actor.is_some() {
            return;
        }
        let mut actor = m.actor.clone();
        let name = self.entities[person].name.clone();
        actor.name = Some(name);
        self.entities[person].actor = Some(actor.clone());
        let (start, end, old) = (m.start, m.end, m.entity - 1);
        let index = self.mentions.len() - 1;
        let from = &mut self.entities[old];
        from.emitted.retain(|&k| k != index);
        from.spans.retain(|&s| s != (start, end));
        let last = self.mentions.last_mut().expect("checked above");
        last.entity = person + 1;
        last.actor = actor;
        last.via = Resolution::Apposition;
        let to = &mut self.entities[person];
        to.emitted.push(index);
        to.spans.push((start, end));
        for o in self.occurrences.iter_mut().rev().take(8) {
            if (o.start, o.end) == (start, end) {
                o.entity = person;
            }
        }
    }

    /// "Ali Vaez, an Iran analyst at …": the role phrase starting at hit `i` (position `start`) is an
    /// apposition of the name before it. Returns the next hit when it is.
    pub(super) fn apposition_before(&mut self, hits: &[Hit], i: usize, start: usize, former: bool) -> Option<usize> {
        let floor = self
            .mentions
            .last()
            .map_or(self.sentence_start, |m| m.end.max(self.sentence_start));
        let (ns, ne) = self.name_before_apposition(start, floor)?;
        let (mut phrase, after, phrase_end) = self.role_phrase(hits, i, start, true)?;
        if !self.apposition_closes(phrase_end) {
            return None;
        }
        if former {
            phrase.actor = phrase.actor.map(elite);
        }
        let ent = self.unknown_person((ns, ne), phrase.actor.clone(), phrase.title.clone(), phrase.gender);
        let rec = &self.entities[ent];
        let (actor, gender) = (rec.actor.clone(), rec.gender);
        match actor {
            Some(actor) => self.emit(
                ns,
                ne,
                actor,
                Resolution::Apposition,
                MentionKind::Person,
                ent,
                gender,
                false,
            ),
            None => self.track(ent, ns, ne),
        }
        Some(after.max(i + 1))
    }

    /// A dictionary person at hit `i` (perhaps preceded by a title phrase starting at `start`).
    pub(super) fn known_person(
        &mut self,
        hits: &[Hit],
        i: usize,
        entry: u32,
        start: usize,
        titled: Option<RolePhrase>,
    ) -> usize {
        let hit = hits[i];
        // "Jeb Bush" for the dictionary's "George W. Bush", "Donald Trump Jr.", "spokesman Omar Haddad" for
        // a dictionary's "Haddad": somebody else, titled or not.
        if let Some(span) = self.fuller_other_name(hits, i, &self.dict().entries[entry as usize].name.clone()) {
            return self.other_person(hits, i, span, start, titled);
        }
        let has_code = self.dict().entries[entry as usize].actor_at(self.date).is_some();
        let (title, fallback) = match &titled {
            Some(t) => (t.title.clone(), t.actor.clone()),
            None => (None, None),
        };
        let ent = self.person_entity(entry, title, fallback.as_ref());
        self.name_seen(ent, hit.start, hit.end);
        let written = self.text[hit.start..hit.end].to_string();
        self.register_surname(&written, ent);
        let first_time = self.entities[ent].last == 0;
        let retitled = titled
            .as_ref()
            .and_then(|t| self.titled_actor(entry, t))
            .is_some_and(|a| self.set_text_actor(ent, a));
        let via = if retitled || (titled.is_some() && !has_code) {
            Resolution::Title
        } else if !first_time && !self.text[hit.start..hit.end].contains(' ') {
            Resolution::Coreference
        } else {
            Resolution::Dictionary
        };
        let rec = &self.entities[ent];
        let (actor, gender) = (rec.actor.clone(), rec.gender);
        match actor {
            Some(actor) => self.emit(start, hit.end, actor, via, MentionKind::Person, ent, gender, false),
            None => self.track(ent, start, hit.end),
        }
        self.apposition_after(hits, i + 1, hit.end, ent)
    }

    /// The one dictionary person whose first name is `given` and who holds (or held) `title`: "President
    /// Hafez" for a president named "Hafez …". None when there is none or more than one.
    pub(super) fn titled_by_given_name(&self, given: &str, title: &str) -> Option<u32> {
        let mut found = None;
        for (k, e) in self.dict().entries.iter().enumerate() {
            let first = e.name.split(' ').next().unwrap_or("");
            if e.kind != EntryKind::Person || !first.eq_ignore_ascii_case(given) || e.actor_titled(title).is_none() {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = Some(k as u32);
        }
        found
    }

    /// "President Hafez" resolved to the dictionary person `entry`: one mention from the title to the name.
    pub(super) fn given_name_person(
        &mut self,
        entry: u32,
        start: usize,
        end: usize,
        title: &str,
        next: usize,
    ) -> usize {
        // The name written is only a part of the dictionary's: the entity keeps the dictionary's.
        let ent = self.person_entity(entry, Some(title.to_string()), None);
        self.emit_person(ent, start, end, Resolution::Title);
        next
    }

    /// The country of the legislature or legislator the article named last ("the Philippine Senate").
    pub(super) fn latest_legislature_country(&self) -> Option<String> {
        self.mentions
            .iter()
            .rev()
            .take(400)
            .find(|m| m.actor.role.as_deref() == Some("LEG") && m.actor.country.is_some())
            .and_then(|m| m.actor.country.clone())
    }

    /// The actor a title before a dictionary person's name gives ("NATO Secretary-General Jens
    /// Stoltenberg"): the composition when the phrase names a country or organisation, else the person's
    /// role with that title; "former" makes it an elite of that country.
    pub(super) fn titled_actor(&self, entry: u32, t: &RolePhrase) -> Option<Actor> {
        let e = &self.dict().entries[entry as usize];
        // "former prime minister" is a noun of its own: the role is "prime minister", held before.
        let former_noun = t
            .title
            .as_deref()
            .and_then(|k| k.strip_prefix("former ").or_else(|| k.strip_prefix("ex ")));
        let title = former_noun.or(t.title.as_deref());
        let by_title = || title.and_then(|k| e.actor_titled(k));
        if t.former || former_noun.is_some() {
            if t.explicit {
                return t.actor.clone();
            }
            let base = by_title().or_else(|| e.actor_at(self.date).map(|(a, _)| a))?;
            return Some(elite(base));
        }
        // "his Philippine counterpart Rodrigo Duterte": a noun with no role says only the country, which the
        // dictionary's role (of that country) says better.
        if t.explicit
            && let Some(a) = &t.actor
        {
            let same_country = e.actor_at(self.date).is_some_and(|(d, _)| d.country == a.country);
            if a.role.is_some() || a.org.is_some() || !same_country {
                return Some(a.clone());
            }
        }
        by_title()
    }

    /// Give a person entity the actor the text states; earlier mentions of the entity (coded by the
    /// dictionary) take it too. Returns whether the actor changed.
    pub(super) fn set_text_actor(&mut self, ent: usize, mut actor: Actor) -> bool {
        let rec = &mut self.entities[ent];
        actor.name = Some(rec.name.clone());
        let first = !rec.text_titled;
        rec.text_titled = true;
        if rec.actor.as_ref() == Some(&actor) {
            return false;
        }
        rec.actor = Some(actor.clone());
        if first {
            for &m in &self.entities[ent].emitted {
                self.mentions[m].actor = actor.clone();
            }
        }
        true
    }

    /// ", an Iran analyst at the International Crisis Group": the role phrase after a person's name gives
    /// the person's actor when the dictionary has none. Returns the next hit index.
    pub(super) fn apposition_after(&mut self, hits: &[Hit], j: usize, name_end: usize, entity: usize) -> usize {
        let rest = &self.text[name_end..self.sentence_end];
        // "Lana Brooks (D-Mich.)", "Tom Reyes, R-Texas,": a party and state tag marks a member of Congress.
        if self.entities[entity].actor.is_none() && self.entities[entity].person && party_state_tag(rest) {
            let actor = Actor {
                code: "USALEG".into(),
                country: Some("USA".into()),
                org: None,
                role: Some("LEG".into()),
                name: None,
            };
            let rec = &mut self.entities[entity];
            rec.actor = Some(Actor {
                name: Some(rec.name.clone()),
                ..actor
            });
            let (gender, last, actor) = (rec.gender, rec.last, rec.actor.clone().unwrap_or_default());
            self.emit_named_by_apposition(last, actor, entity, gender);
            return j;
        }
        let Some(after_comma) = rest.strip_prefix(',') else {
            return j;
        };
        let mut pos = name_end + 1;
        pos = self.skip_space(pos);
        let _ = after_comma;
        let w = self.word_at(pos);
        if matches!(w, "a" | "an" | "the" | "A" | "An" | "The") {
            pos = self.skip_space(pos + w.len());
        }
        // "…, a former Israeli official,": an elite of that country.
        let w = self.word_at(pos);
        let former = w.eq_ignore_ascii_case("former");
        if former {
            pos = self.skip_space(pos + w.len());
        }
        // "…, a retired Chilean judge", "a prominent Sami lawyer": describing words no hit covers.
        for _ in 0..2 {
            let w = self.word_at(pos);
            let plain = !w.is_empty()
                && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !self.dict().words.has(List::PhraseBreakers, w);
            if !plain || !hits_within(hits, pos, pos + w.len()).is_empty() {
                break;
            }
            pos = self.skip_space(pos + w.len());
        }
        // The strict reading first, then looser ones; each must take the whole apposition ("…, head of the
        // Pentagon Civilian Personnel Office," is no "Pentagon Civilian").
        let mut found = None;
        for reading in 0..4 {
            let r = match reading {
                0 => self
                    .role_phrase(hits, j, pos, true)
                    .filter(|(p, _, _)| p.actor.is_some()),
                1 => self.loose_role_phrase(hits, j, pos),
                2 => self.scanned_role_phrase(hits, j, pos),
                _ => self.role_phrase(hits, j, pos, true),
            };
            found = r.filter(|(_, _, end)| self.apposition_closes(*end));
            if found.is_some() {
                break;
            }
        }
        let Some((mut phrase, next, _)) = found else {
            return j;
        };
        if former {
            phrase.actor = phrase.actor.map(elite);
            phrase.former = true;
        }
        // "Chancellor Anna Weber, the premiers of Ghana and Togo …": a group is no apposition of one person.
        if !phrase.singular {
            return j;
        }
        // An apposition closes ("…, a soldier, said"); "Putin, an official said, …" is not one.
        // A dictionary person's apposition that names a role ("Jens Stoltenberg, NATO's secretary-general,")
        // overrides the date-based role, like a title before the name.
        if let EntityKey::Entry(entry) = self.entities[entity].key
            && self.entities[entity].actor.is_some()
        {
            let stated = match &phrase.actor {
                Some(a) if phrase.explicit && (a.org.is_some() || a.role.is_some()) => Some(a.clone()),
                _ => phrase
                    .title
                    .as_deref()
                    .and_then(|k| self.dict().entries[entry as usize].actor_titled(k)),
            };
            if let Some(a) = stated {
                self.set_text_actor(entity, a);
            }
        }
        let rec = &mut self.entities[entity];
        if rec.actor.is_none()
            && let Some(mut actor) = phrase.actor
        {
            actor.name = Some(rec.name.clone());
            rec.actor = Some(actor.clone());
            if rec.gender.is_none() {
                rec.gender = phrase.gender;
            }
            let title = phrase.title;
            // The name was tracked but not emitted: emit it now that it has an actor.
            let (gender, last) = (rec.gender, rec.last);
            if let Some(t) = title {
                self.add_title(entity, t);
            }
            self.emit_named_by_apposition(last, actor, entity, gender);
        } else if let Some(t) = phrase.title {
            self.add_title(entity, t);
        }
        next
    }

    /// The text after an apposition's role phrase ends it: a comma, a clause end, "who", or a reporting verb
    /// when the writer left out the closing comma ("Ana Ruiz, the agency's director said the …"); not a
    /// parenthetical attribution ("Putin, an official said, will attend": no clause after the verb).
    pub(super) fn apposition_closes(&self, end: usize) -> bool {
        let rest = self.text[end..self.sentence_end].trim_start();
        rest.is_empty()
            || rest.starts_with([',', '.', ';', ')', ':', '—', '–'])
            || ["who ", "whose ", "which "].iter().any(|w| rest.starts_with(w))
            // "…, a former mayor now teaching law;": a participle clause goes on describing the person.
            || rest
                .strip_prefix("now ")
                .unwrap_or(rest)
                .split(' ')
                .next()
                .is_some_and(|w| w.len() > 5 && w.ends_with("ing") && w.bytes().all(|b| b.is_ascii_lowercase()))
            || {
                let at = self.skip_space(end);
                let verb = self.word_at(at);
                // The verb must go on with its clause: "Putin, the official said." names the official.
                let after = &self.text[at + verb.len()..self.sentence_end];
                self.rec.speech.is_reporting(verb)
                    && after
                        .strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(char::is_alphanumeric))
            }
    }

    /// Start of the capitalised name that ends at `end` (for names emitted after their apposition).
    /// The name ending at `last`, a person the apposition after it describes.
    fn emit_named_by_apposition(&mut self, last: usize, actor: Actor, entity: usize, gender: Option<char>) {
        let name_start = self.name_start_before(last);
        self.emit(
            name_start,
            last,
            actor,
            Resolution::Apposition,
            MentionKind::Person,
            entity,
            gender,
            false,
        );
    }

    pub(super) fn name_start_before(&self, end: usize) -> usize {
        let mut start = end;
        let mut pos = end;
        for _ in 0..4 {
            let Some((s, w)) = self.word_before(pos) else { break };
            let ok = w.starts_with(char::is_uppercase) || self.dict().words.has(List::Particles, w);
            if !ok
                || self.dict().words.has(List::NonName, w)
                || (self.is_sentence_initial(s) && self.dict().words.has_folded(List::SentenceOpeners, w))
            {
                break;
            }
            start = s;
            pos = s;
        }
        if start == end {
            self.word_before(end).map_or(end, |(s, _)| s)
        } else {
            start
        }
    }

    /// Capitalised words after a title: "Dmitry Peskov". Stops at a dictionary hit unless it is a
    /// person (then the name is that person) or an earlier person's surname.
    pub(super) fn name_after(&self, hits: &[Hit], j: usize, pos: usize) -> Option<NameSpan> {
        let mut p = pos;
        let gap = &self.text[pos..self.sentence_end];
        if !gap.starts_with([' ', '\u{a0}']) {
            return None;
        }
        p = self.skip_space(p);
        let mut start = p;
        let mut end = p;
        let mut words = 0;
        let mut pending_particle = false;
        let mut k = j;
        while words < 3 {
            if let Some(h) = hits.get(k)
                && h.start == p
            {
                match h.what {
                    What::Dict(Target::Entry { entry, .. })
                        if self.dict().entries[entry as usize].kind == EntryKind::Person =>
                    {
                        return Some(NameSpan {
                            start,
                            end: h.end,
                            entry: Some(entry),
                            local: None,
                            hits_used: k + 1 - j,
                        });
                    }
                    // "Mehdi Karimi" after a "Mehdi" named alone: a longer name, somebody else.
                    What::Local(e) if self.name_goes_on(h.end, e) => k += 1,
                    What::Local(e) => {
                        return Some(NameSpan {
                            start,
                            end: h.end,
                            entry: None,
                            local: Some(e),
                            hits_used: k + 1 - j,
                        });
                    }
                    What::NewName => k += 1,
                    What::Dict(Target::Entry { .. }) if words > 0 && !pending_particle => {
                        // A name part that is also a country or organisation ("Georgia" in a name): skip it.
                        k += 1;
                    }
                    _ => break,
                }
            }
            let w = self.word_at(p);
            if w.is_empty() {
                break;
            }
            // "Police Chief Superintendent Steve Hui": more title words before the name.
            if words == 0
                && self.dict().words.has(List::TitleWords, w)
                && self.text[p + w.len()..self.sentence_end].starts_with(' ')
            {
                p = self.skip_space(p + w.len());
                start = p;
                end = p;
                continue;
            }
            if w.starts_with(char::is_uppercase) && !self.dict().words.has(List::NonName, w) && !is_upper_acronym(w) {
                words += 1;
                end = p + w.len();
                pending_particle = false;
            } else if words > 0 && self.dict().words.has(List::Particles, w) {
                pending_particle = true;
            } else {
                break;
            }
            let next = p + w.len();
            if !self.text[next..self.sentence_end].starts_with(' ') {
                break;
            }
            p = self.skip_space(next);
        }
        if words == 0 {
            return None;
        }
        // Hits inside the captured name are part of it.
        let used = hits[j..].iter().take_while(|h| h.start < end).count();
        Some(NameSpan {
            start,
            end,
            entry: None,
            local: None,
            hits_used: used,
        })
    }

    /// Capitalised words ending right before `, (a|an|the)? ` + `pos`: the person of an apposition that
    /// starts at `pos` ("Ali Vaez, an Iran analyst").
    pub(super) fn name_before_apposition(&self, pos: usize, floor: usize) -> Option<(usize, usize)> {
        let before = self.text[floor.max(self.sentence_start)..pos].trim_end();
        let before_abs = floor.max(self.sentence_start);
        let mut b = before.strip_suffix(" former").unwrap_or(before);
        for det in [" a", " an", " the", " A", " An", " The"] {
            if let Some(x) = b.strip_suffix(det) {
                b = x;
                break;
            }
        }
        let b = b.trim_end().strip_suffix(',')?;
        let end = before_abs + b.trim_end().len();
        let mut start = end;
        let mut words = 0;
        let mut p = end;
        while words < 4 {
            let Some((s, w)) = self.word_before(p) else { break };
            if s < before_abs
                || !w.starts_with(char::is_uppercase)
                || self.dict().words.has(List::NonName, w)
                || is_upper_acronym(w)
            {
                break;
            }
            if self.is_sentence_initial(s) && self.dict().words.has_folded(List::SentenceOpeners, w) {
                break;
            }
            if !self.text[s + w.len()..p].chars().all(|c| c == ' ') {
                break;
            }
            start = s;
            words += 1;
            p = s;
        }
        // A name has two or three parts, and is not the object of a preposition ("in New Delhi, the …").
        if !(2..=3).contains(&words) {
            return None;
        }
        if let Some((_, w)) = self.word_before(start)
            && (w.starts_with(char::is_uppercase) || self.dict().words.has(List::NamePrepositions, w))
        {
            return None;
        }
        Some((start, end))
    }
}

/// A person's name found in the text.
pub(super) struct NameSpan {
    pub start: usize,
    pub end: usize,
    /// The dictionary person, when the name (or its last part) is one.
    pub entry: Option<u32>,
    /// An entity introduced earlier in the article, when the name is its surname.
    pub local: Option<usize>,
    /// Hits consumed by the name.
    pub hits_used: usize,
}

/// What an apposition or title phrase says about a person.
pub(super) struct RolePhrase {
    pub actor: Option<Actor>,
    pub title: Option<String>,
    pub gender: Option<char>,
    /// The actor comes from a country or organisation named in the phrase, not from context.
    pub explicit: bool,
    /// "former": the person no longer holds the role.
    pub former: bool,
    /// The head noun names one person ("spokesman"), not a group ("the premiers of Ghana").
    pub singular: bool,
}

impl RolePhrase {
    /// One person's title noun qualified by a country or organisation named in the phrase.
    pub fn qualified(actor: Option<Actor>, noun: &super::dict::Noun) -> RolePhrase {
        RolePhrase {
            explicit: actor.is_some(),
            actor,
            title: Some(noun.key.clone()),
            gender: noun.gender,
            former: false,
            singular: true,
        }
    }
}

/// A party and state tag right after a name, as US newswriting marks members of Congress: "(D-Mich.)",
/// "(R-Texas)", ", D-Calif.,", "(D., N.Y.)", "(I-Vt.)".
fn party_state_tag(rest: &str) -> bool {
    let t = rest.trim_start_matches([',', ' ', '(']);
    let mut chars = t.chars();
    let party = chars.next();
    let sep = chars.next();
    if !matches!(party, Some('D' | 'R' | 'I')) || !matches!(sep, Some('-' | '–' | '.')) {
        return false;
    }
    // (After the two characters read: "–" is three bytes.)
    let state = chars.as_str().trim_start_matches([',', ' ', '-']);
    let word: String = state.chars().take_while(|c| c.is_alphabetic() || *c == '.').collect();
    rest.len() > t.len() && word.len() >= 2 && word.starts_with(char::is_uppercase) && word.len() <= 6
}

#[cfg(test)]
mod tests {
    use super::party_state_tag;

    #[test]
    fn party_state_tags_with_hyphens_dashes_and_dots() {
        assert!(party_state_tag(" (R-Utah) said"));
        assert!(party_state_tag(", D-Ore., voted"));
        // An en dash is three bytes: reading past it must not split a character (it panicked once).
        assert!(party_state_tag(" (D–Mass.) and others"));
        assert!(party_state_tag(" (I–Vt.)?"));
        assert!(!party_state_tag(", Dallas, voted"));
        assert!(!party_state_tag(" (D–"));
    }
}
