//! The user's dictionary folders, read from disk and compiled into a [`Coder`]: what `--dictionaries DIR`
//! does in the CLI and `Coder(dictionaries=[...])` in the Python package, in one place so both read the
//! same files in the same order and name the same dictionary set.
//!
//! The coder itself does no I/O: it takes [`DictionarySource`]s (a name and a text) and reports errors with
//! that name and a line.

use std::path::{Path, PathBuf};

use detente_coder::events::GoldsteinVariant;
use detente_coder::{Coder, DictionaryError, DictionarySource};

/// The most a dictionary file may hold: more is not a dictionary (a stray data file, `/dev/zero`).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// A dictionary folder or file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("reading dictionaries in {}", path.display())]
    Folder {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error("reading {}", path.display())]
    File {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    /// Not a regular file (a device, a pipe), or bigger than [`MAX_FILE_BYTES`]: refused before it is read.
    #[error("{}: {why}", path.display())]
    Refused { path: PathBuf, why: String },
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Folder { path, .. } | ReadError::File { path, .. } | ReadError::Refused { path, .. } => path,
        }
    }

    /// The I/O error behind it, if any.
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            ReadError::Folder { error, .. } | ReadError::File { error, .. } => Some(error),
            ReadError::Refused { .. } => None,
        }
    }
}

/// Every file under the given folders (recursively; a path may also name a single file), in sorted path
/// order, hidden files left out. Files are decoded as UTF-8, else lossily: legacy PETRARCH/TABARI
/// dictionaries are sometimes Latin-1, and refusing them would help nobody.
pub fn read_folders(folders: &[PathBuf]) -> Result<Vec<DictionarySource>, ReadError> {
    let mut files = Vec::new();
    for folder in folders {
        collect_files(folder, &mut files).map_err(|error| ReadError::Folder {
            path: folder.clone(),
            error,
        })?;
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = read_limited(&path)?;
            let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            Ok(DictionarySource {
                name: path.display().to_string(),
                text,
            })
        })
        .collect()
}

/// A regular file of at most [`MAX_FILE_BYTES`], checked before it is read.
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let io = |error| ReadError::File {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    let refused = |why: String| ReadError::Refused {
        path: path.to_path_buf(),
        why,
    };
    if !meta.is_file() {
        return Err(refused("not a regular file".into()));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refused(format!(
            "larger than {} KB, too big for this kind of file",
            MAX_FILE_BYTES >> 10
        )));
    }
    Ok(bytes)
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        collect_files(&entry.path(), out)?;
    }
    Ok(())
}

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

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("detente-dictionaries-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn folders_are_read_recursively_in_path_order_without_hidden_files() {
        let dir = scratch("order");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("b.cues.toml"), "b").unwrap();
        std::fs::write(dir.join("sub/a.actors.toml"), "a").unwrap();
        std::fs::write(dir.join(".hidden.toml"), "h").unwrap();
        std::fs::write(dir.join("latin1.txt"), b"caf\xe9").unwrap();
        let sources = read_folders(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names[0].ends_with("b.cues.toml"));
        assert!(names[1].ends_with("latin1.txt"));
        assert!(names[2].ends_with("sub/a.actors.toml"));
        assert_eq!(sources[1].text, "caf\u{fffd}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_too_big_to_be_a_dictionary_is_refused() {
        let dir = scratch("big");
        // Sparse: no disk space is used.
        let file = std::fs::File::create(dir.join("huge.actors.toml")).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let err = read_folders(std::slice::from_ref(&dir)).unwrap_err();
        assert!(matches!(err, ReadError::Refused { .. }), "{err:?}");
        assert!(err.to_string().contains("too big"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let missing = std::env::temp_dir().join("detente-dictionaries-no-such-folder");
        let err = read_folders(std::slice::from_ref(&missing)).unwrap_err();
        assert_eq!(err.path(), missing);
        assert_eq!(err.io_error().map(|e| e.kind()), Some(std::io::ErrorKind::NotFound));
        assert!(err.to_string().contains("reading dictionaries in"), "{err}");
    }

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
