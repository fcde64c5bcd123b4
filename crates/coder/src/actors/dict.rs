//! Actor dictionaries: the `*.actors.toml` format (see `data/actors/FORMAT.md`), merged with user files,
//! compiled into one pattern list for the matcher.

use super::words::{Words, WordsBuilder};
use crate::DictionaryError;
use crate::wordset::WordMap;
use detente_records::Actor;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The built-in dictionaries, embedded at compile time. Order matters only for equal surface forms:
/// a later file's form wins.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("roles.actors.toml", include_str!("../../data/actors/roles.actors.toml")),
    (
        "countries.actors.toml",
        include_str!("../../data/actors/countries.actors.toml"),
    ),
    (
        "organizations.actors.toml",
        include_str!("../../data/actors/organizations.actors.toml"),
    ),
    (
        "regions.actors.toml",
        include_str!("../../data/actors/regions.actors.toml"),
    ),
    (
        "people-1.actors.toml",
        include_str!("../../data/actors/people-1.actors.toml"),
    ),
    (
        "people-2.actors.toml",
        include_str!("../../data/actors/people-2.actors.toml"),
    ),
    (
        "people-3.actors.toml",
        include_str!("../../data/actors/people-3.actors.toml"),
    ),
    (
        "people-4.actors.toml",
        include_str!("../../data/actors/people-4.actors.toml"),
    ),
    ("words.actors.toml", include_str!("../../data/actors/words.actors.toml")),
];

/// CAMEO role codes that may follow a country code inside an actor code ("RUSGOV").
pub(crate) const ROLE_CODES: &[&str] = &[
    "GOV", "MIL", "OPP", "REB", "LEG", "JUD", "COP", "CVL", "MED", "BUS", "PTY", "INS", "SPY", "EDU", "LAB", "REF",
    "HLH", "CRM", "ELI", "AGR", "ENV", "MOD", "RAD", "SEP", "UAF", "DEV", "HRI", "IGO", "NGO", "NGM", "MNC", "PRE",
    "UNK",
];

/// Prefixes of CAMEO international codes: the code names an organisation, not a country.
const INTERNATIONAL_PREFIXES: &[&str] = &["IGO", "NGO", "IMG", "MNC", "INT", "UIS", "NGM"];

