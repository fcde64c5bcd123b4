//! Coreference: later mentions that refer back to an entity named before. A title alone ("the
//! spokesman", "the Kremlin leader"), a body noun ("the department" for "the State Department"), and the
//! pronouns he/him/his, she/her, they/them/their outside quotations.

use super::article::ArticleState;
use super::dict::{EntryKind, Noun, NounKind, Pronoun, Target};
use super::entities::{EntityKey, EntityRec, Occurrence};
use super::matcher::{Hit, What};
use super::sentence::head_of;
use super::words::List;
use detente_records::{Actor, EntityKind, Mention, MentionKind, Resolution};

impl<'a> ArticleState<'a> {
    /// A pronoun hit: forward to the subject after an opening phrase ("After his talks, Volkov …"), else
    /// back to an entity named before.
    pub(super) fn pronoun_hit(&mut self, hits: &[Hit], i: usize, p: Pronoun) {
        match self.cataphora(hits, i, p) {
            Some(Some(ent)) => self.pronoun_of(hits[i], p, ent),
            Some(None) => {}
            None => self.pronoun(hits[i], p),
        }
    }

    /// The latest organisation mention whose text is `noun` or ends with it as a word ("State Department"
    /// for "department", "Russian Foreign Ministry" for "ministry", an earlier "the statement").
    pub(super) fn named_body(&self, noun: &str) -> Option<&Mention> {
        let names = |m: &Mention| {
            m.kind == MentionKind::Organization
                && (m.text.eq_ignore_ascii_case(noun)
                    || m.text.len() > noun.len()
                        && m.text.is_char_boundary(m.text.len() - noun.len())
                        && m.text[m.text.len() - noun.len()..].eq_ignore_ascii_case(noun)
                        && m.text.as_bytes()[m.text.len() - noun.len() - 1] == b' ')
        };
        // The latest organisation mention ending in the noun's last word, else one of the recent ones.
        let last = noun.rsplit(' ').next().unwrap_or(noun);
        if let Some(&k) = self.bodies.get(last)
            && names(&self.mentions[k])
        {
            return Some(&self.mentions[k]);
        }
        self.mentions.iter().rev().take(LOOKBACK).find(|m| names(m))
    }

    /// "officials said", "state media reported": a group noun as the subject of a speech verb refers to
    /// an actor even without "the".
    pub(super) fn speaking_subject(&self, end: usize) -> bool {
        let rest = &self.text[end..self.sentence_end];
        if !rest.starts_with(' ') {
            return false;
        }
        let mut at = self.skip_space(end);
        let mut w = self.word_at(at);
        // "officials have said", "state media also reported".
        for _ in 0..2 {
            if !matches!(w, "have" | "has" | "had" | "also" | "later" | "previously" | "earlier") {
                break;
            }
            at = self.skip_space(at + w.len());
            w = self.word_at(at);
        }
        self.rec.speech.is_reporting(w)
    }

    /// The word after the phrase ending at `end` is a verb in a past or third-person form ("said",
    /// "warns", "told"), not a base form that may be a noun ("an official protest").
    pub(super) fn finite_verb_after(&self, end: usize) -> bool {
        let mut at = self.skip_space(end);
        let mut w = self.word_at(at);
        for _ in 0..2 {
            if !matches!(w, "has" | "had" | "also" | "later" | "previously" | "earlier") {
                break;
            }
            at = self.skip_space(at + w.len());
            w = self.word_at(at);
        }
        w.len() > 3 && (w.ends_with("ed") || w.ends_with('s'))
            || matches!(
                w,
                "said" | "told" | "wrote" | "spoke" | "swore" | "thought" | "felt" | "knew" | "shot"
            )
    }

