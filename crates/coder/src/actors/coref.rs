//! Coreference: later mentions that refer back to an entity named before. A title alone ("the
//! spokesman", "the Kremlin leader"), a body noun ("the department" for "the State Department"), and the
//! pronouns he/him/his, she/her, they/them/their outside quotations.

use super::article::ArticleState;
use super::dict::{EntryKind, Noun, NounKind, Pronoun, Target};
use super::entities::{EntityKey, EntityRec};
use super::matcher::{Hit, What};
use super::words::List;
use detente_records::{Actor, Mention, MentionKind, Resolution};

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
        self.mentions.iter().rev().find(|m| {
            m.kind == MentionKind::Organization
                && (m.text.eq_ignore_ascii_case(noun)
                    || m.text.len() > noun.len()
                        && m.text.is_char_boundary(m.text.len() - noun.len())
                        && m.text[m.text.len() - noun.len()..].eq_ignore_ascii_case(noun)
                        && m.text.as_bytes()[m.text.len() - noun.len() - 1] == b' ')
        })
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
        let rest = &self.text[end..self.sentence_end];
        let next = if rest.starts_with(' ') {
            self.word_at(self.skip_space(end))
        } else {
            ""
        };
        let follows_ok =
            next.is_empty() || !next.starts_with(char::is_lowercase) || self.dict().words.has(List::FollowOk, next);
        the && follows_ok
    }

    /// The person a title-only phrase refers to: the latest one with that title, else (for a phrase with a
    /// country or organisation) the latest person of that actor.
    pub(super) fn title_antecedent(&self, noun: &Noun, composed: Option<&Actor>) -> Option<usize> {
        let gender_ok = |e: &EntityRec| noun.gender.is_none() || e.gender.is_none() || e.gender == noun.gender;
        // "the German leader" is not the Scottish leader: a qualifier must agree.
        let actor_ok = |e: &EntityRec| match composed {
            Some(c) if c.country.is_some() || c.org.is_some() => e.actor.as_ref().is_some_and(|a| {
                (c.country.is_some() && a.country == c.country) || (c.org.is_some() && a.org == c.org)
            }),
            _ => true,
        };
        let people = || {
            self.entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.person && e.last > 0 && gender_ok(e) && actor_ok(e))
        };
        // Of several people with the title, the one the article is about (most mentioned; the latest on a
        // tie): "the president" after "meetings with President Moon" is still the president quoted all along.
        let by_title = people()
            .filter(|(_, e)| e.titles.contains(&noun.key))
            .max_by_key(|(_, e)| (e.emitted.len(), e.last));
        if let Some((i, _)) = by_title {
            return Some(i);
        }
        // A generic head ("the Kremlin leader") is the latest person of that country or organisation.
        if composed.is_none_or(|c| c.country.is_none() && c.org.is_none())
            || !self.dict().words.has(List::LeaderHeads, &noun.key)
        {
            return None;
        }
        people().max_by_key(|(_, e)| e.last).map(|(i, _)| i)
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
        if !self.dict().words.has(List::OpeningPrepositions, first) || before.contains(',') {
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
            What::Local(_) | What::NewName => Some(None),
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

    pub(super) fn pronoun(&mut self, hit: Hit, p: Pronoun) {
        if self.in_quote(hit.start) {
            return;
        }
        let target = match p {
            Pronoun::Male | Pronoun::Female => {
                let want = if p == Pronoun::Male { 'm' } else { 'f' };
                let people = || self.entities.iter().enumerate().filter(|(_, e)| e.person && e.last > 0);
                // The latest person of that gender; a later person of unknown gender only when close (this
                // or the previous sentence) or when nobody of that gender was named.
                let matching = people()
                    .filter(|(_, e)| e.gender == Some(want))
                    .max_by_key(|(_, e)| e.last);
                let unknown = people().filter(|(_, e)| e.gender.is_none()).max_by_key(|(_, e)| e.last);
                match (matching, unknown) {
                    (Some((m, me)), Some((u, ue))) => {
                        if ue.last > me.last && ue.last_sentence + 1 >= self.sentence {
                            Some(u)
                        } else {
                            Some(m)
                        }
                    }
                    (Some((m, _)), None) => Some(m),
                    (None, Some((u, _))) => Some(u),
                    (None, None) => None,
                }
            }
            Pronoun::Plural => self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    (e.plural || !e.person) && e.last > 0 && e.last_sentence + 1 >= self.sentence && e.actor.is_some()
                })
                .max_by_key(|(_, e)| e.last)
                .map(|(i, _)| i),
        };
        let Some(ent) = target else { return };
        let rec = &self.entities[ent];
        let Some(actor) = rec.actor.clone() else {
            self.entities[ent].last = hit.end;
            return;
        };
        let gender = match p {
            Pronoun::Male => Some('m'),
            Pronoun::Female => Some('f'),
            Pronoun::Plural => None,
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
}