// ---------------------------------------------------------------------------------------------
// The TOML format.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    actor: Vec<Spanned<ActorDef>>,
    #[serde(default)]
    person: Vec<Spanned<PersonDef>>,
    #[serde(default)]
    role: Vec<Spanned<RoleDef>>,
    #[serde(default)]
    given_names: Vec<Spanned<GivenNamesDef>>,
    words: Option<Spanned<BTreeMap<String, Vec<String>>>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorDef {
    pub code: String,
    pub country: Option<String>,
    pub org: Option<String>,
    pub role: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonDef {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub gender: Option<String>,
    #[serde(default)]
    pub roles: Vec<PersonRoleDef>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonRoleDef {
    pub code: String,
    pub title: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleDef {
    pub role: Option<String>,
    pub country: Option<String>,
    pub gender: Option<String>,
    #[serde(default)]
    pub nouns: Vec<String>,
    #[serde(default)]
    pub plurals: Vec<String>,
    #[serde(default)]
    pub bodies: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct GivenNamesDef {
    gender: String,
    names: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Compiled form.

/// What kind of thing a dictionary entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Person,
    Country,
    Organization,
}

/// One actor code an entry has, possibly only between two dates (`YYYY-MM-DD`, `to` exclusive).
#[derive(Debug, Clone)]
pub(crate) struct DatedActor {
    pub actor: Actor,
    /// Lower-case title of a person's role ("president"), for title-only coreference.
    pub title: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A person, country, organisation or body.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Canonical name: the person's full name, the actor's first name.
    pub name: String,
    pub kind: EntryKind,
    pub gender: Option<char>,
    /// Never empty for actors; may be empty for people (then the person has no code).
    pub roles: Vec<DatedActor>,
}

impl Entry {
    /// The latest of the person's roles with this title (a noun key: lower case, hyphens as spaces): the
    /// role the text names ("Secretary-General Jens Stoltenberg"), whatever the date.
    pub fn actor_titled(&self, title: &str) -> Option<Actor> {
        self.roles
            .iter()
            .filter(|r| r.title.as_deref() == Some(title))
            .max_by(|a, b| a.from.cmp(&b.from))
            .map(|r| r.actor.clone())
    }

    /// The actor at `date` (`YYYY-MM-DD`); latest role without a date. See FORMAT.md.
    pub fn actor_at(&self, date: Option<&str>) -> Option<(Actor, Option<String>)> {
        if self.roles.is_empty() {
            return None;
        }
        if self.roles.len() == 1 && self.roles[0].from.is_none() && self.roles[0].to.is_none() {
            return Some((self.roles[0].actor.clone(), self.roles[0].title.clone()));
        }
        let latest = |rs: &mut dyn Iterator<Item = &DatedActor>| {
            rs.max_by(|a, b| a.from.as_deref().unwrap_or("").cmp(b.from.as_deref().unwrap_or("")))
                .map(|r| (r.actor.clone(), r.title.clone()))
        };
        let Some(date) = date else {
            // The role still held (no end), else the one that started last.
            let open: Vec<&DatedActor> = self.roles.iter().filter(|r| r.to.is_none()).collect();
            if !open.is_empty() {
                return latest(&mut open.into_iter());
            }
            return latest(&mut self.roles.iter());
        };
        let holding =
            |r: &&DatedActor| r.from.as_deref().is_none_or(|f| f <= date) && r.to.as_deref().is_none_or(|t| date < t);
        if let Some(found) = latest(&mut self.roles.iter().filter(holding)) {
            return Some(found);
        }
        // Out of office: the latest role that ended before the date, as an elite.
        let ended = self
            .roles
            .iter()
            .filter(|r| r.to.as_deref().is_some_and(|t| t <= date))
            .max_by(|a, b| a.to.cmp(&b.to));
        if let Some(r) = ended {
            let mut actor = r.actor.clone();
            actor.role = Some("ELI".into());
            if let Some(c) = &actor.country {
                actor.code = format!("{c}ELI");
            }
            return Some((actor, None));
        }
        // Before any role: the country alone, when the first role has one.
        let first = self.roles.iter().min_by(|a, b| a.from.cmp(&b.from))?;
        let country = first.actor.country.clone()?;
        Some((
            Actor {
                code: country.clone(),
                country: Some(country),
                ..Actor::default()
            },
            None,
        ))
    }
}

/// How a pattern's case is checked against the text (the automaton itself is ASCII case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum CaseMode {
    /// As written; a lower-case word start may be capitalised; all caps allowed in shouting sentences.
    Exact,
    /// Any case, but the first letter must be upper case (legacy upper-case dictionaries).
    Capitalized,
    /// Any case (entries written in lower case).
    Insensitive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A name or alias.
    Name,
    /// An adjective ("Russian").
    Adjective,
    /// A demonym, people of the country ("Russians").
    Demonym,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    Male,
    Female,
    Plural,
    /// "it": an actor only as a speaking subject ("it said").
    Neuter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Entry { entry: u32, form: Form },
    Noun(u32),
    Pronoun(Pronoun),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NounKind {
    /// A person, also a title before a name ("spokesman").
    Person,
    /// A group of people ("officials", "troops").
    Plural,
    /// A body or collective ("government", "army").
    Body,
    /// Only a title before a name ("General", "Sen."); alone, only with a country ("a Russian general").
    Title,
}

/// A role noun ("spokesman" → GOV).
#[derive(Debug, Clone)]
pub(crate) struct Noun {
    /// Lower case, hyphens as spaces: compares titles ("secretary-general" = "secretary general").
    pub key: String,
    pub role: Option<String>,
    /// The country the title belongs to when used without one ("secretary of state" → USA).
    pub country: Option<String>,
    pub gender: Option<char>,
    pub kind: NounKind,
}

#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub text: String,
    pub mode: CaseMode,
    pub target: Target,
}

/// Everything loaded, before the automaton is built.
pub(crate) struct Dictionary {
    pub entries: Vec<Entry>,
    pub nouns: Vec<Noun>,
    /// Noun key → its role (the last definition's), for a title's role.
    pub noun_roles: WordMap<Option<String>>,
    pub patterns: Vec<Pattern>,
    /// Lower-case given name → gender ('m', 'f', or '?' for both).
    pub given_names: BTreeMap<String, char>,
    pub words: Words,
}

// ---------------------------------------------------------------------------------------------
// Loading.

#[derive(Default)]
pub(crate) struct Builder {
    actors: Vec<ActorDef>,
    actor_index: BTreeMap<(String, String), usize>,
    persons: Vec<PersonDef>,
    person_index: BTreeMap<String, usize>,
    roles: Vec<RoleDef>,
    given_names: BTreeMap<String, char>,
    words: WordsBuilder,
    /// Legacy entries: already in the compiled form, with their surface forms.
    pub(crate) legacy_entries: Vec<(Entry, Vec<String>)>,
}

pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count() + 1
}

pub(crate) fn error(file: &str, line: impl Into<Line>, message: impl Into<String>) -> DictionaryError {
    DictionaryError {
        file: file.to_string(),
        line: line.into().0,
        message: message.into(),
    }
}

/// A line number, computed only when an error needs it.
pub(crate) struct Line(usize);

impl From<usize> for Line {
    fn from(line: usize) -> Line {
        Line(line)
    }
}

/// A byte offset into a file's text that becomes a line number on demand.
#[derive(Clone, Copy)]
struct LazyLine<'t>(&'t str, usize);

impl From<LazyLine<'_>> for Line {
    fn from(l: LazyLine<'_>) -> Line {
        Line(line_of(l.0, l.1))
    }
}

