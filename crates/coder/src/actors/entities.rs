//! The entities of an article: every person, organisation, country and group mentioned, with its
//! fullest name, its actor and its mentions. Mechanisms create and find them here; coreference links
//! later mentions to them.

use super::article::ArticleState;
use super::dict::Dictionary;
use detente_records::Actor;

impl<'a> ArticleState<'a> {
    /// The entity with this key, made when new.
    pub(super) fn entity(&mut self, key: EntityKey, make: impl FnOnce() -> EntityRec) -> usize {
        if let Some(&i) = self.entity_index.get(&key) {
            return i;
        }
        self.entities.push(make());
        self.entity_index.insert(key, self.entities.len() - 1);
        self.entities.len() - 1
    }

    /// The person entity of a dictionary person; registers its surname for later bare mentions.
    pub(super) fn person_entity(&mut self, entry: u32, title: Option<String>, fallback: Option<&Actor>) -> usize {
        let e = &self.dict().entries[entry as usize];
        let (actor, dict_title) = match e.actor_at(self.date) {
            Some((a, t)) => (Some(a), t),
            None => (fallback.cloned(), None),
        };
        let name = e.name.clone();
        let gender = e
            .gender
            .or_else(|| title_gender(self.dict(), title.as_deref()))
            .or_else(|| self.given_gender(&name));
        let idx = self.entity(EntityKey::Entry(entry), || {
            let actor = actor.map(|mut a| {
                a.name = Some(name.clone());
                a
            });
            let mut rec = EntityRec::new(EntityKey::Entry(entry), name.clone(), true, actor, false);
            rec.gender = gender;
            rec.titles = dict_title.into_iter().collect();
            rec
        });
        if let Some(t) = title
            && !self.entities[idx].titles.contains(&t)
        {
            self.entities[idx].titles.push(t);
        }
        if self.entities[idx].actor.is_none()
            && let Some(mut a) = fallback.cloned()
        {
            a.name = Some(name.clone());
            self.entities[idx].actor = Some(a);
        }
        self.register_surname(&name, idx);
        idx
    }

    pub(super) fn unknown_person(
        &mut self,
        name: &str,
        actor: Option<Actor>,
        title: Option<String>,
        gender: Option<char>,
    ) -> usize {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let gender = gender.or_else(|| self.given_gender(&name));
        let key = EntityKey::Name(name.clone());
        // Known already without a code: a title now may give one.
        if let Some(&i) = self.entity_index.get(&key)
            && let e = &mut self.entities[i]
            && e.actor.is_none()
            && let Some(mut a) = actor.clone()
        {
            a.name = Some(name.clone());
            e.actor = Some(a);
        }
        let idx = self.entity(key.clone(), || {
            let actor = actor.map(|mut a| {
                a.name = Some(name.clone());
                a
            });
            let mut rec = EntityRec::new(key, name.clone(), true, actor, false);
            rec.gender = gender;
            rec
        });
        if let Some(t) = title
            && !self.entities[idx].titles.contains(&t)
        {
            self.entities[idx].titles.push(t);
        }
        self.register_surname(&name, idx);
        idx
    }

    pub(super) fn register_surname(&mut self, name: &str, entity: usize) {
        let Some(last) = name.split_whitespace().last() else {
            return;
        };
        if last.len() < 3 || last == name || !last.starts_with(char::is_uppercase) {
            return;
        }
        self.surnames.entry(last.to_string()).or_insert(entity);
    }
}

/// What makes two mentions the same entity: the dictionary entry, the name as written, or the composed
/// code with the role noun of a phrase ("RUSGOV" + "officials").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum EntityKey {
    Entry(u32),
    Name(String),
    Phrase(String, String),
}

#[derive(Debug, Clone)]
pub(super) struct EntityRec {
    pub key: EntityKey,
    /// The fullest name: a person's full name, a group's code.
    pub name: String,
    pub person: bool,
    /// None: tracked for coreference only, never emitted.
    pub actor: Option<Actor>,
    pub gender: Option<char>,
    pub plural: bool,
    /// Title keys the person was introduced with ("spokesman", "president").
    pub titles: Vec<String>,
    /// End of the latest mention; sentence of it.
    pub last: usize,
    pub last_sentence: usize,
    /// The text gave this person's actor with a title or apposition ("NATO Secretary-General …"): it
    /// overrides the dictionary's date-based role for the whole article.
    pub text_titled: bool,
    /// Indices of the emitted mentions of the entity.
    pub emitted: Vec<usize>,
}

impl EntityRec {
    pub fn new(key: EntityKey, name: String, person: bool, actor: Option<Actor>, plural: bool) -> EntityRec {
        EntityRec {
            key,
            name,
            person,
            actor,
            gender: None,
            plural,
            titles: Vec::new(),
            last: 0,
            last_sentence: 0,
            text_titled: false,
            emitted: Vec::new(),
        }
    }
}

/// A group, body, organisation or country entity.
pub(super) fn new_group(key: EntityKey, actor: Option<Actor>, plural: bool) -> EntityRec {
    let name = actor.as_ref().map(|a| a.code.clone()).unwrap_or_default();
    EntityRec::new(key, name, false, actor, plural)
}

fn title_gender(dict: &Dictionary, title: Option<&str>) -> Option<char> {
    let t = title?;
    dict.nouns.iter().find(|n| n.key == t).and_then(|n| n.gender)
}
