//! Organisations no dictionary holds, named the way news names them: a capitalised name with an
//! organisation's head word ("the Andean Water Rights Association", "Meridian Institute for Peace
//! Studies"), coded by the country or adjective inside the name and the role the head word gives
//! ("Party" → PTY). Later, the organisation's initials ("AWRA"), an acronym the text defines in
//! parentheses ("… Association (AWRA)") and a distinctive head word ("the Observatory") refer back to it,
//! for dictionary organisations too.

use super::article::ArticleState;
use super::dict::{EntryKind, NounKind, Target};
use super::entities::{EntityKey, EntityRec};
use super::matcher::{Hit, What};
use super::sentence::{hit_before, hits_within};
use super::words::List;
use detente_records::{Actor, EntityKind, MentionKind, Resolution};

/// At most this many words (connectors included) make an organisation's name.
const MAX_ORG_WORDS: usize = 10;

impl ArticleState<'_> {
    /// Replace the hits inside capitalised organisation names of the current sentence with one hit per
    /// name; `hits` stays in text order.
    pub(super) fn add_org_names(&self, hits: &mut Vec<Hit>) {
        // Every name found here holds a head word; nine sentences in ten hold none.
        if !self
            .dict()
            .words
            .may_hold_org_head(&self.text[self.sentence_start..self.sentence_end])
        {
            return;
        }
        let mut found: Vec<Hit> = Vec::new();
        let mut pos = self.sentence_start;
        while let Some(start) = self.org_word_start(pos) {
            let Some((end, country)) = self.org_name_at(start, hits) else {
                pos = start + self.word_at(start).len().max(1);
                continue;
            };
            found.push(Hit {
                start,
                end,
                what: What::OrgName { country },
            });
            pos = end;
        }
        if found.is_empty() {
            return;
        }
        hits.retain(|h| !found.iter().any(|f| f.start <= h.start && h.end <= f.end));
        hits.extend(found);
        hits.sort_by_key(|h| h.start);
    }

    /// The next capitalised word start at or after `pos`.
    fn org_word_start(&self, mut pos: usize) -> Option<usize> {
        loop {
            let rest = &self.text[pos..self.sentence_end];
            let k = rest.find(|c: char| c.is_uppercase())?;
            let at = pos + k;
            let prev_alnum = self.text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
            if !prev_alnum {
                return Some(at);
            }
            pos = at + rest[k..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// The organisation name starting at `start`: its end and the first country entry inside it. A name
    /// has two or more capitalised words, one of them an organisation head word, and holds no dictionary
    /// organisation or person (composition reads those: "Senate Foreign Relations Committee").
    fn org_name_at(&self, start: usize, hits: &[Hit]) -> Option<(usize, Option<u32>)> {
        let words = &self.dict().words;
        // "the Britain-based Lakeside Observatory": a modifier compound before the name is not part of it
        // (and its country is not the organisation's); the name starts after it.
        let first = self.word_at(start);
        if let Some(dash) = first.find('-')
            && words.has(List::ModifierSuffixes, &first[dash..].to_lowercase())
        {
            return None;
        }
        let mut at = start;
        let mut end = start;
        let mut capitals = 0;
        let mut head = false;
        let mut plain = 0;
        let mut count = 0;
        while count < MAX_ORG_WORDS && at < self.sentence_end {
            let w = self.word_at(at);
            if w.is_empty() {
                break;
            }
            let opener = self.is_sentence_initial(at) && words.has_folded(List::SentenceOpeners, w);
            let capital = w.starts_with(char::is_uppercase)
                && !(words.has(List::Calendar, w) || opener || matches!(w, "The" | "A" | "An"));
            if capital {
                capitals += 1;
                end = at + w.len();
                if words.org_head(w).is_some() {
                    head = true;
                } else if !self.inside_noun_hit(at, hits) {
                    plain += 1;
                }
            } else if !(capitals > 0 && words.has(List::NameConnectors, w)) {
                break;
            }
            count += 1;
            let next = at + w.len();
            if !self.text[next..self.sentence_end].starts_with(' ') {
                break;
            }
            at = next + 1;
        }
        // "House Budget Committee Chairman Ana Ruiz", "Harbour Police Superintendent Tom Vee": a title for
        // one person inside the capitalised run starts a person's name; the organisation ends before it.
        if let Some(title) = self.title_hit_within(start, end, hits) {
            return self.org_name_at_before(start, title, hits);
        }
        if capitals < 2 || !head || plain == 0 {
            return None;
        }
        self.checked_org_name(start, end, hits)
    }

    /// The name [start, end) as an organisation no dictionary holds, with the first country entry inside it:
    /// None when it holds a dictionary organisation or person, or a hit reaches across its edges.
    fn checked_org_name(&self, start: usize, end: usize, hits: &[Hit]) -> Option<(usize, Option<u32>)> {
        let mut country = None;
        for h in hits_within(hits, start, end)
            .iter()
            .filter(|h| start <= h.start && h.end <= end)
        {
            if let What::Dict(Target::Entry { entry, .. }) = h.what {
                match self.dict().entries[entry as usize].kind {
                    EntryKind::Country => {
                        country.get_or_insert(entry);
                    }
                    EntryKind::Organization | EntryKind::Person => return None,
                }
            }
        }
        // A hit that reaches past the name, or a dictionary name right before it ("NATO Defence College
        // director"): composition reads those.
        let straddles = hits_within(hits, start, end)
            .iter()
            .any(|h| h.start < end && h.end > end || h.start < start && h.end > start);
        let glued = hit_before(hits, start).is_some_and(|h| {
            matches!(h.what, What::Dict(Target::Entry { .. })) && h.end < start && self.adjacent(h.end, start, true)
        });
        if straddles || glued {
            return None;
        }
        Some((end, country))
    }

    /// The start of the first role-noun hit for one person (a title: "Chairman", "Police Chief") inside
    /// [start, end) that a capitalised word follows, as a name after a title does.
    fn title_hit_within(&self, start: usize, end: usize, hits: &[Hit]) -> Option<usize> {
        hits_within(hits, start, end)
            .iter()
            .find(|h| {
                h.start >= start
                    && h.end < end
                    && matches!(h.what, What::Dict(Target::Noun(n))
                        if matches!(self.dict().nouns[n as usize].kind, NounKind::Person | NounKind::Title))
                    && self.text[h.end..].starts_with(' ')
            })
            .map(|h| h.start)
    }

    /// The organisation name of the capitalised words in [start, title), if they make one.
    fn org_name_at_before(&self, start: usize, title: usize, hits: &[Hit]) -> Option<(usize, Option<u32>)> {
        if title <= start {
            return None;
        }
        let end = self.text[start..title].trim_end().len() + start;
        let name = &self.text[start..end];
        let words = &self.dict().words;
        let capitals = name.split(' ').filter(|w| w.starts_with(char::is_uppercase)).count();
        let head = name.split(' ').any(|w| words.org_head(w).is_some());
        let plain = name
            .split(' ')
            .filter(|w| w.starts_with(char::is_uppercase) && words.org_head(w).is_none())
            .count();
        if capitals < 2 || !head || plain == 0 {
            return None;
        }
        self.checked_org_name(start, end, hits)
    }

    /// Whether a role-noun hit covers `at` ("Foreign Ministry" is a role noun, not a name word).
    fn inside_noun_hit(&self, at: usize, hits: &[Hit]) -> bool {
        hits_within(hits, at, at + 1)
            .iter()
            .any(|h| matches!(h.what, What::Dict(Target::Noun(_))))
    }

    /// An organisation no dictionary holds, at hit `i`.
    pub(super) fn org_name(&mut self, hits: &[Hit], i: usize, country: Option<u32>) -> usize {
        let hit = hits[i];
        let name = self.text[hit.start..hit.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let words = &self.dict().words;
        let role = name
            .split_whitespace()
            .rev()
            .find_map(|w| words.org_head(w))
            .flatten()
            .map(str::to_string);
        let actor = country
            .and_then(|entry| self.entry_actor(entry, &hit))
            .and_then(|a| a.country)
            .map(|country| Actor {
                code: format!("{country}{}", role.as_deref().unwrap_or("")),
                country: Some(country),
                org: None,
                role,
                name: Some(name.clone()),
            });
        let key = EntityKey::Name(name.clone());
        let ent = self.entity(key.clone(), || {
            let mut rec = EntityRec::new(key, name.clone(), false, actor.clone(), false);
            rec.kind = EntityKind::Organization;
            rec
        });
        match actor {
            Some(actor) => self.emit(
                hit.start,
                hit.end,
                actor,
                Resolution::Name,
                MentionKind::Organization,
                ent,
                None,
                false,
            ),
            None => self.track(ent, hit.start, hit.end),
        }
        self.org_aliases(ent, hit.start, hit.end);
        i + 1
    }

    /// Register what refers back to the organisation named at [start, end): its initials ("JCS" for
    /// "Joint Chiefs of Staff"), an acronym defined right after it ("(AWRA)", itself a mention), and a head
    /// word that no other name shares ("Observatory").
    pub(super) fn org_aliases(&mut self, ent: usize, start: usize, end: usize) {
        let name = &self.text[start..end];
        let words = &self.dict().words;
        let capitals: Vec<&str> = name
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .collect();
        if capitals.len() >= 2 {
            let initials: String = capitals.iter().filter_map(|w| w.chars().next()).collect();
            if initials.chars().all(|c| c.is_ascii_uppercase()) {
                self.surnames.entry(initials).or_insert(ent);
            }
            if let Some(head) = capitals
                .iter()
                .rev()
                .find(|w| words.org_head(w).is_some() && !words.has(List::NonName, w))
            {
                self.surnames.entry(head.to_string()).or_insert(ent);
            }
        }
        // "… Association (AWRA)".
        let rest = &self.text[end..self.sentence_end];
        if let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.split(')').next())
            && (2..=8).contains(&inner.len())
            && inner.chars().all(|c| c.is_ascii_uppercase() || c == '-')
        {
            self.surnames.entry(inner.to_string()).or_insert(ent);
            let at = end + 2;
            match self.entities[ent].actor.clone() {
                Some(actor) => self.emit(
                    at,
                    at + inner.len(),
                    actor,
                    Resolution::Coreference,
                    MentionKind::Organization,
                    ent,
                    None,
                    false,
                ),
                None => self.track(ent, at, at + inner.len()),
            }
        }
    }
}
