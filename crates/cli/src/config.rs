//! The optional config file: defaults a user sets once instead of on every command line.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

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
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading config {}", path.display()))?;
        let mut config: Config =
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("config {}: {e}", path.display()))?;
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
    #[allow(dead_code)]
    pub db: Option<PathBuf>,
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
        }
    }

    /// The coder these settings ask for, and the user's dictionary files it was built from.
    pub fn coder(&self) -> Result<(detente_coder::Coder, Vec<detente_coder::DictionarySource>)> {
        let sources = crate::pipeline::dictionary_sources(&self.dictionaries)?;
        let variant = match self.goldstein {
            Goldstein::Gdelt => detente_coder::events::GoldsteinVariant::Gdelt,
            Goldstein::Icews => detente_coder::events::GoldsteinVariant::Icews,
            Goldstein::Phoenix => detente_coder::events::GoldsteinVariant::Phoenix,
        };
        let coder =
            detente_dictionaries::coder(&sources, variant).map_err(|e| anyhow::anyhow!("dictionary error: {e}"))?;
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
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
