//! The word lists of the actor stage (`[words]` tables of `*.actors.toml` files): which capitalised words
//! are no names, which suffixes make an actor a modifier, which words tell the US state of Georgia from
//! the country. Users add words (or take them out with `remove_<list>`) without recompiling.

use super::dict::error;
use crate::DictionaryError;
use crate::wordset::{WordMap, WordSet};
use aho_corasick::AhoCorasick;
use std::collections::BTreeMap;

/// One word list. The names are the keys of the `[words]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// Lower case: words that are no name when they open a sentence capitalised ("May", "Will").
    SentenceOpeners,
    /// As written: capitalised words that never start or continue a person's name after a title.
    NonName,
    /// As written: capitalised words that continue a title rather than start a name.
    TitleWords,
    /// Name particles between capitalised parts ("von", "al").
    Particles,
    /// Lower-case words that may follow a bare role noun used as subject or object ("the army said").
    FollowOk,
    /// Body nouns that name the state of the context, not the latest body named with them.
    GenericBodies,
    /// Government nouns that a leader's name before them qualifies ("the Bush administration").
    LeaderBodies,
    /// Generic heads that refer back to the latest person of their country ("the Kremlin leader").
    LeaderHeads,
    /// Words before a capitalised phrase that make it a place or object, not a person.
    NamePrepositions,
    /// Words opening a sentence with a phrase before its subject ("After his visit, …").
    OpeningPrepositions,
    /// Civilians often not the people of the place they are in ("settlers").
    VisitorNouns,
    /// Suffixes that make the following noun the actor's own ("-run", "-owned").
    OwnerSuffixes,
    /// Suffixes that make an actor phrase a modifier ("-backed", "-based").
    ModifierSuffixes,
    /// Nouns that make a country name before them part of a place's name ("Bridge").
    FacilityWords,
    /// CAMEO region codes (WST, EUR, …).
    RegionCodes,
    /// Words after "Georgia" that make it the US state.
    UsStateWords,
    /// Names that place an article in the US state of Georgia.
    UsStateMarkers,
    /// Names that place an article in the country Georgia.
    GeorgiaMarkers,
    /// Capitalised words before ", Georgia" that keep it the country.
    GeorgiaNeighbours,
    /// Head words of organisations' names, some with a role ("Party:PTY").
    OrgHeads,
    /// Nouns that refer back to the latest news organisation ("the outlet").
    OutletNouns,
    /// Documents that speak for their issuer ("the statement").
    DocumentNouns,
    /// Days and months.
    Calendar,
    /// Lower-case words inside organisations' names ("of", "for").
    NameConnectors,
    /// Groups that take no country from the article ("tourists", "diplomats").
    NoContextNouns,
    /// Suffixes that make a name another person's ("Jr").
    NameSuffixes,
    /// Titles that refer back to the latest person with a title of the same role ("the official").
    GenericTitles,
    /// Words before a seat of power that make it a place, not its government ("talks in Moscow").
    PlacePrepositions,
    /// Lower-case words that end a noun phrase (prepositions, conjunctions, verbs of saying): never a
    /// modifier between a nationality and a role noun.
    PhraseBreakers,
    /// Participles that put something inside a document ("named in the report"), not issue it.
    ContentVerbs,
    /// Lower case: words before a surname that is also a common word ("in May", "the Price index") that make it
    /// the common word.
    NotBeforeAName,
    /// As written: words after such a surname opening a sentence that make it the subject person ("May said").
    VerbsAfterAName,
    /// CAMEO roles whose bare nouns ("a soldier", "the police", "rebels") are the group of that role the
    /// article introduced with a country, not whichever country the sentence before named.
    IntroducedRoles,
    /// As written: adjectives of a people or faith that spans borders ("Kurdish", "Shiite"): an armed group
    /// they qualify takes no country from the sentences around it.
    IdentityAdjectives,
    /// Lower case: legislators' titles presumed of one country ("sen." → USA) that take the country of the
    /// legislature the article names instead ("Sen. Ana Reyes" after "the Philippine Senate").
    ChamberTitles,
    /// Lower case: words that open a new clause, between a subject and an object pronoun that may then
    /// refer to it ("protesters said police had beaten them").
    ClauseOpeners,
}

