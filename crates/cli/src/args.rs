//! Option groups shared by several commands. Each command takes only the groups that act on it, so its
//! `--help` lists only options that do something there.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::config::{Config, Goldstein, Settings};
use crate::output::ColorChoice;

/// `--config FILE`.
#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArg {
    /// Config file (TOML: dictionaries = ["dir"], threads = N, db = "path", goldstein = "icews"). Default:
    /// ./detente.toml, then ~/.config/detente/config.toml, when present.
    #[arg(long, env = "DETENTE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `--color WHEN`.
#[derive(Args, Debug, Clone, Default)]
pub struct ColorArg {
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// `--dictionaries DIR`.
#[derive(Args, Debug, Clone, Default)]
pub struct DictionaryArg {
    /// Extra dictionary folder (*.actors.toml, *.triggers.toml, *.cues.toml, or PETRARCH/TABARI files): adds
    /// to and overrides the built-in dictionaries. Repeatable.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Vec<PathBuf>,
}

/// `--goldstein TABLE`.
#[derive(Args, Debug, Clone, Default)]
pub struct GoldsteinArg {
    /// Goldstein table of the events' intensities [default: gdelt].
    #[arg(long, value_enum, value_name = "TABLE")]
    pub goldstein: Option<Goldstein>,
}

/// `--threads N`.
#[derive(Args, Debug, Clone, Default)]
pub struct ThreadsArg {
    /// Worker threads for coding (0: all cores) [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
}

/// Input files of the commands that code articles (`code`, `actors`, `quotes FILE`, `ingest`). Options of how
/// inputs are read belong here too, and reach `pipeline::run` with the paths.
#[derive(Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Input files or folders (read recursively); `-` reads standard input, as does no path when standard
    /// input is a pipe.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub read: crate::read_args::ReadArgs,
}

/// The output of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for reading (the default on a terminal).
    Table,
    /// One JSON object per line (the default when piped).
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

impl TableFormat {
    /// The format asked for, else a table on a terminal and JSON Lines otherwise.
    pub fn resolve(asked: Option<TableFormat>) -> TableFormat {
        asked.unwrap_or(if crate::output::stdout_is_terminal() {
            TableFormat::Table
        } else {
            TableFormat::Jsonl
        })
    }
}

/// Loads the config (`--config`, else the default places) and merges the command's own options.
pub fn settings(
    config: &ConfigArg,
    dictionaries: Option<&DictionaryArg>,
    threads: Option<&ThreadsArg>,
    goldstein: Option<&GoldsteinArg>,
) -> anyhow::Result<Settings> {
    let config = Config::load(config.config.as_deref())?;
    Ok(Settings::merge(
        &config,
        dictionaries.map_or(&[][..], |d| &d.dictionaries[..]),
        threads.and_then(|t| t.threads),
        goldstein.and_then(|g| g.goldstein),
    ))
}