    /// "according to officials", "according to a statement": the phrase at `start` is a source.
    pub(super) fn attributed(&self, start: usize) -> bool {
        let mut at = start;
        if let Some((s, w)) = self.word_before(at)
            && matches!(w, "a" | "an" | "the")
        {
            at = s;
        }
        let Some((s, to)) = self.word_before(at) else {
            return false;
        };
        to == "to"
            && self
                .word_before(s)
                .is_some_and(|(_, w)| w.eq_ignore_ascii_case("according"))
    }

    /// "in the report": the word before the article at `start` is a preposition of place or topic.
    pub(super) fn after_place_preposition(&self, start: usize) -> bool {
        let Some((the_start, the)) = self.word_before(start) else {
            return false;
        };
        if !the.eq_ignore_ascii_case("the") {
            return false;
        }
        self.word_before(the_start).is_some_and(|(_, w)| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "in" | "on" | "into" | "from" | "with" | "under" | "about" | "over" | "within" | "inside"
            )
        })
    }

    /// "the government said", not "the military support": a bare role noun refers to an actor only after
    /// "the" and when no lower-case noun it modifies follows.
    pub(super) fn definite_reference(&self, start: usize, end: usize) -> bool {
        let the = self
            .word_before(start)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("the"));
        the && self.heads_its_phrase(end)
    }

    /// No lower-case noun follows the phrase ending at `end`, which it would modify ("the military
    /// support", "police officers"): the next word is missing, capitalised or one of `follow_ok`.
    pub(super) fn heads_its_phrase(&self, end: usize) -> bool {
        let rest = &self.text[end..self.sentence_end];
        let next = if rest.starts_with(' ') {
            self.word_at(self.skip_space(end))
        } else {
            ""
        };
        next.is_empty()
            || !next.starts_with(char::is_lowercase)
            || self.dict().words.has(List::FollowOk, next)
            // A verb, not a noun the phrase would modify: "riot police fired", "the army says".
            || next.len() > 3 && next.ends_with("ed")
            || self.rec.speech.is_reporting(next)
    }

    /// The person a title-only phrase refers to: the latest one with that title (held before, for "the
    /// former …"), else (for a phrase with a country or organisation) the latest person of that actor.
    /// `written`: the role words as the text has them ("chief minister" for the noun "minister").
    pub(super) fn title_antecedent(
        &self,
        noun: &Noun,
        composed: Option<&Actor>,
        former: bool,
        written: &str,
    ) -> Option<usize> {
        // "the former president" may be one noun of the dictionary: the title is "president", held before.
        let (key, former) = match noun
            .key
            .strip_prefix("former ")
            .or_else(|| noun.key.strip_prefix("ex "))
        {
            Some(k) => (k, true),
            None => (noun.key.as_str(), former),
        };
        let gender_ok = |e: &EntityRec| noun.gender.is_none() || e.gender.is_none() || e.gender == noun.gender;
        // "the German leader" is not the Scottish leader: a qualifier must agree.
        let qualified = composed.filter(|c| c.country.is_some() || c.org.is_some());
        let actor_ok = |e: &EntityRec| match qualified {
            Some(c) => e.actor.as_ref().is_some_and(|a| {
                (c.country.is_some() && a.country == c.country) || (c.org.is_some() && a.org == c.org)
            }),
            None => true,
        };
        let fits = |e: &EntityRec| e.person && e.last > 0 && gender_ok(e) && actor_ok(e);
        // Of several people with the title, the one the article is about (most mentioned; the latest on a
        // tie): "the president" after "meetings with President Moon" is still the president quoted all
        // along. "the former president": a title the person held before.
        let has_title =
            |e: &EntityRec| e.titles.iter().any(|t| t == key) || former && e.past_titles.iter().any(|t| t == key);
        let by_title = self
            .titled
            .get(key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| fits(&self.entities[i]) && has_title(&self.entities[i]))
            .max_by_key(|&i| (self.entities[i].spans.len(), self.entities[i].last));
        if by_title.is_some() {
            return by_title;
        }
        // "the secretary" for "Secretary of State Hal Brenner", "the minister" for "Minister of Finance
        // Ana Ruiz": the head of a title with an "of" phrase.
        let by_head = self
            .titled
            .iter()
            .filter(|(t, _)| t.strip_prefix(key).is_some_and(|rest| rest.starts_with(" of ")))
            .flat_map(|(_, people)| people.iter().copied())
            .filter(|&i| fits(&self.entities[i]))
            .max_by_key(|&i| (self.entities[i].spans.len(), self.entities[i].last, i));
        if by_head.is_some() {
            return by_head;
        }
        let recent_fitting = |fits: &dyn Fn(&EntityRec) -> bool| {
            self.occurrences
                .iter()
                .rev()
                .take(LOOKBACK)
                .take_while(|o| o.sentence + 3 >= self.sentence)
                .filter(|o| !o.quoted && fits(&self.entities[o.entity]))
                .map(|o| o.entity)
                .collect::<Vec<_>>()
        };
        let recent = || recent_fitting(&fits).into_iter();
        // "the official", "the minister": a generic title is the latest person named with a title of that
        // role ("Health Minister Ana Ruiz … the official said"), or the latest single person the article
        // describes without a name ("a senior Chilean official said … The official added").
        let words = &self.dict().words;
        if qualified.is_none() && words.has(List::GenericTitles, &noun.key) {
            let role = noun.role.as_deref()?;
            // "the chief minister" is not any minister: words before the generic noun must be the
            // person's title or in the description the person was named by.
            let specific = written != noun.key && written.ends_with(noun.key.as_str()) && written.contains(' ');
            let same_words = |e: &EntityRec| {
                !specific
                    || e.titles.iter().chain(&e.past_titles).any(|t| t == written)
                    || e.name.to_lowercase().contains(written)
            };
            let described = |e: &EntityRec| {
                (e.person || e.kind == EntityKind::Person && !e.plural && e.actor.is_some())
                    && e.last > 0
                    && gender_ok(e)
                    && same_words(e)
            };
            return recent_fitting(&described).into_iter().find(|&i| self.has_role(i, role));
        }
        // "the Kenyan official" after "Interior Minister Grace Wanjiru": the latest person of that country
        // named with a title of that role.
        if qualified.is_some() && words.has(List::GenericTitles, &noun.key) && written == noun.key {
            let role = noun.role.as_deref()?;
            return recent().find(|&i| self.has_role(i, role));
        }
        // A generic head ("the Kremlin leader") is the latest person of that country or organisation.
        if qualified.is_none() || !words.has(List::LeaderHeads, &noun.key) {
            return None;
        }
        recent().next()
    }

    /// Whether a person has `role` by their actor or by a title the text gave them.
    fn has_role(&self, entity: usize, role: &str) -> bool {
        let e = &self.entities[entity];
        e.actor.as_ref().is_some_and(|a| a.role.as_deref() == Some(role))
            || e.titles.iter().any(|t| {
                self.dict()
                    .noun_roles
                    .get(t)
                    .is_some_and(|r| r.as_deref() == Some(role))
            })
    }

    /// "After his summit with X, Trump said": a possessive in an opening phrase points forward to the
    /// subject after the comma. `None`: not in that position; `Some(None)`: it is, but the subject is not a
    /// person seen before (no mention rather than a wrong one); `Some(Some(entity))`: that person.
    pub(super) fn cataphora(&self, hits: &[Hit], i: usize, p: Pronoun) -> Option<Option<usize>> {
        let hit = hits[i];
        if p == Pronoun::Plural || !matches!(&self.text[hit.start..hit.end], "his" | "her" | "His" | "Her") {
            return None;
        }
        let before = &self.text[self.sentence_start..hit.start];
        let first = before.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if !self.dict().words.has(List::OpeningPrepositions, first) || before.len() > 300 || before.contains(',') {
            return None;
        }
        let comma = hit.end + self.text[hit.end..self.sentence_end].find(',')?;
        let next = hits[i + 1..].iter().find(|h| h.start > comma)?;
        if !self.text[comma + 1..next.start].trim().is_empty() {
            return None;
        }
        let want = if p == Pronoun::Male { 'm' } else { 'f' };
        match next.what {
            What::Local(ent) if self.entities[ent].gender.is_none_or(|g| g == want) => Some(Some(ent)),
            What::Local(_) | What::NewName | What::CueName | What::OrgName { .. } => Some(None),
            What::Dict(Target::Entry { entry, .. })
                if self.dict().entries[entry as usize].kind == EntryKind::Person =>
            {
                // A person named before keeps the entity (and the actor the text gave them).
                let seen = self.entities.iter().position(|e| e.key == EntityKey::Entry(entry));
                Some(seen.filter(|&e| self.entities[e].gender.is_none_or(|g| g == want)))
            }
            What::Dict(Target::Noun(n))
                if matches!(self.dict().nouns[n as usize].kind, NounKind::Person | NounKind::Title) =>
            {
                Some(None)
            }
            _ => None,
        }
    }

    /// A pronoun resolved to a known entity.
    pub(super) fn pronoun_of(&mut self, hit: Hit, p: Pronoun, ent: usize) {
        let Some(actor) = self.entities[ent].actor.clone() else {
            return;
        };
        let gender = if p == Pronoun::Male { Some('m') } else { Some('f') };
        self.emit(
            hit.start,
            hit.end,
            actor,
            Resolution::Pronoun,
            MentionKind::Pronoun,
            ent,
            gender,
            false,
        );
    }

    /// A pronoun outside quotations: he/she to a person, they to a group or organisation, "it said" to an
    /// organisation or country.
    pub(super) fn pronoun(&mut self, hit: Hit, p: Pronoun) {
        if self.in_quote(hit.start) {
            return;
        }
        let target = match p {
            Pronoun::Male => self.person_antecedent('m', hit.start, self.object_of_own_subject(hit)),
            Pronoun::Female => self.person_antecedent('f', hit.start, None),
            // "they": a group first ("officials … they said"), else an organisation or country.
            Pronoun::Plural => {
                let skip = self.object_of_own_subject(hit);
                self.group_antecedent(hit.start, skip, |e| e.kind == EntityKind::Group)
                    .or_else(|| self.group_antecedent(hit.start, skip, |e| e.plural || !e.person))
            }
            // "it said", "It has denied": an organisation or country as a subject; "it is unclear" is none.
            Pronoun::Neuter if self.neuter_subject(hit.start, hit.end) => self.neuter_antecedent(hit.start),
            Pronoun::Neuter => None,
        };
        let Some(ent) = target else { return };
        if p == Pronoun::Neuter && self.entities[ent].kind == EntityKind::Person {
            // "Ostrava Steel said … it added": a bare name the article gave no person's cue for is an
            // organisation once "it" speaks for it.
            self.entities[ent].kind = EntityKind::Organization;
            self.entities[ent].person = false;
        }
        let gender = match p {
            Pronoun::Male => Some('m'),
            Pronoun::Female => Some('f'),
            _ => None,
        };
        // The pronoun tells the gender of a person the article named without one.
        if let Some(g) = gender
            && self.entities[ent].gender.is_none()
        {
            self.entities[ent].gender = Some(g);
        }
        let Some(actor) = self.entities[ent].actor.clone() else {
            self.track(ent, hit.start, hit.end);
            return;
        };
        self.emit(
            hit.start,
            hit.end,
            actor,
            Resolution::Pronoun,
            MentionKind::Pronoun,
            ent,
            gender,
            p == Pronoun::Plural,
        );
    }

    /// The person "he" or "she" at `at` refers to. In the same paragraph: the latest subject of a sentence
    /// or speaker of that gender (or of none known), else the latest subject of a clause, else the latest
    /// such person named there. Before the paragraph: the subject or speaker of the latest sentence (of the
    /// last two) that has one; further back, within a few paragraphs, the latest subject or speaker, one
    /// known to be of that gender first. Else the latest person of that gender named anywhere.
    fn person_antecedent(&self, gender: char, at: usize, skip: Option<usize>) -> Option<usize> {
        let compatible = |o: &Occurrence| {
            let e = &self.entities[o.entity];
            Some(o.entity) != skip
                && e.person
                && !e.plural
                && !o.quoted
                && o.start < at
                && e.gender.is_none_or(|g| g == gender)
        };
        let mut in_paragraph: [Option<usize>; 3] = [None; 3];
        // (sentence, salience, entity) of the best subject of the latest sentence with one.
        let mut near: Option<(usize, u8, usize)> = None;
        let mut salient_known = None;
        let mut salient_unknown = None;
        let mut any = None;
        let debug = std::env::var("DETENTE_DEBUG_PRONOUN").is_ok();
        for o in self.occurrences.iter().rev().take(LOOKBACK).filter(|o| compatible(o)) {
            if debug {
                eprintln!(
                    "pronoun@{at} cand {:?} {} sent {} para {} (now {} {})",
                    &self.text[o.start..o.end],
                    o.salience,
                    o.sentence,
                    o.paragraph,
                    self.sentence,
                    self.paragraph
                );
            }
            let known = self.entities[o.entity].gender == Some(gender);
            if o.paragraph == self.paragraph {
                if o.salience == 2 {
                    return Some(o.entity);
                }
                let level = if o.salience == 1 { 1 } else { 2 };
                if (o.salience > 0 || !o.possessive) && in_paragraph[level].is_none() {
                    in_paragraph[level] = Some(o.entity);
                }
                continue;
            }
            if in_paragraph.iter().any(Option::is_some) {
                break;
            }
            if let Some((sentence, _, entity)) = near
                && o.sentence < sentence
            {
                return Some(entity);
            }
            if o.salience > 0 {
                if o.sentence + 2 >= self.sentence {
                    // In the latest sentence with a subject: its subject of the sentence over one of a clause,
                    // and of two alike the first ("He says that President Ruiz has …": he).
                    if near.is_none_or(|(_, s, _)| o.salience >= s) {
                        near = Some((o.sentence, o.salience, o.entity));
                    }
                } else if at - o.start <= PRONOUN_WINDOW {
                    let slot = if known {
                        &mut salient_known
                    } else {
                        &mut salient_unknown
                    };
                    slot.get_or_insert(o.entity);
                }
            }
            if any.is_none() && (known || o.sentence + 1 >= self.sentence) {
                any = Some(o.entity);
            }
        }
        in_paragraph[1]
            .or(in_paragraph[2])
            .or(near.map(|n| n.2))
            .or(salient_known)
            .or(salient_unknown)
            .or(any)
    }

    /// "police fired tear gas at them", "the minister praised him": an object pronoun never refers to the
    /// subject of its own clause. That subject's entity: the latest one named before the pronoun in this
    /// sentence with no clause boundary (punctuation, a conjunction, a relative or subordinating word)
    /// between them. None for subject and possessive forms.
    fn object_of_own_subject(&self, hit: Hit) -> Option<usize> {
        if !matches!(&self.text[hit.start..hit.end], "them" | "him") {
            return None;
        }
        let o = self
            .occurrences
            .iter()
            .rev()
            .take(LOOKBACK)
            .take_while(|o| o.start >= self.sentence_start)
            .find(|o| o.end <= hit.start)?;
        let between = &self.text[o.end..hit.start];
        let boundary = between.contains([',', ';', ':', '—', '“', '”', '"', '('])
            || between
                .split_whitespace()
                .any(|w| self.dict().words.has(List::ClauseOpeners, w));
        (!boundary).then_some(o.entity)
    }

    /// The organisation or country "it said" refers to. An organisation the dictionaries do not know counts
    /// (its name is still the speaker's), and so does a bare unknown name with no person's cue (no title,
    /// no gender, one word): newswriting calls a company "it", never a person.
    fn neuter_antecedent(&self, at: usize) -> Option<usize> {
        let fits = |e: &EntityRec| match e.kind {
            EntityKind::Organization | EntityKind::Country => true,
            EntityKind::Person => {
                e.actor.is_none() && e.gender.is_none() && e.titles.is_empty() && !e.name.contains(' ')
            }
            EntityKind::Group => false,
        };
        self.group_antecedent(at, None, |e| e.actor.is_some() && fits(e))
            .or_else(|| self.antecedent_without_actor(at, fits))
    }

    /// The latest entity of this or the previous sentence that fits, with or without an actor.
    fn antecedent_without_actor(&self, at: usize, fits: impl Fn(&EntityRec) -> bool) -> Option<usize> {
        self.occurrences
            .iter()
            .rev()
            .take(LOOKBACK)
            .take_while(|o| o.sentence + 1 >= self.sentence)
            .find(|o| !o.quoted && o.start < at && fits(&self.entities[o.entity]))
            .map(|o| o.entity)
    }

    /// The group, organisation or country "they" or "it" at `at` refers to: the latest one of this or the
    /// previous sentence (or two), a subject or speaker first. Entities without an actor are skipped, except
    /// groups (which have none only when their country is deliberately left open).
    fn group_antecedent(&self, at: usize, skip: Option<usize>, fits: impl Fn(&EntityRec) -> bool) -> Option<usize> {
        let mut latest = None;
        for o in self.occurrences.iter().rev().take(LOOKBACK) {
            if o.sentence + 2 < self.sentence {
                break;
            }
            if Some(o.entity) == skip {
                continue;
            }
            let e = &self.entities[o.entity];
            // A group without an actor ("Kurdish fighters": no country) is still what "they" refers to.
            if o.quoted || o.start >= at || !fits(e) || e.actor.is_none() && e.kind != EntityKind::Group {
                continue;
            }
            if o.salience > 0 && o.sentence + 1 >= self.sentence {
                return Some(o.entity);
            }
            if latest.is_none() && o.sentence + 1 >= self.sentence {
                latest = Some(o.entity);
            }
        }
        latest
    }

    /// How likely a mention at [start, end) of the current sentence is an antecedent: 2 when it is the
    /// subject of the sentence (it opens the sentence or follows an opening adjunct, and a verb follows)
    /// or a speaker ("…, said Juan Ortiz", "Ortiz told"); 1 when a verb follows it elsewhere; else 0.
    pub(super) fn salience(&self, start: usize, end: usize) -> u8 {
        let before = self.text[self.sentence_start..start].trim_end();
        let before = before.trim_end_matches(['“', '"', '‘', '(', '[', '—', '-']).trim_end();
        // "Trump's", "Ortiz'": a possessive names no subject.
        if self.text[end..self.sentence_end].starts_with(['\'', '’']) {
            return 0;
        }
        // "…,” said Juan Ortiz": an inverted speaker (not "criticized Ortiz").
        if let Some((verb_start, w)) = self.word_before(start)
            && w.starts_with(char::is_lowercase)
            && self.rec.speech.is_inverting(w)
            && self.text[self.sentence_start..verb_start]
                .trim_end()
                .ends_with([',', '”', '"', '’', ':'])
        {
            return 2;
        }
        let opening = before.is_empty()
            || matches!(before, "But" | "And" | "So" | "Yet" | "Still" | "Meanwhile,")
            || before.ends_with(',')
                && before.len() < 200
                && before.matches(',').count() == 1
                && before
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .is_some_and(|first| self.dict().words.has(List::OpeningPrepositions, first));
        match self.verb_after(end) {
            Some(speech) if opening || speech => 2,
            Some(_) => 1,
            // A subject whose verb the matcher cannot see ("Ortiz, a nurse in Lima, has …" is found; "Ortiz
            // and his wife" is not): opening the sentence is enough.
            None if opening && !self.text[end..self.sentence_end].starts_with(['\'', '’']) => 1,
            None => 0,
        }
    }

    /// The verb group after `end`, perhaps after an apposition between commas ("Ortiz, 34, a nurse,
    /// said") or after the comma that closes one the mention ends ("…, Sen. Ada Ortiz, called"): Some(true)
    /// for a speech or reporting verb, Some(false) for another verb, None when no verb follows.
    fn verb_after(&self, end: usize) -> Option<bool> {
        let rest = &self.text[end..self.sentence_end];
        let mut at = end;
        if let Some(after_comma) = rest.strip_prefix(',') {
            let next = self.word_at(self.skip_space(end + 1));
            if next.starts_with(char::is_lowercase) && (self.rec.speech.is_reporting(next) || next.ends_with("ed")) {
                at = end + 1;
            } else {
                // Up to the next comma, a dozen words at most.
                let close = head_of(after_comma, 200).find(',')?;
                if after_comma[..close].split_whitespace().count() > 16 {
                    return None;
                }
                at = end + 1 + close + 1;
            }
        } else if !rest.starts_with(' ') {
            return None;
        }
        for _ in 0..3 {
            at = self.skip_space(at);
            let w = self.word_at(at);
            if w.is_empty() || !w.starts_with(char::is_lowercase) {
                return None;
            }
            if self.rec.speech.is_reporting(w) {
                return Some(true);
            }
            if w.len() > 3 && w.ends_with("ed") {
                return Some(false);
            }
            let adverb = (w.len() > 4 && w.ends_with("ly")) || matches!(w, "also" | "later" | "then");
            if !(is_auxiliary(w) || adverb) {
                return None;
            }
            if matches!(
                w,
                "is" | "was" | "has" | "had" | "will" | "would" | "have" | "were" | "are"
            ) {
                // "has said", "had told": on to the participle; else the auxiliary is the verb.
                let next = self.word_at(self.skip_space(at + w.len()));
                return Some(self.rec.speech.is_reporting(next));
            }
            at += w.len();
        }
        None
    }
}

