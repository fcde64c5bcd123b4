//! The optional config file: defaults a user sets once instead of on every command line.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The most a config file may hold: a real one is a few lines.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads a file of at most `max` bytes; anything else (bigger, not a regular file: `/dev/zero`, a pipe, a
/// folder) is refused, naming the file, before it is read.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
    let meta = file.metadata().with_context(|| format!("{}", path.display()))?;
    if !meta.is_file() {
        return Err(crate::fail::usage(format!("{}: not a regular file", path.display())));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{}", path.display()))?;
    if bytes.len() as u64 > max {
        return Err(crate::fail::usage(format!(
            "{}: larger than {} KB, too big for this kind of file",
            path.display(),
            max >> 10
        )));
    }
    Ok(bytes)
}

/// `detente.toml`: every key is optional; command-line flags win.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Dictionary folders, relative to the config file.
    #[serde(default)]
    pub dictionaries: Vec<PathBuf>,
    pub threads: Option<usize>,
    pub db: Option<PathBuf>,
    /// Goldstein values: "gdelt" (default), "icews" or "phoenix".
    pub goldstein: Option<Goldstein>,
}

/// Which published Goldstein table events carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Goldstein {
    /// GDELT's table (the default).
    #[default]
    Gdelt,
    /// ICEWS intensities.
    Icews,
    /// The Phoenix pipeline's values.
    Phoenix,
}

impl Config {
    /// The config named on the command line (must exist), else ./detente.toml, else
    /// ~/.config/detente/config.toml, else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => default_locations().into_iter().find(|p| p.is_file()),
        };
        let Some(path) = path else { return Ok(Config::default()) };
        // A config the user names and that cannot be opened is a usage error, like a bad flag.
        let bytes = read_limited(&path, MAX_CONFIG_BYTES).map_err(|e| match e.downcast::<std::io::Error>() {
            Ok(io) => crate::fail::usage(format!("config {}: {io}", path.display())),
            Err(other) => other,
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| crate::fail::usage(format!("config {}: not UTF-8 text", path.display())))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| crate::fail::usage(toml_error(&path, &text, &e)))?;
        let base = path.parent().unwrap_or(Path::new("."));
        for dir in &mut config.dictionaries {
            if dir.is_relative() {
                *dir = base.join(&*dir);
            }
        }
        if let Some(db) = &mut config.db
            && db.is_relative()
        {
            *db = base.join(&*db);
        }
        Ok(config)
    }
}

/// A TOML error on one line: the file, line and column, and what is wrong (toml's own rendering quotes the
/// line over several).
fn toml_error(path: &Path, text: &str, err: &toml::de::Error) -> String {
    let place = err
        .span()
        .map(|span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(" line {line}, column {column}:")
        })
        .unwrap_or_default();
    format!("config {}:{place} {}", path.display(), err.message().trim())
}

fn default_locations() -> Vec<PathBuf> {
    let mut places = vec![PathBuf::from("detente.toml")];
    if let Some(dir) = std::env::var_os("XDG_CONFIG_HOME") {
        places.push(PathBuf::from(dir).join("detente/config.toml"));
    } else if let Some(home) = std::env::var_os("HOME") {
        places.push(PathBuf::from(home).join(".config/detente/config.toml"));
    }
    places
}

/// Config and flags merged: what a command runs with.
pub struct Settings {
    pub dictionaries: Vec<PathBuf>,
    pub goldstein: Goldstein,
    /// 0 = all cores.
    pub threads: usize,
    pub db: Option<PathBuf>,
    /// How input files are read (CSV text column, date order, per-document budget): flags only.
    pub read: detente_ingest::ReadOptions,
}

impl Settings {
    pub fn merge(
        config: &Config,
        dictionaries: &[PathBuf],
        threads: Option<usize>,
        goldstein: Option<Goldstein>,
    ) -> Settings {
        let mut dirs = config.dictionaries.clone();
        dirs.extend(dictionaries.iter().cloned());
        Settings {
            dictionaries: dirs,
            goldstein: goldstein.or(config.goldstein).unwrap_or_default(),
            threads: threads.or(config.threads).unwrap_or(0),
            db: config.db.clone(),
            read: detente_ingest::ReadOptions::default(),
        }
    }

    /// These settings with the input-reading flags of a command that reads files.
    pub fn with_read(mut self, read: &crate::read_args::ReadArgs) -> Settings {
        self.read = read.options();
        self
    }

    /// What codes with these settings, as the store records it with every article and event.
    pub fn coding(&self, sources: &[detente_coder::DictionarySource]) -> detente_store::Coding {
        let table = match self.goldstein {
            Goldstein::Gdelt => "gdelt",
            Goldstein::Icews => "icews",
            Goldstein::Phoenix => "phoenix",
        };
        detente_store::Coding::new(
            env!("CARGO_PKG_VERSION"),
            &crate::store_cmds::dictionary_set_id(sources),
            table,
        )
    }

    /// The coder these settings ask for, and the user's dictionary files it was built from.
    pub fn coder(&self) -> Result<(detente_coder::Coder, Vec<detente_coder::DictionarySource>)> {
        let sources = crate::dictionaries::dictionary_sources(&self.dictionaries)?;
        let variant = match self.goldstein {
            Goldstein::Gdelt => detente_coder::events::GoldsteinVariant::Gdelt,
            Goldstein::Icews => detente_coder::events::GoldsteinVariant::Icews,
            Goldstein::Phoenix => detente_coder::events::GoldsteinVariant::Phoenix,
        };
        let coder = detente_dictionaries::coder(&sources, variant).context("dictionary error")?;
        Ok((coder, sources))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_paths_are_relative_to_the_file_and_unknown_keys_fail() {
        let dir = std::env::temp_dir().join(format!("detente-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("detente.toml");
        std::fs::write(&path, "dictionaries = [\"dicts\"]\nthreads = 3\n").unwrap();
        let config = Config::load(Some(&path)).unwrap();
        assert_eq!(config.dictionaries, vec![dir.join("dicts")]);
        let settings = Settings::merge(&config, &[PathBuf::from("more")], None, None);
        assert_eq!(settings.goldstein, Goldstein::Gdelt);
        assert_eq!(settings.threads, 3);
        assert_eq!(settings.dictionaries.len(), 2);
        std::fs::write(&path, "dictionary = 1\n").unwrap();
        let err = Config::load(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("detente.toml"), "{err}");
        // A bad value: one line with the place, exit status 2.
        std::fs::write(&path, "# my settings\nthreads = \"four\"\n").unwrap();
        let err = Config::load(Some(&path)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("detente.toml: line 2, column 11:"), "{text}");
        assert!(!text.contains('\n'), "{text}");
        assert_eq!(
            format!("{:?}", crate::fail::exit_code(&err)),
            format!("{:?}", std::process::ExitCode::from(2))
        );
        // A config named on the command line that does not exist: a usage error naming it.
        let missing = dir.join("missing.toml");
        let err = Config::load(Some(&missing)).unwrap_err();
        assert!(err.to_string().contains("missing.toml"), "{err}");
        assert_eq!(
            format!("{:?}", crate::fail::exit_code(&err)),
            format!("{:?}", std::process::ExitCode::from(2))
        );
        // Too big, or not a file: refused without reading it all.
        std::fs::write(&path, "#".repeat(MAX_CONFIG_BYTES as usize + 1)).unwrap();
        let err = Config::load(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("too big"), "{err}");
        let err = Config::load(Some(Path::new("/dev/zero"))).unwrap_err().to_string();
        assert!(err.contains("/dev/zero: not a regular file"), "{err}");
        let err = Config::load(Some(&dir)).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
