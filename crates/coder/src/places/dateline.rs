//! Datelines: "WASHINGTON (Reuters) -", "KYIV, Ukraine —", "MOSCOW, Jan 5 (AP) -", "Hong Kong (CNN) ", at the
//! start of one of the article's first paragraphs. The place is written in capitals (or followed by the
//! agency in parentheses); a following ", Country" or ", State" qualifies it.

use super::gazetteer::{Feature, Gazetteer};
use detente_records::Sentence;
use regex::Regex;
use std::sync::OnceLock;

/// The dateline's place and where its name is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    pub place: u32,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:/[A-Z][A-Za-z.'’ -]{1,40}?)*(?:,\s*(?P<qual>[A-Z][A-Za-z.' ]{1,30}?))?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?P<agency>\([^)\n]{1,40}\))?\s*(?:[-–—]+|:)\s",
        )
        .expect("dateline pattern")
    })
}

/// "NEW YORK" → "New York"; "THE HAGUE" → "The Hague"; "AL-ARISH" → "Al-Arish".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-' | '/' | '.');
    }
    out
}

/// The dateline of the article, if one of its first three paragraphs opens with one.
pub fn find(gaz: &Gazetteer, text: &str, sentences: &[Sentence]) -> Option<Dateline> {
    let mut paragraph_starts = sentences
        .iter()
        .enumerate()
        .filter(|(i, s)| *i == 0 || sentences[i - 1].paragraph != s.paragraph)
        .take(3);
    paragraph_starts.find_map(|(i, s)| {
        let mut end = text.len().min(s.start + 160);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let line = &text[s.start..end];
        let caps = pattern().captures(line)?;
        let place = caps.name("place")?;
        let raw = place.as_str().trim();
        let capitals = raw.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if !capitals && caps.name("agency").is_none() {
            return None;
        }
        let name = if capitals { title_case(raw) } else { raw.to_string() };
        let qual = caps.name("qual").map(|q| q.as_str().trim().to_string());
        let refs = gaz.lookup(&name);
        let qual_refs = qual.as_deref().map(|q| gaz.lookup(q)).unwrap_or(&[]);
        let best = refs
            .iter()
            .filter(|r| !matches!(gaz.place(r.place).feature, Feature::Site))
            .max_by_key(|r| {
                let p = gaz.place(r.place);
                let qualified = qual_refs.iter().any(|q| {
                    let qp = gaz.place(q.place);
                    qp.country == p.country
                        && (qp.feature != Feature::Admin1 || qp.admin1 == p.admin1)
                        && q.place != r.place
                });
                (qualified, p.feature == Feature::Capital, p.population)
            })?;
        let start = s.start + place.start() + (place.as_str().len() - place.as_str().trim_start().len());
        Some(Dateline {
            place: best.place,
            start,
            end: start + raw.len(),
            sentence: i,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn dateline(text: &str) -> Option<(String, String, &str)> {
        static GAZ: OnceLock<Gazetteer> = OnceLock::new();
        let gaz = GAZ.get_or_init(|| Gazetteer::load(&[]).unwrap());
        let sentences = segment(text);
        find(gaz, text, &sentences).map(|d| {
            let p = gaz.place(d.place);
            (p.name.to_string(), p.country.to_string(), &text[d.start..d.end])
        })
    }

    #[test]
    fn datelines_in_capitals_or_before_an_agency_name_their_place() {
        let d = dateline("NAIROBI (Reuters) - Kenya's parliament voted on Tuesday to extend the mandate.").unwrap();
        assert_eq!((d.0.as_str(), d.1.as_str(), d.2), ("Nairobi", "KEN", "NAIROBI"));
        let d = dateline("PARIS, Texas — The county board met late on Monday to approve the budget.").unwrap();
        assert_eq!((d.0.as_str(), d.1.as_str()), ("Paris", "USA"));
        let d = dateline("PARIS — The French cabinet met late on Monday to approve the budget.").unwrap();
        assert_eq!(d.1, "FRA");
        let d = dateline("Budget Talks Stall\n\nLAGOS, Nov. 3 (AFP) - Nigeria's senate adjourned.").unwrap();
        assert_eq!((d.0.as_str(), d.2), ("Lagos", "LAGOS"));
        let d = dateline("Singapore (CNBC) Shares in the port operator fell sharply - analysts said.");
        assert!(d.is_none(), "no dash right after the agency: {d:?}");
        let d = dateline("Manila (AP) — Typhoon crews reached the northern provinces.").unwrap();
        assert_eq!(d.1, "PHL");
    }

    #[test]
    fn long_openings_with_wide_characters_do_not_break_the_search() {
        // A multi-byte character across the 160-byte window the dateline is looked for in.
        let text = format!("{}é{} — and more text follows here.", "a".repeat(159), "é".repeat(10));
        assert!(dateline(&text).is_none());
        let text = format!("KYIV — {}", "ї".repeat(200));
        assert_eq!(dateline(&text).map(|d| d.1), Some("UKR".to_string()));
    }

    #[test]
    fn headlines_and_labels_are_no_datelines() {
        assert!(dateline("ANALYSIS: The coalition's math no longer adds up for the ruling party.").is_none());
        assert!(dateline("The minister - who resigned - spoke in Accra on Monday.").is_none());
        assert!(dateline("BREAKING NEWS - Officials confirm the vote.").is_none());
    }
}