impl ArticleState<'_> {
    /// The latest news organisation named ("the news agency", "the outlet").
    pub(super) fn latest_outlet(&self) -> Option<usize> {
        self.occurrences
            .iter()
            .rev()
            .take(LOOKBACK)
            .map(|o| o.entity)
            .find(|&e| {
                self.entities[e]
                    .actor
                    .as_ref()
                    .is_some_and(|a| a.role.as_deref() == Some("MED"))
            })
    }

    /// "it said", "It has denied", "it added": "it" as the subject of a reporting verb or of an
    /// auxiliary with a participle; not "it is unclear", "it seems", "it was".
    fn neuter_subject(&self, start: usize, end: usize) -> bool {
        if self.speaking_subject(end) {
            return true;
        }
        let at = self.skip_space(end);
        let next = self.word_at(at);
        let after = self.word_at(self.skip_space(at + next.len()));
        let opening = self.text[self.sentence_start..start]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .is_empty();
        if opening && matches!(next, "has" | "had" | "will" | "would") && after.ends_with("ed") {
            return true;
        }
        // "… said that it had repaid", "… said that it would appeal": the subject of a reported clause.
        let reported = self.word_before(start).is_some_and(|(_, w)| w == "that");
        reported
            && (matches!(
                next,
                "has" | "had" | "will" | "would" | "could" | "can" | "may" | "might"
            ) || next.len() > 4 && next.ends_with("ed"))
    }
}

/// How many earlier mentions a pronoun looks back over (bounded work per pronoun).
const LOOKBACK: usize = 400;

/// Bytes before a pronoun within which a subject of another paragraph is still a likely antecedent.
const PRONOUN_WINDOW: usize = 2500;

fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "was"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "did"
            | "does"
            | "do"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
    )
}
