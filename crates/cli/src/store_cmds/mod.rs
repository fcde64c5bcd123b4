//! The store's commands: each a module with its `Args` and a `run`; shared here: the database option,
//! event filters (actors by code or name), and the aligned table of the listing commands.

pub mod alerts;
pub mod events;
pub mod export;
pub mod ingest;
pub mod network;
pub mod quotes;
pub mod recode;
pub mod search;
pub mod stats;
pub mod trend;

#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use detente_analysis::{self as analysis, ActorPattern};
use detente_coder::events::Ontology;
use detente_store::{DEFAULT_DB, EventQuery, Store};

use crate::config::Settings;
use crate::fail::usage;
use crate::output::clean;

/// Which database file.
#[derive(Args, Debug, Clone, Default)]
pub struct DbArg {
    /// The database file [default: ./detente.db, or `db` in the config file].
    #[arg(long, env = "DETENTE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
    }

    /// Opens the database for queries: it must exist, and is opened read-only.
    pub fn open_for_queries(&self) -> Result<Store> {
        Ok(Store::open_read_only(self.path())?)
    }
}

/// The config file's database, when neither --db nor DETENTE_DB gave one.
pub fn with_db(db: &mut DbArg, settings: &Settings) {
    if db.db.is_none() {
        db.db = settings.db.clone();
    }
}

/// Filters shared by the event commands.
#[derive(Args, Debug, Clone, Default)]
pub struct EventFilterArgs {
    /// Source actor: a code in upper case (prefix of code, country or org: RUS, RUSGOV, NATO) or a name
    /// (Russia, the Kremlin, Putin).
    #[arg(long, value_name = "ACTOR")]
    pub source: Option<String>,
    /// Target actor (code or name, as --source).
    #[arg(long, value_name = "ACTOR")]
    pub target: Option<String>,
    /// Either side: source or target (code or name, as --source).
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
    /// Events between two actors, either direction: --dyad RUS,UKR or --dyad Russia,Ukraine.
    #[arg(long, value_name = "A,B")]
    pub dyad: Option<String>,
    /// From this date on (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// CAMEO code and the codes under it: 112 matches 112, 1121, 1122 ...; 19 matches all of root 19.
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// CAMEO root code or range: 19, 14..20.
    #[arg(long, value_name = "ROOT[..ROOT]")]
    pub root: Option<String>,
    /// PLOVER event type: ASSAULT, PROTEST, COOPERATE, ...
    #[arg(long, value_name = "TYPE")]
    pub plover: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4), value_name = "1-4")]
    pub quad: Option<u8>,
    /// Only factual events (leave out hypothetical, conditional, asked, feared or expected ones).
    #[arg(long)]
    pub factual: bool,
    /// Leave out negated events ("did not attack").
    #[arg(long)]
    pub no_negated: bool,
    /// Count near-duplicate copies of a story too (by default a story counts once).
    #[arg(long)]
    pub include_duplicates: bool,
    /// Events that happened in this country (ISO 3166 alpha-3 of the event's location): UKR.
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// Events that happened within a radius of a point: --near 50.45,30.52,100km (km, mi or m).
    #[arg(long, value_name = "LAT,LON,RADIUS")]
    pub near: Option<String>,
}

/// "Kharkiv (UKR)".
pub fn place_label(l: &detente_records::Location) -> String {
    match &l.country {
        Some(c) if *c != l.name => format!("{} ({c})", l.name),
        _ => l.name.clone(),
    }
}

fn check_country(code: &str) -> Result<String> {
    let upper = code.trim().to_ascii_uppercase();
    match detente_records::geo::country(&upper) {
        Some(_) => Ok(upper),
        None => Err(usage(format!(
            "--country {code:?}: expected an ISO 3166 alpha-3 country code such as UKR"
        ))),
    }
}

/// A `--since`/`--until` value: `YYYY-MM-DD` or a usage error.
pub fn check_date(flag: &str, date: &Option<String>) -> Result<Option<String>> {
    match date {
        Some(d) if analysis::parse_date(d).is_none() => {
            // "2022-02-30" has the shape: say what is wrong with it.
            let shaped = d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            let why = if shaped {
                "no such day in the calendar"
            } else {
                "expected a date as YYYY-MM-DD"
            };
            Err(usage(format!("{flag} {d:?}: {why}")))
        }
        other => Ok(other.clone()),
    }
}

/// `19` → (19, 19); `14..20` or `14-20` → (14, 20).
pub fn parse_root_range(text: &str) -> Result<(u8, u8)> {
    detente_store::query::parse_root_range(text).map_err(|e| usage(format!("--{e}")))
}

fn parse_dyad(text: &str) -> Result<(String, String)> {
    match text.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok((a.trim().into(), b.trim().into())),
        _ => Err(usage(format!(
            "--dyad {text:?}: expected two actors, e.g. --dyad RUS,UKR"
        ))),
    }
}

fn check_code(code: &Option<String>) -> Result<Option<String>> {
    match code {
        Some(c) if c.is_empty() || c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) => Err(usage(format!(
            "--code {c:?}: expected a CAMEO code of 2 to 4 digits, e.g. 112 or 190"
        ))),
        // A well-formed code CAMEO does not have ("9999", "2101") would match nothing, silently.
        Some(c) if !Ontology::builtin().has_code_prefix(c) => Err(usage(format!(
            "--code {c:?}: no CAMEO code starts with it (roots are 01 to 20; e.g. 112 or 190)"
        ))),
        other => Ok(other.clone()),
    }
}

