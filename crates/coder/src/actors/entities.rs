//! The entities of an article: every person, organisation, country and group mentioned, with its
//! fullest name, its actor and its mentions. Mechanisms create and find them here; coreference links
//! later mentions to them.

use super::article::ArticleState;
use super::dict::Dictionary;
use super::words::List;
use detente_records::{Actor, Entity, EntityKind, Mention, MentionKind, Resolution, Span};

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
            rec.past_titles = e.roles.iter().filter_map(|r| r.title.clone()).collect();
            rec.titles = dict_title.into_iter().collect();
            rec
        });
        if let Some(t) = title {
            self.add_title(idx, t);
        }
        self.index_titles(idx);
        if self.entities[idx].actor.is_none()
            && let Some(mut a) = fallback.cloned()
        {
            a.name = Some(name.clone());
            self.entities[idx].actor = Some(a);
        }
        self.register_surname(&name, idx);
        idx
    }

    /// A person no dictionary holds, named at `span`.
    pub(super) fn unknown_person(
        &mut self,
        span: (usize, usize),
        actor: Option<Actor>,
        title: Option<String>,
        gender: Option<char>,
    ) -> usize {
        let name = self.text[span.0..span.1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let gender = gender.or_else(|| self.given_gender(&name));
        if let Some(idx) = self.compound_surname_of(&name) {
            if self.entities[idx].actor.is_none()
                && let Some(mut a) = actor
            {
                a.name = Some(self.entities[idx].name.clone());
                self.entities[idx].actor = Some(a);
            }
            if let Some(t) = title {
                self.add_title(idx, t);
            }
            self.name_seen(idx, span.0, span.1);
            return idx;
        }
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
        if let Some(t) = title {
            self.add_title(idx, t);
        }
        self.register_surname(&name, idx);
        self.name_seen(idx, span.0, span.1);
        idx
    }

    /// A surname of several words ("Mr. Abdul Hadi", "Ms. Ruiz Ortega", "Mr. van Leeuwen" for a person named
    /// in full before): newswriting repeats the whole family name, which the one-word surname index cannot
    /// see as one name. The person registered under the last word is the one when their full name ends with
    /// all of these words; one hash look-up, no scan.
    fn compound_surname_of(&self, name: &str) -> Option<usize> {
        let (_, last) = name.rsplit_once(' ')?;
        let &idx = self.surnames.get(last)?;
        let e = &self.entities[idx];
        let full = &e.name;
        let starts_at = full.len().checked_sub(name.len())?;
        (e.person && starts_at > 0 && full.ends_with(name) && full.as_bytes()[starts_at - 1] == b' ').then_some(idx)
    }

    /// A title the text gives a person ("spokesman"): later "the spokesman" may refer to them.
    pub(super) fn add_title(&mut self, entity: usize, title: String) {
        if !self.entities[entity].titles.contains(&title) {
            self.entities[entity].titles.push(title);
        }
        self.index_titles(entity);
    }

    /// Record the entity under each of its titles, held now or before.
    pub(super) fn index_titles(&mut self, entity: usize) {
        let e = &self.entities[entity];
        for t in e.titles.iter().chain(&e.past_titles) {
            let list = self.titled.entry(t.clone()).or_default();
            if !list.contains(&entity) {
                list.push(entity);
            }
        }
    }

    /// Where the article writes a person's name (for the fullest spelling).
    pub(super) fn name_seen(&mut self, entity: usize, start: usize, end: usize) {
        let names = &mut self.entities[entity].names;
        if names.last() != Some(&(start, end)) {
            names.push((start, end));
        }
    }

    /// Later mentions by a part of the name refer back to the person: the surname, and the first word
    /// ("Leung" for "Leung Chun-ying", a family name written first; "Louisa" in a transcript) unless the
    /// first word names somebody else already. A one-word name is registered as it is.
    pub(super) fn register_surname(&mut self, name: &str, entity: usize) {
        let words = &self.dict().words;
        let usable = |w: &str| {
            w.len() >= 3
                && w.starts_with(char::is_uppercase)
                && !words.has(List::NonName, w)
                && !words.has_folded(List::SentenceOpeners, w)
        };
        let mut parts = name.split_whitespace();
        let Some(first) = parts.next() else { return };
        let last = parts.next_back();
        if let Some(last) = last {
            if usable(last) {
                self.surnames.entry(last.to_string()).or_insert(entity);
            } else if last.len() >= 3 && last.starts_with(char::is_uppercase) {
                // "May", "Price", "Major": a family name that is also a common word is read by context.
                self.word_surnames.entry(last.to_string()).or_insert(entity);
            }
        }
        if usable(first) {
            self.surnames.entry(first.to_string()).or_insert(entity);
        }
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
    /// Every title the dictionary gives the person, held now or before ("the former president").
    pub past_titles: Vec<String>,
    /// End of the latest mention; sentence of it.
    pub last: usize,
    pub last_sentence: usize,
    /// The text gave this person's actor with a title or apposition ("NATO Secretary-General …"): it
    /// overrides the dictionary's date-based role for the whole article.
    pub text_titled: bool,
    /// Indices of the emitted mentions of the entity.
    pub emitted: Vec<usize>,
    /// Every mention, emitted or not (a person without an actor is mentioned but not emitted).
    pub spans: Vec<(usize, usize)>,
    /// Where a person's name is written (without titles).
    pub names: Vec<(usize, usize)>,
    pub kind: EntityKind,
    /// A company or outlet named after its noun ("shipping company Fjordlinje"): its name is the name, not
    /// the fullest phrase.
    pub named_by_noun: bool,
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
            past_titles: Vec::new(),
            last: 0,
            last_sentence: 0,
            text_titled: false,
            emitted: Vec::new(),
            spans: Vec::new(),
            names: Vec::new(),
            kind: EntityKind::Person,
            named_by_noun: false,
        }
    }
}