fn check_gender(g: &Option<String>, file: &str, line: LazyLine) -> Result<Option<char>, DictionaryError> {
    match g.as_deref() {
        None => Ok(None),
        Some("m") => Ok(Some('m')),
        Some("f") => Ok(Some('f')),
        Some(other) => Err(error(
            file,
            line,
            format!("gender must be \"m\" or \"f\", not {other:?}"),
        )),
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn check_code(code: &str, file: &str, line: LazyLine) -> Result<(), DictionaryError> {
    if code.is_empty()
        || !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(error(
            file,
            line,
            format!("code must be upper-case letters, not {code:?}"),
        ));
    }
    Ok(())
}

impl Builder {
    /// Add one `*.actors.toml` file. Entries with the key of an earlier one replace it.
    pub fn add_toml(&mut self, file: &str, text: &str) -> Result<(), DictionaryError> {
        let doc: TomlFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            error(file, line, e.message().trim().to_string())
        })?;
        // Lines are counted only for an error (counting for every entry would be quadratic).
        for spanned in doc.actor {
            let line = LazyLine(text, spanned.span().start);
            let def = spanned.into_inner();
            check_code(&def.code, file, line)?;
            if def.names.is_empty() && def.adjectives.is_empty() && def.demonyms.is_empty() {
                return Err(error(
                    file,
                    line,
                    format!("actor {} has no names, adjectives or demonyms", def.code),
                ));
            }
            for r in def.role.iter().chain(def.country.iter()) {
                check_code(r, file, line)?;
            }
            let key = (
                def.code.clone(),
                def.names
                    .first()
                    .or(def.adjectives.first())
                    .cloned()
                    .unwrap_or_default(),
            );
            match self.actor_index.get(&key) {
                Some(&i) => self.actors[i] = def,
                None => {
                    self.actor_index.insert(key, self.actors.len());
                    self.actors.push(def);
                }
            }
        }
        for spanned in doc.person {
            let line = LazyLine(text, spanned.span().start);
            let def = spanned.into_inner();
            if def.name.trim().is_empty() {
                return Err(error(file, line, "person without a name"));
            }
            check_gender(&def.gender, file, line)?;
            for r in &def.roles {
                check_code(&r.code, file, line)?;
                for d in r.from.iter().chain(r.to.iter()) {
                    if !is_date(d) {
                        return Err(error(file, line, format!("{}: date {d:?} is not YYYY-MM-DD", def.name)));
                    }
                }
            }
            match self.person_index.get(&def.name) {
                Some(&i) => self.persons[i] = def,
                None => {
                    self.person_index.insert(def.name.clone(), self.persons.len());
                    self.persons.push(def);
                }
            }
        }
        for spanned in doc.role {
            let line = LazyLine(text, spanned.span().start);
            let def = spanned.into_inner();
            check_gender(&def.gender, file, line)?;
            for r in def.role.iter().chain(def.country.iter()) {
                check_code(r, file, line)?;
            }
            self.roles.push(def);
        }
        for spanned in doc.given_names {
            let line = LazyLine(text, spanned.span().start);
            let def = spanned.into_inner();
            let g = check_gender(&Some(def.gender.clone()), file, line)?.unwrap_or('?');
            for n in def.names {
                let n = n.trim().to_lowercase();
                match self.given_names.get(&n) {
                    Some(&old) if old != g => self.given_names.insert(n, '?'),
                    _ => self.given_names.insert(n, g),
                };
            }
        }
        if let Some(words) = doc.words {
            let line = line_of(text, words.span().start);
            self.words.add(file, line, words.into_inner())?;
        }
        Ok(())
    }

    /// Add a legacy role noun (PETRARCH/TABARI agent).
    pub fn add_legacy_noun(&mut self, role: Option<String>, singular: Vec<String>, plural: Vec<String>) {
        self.roles.push(RoleDef {
            role,
            country: None,
            gender: None,
            nouns: singular,
            plurals: plural,
            bodies: Vec::new(),
            titles: Vec::new(),
            _note: None,
        });
    }

    /// Compile everything added.
    pub fn build(self) -> Dictionary {
        let mut dict = Dictionary {
            entries: Vec::new(),
            nouns: Vec::new(),
            noun_roles: WordMap::default(),
            patterns: Vec::new(),
            given_names: self.given_names,
            words: self.words.build(),
        };
        let mut keys: rustc_hash::FxHashMap<(CaseMode, String), usize> = Default::default();
        let mut add = |dict: &mut Dictionary, text: &str, mode: CaseMode, target: Target| {
            let text = text.trim();
            if text.is_empty() {
                return;
            }
            let mut forms = vec![text.to_string()];
            if text.contains('\'') {
                forms.push(text.replace('\'', "’"));
            } else if text.contains('’') {
                forms.push(text.replace('’', "'"));
            }
            for form in forms {
                let mode = match mode {
                    CaseMode::Exact if !form.chars().any(char::is_uppercase) => CaseMode::Insensitive,
                    m => m,
                };
                let form = if mode == CaseMode::Insensitive {
                    form.to_lowercase()
                } else {
                    form
                };
                match keys.entry((mode, form)) {
                    std::collections::hash_map::Entry::Occupied(i) => dict.patterns[*i.get()].target = target,
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        let text = slot.key().1.clone();
                        slot.insert(dict.patterns.len());
                        dict.patterns.push(Pattern { text, mode, target });
                    }
                }
            }
        };

        // Role nouns first: names written with capitals never collide with them (other case mode).
        for def in &self.roles {
            let gender = def.gender.as_deref().and_then(|g| g.chars().next());
            let groups = [
                (&def.nouns, NounKind::Person),
                (&def.plurals, NounKind::Plural),
                (&def.bodies, NounKind::Body),
                (&def.titles, NounKind::Title),
            ];
            for (list, kind) in groups {
                for n in list {
                    let lower = n.trim().to_lowercase();
                    let id = dict.nouns.len() as u32;
                    dict.noun_roles
                        .insert(lower.replace('-', " "), def.role.clone().filter(|r| !r.is_empty()));
                    dict.nouns.push(Noun {
                        key: lower.replace('-', " "),
                        role: def.role.clone().filter(|r| !r.is_empty()),
                        country: def.country.clone(),
                        gender,
                        kind,
                    });
                    add(&mut dict, &lower, CaseMode::Insensitive, Target::Noun(id));
                }
            }
        }
        for (p, kind) in [
            ("he", Pronoun::Male),
            ("him", Pronoun::Male),
            ("his", Pronoun::Male),
            ("she", Pronoun::Female),
            ("her", Pronoun::Female),
            ("they", Pronoun::Plural),
            ("them", Pronoun::Plural),
            ("their", Pronoun::Plural),
            ("it", Pronoun::Neuter),
        ] {
            add(&mut dict, p, CaseMode::Insensitive, Target::Pronoun(kind));
        }

        let codes = CodeIndex::new(&self.actors);
        for def in &self.actors {
            let actor = Actor {
                code: def.code.clone(),
                country: def.country.clone(),
                org: def.org.clone(),
                role: def.role.clone(),
                name: None,
            };
            let kind = if def.org.is_none() && def.role.is_none() && def.country.as_deref() == Some(def.code.as_str()) {
                EntryKind::Country
            } else {
                EntryKind::Organization
            };
            let name = def
                .names
                .first()
                .or(def.adjectives.first())
                .cloned()
                .unwrap_or_default();
            let name = name.strip_prefix("the ").unwrap_or(&name).to_string();
            let entry = dict.entries.len() as u32;
            dict.entries.push(Entry {
                name,
                kind,
                gender: None,
                roles: vec![DatedActor {
                    actor,
                    title: None,
                    from: None,
                    to: None,
                }],
            });
            for n in &def.names {
                add(
                    &mut dict,
                    n,
                    CaseMode::Exact,
                    Target::Entry {
                        entry,
                        form: Form::Name,
                    },
                );
            }
            for n in &def.adjectives {
                add(
                    &mut dict,
                    n,
                    CaseMode::Exact,
                    Target::Entry {
                        entry,
                        form: Form::Adjective,
                    },
                );
            }
            for n in &def.demonyms {
                add(
                    &mut dict,
                    n,
                    CaseMode::Exact,
                    Target::Entry {
                        entry,
                        form: Form::Demonym,
                    },
                );
            }
        }
        for def in &self.persons {
            let roles = def
                .roles
                .iter()
                .map(|r| DatedActor {
                    actor: codes.actor_for(&r.code),
                    title: r.title.as_ref().map(|t| t.trim().to_lowercase().replace('-', " ")),
                    from: r.from.clone(),
                    to: r.to.clone(),
                })
                .collect();
            let entry = dict.entries.len() as u32;
            dict.entries.push(Entry {
                name: def.name.trim().to_string(),
                kind: EntryKind::Person,
                gender: def.gender.as_deref().and_then(|g| g.chars().next()),
                roles,
            });
            add(
                &mut dict,
                &def.name,
                CaseMode::Exact,
                Target::Entry {
                    entry,
                    form: Form::Name,
                },
            );
            for a in &def.aliases {
                add(
                    &mut dict,
                    a,
                    CaseMode::Exact,
                    Target::Entry {
                        entry,
                        form: Form::Name,
                    },
                );
            }
        }
        for (mut entry, forms) in self.legacy_entries {
            for r in &mut entry.roles {
                r.actor = codes.actor_for(&r.actor.code);
            }
            if entry.kind != EntryKind::Person
                && entry.roles.len() == 1
                && entry.roles[0].actor.country.as_deref() == Some(entry.roles[0].actor.code.as_str())
            {
                entry.kind = EntryKind::Country;
            }
            let id = dict.entries.len() as u32;
            dict.entries.push(entry);
            for f in forms {
                add(
                    &mut dict,
                    &f,
                    CaseMode::Capitalized,
                    Target::Entry {
                        entry: id,
                        form: Form::Name,
                    },
                );
            }
        }
        dict
    }
}

