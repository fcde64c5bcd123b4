//! The word lists the recogniser and the location pass read around place names (`data/places/cues.toml`,
//! extended by the user's `*.placecues.toml`).

use crate::{DictionaryError, DictionarySource};
use rustc_hash::FxHashSet;
use serde::Deserialize;

const BUILTIN: &str = include_str!("../../data/places/cues.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(default)]
    locative: Vec<String>,
    #[serde(default)]
    near: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
    #[serde(default)]
    not_places: Vec<String>,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    from_roots: Vec<String>,
    #[serde(default)]
    fillers: Vec<String>,
    #[serde(default)]
    directions: Vec<String>,
    #[serde(default)]
    region_nouns: Vec<String>,
    #[serde(default)]
    border_nouns: Vec<String>,
    #[serde(default)]
    meeting_words: Vec<String>,
    #[serde(default)]
    actor_followers: Vec<String>,
    #[serde(default)]
    attribution: Vec<String>,
    #[serde(default)]
    participles: Vec<String>,
    #[serde(default)]
    verbal_roots: Vec<String>,
    #[serde(default)]
    target_roots: Vec<String>,
    #[serde(default)]
    venue_codes: Vec<String>,
    #[serde(default)]
    venue_codes_by_trigger: Vec<String>,
    #[serde(default)]
    clause_openers: Vec<String>,
    #[serde(default)]
    visit_verbs: Vec<String>,
    #[serde(default)]
    modified_nouns: Vec<String>,
    #[serde(default)]
    scene_openers: Vec<String>,
    #[serde(default)]
    dateline_roots: Vec<String>,
    #[serde(default)]
    seat_roots: Vec<String>,
    #[serde(default)]
    seat_target_codes: Vec<String>,
    #[serde(default)]
    occasion_nouns: Vec<String>,
    #[serde(default)]
    occasion_openers: Vec<String>,
    #[serde(default)]
    taken_up_nouns: Vec<String>,
    #[serde(default)]
    other_time_openers: Vec<String>,
    #[serde(default)]
    ing_things: Vec<String>,
    #[serde(default)]
    subordinators: Vec<String>,
    #[serde(default)]
    seat_prepositions: Vec<String>,
    #[serde(default)]
    not_subordinating_after: Vec<String>,
}

/// Lower-cased word sets.
#[derive(Debug, Default)]
pub struct Cues {
    pub locative: FxHashSet<String>,
    pub near: FxHashSet<String>,
    pub weak: FxHashSet<String>,
    /// As written (case-sensitive).
    pub not_places: FxHashSet<String>,
    pub from: FxHashSet<String>,
    pub from_roots: Vec<String>,
    pub fillers: FxHashSet<String>,
    pub directions: FxHashSet<String>,
    pub region_nouns: FxHashSet<String>,
    pub border_nouns: FxHashSet<String>,
    pub meeting_words: FxHashSet<String>,
    pub actor_followers: FxHashSet<String>,
    pub attribution: FxHashSet<String>,
    pub participles: FxHashSet<String>,
    pub verbal_roots: Vec<String>,
    pub target_roots: Vec<String>,
    pub venue_codes: Vec<String>,
    pub venue_codes_by_trigger: Vec<String>,
    pub clause_openers: FxHashSet<String>,
    pub visit_verbs: FxHashSet<String>,
    pub modified_nouns: FxHashSet<String>,
    pub scene_openers: FxHashSet<String>,
    pub dateline_roots: Vec<String>,
    pub seat_roots: Vec<String>,
    pub seat_target_codes: Vec<String>,
    pub occasion_nouns: FxHashSet<String>,
    pub occasion_openers: FxHashSet<String>,
    pub taken_up_nouns: FxHashSet<String>,
    pub other_time_openers: FxHashSet<String>,
    pub ing_things: FxHashSet<String>,
    pub subordinators: FxHashSet<String>,
    pub seat_prepositions: FxHashSet<String>,
    pub not_subordinating_after: FxHashSet<String>,
}

fn parse(name: &str, text: &str) -> Result<CueFile, DictionaryError> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        DictionaryError {
            file: name.to_string(),
            line,
            message: e.message().to_string(),
        }
    })
}

impl Cues {
    pub fn load(user: &[DictionarySource]) -> Result<Cues, DictionaryError> {
        let mut cues = Cues::default();
        cues.add(parse("cues.toml", BUILTIN)?);
        for src in user.iter().filter(|s| s.name.ends_with(".placecues.toml")) {
            cues.add(parse(&src.name, &src.text)?);
        }
        Ok(cues)
    }

    fn add(&mut self, f: CueFile) {
        let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase());
        self.locative.extend(lower(f.locative));
        self.near.extend(lower(f.near));
        self.weak.extend(lower(f.weak));
        self.not_places.extend(f.not_places);
        self.from.extend(lower(f.from));
        self.from_roots.extend(f.from_roots);
        self.fillers.extend(lower(f.fillers));
        self.directions.extend(lower(f.directions));
        self.region_nouns.extend(lower(f.region_nouns));
        self.border_nouns.extend(lower(f.border_nouns));
        self.meeting_words.extend(lower(f.meeting_words));
        self.actor_followers.extend(lower(f.actor_followers));
        self.attribution.extend(lower(f.attribution));
        self.participles.extend(lower(f.participles));
        self.verbal_roots.extend(f.verbal_roots);
        self.target_roots.extend(f.target_roots);
        self.venue_codes.extend(f.venue_codes);
        self.venue_codes_by_trigger.extend(f.venue_codes_by_trigger);
        self.clause_openers.extend(lower(f.clause_openers));
        self.visit_verbs.extend(lower(f.visit_verbs));
        self.modified_nouns.extend(lower(f.modified_nouns));
        self.scene_openers.extend(lower(f.scene_openers));
        self.dateline_roots.extend(f.dateline_roots);
        self.seat_roots.extend(f.seat_roots);
        self.seat_target_codes.extend(f.seat_target_codes);
        self.occasion_nouns.extend(lower(f.occasion_nouns));
        self.occasion_openers.extend(lower(f.occasion_openers));
        self.taken_up_nouns.extend(lower(f.taken_up_nouns));
        self.other_time_openers.extend(lower(f.other_time_openers));
        self.ing_things.extend(lower(f.ing_things));
        self.subordinators.extend(lower(f.subordinators));
        self.seat_prepositions.extend(lower(f.seat_prepositions));
        self.not_subordinating_after.extend(lower(f.not_subordinating_after));
    }

    /// `word` (any case) is in `set`.
    pub fn is(set: &FxHashSet<String>, word: &str) -> bool {
        if word.bytes().all(|b| !b.is_ascii_uppercase()) {
            set.contains(word)
        } else {
            set.contains(&word.to_lowercase())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_cue_files_add_words_and_bad_ones_name_the_file() {
        let user = [DictionarySource {
            name: "mine.placecues.toml".into(),
            text: "locative = [\"alongside\"]\n".into(),
        }];
        let c = Cues::load(&user).unwrap();
        assert!(Cues::is(&c.locative, "Alongside") && Cues::is(&c.locative, "in"));
        assert!(!Cues::is(&c.locative, "said"));
        let bad = [DictionarySource {
            name: "bad.placecues.toml".into(),
            text: "\nlocatives = [1]\n".into(),
        }];
        let e = Cues::load(&bad).err().unwrap();
        assert_eq!((e.file.as_str(), e.line), ("bad.placecues.toml", 2));
    }
}