/// A group, body, organisation or country entity (or a person named only by a role noun).
pub(super) fn new_group(key: EntityKey, actor: Option<Actor>, plural: bool, kind: EntityKind) -> EntityRec {
    let name = actor.as_ref().map(|a| a.code.clone()).unwrap_or_default();
    let mut rec = EntityRec::new(key, name, false, actor, plural);
    rec.kind = kind;
    rec
}

fn title_gender(dict: &Dictionary, title: Option<&str>) -> Option<char> {
    let t = title?;
    dict.nouns.iter().find(|n| n.key == t).and_then(|n| n.gender)
}

/// One mention of an entity, emitted or not, with what coreference needs to know about it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrence {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub sentence: usize,
    pub paragraph: usize,
    /// How likely an antecedent of a pronoun: 2 for the subject of a sentence or a speaker, 1 for the
    /// subject of another clause, 0 otherwise.
    pub salience: u8,
    /// "Trump's election": a possessive is a poor antecedent.
    pub possessive: bool,
    /// Inside a quotation: never an antecedent outside it.
    pub quoted: bool,
}

/// What the actor stage finds in an article: its entities and the mentions that have an actor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleActors {
    /// Mentions with an actor, in text order; `entity` numbers index `entities` from 1.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

impl ArticleState<'_> {
    /// The entities as output: numbered from 1 in order of first mention, each with its fullest name.
    pub(super) fn finish(mut self) -> ArticleActors {
        self.forward_descriptions();
        self.late_actors();
        if !self.compass_mentions.is_empty() {
            let found = std::mem::take(&mut self.compass_mentions);
            self.mentions.extend(found);
            self.mentions.sort_by_key(|m| (m.start, m.end));
        }
        let ArticleState {
            entities,
            mut mentions,
            text,
            rec,
            ..
        } = self;
        let mut order: Vec<usize> = (0..entities.len()).filter(|&i| !entities[i].spans.is_empty()).collect();
        order.sort_by_key(|&i| entities[i].spans.iter().map(|s| s.0).min());
        let mut number = vec![0; entities.len()];
        for (n, &i) in order.iter().enumerate() {
            number[i] = n + 1;
        }
        for m in &mut mentions {
            m.entity = number[m.entity - 1];
        }
        let out = order
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let e = &entities[i];
                let mut spans: Vec<Span> = e.spans.iter().map(|&(s, e)| Span::new(s, e)).collect();
                spans.sort();
                spans.dedup();
                let name = match (&e.key, e.kind) {
                    _ if e.person => person_name(text, e),
                    // A company named after its noun ("shipping company Fjordlinje"): the name, not the phrase.
                    _ if e.named_by_noun => person_name(text, e),
                    (EntityKey::Entry(entry), EntityKind::Country) => rec.dict.entries[*entry as usize].name.clone(),
                    (EntityKey::Entry(entry), _) if e.actor.as_ref().is_some_and(|a| a.country.is_none()) => {
                        // An international organisation: its dictionary name unless the text gives a longer one.
                        let written = fullest(text, &spans, !matches!(e.key, EntityKey::Phrase(..)));
                        let listed = &rec.dict.entries[*entry as usize].name;
                        if listed.split_whitespace().count() > written.split_whitespace().count() {
                            listed.clone()
                        } else {
                            written
                        }
                    }
                    _ => {
                        let name = fullest(text, &spans, !matches!(e.key, EntityKey::Phrase(..)));
                        of_list_name(text, &spans, &name).unwrap_or(name)
                    }
                };
                Entity {
                    id: n + 1,
                    name,
                    kind: e.kind,
                    actor: e.actor.clone(),
                    gender: e.gender,
                    plural: e.plural,
                    mentions: spans,
                }
            })
            .collect();
        ArticleActors {
            mentions,
            entities: out,
        }
    }
}

