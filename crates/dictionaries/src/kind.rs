//! What kind of dictionary a file is, by its name and, for a `.txt` with an untelling name, by its content:
//! a stray text file in a dictionary folder (a README, notes) must never be parsed as a dictionary.

use std::path::Path;

/// The formats a user may hand in, for messages.
pub const KNOWN_FORMATS: &str = "*.actors.toml, *.triggers.toml, *.cues.toml, *.places.tsv, *.placecues.toml, *.seats.tsv, or PETRARCH/TABARI actor and agent files";

/// What kind of dictionary a file is, by its name and, for an untelling `.txt`, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of the project's own formats (`*.actors.toml`, `*.triggers.toml`, `*.cues.toml`, and the places
    /// stage's `*.places.tsv`, `*.placecues.toml`, `*.seats.tsv`).
    Toml,
    /// A PETRARCH/TABARI actor or agent file.
    Legacy,
    /// A PETRARCH-2 (`CAMEO.2.0.txt`) or TABARI (`*.verbs`) verb file.
    LegacyVerbs,
}

/// The kind of a dictionary file, or None when it is in no format the coder reads. The coder decides
/// by name too; this is stricter for a `.txt` with an untelling name, which must look like a legacy
/// dictionary line by line, not merely contain a bracket.
pub fn kind_of(path: &Path, text: &str) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if [
        ".actors.toml",
        ".triggers.toml",
        ".cues.toml",
        ".places.tsv",
        ".placecues.toml",
        ".seats.tsv",
    ]
    .iter()
    .any(|suffix| name.ends_with(suffix))
    {
        return Some(Kind::Toml);
    }
    if name.ends_with(".toml") || name.ends_with(".json") || name.ends_with(".jsonl") || name.ends_with(".md") {
        return None;
    }
    // Names of legacy files the coder ignores.
    if ["discard", "issue", "option", "project"]
        .iter()
        .any(|word| name.contains(word))
    {
        return None;
    }
    if name.contains("actor") || name.contains("agent") {
        return Some(Kind::Legacy);
    }
    if name.ends_with(".verbs") || name.ends_with(".verbs.txt") {
        return Some(Kind::LegacyVerbs);
    }
    if !name.ends_with(".txt") {
        return None;
    }
    if looks_like_petrarch_verbs(text) {
        return Some(Kind::LegacyVerbs);
    }
    looks_like_legacy_dictionary(text).then_some(Kind::Legacy)
}

/// PETRARCH-2 verb files are blocks headed `--- VERB [code] ---`: at least three such headers.
fn looks_like_petrarch_verbs(text: &str) -> bool {
    let is_header = |line: &str| {
        let line = line.trim();
        line.len() > 6 && line.starts_with("---") && line.ends_with("---") && line.contains('[')
    };
    text.lines().filter(|line| is_header(line)).take(3).count() == 3
}

/// At least 20 entry lines, nearly all (19 in 20) of the legacy shape: an upper-case phrase with
/// underscores and/or `[CODE]` groups, `+SYNONYM`, an indented `[CODE dates]`, or a `!SET! = …` line.
fn looks_like_legacy_dictionary(text: &str) -> bool {
    let mut entries = 0usize;
    let mut shaped = 0usize;
    for line in text.lines().take(2000) {
        let line = line.split(['#', ';']).next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        entries += 1;
        if is_legacy_line(line) {
            shaped += 1;
        }
    }
    entries >= 20 && shaped * 20 >= entries * 19
}

fn is_legacy_line(line: &str) -> bool {
    if line.starts_with('[') || line.starts_with('!') {
        return true;
    }
    let phrase = line.split('[').next().unwrap_or("").trim();
    let phrase = phrase.split('{').next().unwrap_or("").trim();
    let phrase = phrase.strip_prefix('+').unwrap_or(phrase);
    let telling = phrase.contains('_') || line.contains('[');
    telling
        && !phrase.is_empty()
        && phrase
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase() || c == 'ß')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legacy_lines(n: usize) -> String {
        (0..n).map(|i| format!("PLACE_NUMBER_{i}_ [CHE]\n")).collect()
    }

    #[test]
    fn legacy_shape_is_upper_case_phrases_with_codes() {
        assert!(is_legacy_line("AFGHAN_NATIONAL_ARMY_ [AFGMIL]"));
        assert!(is_legacy_line("+ZUERICH_"));
        assert!(is_legacy_line("[CHEGOV 010101-020202]"));
        assert!(is_legacy_line("POLICE_OFFICER {POLICE_OFFICERS} [~COP]"));
        assert!(is_legacy_line("ZÜRICH_ [CHÜGOV]"));
        assert!(!is_legacy_line("Remember [to check] the codes."));
        assert!(!is_legacy_line("A PLAIN HEADLINE"));
        assert!(looks_like_legacy_dictionary(&legacy_lines(25)));
        assert!(!looks_like_legacy_dictionary(&legacy_lines(5)));
    }

    #[test]
    fn the_places_stage_files_are_dictionaries_and_other_tables_are_not() {
        for name in ["mine.places.tsv", "words.placecues.toml", "courts.seats.tsv"] {
            assert_eq!(kind_of(Path::new(name), ""), Some(Kind::Toml), "{name}");
        }
        assert_eq!(kind_of(Path::new("notes.tsv"), ""), None);
        assert_eq!(kind_of(Path::new("other.toml"), ""), None);
    }
}