const LISTS: &[(List, &str)] = &[
    (List::SentenceOpeners, "sentence_openers"),
    (List::NonName, "non_name"),
    (List::TitleWords, "title_words"),
    (List::Particles, "particles"),
    (List::FollowOk, "follow_ok"),
    (List::GenericBodies, "generic_bodies"),
    (List::LeaderBodies, "leader_bodies"),
    (List::LeaderHeads, "leader_heads"),
    (List::NamePrepositions, "name_prepositions"),
    (List::OpeningPrepositions, "opening_prepositions"),
    (List::VisitorNouns, "visitor_nouns"),
    (List::OwnerSuffixes, "owner_suffixes"),
    (List::ModifierSuffixes, "modifier_suffixes"),
    (List::FacilityWords, "facility_words"),
    (List::RegionCodes, "region_codes"),
    (List::UsStateWords, "us_state_words"),
    (List::UsStateMarkers, "us_state_markers"),
    (List::GeorgiaMarkers, "georgia_markers"),
    (List::GeorgiaNeighbours, "georgia_neighbours"),
    (List::OrgHeads, "org_heads"),
    (List::OutletNouns, "outlet_nouns"),
    (List::DocumentNouns, "document_nouns"),
    (List::Calendar, "calendar"),
    (List::NameConnectors, "name_connectors"),
    (List::NoContextNouns, "no_context_nouns"),
    (List::NameSuffixes, "name_suffixes"),
    (List::GenericTitles, "generic_titles"),
    (List::PlacePrepositions, "place_prepositions"),
    (List::PhraseBreakers, "phrase_breakers"),
    (List::ContentVerbs, "content_verbs"),
    (List::NotBeforeAName, "not_before_a_name"),
    (List::VerbsAfterAName, "verbs_after_a_name"),
    (List::IntroducedRoles, "introduced_roles"),
    (List::IdentityAdjectives, "identity_adjectives"),
    (List::ChamberTitles, "chamber_titles"),
    (List::ClauseOpeners, "clause_openers"),
];

/// Lists whose words are compared in lower case.
fn lower_case(list: List) -> bool {
    matches!(list, List::SentenceOpeners)
}

/// The compiled lists: a set for lookups and the words in file order for the few lists scanned in order.
#[derive(Debug, Default)]
pub(crate) struct Words {
    sets: Vec<WordSet>,
    items: Vec<Vec<String>>,
    /// Organisation head word → the role it gives, if any.
    org_heads: WordMap<Option<String>>,
    /// Finds any of the head words in a text: most sentences hold none, and then no name an organisation's
    /// head word makes can be in them. None when some head is empty (it occurs everywhere).
    org_head_finder: Option<AhoCorasick>,
}

impl Words {
    pub fn has(&self, list: List, word: &str) -> bool {
        self.sets[list as usize].contains(word)
    }

    pub fn items(&self, list: List) -> &[String] {
        &self.items[list as usize]
    }

    /// Whether `word` heads organisations' names; `Some(Some(role))` when it gives one ("Party" → PTY).
    pub fn org_head(&self, word: &str) -> Option<Option<&str>> {
        self.org_heads.get(word).map(Option::as_deref)
    }

    /// Whether some organisation head word occurs in `text` (as a word or inside one): when not, no word of
    /// the text is a head.
    pub fn may_hold_org_head(&self, text: &str) -> bool {
        match &self.org_head_finder {
            Some(finder) => finder.is_match(text),
            None => !self.org_heads.is_empty(),
        }
    }

    /// A word of a lower-case list, compared in any case.
    pub fn has_folded(&self, list: List, word: &str) -> bool {
        let mut buf = [0u8; 32];
        crate::wordset::ascii_lower(word, &mut buf).is_some_and(|w| self.has(list, w))
    }
}

/// The lists as files add to them.
#[derive(Debug)]
pub(crate) struct WordsBuilder {
    items: Vec<Vec<String>>,
}

impl Default for WordsBuilder {
    fn default() -> WordsBuilder {
        WordsBuilder {
            items: vec![Vec::new(); LISTS.len()],
        }
    }
}