/// A person's fullest name as the article writes it ("Abdul Fattah al-Sisi", though the dictionary spells
/// it otherwise); the dictionary's name when the article writes only a shorter form of it ("Sisi").
fn person_name(text: &str, e: &EntityRec) -> String {
    let words = |s: &str| s.split_whitespace().count();
    let written = e
        .names
        .iter()
        .map(|&(s, end)| text[s..end].split_whitespace().collect::<Vec<_>>().join(" "))
        .fold(String::new(), |best, n| if words(&n) > words(&best) { n } else { best });
    let last = |s: &str| s.split_whitespace().last().map(str::to_lowercase);
    if written.is_empty() || words(&e.name) > words(&written) && last(&e.name) == last(&written) {
        e.name.clone()
    } else {
        written
    }
}

impl ArticleState<'_> {
    /// People the text gave a state title without a country ("Health Minister Ana Ruiz" in an article
    /// that names Portugal only later) take the country the whole article is about, with the title's
    /// role; their mentions, held back so far, are emitted (via context).
    fn late_actors(&mut self) {
        let Some(main) = self.context.main().map(str::to_string) else {
            return;
        };
        let mut added = false;
        for i in 0..self.entities.len() {
            let e = &self.entities[i];
            if !e.person || e.actor.is_some() || e.spans.is_empty() {
                continue;
            }
            // "President Omar" with no surname: too little to presume the article's country for (see
            // `title_and_name`).
            if !e.name.contains(' ') && self.is_given_name(&e.name) {
                continue;
            }
            let role = e.titles.iter().find_map(|t| {
                self.dict()
                    .noun_roles
                    .get(t)
                    .cloned()
                    .flatten()
                    .filter(|r| super::compose::person_context_role(Some(r)) || super::compose::is_former_title(t))
            });
            let Some(role) = role else { continue };
            let actor = Actor {
                code: format!("{main}{role}"),
                country: Some(main.clone()),
                org: None,
                role: Some(role),
                name: Some(e.name.clone()),
            };
            self.entities[i].actor = Some(actor.clone());
            let (gender, spans) = (self.entities[i].gender, self.entities[i].spans.clone());
            for (start, end) in spans {
                let text = &self.text[start..end];
                let kind = if matches!(text.to_lowercase().as_str(), "he" | "him" | "his" | "she" | "her") {
                    MentionKind::Pronoun
                } else if text.starts_with(char::is_uppercase) && !text.starts_with("The ") {
                    MentionKind::Person
                } else {
                    MentionKind::Role
                };
                self.mentions.push(Mention {
                    start,
                    end,
                    text: text.to_string(),
                    actor: actor.clone(),
                    via: Resolution::Context,
                    kind,
                    entity: i + 1,
                    gender,
                    plural: false,
                });
                added = true;
            }
        }
        if added {
            self.mentions.sort_by_key(|m| (m.start, m.end));
        }
    }

    /// A description before the name ("French foreign minister says …" in a headline, then "French
    /// Foreign Minister Jean Valois"): a singular role phrase that no earlier person matched is the one
    /// person named later with that title and country, when there is exactly one.
    fn forward_descriptions(&mut self) {
        for i in 0..self.entities.len() {
            let e = &self.entities[i];
            let EntityKey::Phrase(_, noun) = &e.key else { continue };
            let Some(country) = e.actor.as_ref().and_then(|a| a.country.clone()) else {
                continue;
            };
            if e.person || e.kind != EntityKind::Person || e.spans.is_empty() {
                continue;
            }
            let first = e.spans[0].0;
            let mut later = (0..self.entities.len()).filter(|&k| {
                let p = &self.entities[k];
                p.person
                    && p.spans.first().is_some_and(|s| s.0 > first)
                    && (p.titles.contains(noun) || p.past_titles.contains(noun))
                    && p.actor
                        .as_ref()
                        .is_some_and(|a| a.country.as_deref() == Some(country.as_str()))
            });
            let (Some(person), None) = (later.next(), later.next()) else {
                continue;
            };
            let spans = std::mem::take(&mut self.entities[i].spans);
            let emitted = std::mem::take(&mut self.entities[i].emitted);
            let actor = self.entities[person].actor.clone();
            for &m in &emitted {
                let mention = &mut self.mentions[m];
                mention.entity = person + 1;
                mention.via = Resolution::Coreference;
                if let Some(a) = &actor {
                    mention.actor = a.clone();
                }
            }
            let p = &mut self.entities[person];
            p.spans.extend(spans);
            p.emitted.extend(emitted);
        }
    }
}