/// A PLOVER type as the store holds it (upper case), or a usage error naming the types.
fn check_plover(plover: &Option<String>) -> Result<Option<String>> {
    let Some(p) = plover else { return Ok(None) };
    let ontology = Ontology::builtin();
    let types = ontology.plover_types();
    let upper = p.trim().to_ascii_uppercase();
    if types.contains(&upper.as_str()) {
        Ok(Some(upper))
    } else {
        Err(usage(format!(
            "--plover {p:?}: not a PLOVER type; one of {}",
            types.join(", ")
        )))
    }
}

/// Turns actor names into what the store matches: a country name into its code (`Russia` → `RUS`); a name
/// the actor dictionaries know into its actor (`the Kremlin` → `RUSGOV`), a person by their full name
/// (`Putin` → `Vladimir Putin`); codes and other names as they are.
pub struct ActorResolver {
    dictionaries: Vec<PathBuf>,
    actors: Option<detente_coder::actors::ActorRecognizer>,
    /// Names no dictionary knows: matched as written, and named when nothing matches (a typo shows).
    unknown: Vec<String>,
}

impl ActorResolver {
    /// A resolver over the built-in dictionaries and the config's (loaded only when a name needs them).
    pub fn new(settings: &Settings) -> ActorResolver {
        ActorResolver {
            dictionaries: settings.dictionaries.clone(),
            actors: None,
            unknown: Vec::new(),
        }
    }

    /// What to add to "no events match" when a name was not known to the dictionaries.
    pub fn unknown_names_note(&self) -> String {
        if self.unknown.is_empty() {
            return String::new();
        }
        let names: Vec<String> = self.unknown.iter().map(|n| format!("{:?}", clean(n))).collect();
        format!(
            " ({} is no actor code or name the dictionaries know; stored actors were searched for it as written)",
            names.join(", ")
        )
    }

    fn recognizer(&mut self) -> Result<&detente_coder::actors::ActorRecognizer> {
        if self.actors.is_none() {
            let sources = crate::dictionaries::dictionary_sources(&self.dictionaries)?;
            let actors = detente_coder::actors::ActorRecognizer::load(&sources)?;
            self.actors = Some(actors);
        }
        Ok(self.actors.as_ref().expect("loaded above"))
    }

    pub fn resolve(&mut self, pattern: &str) -> Result<String> {
        let pattern = pattern.trim();
        let ActorPattern::Name(name) = ActorPattern::parse(pattern) else {
            return Ok(pattern.to_string());
        };
        let resolved = detente_store::query::resolve_actor(name);
        if resolved != name {
            return Ok(resolved);
        }
        let actors = self.recognizer()?;
        // "the Kremlin" is the Kremlin.
        let name = ["the ", "The "]
            .iter()
            .find_map(|a| name.strip_prefix(a))
            .unwrap_or(name);
        let mentions = actors.recognize_text(name, None);
        // Only a mention of the whole text: "Foreign Minister of France" is not the actor of "France".
        let whole = mentions
            .iter()
            .find(|m| name[..m.start].trim().is_empty() && name[m.end..].trim().trim_end_matches('.').is_empty());
        Ok(match whole {
            Some(m) if m.kind == detente_records::MentionKind::Person => {
                m.actor.name.clone().unwrap_or_else(|| name.to_string())
            }
            Some(m) => m.actor.code.clone(),
            None => {
                self.unknown.push(name.to_string());
                name.to_string()
            }
        })
    }
}

impl EventFilterArgs {
    pub fn to_query(&self, actors: &mut ActorResolver) -> Result<EventQuery> {
        let mut resolve = |a: &Option<String>| a.as_deref().map(|a| actors.resolve(a)).transpose();
        let source = resolve(&self.source)?;
        let target = resolve(&self.target)?;
        let actor = resolve(&self.actor)?;
        let dyad = match self.dyad.as_deref().map(parse_dyad).transpose()? {
            Some((a, b)) => Some((actors.resolve(&a)?, actors.resolve(&b)?)),
            None => None,
        };
        Ok(EventQuery {
            source,
            target,
            actor,
            dyad,
            since: check_date("--since", &self.since)?,
            until: check_date("--until", &self.until)?,
            root: self.root.as_deref().map(parse_root_range).transpose()?,
            code: check_code(&self.code)?,
            plover: check_plover(&self.plover)?,
            quad: self.quad,
            factual: self.factual,
            exclude_negated: self.no_negated,
            include_duplicates: self.include_duplicates,
            article: None,
            limit: None,
            newest_first: false,
            country: self.country.as_deref().map(check_country).transpose()?,
            near: self
                .near
                .as_deref()
                .map(detente_store::Near::parse)
                .transpose()
                .map_err(|e| usage(format!("--near {e}")))?,
        })
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Aligned columns; control characters escaped; cells cut at 40 characters except in the last column, whose
/// highlight marks ([`crate::output::MARK_START`]) are shown in colour or as brackets.
pub fn write_table(out: &mut dyn Write, headers: &[&str], rows: &[Vec<String>], color: bool) -> std::io::Result<()> {
    const MAX: usize = 40;
    let last = headers.len() - 1;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, c)| {
                    let c = clean(c);
                    if i == last {
                        crate::output::show_marks(&c, color)
                    } else {
                        truncate(&c, MAX)
                    }
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate().take(last) {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        for (i, c) in row.iter().enumerate() {
            if i == last {
                writeln!(out, "{c}")?;
            } else {
                write!(out, "{c:<w$}  ", w = widths[i])?;
            }
        }
        Ok(())
    };
    line(out, &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}

/// The id of a dictionary set: `builtin`, or `builtin+<hash of the user's files>`.
pub fn dictionary_set_id(sources: &[detente_coder::DictionarySource]) -> String {
    detente_dictionaries::set_id(sources)
}