/// Actor fields of a code: the `[[actor]]` with that code, else country + role, else an organisation.
struct CodeIndex {
    by_code: BTreeMap<String, Actor>,
    /// Organisations by their short key ("NATO" → code IGONATO, org NATO): people's roles may use the key.
    by_org: BTreeMap<String, Actor>,
    countries: std::collections::BTreeSet<String>,
}

impl CodeIndex {
    fn new(actors: &[ActorDef]) -> CodeIndex {
        let mut by_code = BTreeMap::new();
        let mut by_org = BTreeMap::new();
        let mut countries = std::collections::BTreeSet::new();
        for a in actors {
            if let Some(org) = &a.org
                && a.country.is_none()
            {
                by_org.entry(org.clone()).or_insert_with(|| Actor {
                    code: a.code.clone(),
                    country: None,
                    org: Some(org.clone()),
                    role: a.role.clone(),
                    name: None,
                });
            }
            by_code.entry(a.code.clone()).or_insert_with(|| Actor {
                code: a.code.clone(),
                country: a.country.clone(),
                org: a.org.clone(),
                role: a.role.clone(),
                name: None,
            });
            if let Some(c) = &a.country {
                countries.insert(c.clone());
            }
        }
        CodeIndex {
            by_code,
            by_org,
            countries,
        }
    }