/// The fullest of the mentions' texts: for a named organisation a name written with a capital before a
/// description ("Yonhap", not "news agency"); then the most words, then the first. Pronouns never name.
fn fullest(text: &str, spans: &[Span], names_first: bool) -> String {
    let words = |s: &Span| s.of(text).split_whitespace().count();
    let capital = |s: &Span| names_first && s.of(text).starts_with(char::is_uppercase);
    spans
        .iter()
        .filter(|s| {
            !matches!(
                s.of(text).to_lowercase().as_str(),
                "he" | "him" | "his" | "she" | "her" | "they" | "them" | "their" | "it"
            )
        })
        .max_by_key(|s| (capital(s), words(s), std::cmp::Reverse(s.start)))
        .map(|s| s.of(text).to_string())
        .unwrap_or_default()
}

/// "Foreign ministers of Ghana, Togo and Benin": a group named after "of" with a list of names, which its
/// mention (with the first name only, whose country it takes) stops short of. The whole phrase, when the
/// list follows the mention written as `name`.
fn of_list_name(text: &str, spans: &[Span], name: &str) -> Option<String> {
    let span = spans.iter().find(|s| s.of(text) == name)?;
    let (_, tail) = name.rsplit_once(" of ")?;
    if !tail.split(' ').all(|w| w.starts_with(char::is_uppercase) || w == "the") {
        return None;
    }
    let mut end = span.end;
    for _ in 0..12 {
        let rest = &text[end..];
        if let Some(after) = rest.strip_prefix(", and ").or_else(|| rest.strip_prefix(" and ")) {
            let len = list_name_len(after)?;
            let end = text.len() - after.len() + len;
            return Some(text[span.start..end].to_string());
        }
        let after = rest.strip_prefix(", ")?;
        end = text.len() - after.len() + list_name_len(after)?;
    }
    None
}

/// Length of one to three capitalised words at the start of `s` ("the" allowed first): one name of a list.
fn list_name_len(s: &str) -> Option<usize> {
    let mut len = if s.starts_with("the ") { 4 } else { 0 };
    let mut words = 0;
    while words < 3 {
        let rest = &s[len..];
        let w = rest.split([' ', ',', '.', ';', ':']).next().unwrap_or("");
        if w.is_empty() || !w.starts_with(char::is_uppercase) || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            break;
        }
        len += w.len();
        words += 1;
        if !s[len..].starts_with(' ') || !s[len + 1..].starts_with(char::is_uppercase) {
            break;
        }
        len += 1;
    }
    (words > 0).then_some(len)
}
