//! The presumed country of a speaker the article gives no affiliation: a person named without a title or a
//! country ("Dana Whitcomb said"), a body the dictionaries do not know ("the Ministry of Public Health"), a
//! document ("the report found"). News quotes such speakers in a story about one country because they speak
//! for it, and a reader takes them to; so the speaker's `country` is the country the article names most.
//! The `code` stays empty: this is a presumption for who-said-what, not an actor coded from the text, so
//! no event is built on it.

use super::lexicon::Lexicon;
use detente_records::{Entity, Quote};
use std::collections::HashMap;

/// The article needs this many mentions of its main country before speakers are presumed to be from it.
const MIN_MENTIONS: usize = 2;

/// The country the article's entities name most often (by mentions), when one stands out.
pub(super) fn story_country(entities: &[Entity]) -> Option<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for e in entities {
        let Some(country) = e.actor.as_ref().and_then(|a| a.country.as_deref()) else {
            continue;
        };
        let first = e.mentions.first().map_or(usize::MAX, |m| m.start);
        let entry = counts.entry(country).or_insert((0, first));
        entry.0 += e.mentions.len();
        entry.1 = entry.1.min(first);
    }
    // Most mentions; on a tie, the country named first.
    let (&country, &(n, _)) = counts
        .iter()
        .max_by_key(|&(_, &(n, first))| (n, std::cmp::Reverse(first)))?;
    (n >= MIN_MENTIONS).then(|| country.to_string())
}

/// Give each named speaker without a country or organisation the article's country, except those who
/// comment by trade ("analysts", "some economists": the lexicon's `unaffiliated` nouns).
pub(super) fn presume_countries(lex: &Lexicon, quotes: &mut [Quote], entities: &[Entity]) {
    let Some(country) = story_country(entities) else {
        return;
    };
    for q in quotes {
        let Some(sp) = q.speaker.as_mut() else { continue };
        let Some(name) = sp.name.as_deref() else { continue };
        let last = name.rsplit(' ').next().unwrap_or(name).to_lowercase();
        if sp.country.is_some() || sp.org.is_some() || sp.code.is_some() || lex.unaffiliated.contains(&last) {
            continue;
        }
        sp.country = Some(country.clone());
    }
}