    fn actor_for(&self, code: &str) -> Actor {
        if let Some(a) = self.by_code.get(code).or_else(|| self.by_org.get(code)) {
            return a.clone();
        }
        let head = code.get(..3).unwrap_or("");
        let rest = code.get(3..).unwrap_or("");
        let role = rest.get(..3).filter(|r| ROLE_CODES.contains(r));
        let is_country = code.len() >= 3
            && !INTERNATIONAL_PREFIXES.contains(&head)
            && head.bytes().all(|b| b.is_ascii_uppercase())
            && (self.countries.contains(head) || (code.len() >= 6 && role.is_some()) || code.len() == 3);
        if is_country {
            return Actor {
                code: code.to_string(),
                country: Some(head.to_string()),
                org: None,
                role: role.map(str::to_string),
                name: None,
            };
        }
        // An organisation: its own key, or the organisation of an actor whose code starts it ("NATOMIL").
        let org = self
            .by_code
            .values()
            .filter_map(|a| {
                let org = a.org.as_deref()?;
                // "IGOUNO" (legacy CAMEO) starts with "IGOUN"; "NATOMIL" with the key "NATO".
                [a.code.as_str(), org]
                    .into_iter()
                    .filter(|p| code.starts_with(p))
                    .map(str::len)
                    .max()
                    .map(|len| (len, a))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, a)| a)
            .and_then(|a| a.org.clone())
            .unwrap_or_else(|| code.to_string());
        Actor {
            code: code.to_string(),
            country: None,
            org: Some(org),
            role: None,
            name: None,
        }
    }
}
