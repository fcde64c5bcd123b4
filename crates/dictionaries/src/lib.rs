//! The user's dictionary folders, read from disk and compiled into a [`Coder`]: what `--dictionaries DIR`
//! does in the CLI and `Coder(dictionaries=[...])` in the Python package, in one place so both read the
//! same files in the same order and name the same dictionary set.
//!
//! The coder itself does no I/O: it takes [`DictionarySource`]s (a name and a text) and reports errors with
//! that name and a line.

mod kind;
mod read;

use detente_coder::events::GoldsteinVariant;
use detente_coder::{Coder, DictionaryError, DictionarySource};

pub use read::{MAX_FILE_BYTES, MAX_TOTAL_BYTES, ReadError, Sources, read_folders};

/// The id of a dictionary set, stored with every event so a re-coding can tell which dictionaries coded
/// what: `builtin`, or `builtin+<hash of the user's file names and texts>`.
pub fn set_id(sources: &[DictionarySource]) -> String {
    if sources.is_empty() {
        return "builtin".into();
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for source in sources {
        for piece in [&source.name, &source.text] {
            hasher.update(&(piece.len() as u64).to_le_bytes());
            hasher.update(piece.as_bytes());
        }
    }
    format!("builtin+{:016x}", hasher.digest())
}

/// The names `--goldstein` and `goldstein=` take.
pub const GOLDSTEIN_NAMES: [&str; 3] = ["gdelt", "icews", "phoenix"];

/// The Goldstein table of a name (case-insensitive).
pub fn goldstein(name: &str) -> Option<GoldsteinVariant> {
    match name.to_ascii_lowercase().as_str() {
        "gdelt" => Some(GoldsteinVariant::Gdelt),
        "icews" => Some(GoldsteinVariant::Icews),
        "phoenix" => Some(GoldsteinVariant::Phoenix),
        _ => None,
    }
}

/// The coder of the built-in dictionaries with the user's `sources` added, carrying `goldstein` values.
pub fn coder(sources: &[DictionarySource], goldstein: GoldsteinVariant) -> Result<Coder, DictionaryError> {
    let mut coder = Coder::with_sources(sources)?;
    coder.events = coder.events.with_goldstein(goldstein);
    Ok(coder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_id_changes_with_names_and_texts() {
        assert_eq!(set_id(&[]), "builtin");
        let source = |name: &str, text: &str| DictionarySource {
            name: name.into(),
            text: text.into(),
        };
        let a = set_id(&[source("x.actors.toml", "one")]);
        assert!(a.starts_with("builtin+") && a.len() == "builtin+".len() + 16, "{a}");
        assert_eq!(a, set_id(&[source("x.actors.toml", "one")]));
        assert_ne!(a, set_id(&[source("y.actors.toml", "one")]));
        assert_ne!(a, set_id(&[source("x.actors.toml", "two")]));
        // Lengths are hashed too: moving a byte from the name to the text is another set.
        assert_ne!(set_id(&[source("ab", "c")]), set_id(&[source("a", "bc")]));
    }

    #[test]
    fn goldstein_names() {
        assert_eq!(goldstein("ICEWS"), Some(GoldsteinVariant::Icews));
        assert_eq!(goldstein("gdelt"), Some(GoldsteinVariant::Gdelt));
        assert_eq!(goldstein("phoenix"), Some(GoldsteinVariant::Phoenix));
        assert_eq!(goldstein("cameo"), None);
        assert!(GOLDSTEIN_NAMES.iter().all(|n| goldstein(n).is_some()));
    }

    #[test]
    fn a_dictionary_error_names_the_file_and_line() {
        let bad = DictionarySource {
            name: "mine.actors.toml".into(),
            text: "[[actor]]\nname = \n".into(),
        };
        let err = coder(&[bad], GoldsteinVariant::Gdelt)
            .err()
            .expect("a broken file is an error");
        assert_eq!(err.file, "mine.actors.toml");
        assert!(err.line >= 1, "{err}");
    }
}
