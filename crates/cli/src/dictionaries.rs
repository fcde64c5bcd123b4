//! User dictionary files from `--dictionaries`: only files in a format the coder reads are loaded, each
//! within a size limit. Anything else found in a folder (a README, notes, a PETRARCH verbs file) is
//! skipped with a note, so a stray text file is never parsed as a dictionary.

use anyhow::{Context, Result, bail};
use detente_coder::DictionarySource;
use std::path::{Path, PathBuf};

/// Largest dictionary file read (the largest published PETRARCH actor file is about 1.5 MB).
pub const MAX_FILE_BYTES: u64 = 16 << 20;
/// Largest total of all user dictionary files.
pub const MAX_TOTAL_BYTES: u64 = 64 << 20;

/// The formats a user may hand in, for messages.
const KNOWN_FORMATS: &str = "*.actors.toml, *.triggers.toml, *.cues.toml, or PETRARCH/TABARI actor and agent files";

/// What kind of dictionary a file is, by its name and, for an untelling `.txt`, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One of the project's TOML formats (`*.actors.toml`, `*.triggers.toml`, `*.cues.toml`).
    Toml,
    /// A PETRARCH/TABARI actor or agent file.
    Legacy,
    /// A PETRARCH-2 (`CAMEO.2.0.txt`) or TABARI (`*.verbs`) verb file.
    LegacyVerbs,
}

/// Every dictionary file under the given folders (recursively, sorted) or named directly, read for the
/// coder. Files of unknown format in folders are skipped with a note on stderr; a file named directly
/// must be a dictionary. Files over the size limit are errors.
pub fn dictionary_sources(paths: &[PathBuf]) -> Result<Vec<DictionarySource>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).with_context(|| format!("reading dictionaries in {}", path.display()))?;
        if meta.is_dir() {
            collect_files(path, &mut files).with_context(|| format!("reading dictionaries in {}", path.display()))?;
        } else {
            files.push((path.clone(), true));
        }
    }
    files.sort();
    let mut sources = Vec::new();
    let mut total = 0u64;
    for (path, named) in files {
        let name = path.display().to_string();
        let text = read_limited(&path)?;
        match kind_of(&path, &text) {
            Some(_) => {}
            None if named => bail!("{name}: not a dictionary format detente reads (expected {KNOWN_FORMATS})"),
            None => {
                eprintln!(
                    "detente: note: skipped {name}: not a dictionary format detente reads (expected {KNOWN_FORMATS})"
                );
                continue;
            }
        }
        total += text.len() as u64;
        if total > MAX_TOTAL_BYTES {
            bail!(
                "{name}: the dictionaries add up to more than {} MB; load fewer",
                MAX_TOTAL_BYTES >> 20
            );
        }
        sources.push(DictionarySource { name, text });
    }
    Ok(sources)
}

/// The file's text, decoded (legacy dictionaries are sometimes Latin-1: lossily rather than refused); a
/// file over the limit, or not a regular file (`/dev/zero`), is refused before it is read.
fn read_limited(path: &Path) -> Result<String> {
    let bytes = crate::config::read_limited(path, MAX_FILE_BYTES)?;
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Regular files under `dir` (not devices or sockets), hidden entries skipped; each marked as not named
/// by the user.
fn collect_files(dir: &Path, out: &mut Vec<(PathBuf, bool)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let meta = std::fs::metadata(&path)?;
        if meta.is_dir() {
            collect_files(&path, out)?;
        } else if meta.is_file() {
            out.push((path, false));
        }
    }
    Ok(())
}

/// The kind of a dictionary file, or None when it is in no format the coder reads. The coder decides
/// by name too; this is stricter for a `.txt` with an untelling name, which must look like a legacy
/// dictionary line by line, not merely contain a bracket.
fn kind_of(path: &Path, text: &str) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if [".actors.toml", ".triggers.toml", ".cues.toml"]
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

    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("detente-dicts-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn legacy_lines(n: usize) -> String {
        (0..n).map(|i| format!("PLACE_NUMBER_{i}_ [CHE]\n")).collect()
    }

    #[test]
    fn only_known_formats_are_loaded_from_a_folder() {
        let dir = scratch("known");
        std::fs::write(
            dir.join("extra.actors.toml"),
            "[[actor]]\ncode = \"RUR\"\nnames = [\"Ruritania\"]\n",
        )
        .unwrap();
        std::fs::write(dir.join("Swiss.actors.txt"), "ZÜRICH_ [CHÜGOV]\n").unwrap();
        std::fs::write(dir.join("legacy.txt"), legacy_lines(30)).unwrap();
        // A note with brackets in it: the coder's own guess would take it for an actor file.
        std::fs::write(
            dir.join("notes.txt"),
            "Remember [to check] the codes.\nAlso [this] one.\nPLAIN_ [X]\n".repeat(10),
        )
        .unwrap();
        std::fs::write(dir.join("README.md"), "# My dictionaries\n").unwrap();
        std::fs::write(dir.join("tabari.verbs"), "SAY [010]\n- * TO + [012]\n").unwrap();
        std::fs::write(
            dir.join("CAMEO.2.0.txt"),
            "--- SAY [010] ---\nSAY\n--- DENY [016] ---\nDENY\n--- VOW [031] ---\n",
        )
        .unwrap();
        std::fs::write(dir.join("one-rule.txt"), "--- NOTE [1] ---\n").unwrap();
        std::fs::write(dir.join("Phoenix.discards.txt"), "+WAR OF WORDS\n").unwrap();
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/more.cues.toml"), "[cues]\nspeech = [\"whisper\"]\n").unwrap();
        let names: Vec<String> = dictionary_sources(std::slice::from_ref(&dir))
            .unwrap()
            .into_iter()
            .map(|source| {
                Path::new(&source.name)
                    .strip_prefix(&dir)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            [
                "CAMEO.2.0.txt",
                "Swiss.actors.txt",
                "extra.actors.toml",
                "legacy.txt",
                "sub/more.cues.toml",
                "tabari.verbs"
            ]
        );
        // Named directly, an unknown file is an error rather than a note.
        let err = dictionary_sources(&[dir.join("notes.txt")]).unwrap_err().to_string();
        assert!(err.contains("notes.txt: not a dictionary format"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn oversized_and_endless_files_are_refused() {
        let dir = scratch("size");
        let big = dir.join("big.actors.toml");
        std::fs::write(&big, vec![b'#'; MAX_FILE_BYTES as usize + 1]).unwrap();
        let err = dictionary_sources(std::slice::from_ref(&big)).unwrap_err().to_string();
        assert!(err.contains("big.actors.toml: larger than 16384 KB"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
        if Path::new("/dev/zero").exists() {
            let err = dictionary_sources(&[PathBuf::from("/dev/zero")])
                .unwrap_err()
                .to_string();
            assert!(err.contains("/dev/zero: not a regular file"), "{err}");
        }
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
}
