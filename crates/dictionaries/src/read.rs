//! Reading the user's dictionary folders: only files in a format the coder reads are loaded, each within a
//! size limit; anything else found in a folder (a README, notes) is skipped and reported to the caller.

use std::path::{Path, PathBuf};

use detente_coder::DictionarySource;

use crate::kind::{KNOWN_FORMATS, kind_of};

/// Largest dictionary file read (the largest published PETRARCH actor file is about 1.5 MB).
pub const MAX_FILE_BYTES: u64 = 16 << 20;
/// Largest total of all user dictionary files.
pub const MAX_TOTAL_BYTES: u64 = 64 << 20;

/// The dictionary files read, and the files of folders that were left out because they are in no format
/// the coder reads (the caller tells the user).
#[derive(Debug, Default)]
pub struct Sources {
    pub sources: Vec<DictionarySource>,
    pub skipped: Vec<PathBuf>,
}

impl Sources {
    /// The note to show for a skipped file.
    pub fn skip_note(path: &Path) -> String {
        format!(
            "skipped {}: not a dictionary format detente reads (expected {KNOWN_FORMATS})",
            path.display()
        )
    }
}

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
    /// Not a regular file (a device, a pipe), bigger than [`MAX_FILE_BYTES`], over [`MAX_TOTAL_BYTES`] in
    /// all, or named directly but in no known format: refused.
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

/// Every dictionary file under the given folders (recursively, in sorted path order, hidden entries left
/// out) or named directly. Files of unknown format in folders are skipped; a file named directly must be a
/// dictionary. Files are decoded as UTF-8, else lossily: legacy PETRARCH/TABARI dictionaries are sometimes
/// Latin-1, and refusing them would help nobody.
pub fn read_folders(paths: &[PathBuf]) -> Result<Sources, ReadError> {
    let mut files = Vec::new();
    for path in paths {
        let folder = |error| ReadError::Folder {
            path: path.clone(),
            error,
        };
        let meta = std::fs::metadata(path).map_err(folder)?;
        if meta.is_dir() {
            collect_files(path, &mut files).map_err(folder)?;
        } else {
            files.push((path.clone(), true));
        }
    }
    files.sort();
    let mut read = Sources::default();
    let mut total = 0u64;
    for (path, named) in files {
        let bytes = read_limited(&path)?;
        let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if kind_of(&path, &text).is_none() {
            if named {
                return Err(ReadError::Refused {
                    path,
                    why: format!("not a dictionary format detente reads (expected {KNOWN_FORMATS})"),
                });
            }
            read.skipped.push(path);
            continue;
        }
        total += text.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(ReadError::Refused {
                path,
                why: format!(
                    "the dictionaries add up to more than {} MB; load fewer",
                    MAX_TOTAL_BYTES >> 20
                ),
            });
        }
        read.sources.push(DictionarySource {
            name: path.display().to_string(),
            text,
        });
    }
    Ok(read)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("detente-dictionaries-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn relative(dir: &Path, paths: impl Iterator<Item = PathBuf>) -> Vec<String> {
        paths
            .map(|path| path.strip_prefix(dir).unwrap().display().to_string())
            .collect()
    }

    fn legacy_lines(n: usize) -> String {
        (0..n).map(|i| format!("PLACE_NUMBER_{i}_ [CHE]\n")).collect()
    }

    #[test]
    fn only_known_formats_are_loaded_from_a_folder_in_path_order() {
        let dir = scratch("known");
        std::fs::write(
            dir.join("extra.actors.toml"),
            "[[actor]]\ncode = \"RUR\"\nnames = [\"Ruritania\"]\n",
        )
        .unwrap();
        std::fs::write(dir.join("Swiss.actors.txt"), b"Z\xdcRICH_ [CH\xdcGOV]\n").unwrap();
        std::fs::write(dir.join("legacy.txt"), legacy_lines(30)).unwrap();
        // A note with brackets in it: the coder's own guess would take it for an actor file.
        std::fs::write(
            dir.join("notes.txt"),
            "Remember [to check] the codes.\nAlso [this] one.\nPLAIN_ [X]\n".repeat(10),
        )
        .unwrap();
        std::fs::write(dir.join("README.md"), "# My dictionaries\n").unwrap();
        std::fs::write(dir.join(".hidden.actors.toml"), "[[actor]]\n").unwrap();
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
        let read = read_folders(std::slice::from_ref(&dir)).unwrap();
        let names = relative(&dir, read.sources.iter().map(|s| PathBuf::from(&s.name)));
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
        // Latin-1 is read lossily rather than refused.
        assert_eq!(read.sources[1].text, "Z\u{fffd}RICH_ [CH\u{fffd}GOV]\n");
        assert_eq!(
            relative(&dir, read.skipped.into_iter()),
            ["Phoenix.discards.txt", "README.md", "notes.txt", "one-rule.txt"]
        );
        // Named directly, an unknown file is an error rather than a note.
        let err = read_folders(&[dir.join("notes.txt")]).unwrap_err();
        assert!(matches!(err, ReadError::Refused { .. }), "{err:?}");
        assert!(err.to_string().contains("notes.txt: not a dictionary format"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn oversized_and_endless_files_are_refused() {
        let dir = scratch("size");
        // Sparse: no disk space is used.
        let big = dir.join("big.actors.toml");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        let err = read_folders(std::slice::from_ref(&dir)).unwrap_err();
        assert!(matches!(err, ReadError::Refused { .. }), "{err:?}");
        assert!(
            err.to_string().contains("big.actors.toml: larger than 16384 KB"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        if Path::new("/dev/zero").exists() {
            let err = read_folders(&[PathBuf::from("/dev/zero")]).unwrap_err().to_string();
            assert!(err.contains("/dev/zero: not a regular file"), "{err}");
        }
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let missing = std::env::temp_dir().join("detente-dictionaries-no-such-folder");
        let err = read_folders(std::slice::from_ref(&missing)).unwrap_err();
        assert_eq!(err.path(), missing);
        assert_eq!(err.io_error().map(|e| e.kind()), Some(std::io::ErrorKind::NotFound));
        assert!(err.to_string().contains("reading dictionaries in"), "{err}");
    }
}
