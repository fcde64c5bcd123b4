//! One article's pass: the state the mechanisms share while the sentences are read in order, and the
//! emission of mentions.

use super::ActorRecognizer;
use super::compose::context_role;
use super::context::CountryContext;
use super::dict::Dictionary;
use super::disambiguate::PlaceCache;
use super::entities::{EntityKey, EntityRec, Occurrence};
use super::matcher::Hit;
use super::sentence::quoted_ranges;
use super::words::List;
use crate::wordset::WordMap;
use detente_records::{Actor, Mention, MentionKind, Resolution, Sentence};
use std::collections::HashMap;

pub(super) struct ArticleState<'a> {
    pub rec: &'a ActorRecognizer,
    pub text: &'a str,
    /// `YYYY-MM-DD`: selects people's roles at that time.
    pub date: Option<&'a str>,
    pub entities: Vec<EntityRec>,
    pub entity_index: HashMap<EntityKey, usize>,
    pub mentions: Vec<Mention>,
    /// Every mention of an entity so far, in text order (what coreference looks back over).
    pub occurrences: Vec<Occurrence>,
    /// Title keys → the people with that title, now or before ("the president").
    pub titled: WordMap<Vec<usize>>,
    /// Surnames of people introduced in the article → entity.
    pub surnames: WordMap<usize>,
    /// Surnames that are also common words ("May", "Price"): a reference only where the context makes the
    /// word a name (see `word_surnames`).
    pub word_surnames: WordMap<usize>,
    pub context: CountryContext,
    /// Document nouns → the entity that issued the latest such document ("said in a statement").
    pub issuers: WordMap<usize>,
    /// The issuer of the latest document of any kind: "a press release … the statement says".
    pub last_issuer: Option<usize>,
    /// A document in an opening adjunct whose issuer is the subject after it ("In a statement, the
    /// ministry said"): its noun and start, settled when the sentence is read.
    pub pending_document: Option<(String, usize)>,
    /// Last word of organisation mentions (lower case) → the latest such mention ("department" → "State
    /// Department"), so that "the department" finds it without a scan.
    pub bodies: WordMap<usize>,
    pub places: PlaceCache,
    /// Role (of `introduced_roles`) → the country of the latest group of that role named with its country
    /// ("Israeli soldiers", "the Kenyan police") and the sentence: bare "soldiers" soon after are that group.
    pub introduced: WordMap<(String, usize)>,
    /// The latest "North X" and "South X" countries named (see `compass`), and the short forms found
    /// ("the North"), merged into the mentions when the article is done.
    pub compass: [Option<usize>; 2],
    pub compass_mentions: Vec<Mention>,
    /// The current sentence: its index among the non-boilerplate sentences, and its span.
    pub sentence: usize,
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub paragraph: usize,
    /// Quotation ranges of the current sentence.
    pub quoted: Vec<(usize, usize)>,
    /// The gazetteer, when the caller has one: towns the actor dictionaries do not name still place a group
    /// ("police in Mombasa").
    pub gazetteer: Option<&'a crate::places::gazetteer::Gazetteer>,
}

impl<'a> ArticleState<'a> {
    pub fn new(rec: &'a ActorRecognizer, text: &'a str, date: Option<&'a str>) -> ArticleState<'a> {
        ArticleState {
            rec,
            text,
            date,
            entities: Vec::new(),
            entity_index: HashMap::new(),
            mentions: Vec::new(),
            occurrences: Vec::new(),
            titled: WordMap::default(),
            surnames: WordMap::default(),
            word_surnames: WordMap::default(),
            context: CountryContext::default(),
            issuers: WordMap::default(),
            last_issuer: None,
            pending_document: None,
            bodies: WordMap::default(),
            places: PlaceCache::default(),
            introduced: WordMap::default(),
            compass: [None, None],
            compass_mentions: Vec::new(),
            sentence: 0,
            sentence_start: 0,
            sentence_end: 0,
            paragraph: 0,
            quoted: Vec::new(),
            gazetteer: None,
        }
    }

    pub fn dict(&self) -> &'a Dictionary {
        &self.rec.dict
    }

    /// Read every non-boilerplate sentence in order: match, then compose.
    pub fn run(&mut self, sentences: &[Sentence]) {
        let mut hits: Vec<Hit> = Vec::new();
        let mut in_quote = false;
        let mut paragraph = usize::MAX;
        // Sentences are counted without boilerplate: "the previous sentence" of the context and pronoun
        // rules skips an "ADVERTISEMENT" line between two paragraphs.
        let mut counted = 0;
        for s in sentences {
            if s.paragraph != paragraph {
                paragraph = s.paragraph;
                in_quote = false;
            }
            if s.boilerplate || s.end > self.text.len() || s.start >= s.end {
                continue;
            }
            self.sentence = counted;
            counted += 1;
            self.sentence_start = s.start;
            self.sentence_end = s.end;
            self.paragraph = s.paragraph;
            in_quote = quoted_ranges(self.text, s.start, s.end, in_quote, &mut self.quoted);
            self.rec
                .matcher
                .find_hits(self.dict(), self.text, s.start, s.end, &self.surnames, &mut hits);
            self.add_org_names(&mut hits);
            self.add_word_surnames(&mut hits);
            self.add_cue_names(&mut hits);
            self.compose(&hits);
            self.compass_references();
            self.settle_pending_document();
        }
    }