impl WordsBuilder {
    /// Add a `[words]` table; `line` is where it starts (for errors).
    pub fn add(
        &mut self,
        file: &str,
        line: usize,
        table: BTreeMap<String, Vec<String>>,
    ) -> Result<(), DictionaryError> {
        for (key, words) in table {
            let (name, remove) = match key.strip_prefix("remove_") {
                Some(name) => (name, true),
                None => (key.as_str(), false),
            };
            let Some(&(list, _)) = LISTS.iter().find(|(_, n)| *n == name) else {
                let known: Vec<&str> = LISTS.iter().map(|(_, n)| *n).collect();
                return Err(error(
                    file,
                    line,
                    format!("unknown word list {key:?} (known: {})", known.join(", ")),
                ));
            };
            let words = words.iter().map(|w| {
                let w = w.trim();
                if lower_case(list) {
                    w.to_lowercase()
                } else {
                    w.to_string()
                }
            });
            let have = &mut self.items[list as usize];
            if remove {
                let gone: Vec<String> = words.collect();
                have.retain(|w| !gone.contains(w));
            } else {
                for w in words.filter(|w| !w.is_empty()) {
                    if !have.contains(&w) {
                        have.push(w);
                    }
                }
            }
        }
        Ok(())
    }

    pub fn build(self) -> Words {
        let org_heads = self.items[List::OrgHeads as usize]
            .iter()
            .map(|w| match w.split_once(':') {
                Some((head, role)) => (head.to_string(), Some(role.to_string())),
                None => (w.clone(), None),
            })
            .collect();
        let org_head_finder = org_head_finder(&org_heads);
        Words {
            sets: self.items.iter().map(|v| v.iter().cloned().collect()).collect(),
            items: self.items,
            org_heads,
            org_head_finder,
        }
    }
}

/// The searcher of [`Words::may_hold_org_head`]; None when it cannot answer (an empty head, no heads).
fn org_head_finder(org_heads: &WordMap<Option<String>>) -> Option<AhoCorasick> {
    if org_heads.is_empty() || org_heads.contains_key("") {
        return None;
    }
    // Searched over every sentence: a DFA is several times faster than the default NFA for this many words.
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(org_heads.keys())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn files_add_and_remove_words_and_unknown_lists_are_errors() {
        let mut b = WordsBuilder::default();
        b.add("a.actors.toml", 3, table(&[("facility_words", &["Bridge", "Pier"])]))
            .unwrap();
        b.add("b.actors.toml", 1, table(&[("remove_facility_words", &["Pier"])]))
            .unwrap();
        b.add("b.actors.toml", 1, table(&[("sentence_openers", &["Maybe"])]))
            .unwrap();
        let err = b
            .add("c.actors.toml", 7, table(&[("facilities", &["Bridge"])]))
            .unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("c.actors.toml", 7));
        assert!(err.message.contains("facility_words"), "{err}");
        let words = b.build();
        assert!(words.has(List::FacilityWords, "Bridge"));
        assert!(!words.has(List::FacilityWords, "Pier"));
        assert_eq!(words.items(List::FacilityWords), ["Bridge"]);
        // Lower-case lists are stored in lower case and probed in any case.
        assert!(words.has_folded(List::SentenceOpeners, "MAYBE"));
        assert!(!words.has_folded(List::SentenceOpeners, "Bridge"));
    }

    #[test]
    fn org_head_finder_answers_no_only_for_texts_without_a_head_word() {
        let mut b = WordsBuilder::default();
        b.add(
            "a.actors.toml",
            1,
            table(&[("org_heads", &["Observatory", "Party:PTY"])]),
        )
        .unwrap();
        let words = b.build();
        assert!(words.may_hold_org_head("the Lakeside Observatory said"));
        assert!(words.may_hold_org_head("a Party congress"));
        // Inside a longer word too: the finder only rules texts out.
        assert!(words.may_hold_org_head("Observatory's"));
        assert!(!words.may_hold_org_head("the observatory and the party met"));
        assert!(!words.may_hold_org_head("The minister spoke on Monday."));
        // No heads: nothing can be one.
        assert!(
            !WordsBuilder::default()
                .build()
                .may_hold_org_head("the Lakeside Observatory")
        );
        // A head with only a role is the empty word, found everywhere.
        let mut b = WordsBuilder::default();
        b.add("a.actors.toml", 1, table(&[("org_heads", &[":PTY"])])).unwrap();
        assert!(b.build().may_hold_org_head("no head word here"));
    }
}
