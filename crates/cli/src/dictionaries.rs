//! User dictionary files from `--dictionaries`, read by `detente-dictionaries` (the same reader the Python
//! package uses): only files in a format the coder reads are loaded, each within a size limit. Anything else
//! found in a folder (a README, notes, a PETRARCH verbs file) is skipped with a note, so a stray text file is
//! never parsed as a dictionary.

use anyhow::Result;
use detente_coder::DictionarySource;
use detente_dictionaries::{ReadError, Sources};
use std::path::PathBuf;

/// Every dictionary file under the given folders (recursively, sorted) or named directly, read for the
/// coder. Files of unknown format in folders are skipped with a note on stderr; a file named directly
/// must be a dictionary. A refused file (too big, not a regular file, unknown format) is a usage error.
pub fn dictionary_sources(paths: &[PathBuf]) -> Result<Vec<DictionarySource>> {
    let read = detente_dictionaries::read_folders(paths).map_err(|e| match e {
        ReadError::Refused { .. } => crate::fail::usage(e.to_string()),
        e => anyhow::Error::new(e),
    })?;
    for path in &read.skipped {
        eprintln!("detente: note: {}", Sources::skip_note(path));
    }
    Ok(read.sources)
}
