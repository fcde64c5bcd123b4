//! Output that appears whole or not at all: files and folders are written under a temporary name beside
//! their final place and renamed into it when complete. What a killed run leaves is a hidden `.partial`
//! name that the next run replaces.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// A file being written as `DIR/.NAME.partial`, renamed to `DIR/NAME` by [`PartialFile::commit`]; removed
/// when dropped uncommitted (an error, an interruption).
pub struct PartialFile {
    partial: PathBuf,
    path: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl PartialFile {
    /// Creates `dir` if needed and starts `dir/name`.
    pub fn create(dir: &Path, name: &str) -> Result<PartialFile> {
        std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, e))?;
        let path = dir.join(name);
        if path.is_dir() {
            return Err(Error::Invalid(format!(
                "{}: is a folder; the export writes a file of that name",
                path.display()
            )));
        }
        let partial = dir.join(format!(".{name}.partial"));
        let file = File::create(&partial).map_err(|e| Error::file(&partial, e))?;
        Ok(PartialFile {
            partial,
            path,
            writer: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer
            .as_mut()
            .expect("a partial file has its writer until committed")
    }

    /// Flushes, syncs and renames into place; returns the final path.
    pub fn commit(mut self) -> Result<PathBuf> {
        let writer = self.writer.take().expect("committed once");
        let file = writer
            .into_inner()
            .map_err(|e| Error::file(&self.partial, e.into_error()))?;
        file.sync_all().map_err(|e| Error::file(&self.partial, e))?;
        std::fs::rename(&self.partial, &self.path).map_err(|e| Error::file(&self.path, e))?;
        Ok(self.path.clone())
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

/// A folder being written as `PARENT/.NAME.partial`, put in place of `PARENT/NAME` by
/// [`PartialDir::commit`]; removed when dropped uncommitted.
pub struct PartialDir {
    partial: PathBuf,
    path: PathBuf,
    committed: bool,
    /// A `.partial` folder left by an interrupted run was found and removed.
    pub removed_stale: bool,
}

/// The file that marks a folder as a complete detente export (and describes it).
pub const MANIFEST: &str = "_detente_export.json";

impl PartialDir {
    /// Starts a folder that will replace `path`: `path` must not exist, be empty, or hold an earlier export
    /// (with its [`MANIFEST`]); anything else is refused rather than deleted.
    pub fn create(path: &Path) -> Result<PartialDir> {
        let name = path
            .file_name()
            .ok_or_else(|| Error::Invalid(format!("{}: give the export a folder name", path.display())))?
            .to_string_lossy()
            .into_owned();
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if path.exists() && !replaceable(path)? {
            return Err(Error::Invalid(format!(
                "{} already exists and is not a detente export: choose another --out, or remove it",
                path.display()
            )));
        }
        std::fs::create_dir_all(&parent).map_err(|e| Error::file(&parent, e))?;
        let partial = parent.join(format!(".{name}.partial"));
        let removed_stale = partial.exists();
        if removed_stale {
            std::fs::remove_dir_all(&partial).map_err(|e| Error::file(&partial, e))?;
        }
        std::fs::create_dir(&partial).map_err(|e| Error::file(&partial, e))?;
        Ok(PartialDir {
            partial,
            path: path.to_path_buf(),
            committed: false,
            removed_stale,
        })
    }

    /// Where to write meanwhile.
    pub fn dir(&self) -> &Path {
        &self.partial
    }

    /// The final folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the manifest and puts the folder in place (an earlier export there is replaced).
    pub fn commit(mut self, manifest: &serde_json::Value) -> Result<()> {
        let manifest_path = self.partial.join(MANIFEST);
        let text = serde_json::to_string_pretty(manifest)?;
        let mut file = File::create(&manifest_path).map_err(|e| Error::file(&manifest_path, e))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::file(&manifest_path, e))?;
        if self.path.exists() {
            let old = self.partial.with_extension("old");
            let _ = std::fs::remove_dir_all(&old);
            std::fs::rename(&self.path, &old).map_err(|e| Error::file(&self.path, e))?;
            std::fs::rename(&self.partial, &self.path).map_err(|e| Error::file(&self.path, e))?;
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&self.partial, &self.path).map_err(|e| Error::file(&self.path, e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for PartialDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.partial);
        }
    }
}

/// An empty folder, or one holding an earlier detente export.
fn replaceable(path: &Path) -> Result<bool> {
    if !path.is_dir() {
        return Ok(false);
    }
    if path.join(MANIFEST).is_file() {
        return Ok(true);
    }
    let mut entries = std::fs::read_dir(path).map_err(|e| Error::file(path, e))?;
    Ok(entries.next().is_none())
}