    /// "In a statement, the ministry said …": the first subject after the document issued it.
    fn settle_pending_document(&mut self) {
        let Some((key, at)) = self.pending_document.take() else {
            return;
        };
        let issuer = self
            .occurrences
            .iter()
            .rev()
            .take(64)
            .take_while(|o| o.sentence == self.sentence)
            .filter(|o| o.salience > 0 && !o.quoted && o.start > at)
            .last()
            .map(|o| o.entity);
        if let Some(issuer) = issuer {
            self.issuers.insert(key, issuer);
            self.last_issuer = Some(issuer);
        }
    }

    /// The country of the current and previous sentence (see [`CountryContext::country`]).
    pub fn context_country(&self) -> Option<String> {
        self.context.country(self.sentence).map(str::to_string)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn emit(
        &mut self,
        start: usize,
        end: usize,
        actor: Actor,
        via: Resolution,
        kind: MentionKind,
        entity: usize,
        gender: Option<char>,
        plural: bool,
    ) {
        let start = self.strip_article(start, end);
        // The context for titles without a country: countries and people named, state bodies and officials
        // (not "Russians", "Russian hackers" or pronouns).
        if let Some(c) = &actor.country
            && (matches!(
                kind,
                MentionKind::Country | MentionKind::Person | MentionKind::Organization
            ) || context_role(actor.role.as_deref()))
        {
            let weight = if kind == MentionKind::Country && actor.role.is_none() {
                1
            } else {
                2
            };
            // A news outlet known by its name tells who reports the story, not where it happens
            // ("Reuters says"): it counts, a little, only for the country the article is already about.
            // One described by its country or a body ("a Lima daily", "Peruvian state television") is
            // local and counts.
            if actor.role.as_deref() != Some("MED") || via != Resolution::Dictionary {
                self.context.record(self.sentence, c, weight);
            } else if self.context.main() == Some(c.as_str()) {
                self.context.record(self.sentence, c, 1);
            }
        }
        if matches!(via, Resolution::Title | Resolution::Dictionary)
            && matches!(kind, MentionKind::Role | MentionKind::Organization)
            && let (Some(role), Some(country)) = (&actor.role, &actor.country)
            && actor.org.is_none()
            && self.rec.dict.words.has(List::IntroducedRoles, role)
        {
            self.introduced.insert(role.clone(), (country.clone(), self.sentence));
        }
        if kind == MentionKind::Country && actor.role.is_none() {
            self.note_compass_country(entity);
        }
        self.track(entity, start, end);
        self.entities[entity].emitted.push(self.mentions.len());
        if kind == MentionKind::Organization
            && let Some(last) = self.text[start..end].rsplit(' ').next()
        {
            self.bodies.insert(last.to_lowercase(), self.mentions.len());
        }
        self.mentions.push(Mention {
            start,
            end,
            text: self.text[start..end].to_string(),
            actor,
            via,
            kind,
            entity: entity + 1,
            gender,
            plural,
        });
    }

    /// A person's name at [start, end), found `via` a title or an apposition: a mention with the entity's actor
    /// when it has one, else only tracked (a person the article gives no side).
    pub fn emit_person(&mut self, ent: usize, start: usize, end: usize, via: Resolution) {
        let rec = &self.entities[ent];
        match rec.actor.clone() {
            Some(actor) => {
                let gender = rec.gender;
                self.emit(start, end, actor, via, MentionKind::Person, ent, gender, false)
            }
            None => self.track(ent, start, end),
        }
    }

    /// A mention of an entity at [start, end), emitted or not: the entity is the latest named there.
    pub fn track(&mut self, entity: usize, start: usize, end: usize) {
        let e = &mut self.entities[entity];
        e.last = end;
        e.last_sentence = self.sentence;
        if e.spans.last() == Some(&(start, end)) {
            return;
        }
        e.spans.push((start, end));
        let occurrence = Occurrence {
            start,
            end,
            entity,
            sentence: self.sentence,
            paragraph: self.paragraph,
            salience: self.salience(start, end),
            possessive: self.text[end..self.sentence_end].starts_with(['\'', '’']),
            quoted: self.in_quote(start),
        };
        self.occurrences.push(occurrence);
    }

    /// Take back the latest mention (a name that turned out to qualify what follows it).
    pub fn unemit_last(&mut self) {
        if let Some(m) = self.mentions.pop() {
            let e = &mut self.entities[m.entity - 1];
            if e.emitted.last() == Some(&self.mentions.len()) {
                e.emitted.pop();
            }
            if e.spans.last() == Some(&(m.start, m.end)) {
                e.spans.pop();
                if self
                    .occurrences
                    .last()
                    .is_some_and(|o| (o.start, o.end) == (m.start, m.end))
                {
                    self.occurrences.pop();
                }
            }
        }
    }
}
