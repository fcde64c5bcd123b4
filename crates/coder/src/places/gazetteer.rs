//! The gazetteer: places and the names that refer to them, read from `data/places/places.tsv` (embedded) and
//! the user's `*.places.tsv` files.
//!
//! Names are looked up by exact string in a hash map rather than compiled into an automaton: the ~90,000
//! names of the built-in file take ~350 ms to build into an Aho-Corasick automaton, a hash map ~20 ms, and the
//! matcher only asks at capitalised word starts, a few lookups each. The built-in file's strings are borrowed
//! from the embedded text (no copy).

use crate::DictionaryError;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// The embedded gazetteer.
pub const BUILTIN: &str = include_str!("../../data/places/places.tsv");
/// Its file name in error messages.
pub const BUILTIN_NAME: &str = "places.tsv";

/// What a place is in the gazetteer (finer than the output's [`detente_records::PlaceKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feature {
    Country,
    /// First-level administrative region (state, province, oblast, governorate).
    Admin1,
    /// Another region news names: Donbas, Gaza Strip, a sea or strait.
    Region,
    /// A country's capital.
    Capital,
    City,
    /// A building, base, square, camp.
    Site,
}

impl Feature {
    fn parse(s: &str) -> Option<Feature> {
        Some(match s {
            "country" => Feature::Country,
            "admin1" => Feature::Admin1,
            "region" => Feature::Region,
            "capital" => Feature::Capital,
            "city" => Feature::City,
            "site" => Feature::Site,
            _ => return None,
        })
    }

    pub fn kind(self) -> detente_records::PlaceKind {
        use detente_records::PlaceKind;
        match self {
            Feature::Country => PlaceKind::Country,
            Feature::Admin1 | Feature::Region => PlaceKind::Region,
            Feature::Capital | Feature::City => PlaceKind::City,
            Feature::Site => PlaceKind::Site,
        }
    }

    /// A town or a site: a point rather than an area.
    pub fn is_point(self) -> bool {
        matches!(self, Feature::Capital | Feature::City | Feature::Site)
    }
}

/// One place.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: Cow<'static, str>,
    pub feature: Feature,
    /// ISO 3166 alpha-3; empty for international waters.
    pub country: Cow<'static, str>,
    /// GeoNames first-level code; empty when unknown.
    pub admin1: Cow<'static, str>,
    /// NaN when unknown.
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    /// The place's own name is a common English word ("Nice", "Reading"): it needs a locative context.
    pub word: bool,
}

impl Place {
    pub fn point(&self) -> Option<(f64, f64)> {
        (!self.lat.is_nan()).then(|| (f64::from(self.lat), f64::from(self.lon)))
    }
}

/// A place a name refers to: the place index and whether the name is the place's own (not an alias).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Referent {
    pub place: u32,
    pub primary: bool,
}

/// All places and their names.
pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Name → range into `referents`.
    names: FxHashMap<Cow<'static, str>, (u32, u32)>,
    referents: Vec<Referent>,
    /// Most words in a name that starts with a given first word: the matcher tries no longer spans.
    first_words: FxHashMap<Cow<'static, str>, u8>,
    /// (country, admin1 code) → the first-level region.
    admin1: FxHashMap<(Cow<'static, str>, Cow<'static, str>), u32>,
    /// ISO3 → the country.
    countries: FxHashMap<Cow<'static, str>, u32>,
    /// ISO3 → the country's capital (the most populous, where a country has several).
    capitals: FxHashMap<Cow<'static, str>, u32>,
}

/// A parsed row before indexing.
struct Row {
    place: Place,
    names: Vec<(Cow<'static, str>, bool)>,
}

fn parse_row(line: Cow<'static, str>, file: &str, n: usize) -> Result<Option<Row>, DictionaryError> {
    let err = |message: String| DictionaryError {
        file: file.to_string(),
        line: n,
        message,
    };
    let borrowed: Option<&'static str> = match &line {
        Cow::Borrowed(s) => Some(s),
        Cow::Owned(_) => None,
    };
    let text: &str = &line;
    if text.trim().is_empty() || text.starts_with('#') {
        return Ok(None);
    }
    let mut cols: [&str; 8] = [""; 8];
    let mut n_cols = 0;
    for (k, c) in text.splitn(9, '\t').enumerate().take(8) {
        cols[k] = c;
        n_cols = k + 1;
    }
    if n_cols < 6 {
        return Err(err(format!(
            "expected at least 6 tab-separated columns (kind, name, country, admin1, lat, lon), found {n_cols}"
        )));
    }
    let feature = Feature::parse(cols[0].trim()).ok_or_else(|| {
        err(format!(
            "unknown kind {:?} (country, admin1, region, capital, city, site)",
            cols[0]
        ))
    })?;
    // Keep borrowed slices of the embedded file; copy a user file's.
    let keep = |s: &str| -> Cow<'static, str> {
        match borrowed {
            Some(all) => {
                let off = s.as_ptr() as usize - all.as_ptr() as usize;
                Cow::Borrowed(&all[off..off + s.len()])
            }
            None => Cow::Owned(s.to_string()),
        }
    };
    let raw_name = cols[1].trim();
    let word = raw_name.starts_with('~');
    let name = raw_name.trim_start_matches('~');
    if name.is_empty() {
        return Err(err("empty name".into()));
    }
    let country = cols[2].trim();
    if !country.is_empty() && (country.len() != 3 || !country.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(err(format!("country {country:?} is not an ISO 3166 alpha-3 code")));
    }
    let coord = |s: &str, what: &str, max: f32| -> Result<f32, DictionaryError> {
        if s.trim().is_empty() {
            return Ok(f32::NAN);
        }
        match s.trim().parse::<f32>() {
            Ok(v) if v.abs() <= max => Ok(v),
            _ => Err(err(format!("{what} {s:?} is not a number between -{max} and {max}"))),
        }
    };
    let lat = coord(cols[4], "lat", 90.0)?;
    let lon = coord(cols[5], "lon", 180.0)?;
    let population = match Some(cols[6].trim()).filter(|s| !s.is_empty()) {
        None => 0,
        Some(p) => p
            .parse()
            .map_err(|_| err(format!("population {p:?} is not a whole number")))?,
    };
    let mut names = vec![(keep(name), !word)];
    if let Some(aliases) = Some(cols[7]).filter(|a| !a.is_empty()) {
        names.extend(
            aliases
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| (keep(a), false)),
        );
    }
    Ok(Some(Row {
        place: Place {
            name: keep(name),
            feature,
            country: keep(country),
            admin1: keep(cols[3].trim()),
            lat,
            lon,
            population,
            word,
        },
        names,
    }))
}

/// A name as it is matched: a leading "the " is the matcher's business ("the Gaza Strip").
fn match_form(name: Cow<'static, str>) -> Cow<'static, str> {
    match name {
        Cow::Borrowed(s) => Cow::Borrowed(s.strip_prefix("the ").unwrap_or(s)),
        Cow::Owned(s) => match s.strip_prefix("the ") {
            Some(rest) => Cow::Owned(rest.to_string()),
            None => Cow::Owned(s),
        },
    }
}

/// The name with every word after the first in lower case, when that changes it ("White house").
fn lower_later_words(name: &str) -> Option<String> {
    let (first, rest) = name.strip_prefix("the ").unwrap_or(name).split_once(' ')?;
    let lowered = rest.to_lowercase();
    (lowered != rest).then(|| format!("{first} {lowered}"))
}

impl Gazetteer {
    /// The built-in gazetteer and then the user's files (name, content). A user row of the same kind, name
    /// and country as a built-in one replaces it; other rows add places.
    pub fn load(user: &[(&str, &str)]) -> Result<Gazetteer, DictionaryError> {
        let mut user_rows = Vec::new();
        for (file, text) in user {
            for (i, line) in text.lines().enumerate() {
                if let Some(row) = parse_row(Cow::Owned(line.to_string()), file, i + 1)? {
                    user_rows.push(row);
                }
            }
        }
        let replaced: rustc_hash::FxHashSet<(Feature, String, String)> = user_rows
            .iter()
            .map(|r| (r.place.feature, r.place.name.to_string(), r.place.country.to_string()))
            .collect();
        let mut rows = Vec::with_capacity(40_000);
        for (i, line) in BUILTIN.lines().enumerate() {
            let Some(row) = parse_row(Cow::Borrowed(line), BUILTIN_NAME, i + 1)? else {
                continue;
            };
            let key = || {
                (
                    row.place.feature,
                    row.place.name.to_string(),
                    row.place.country.to_string(),
                )
            };
            if replaced.is_empty() || !replaced.contains(&key()) {
                rows.push(row);
            }
        }
        rows.extend(user_rows);
        Ok(Gazetteer::index(rows))
    }

    fn index(rows: Vec<Row>) -> Gazetteer {
        // One pass: each name's referents are chained through `links` (no vector per name), then laid out
        // contiguously so that a lookup is one slice.
        const END: u32 = u32::MAX;
        let mut heads: FxHashMap<Cow<'static, str>, (u32, u32)> =
            FxHashMap::with_capacity_and_hasher(rows.len() * 3, Default::default());
        let mut links: Vec<(Referent, u32)> = Vec::with_capacity(rows.len() * 3);
        let mut places = Vec::with_capacity(rows.len());
        let mut admin1 = FxHashMap::default();
        let mut countries = FxHashMap::default();
        let mut capitals: FxHashMap<Cow<'static, str>, (u32, u32)> = FxHashMap::default();
        for (i, row) in rows.into_iter().enumerate() {
            let id = i as u32;
            match row.place.feature {
                Feature::Capital => {
                    let best = capitals.entry(row.place.country.clone()).or_insert((id, 0));
                    if row.place.population >= best.1 {
                        *best = (id, row.place.population);
                    }
                }
                Feature::Admin1 => {
                    admin1.insert((row.place.country.clone(), row.place.admin1.clone()), id);
                }
                Feature::Country => {
                    countries.insert(row.place.country.clone(), id);
                }
                _ => {}
            }
            // A site's name as news also writes it, with its later words in lower case ("the White house",
            // "Al-Shifa hospital").
            let lowered: Vec<(Cow<'static, str>, bool)> = if row.place.feature == Feature::Site {
                row.names
                    .iter()
                    .filter_map(|(n, _)| lower_later_words(n))
                    .filter(|l| !row.names.iter().any(|(n, _)| n.as_ref() == l.as_str()))
                    .map(|l| (Cow::Owned(l), false))
                    .collect()
            } else {
                Vec::new()
            };
            for (name, primary) in row.names.into_iter().chain(lowered) {
                let key = match_form(name);
                let (head, count) = heads.entry(key).or_insert((END, 0));
                // A place's names are added together: a repeat of this place is at the chain's head.
                if *head != END && links[*head as usize].0.place == id {
                    links[*head as usize].0.primary |= primary;
                    continue;
                }
                links.push((Referent { place: id, primary }, *head));
                *head = (links.len() - 1) as u32;
                *count += 1;
            }
            places.push(row.place);
        }
        let mut referents = Vec::with_capacity(links.len());
        // Sized once: growing it rehashed tens of thousands of keys several times (7% of the load).
        let mut first_words: FxHashMap<Cow<'static, str>, u8> =
            FxHashMap::with_capacity_and_hasher(heads.len(), Default::default());
        for (name, range) in heads.iter_mut() {
            let start = referents.len() as u32;
            let mut at = range.0;
            while at != END {
                referents.push(links[at as usize].0);
                at = links[at as usize].1;
            }
            // Chains run newest first: restore file order.
            referents[start as usize..].reverse();
            *range = (start, referents.len() as u32);
            let words = name.split(' ').count().min(usize::from(u8::MAX)) as u8;
            let first: Cow<'static, str> = match name {
                Cow::Borrowed(s) => Cow::Borrowed(first_word(s)),
                Cow::Owned(s) => Cow::Owned(first_word(s).to_string()),
            };
            let w = first_words.entry(first).or_insert(0);
            *w = (*w).max(words);
        }
        Gazetteer {
            places,
            names: heads,
            referents,
            first_words,
            admin1,
            countries,
            capitals: capitals.into_iter().map(|(c, (id, _))| (c, id)).collect(),
        }
    }

    /// The places a name refers to (exact spelling).
    pub fn lookup(&self, name: &str) -> &[Referent] {
        match self.names.get(name) {
            Some(&(a, b)) => &self.referents[a as usize..b as usize],
            None => &[],
        }
    }

    /// The most words a name starting with this word has (0: no name starts with it).
    pub fn max_words(&self, first: &str) -> usize {
        self.first_words.get(first).copied().map_or(0, usize::from)
    }

    pub fn place(&self, id: u32) -> &Place {
        &self.places[id as usize]
    }

    /// The first-level region a place lies in.
    pub fn admin1_of<'a>(&'a self, place: &'a Place) -> Option<&'a Place> {
        if place.admin1.is_empty() {
            return None;
        }
        if place.feature == Feature::Admin1 {
            return Some(place);
        }
        self.admin1
            .get(&(place.country.clone(), place.admin1.clone()))
            .map(|&i| &self.places[i as usize])
    }

    /// The country place of an ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<u32> {
        self.countries.get(iso3).copied()
    }

    /// The capital of a country (ISO3).
    pub fn capital(&self, iso3: &str) -> Option<u32> {
        self.capitals.get(iso3).copied()
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// The first word of a name as the matcher splits words (at spaces; "Washington, D.C." starts "Washington,").
fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '‐' | '.' | '&')))
        .map_or(s.len(), |(i, _)| i);
    s[..end].trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_gazetteer_has_countries_regions_cities_and_spellings() {
        let g = Gazetteer::load(&[]).unwrap();
        assert!(g.len() > 35_000, "{}", g.len());
        let kyiv = g.lookup("Kiev");
        assert!(
            kyiv.iter()
                .any(|r| g.place(r.place).name == "Kyiv" && g.place(r.place).country == "UKR")
        );
        assert!(!g.lookup("Kharkov").is_empty());
        // A site is also found with its later words in lower case; a town is not.
        let site = |name: &str| g.lookup(name).iter().any(|r| g.place(r.place).feature == Feature::Site);
        assert!(site("White House") && site("White house") && site("Tiananmen square"));
        assert!(!site("White HOUSE"));
        assert!(g.lookup("New york").is_empty() && !g.lookup("New York").is_empty());
        assert!(!g.lookup("Donbass").is_empty());
        let ukraine = g.country("UKR").map(|i| g.place(i)).unwrap();
        assert_eq!(ukraine.feature, Feature::Country);
        assert!(ukraine.point().is_some());
        // The Gaza Strip answers to "Gaza"; the city does not (it is "Gaza City").
        let gaza: Vec<_> = g.lookup("Gaza").iter().map(|r| g.place(r.place).feature).collect();
        assert!(
            gaza.contains(&Feature::Region) && !gaza.contains(&Feature::City),
            "{gaza:?}"
        );
        assert!(
            g.lookup("Gaza City")
                .iter()
                .any(|r| g.place(r.place).feature == Feature::City)
        );
        // A city's region is found by its code.
        let texas_town = g
            .lookup("Austin")
            .iter()
            .map(|r| g.place(r.place))
            .find(|p| p.country == "USA")
            .unwrap();
        assert_eq!(g.admin1_of(texas_town).map(|a| a.name.as_ref()), Some("Texas"));
        assert!(g.max_words("Gaza") >= 2);
        assert_eq!(g.max_words("Xyzzyville"), 0);
    }

    #[test]
    fn user_rows_add_and_replace_places_and_errors_name_the_line() {
        let user = "city\tNew Tarrow\tGBR\tENG\t52.1\t-1.2\t800\tTarrow New\n\
                    capital\tKyiv\tUKR\t12\t50.0\t30.0\t1\t\n";
        let g = Gazetteer::load(&[("my.places.tsv", user)]).unwrap();
        let p = g.place(g.lookup("Tarrow New")[0].place);
        assert_eq!((p.name.as_ref(), p.population), ("New Tarrow", 800));
        let kyiv: Vec<_> = g
            .lookup("Kyiv")
            .iter()
            .map(|r| g.place(r.place))
            .filter(|p| p.country == "UKR")
            .collect();
        assert_eq!(kyiv.len(), 1);
        assert_eq!(kyiv[0].population, 1);
        let bad = Gazetteer::load(&[("bad.places.tsv", "city\tX\tUK\t\t1\t2\n")])
            .err()
            .unwrap();
        assert_eq!((bad.file.as_str(), bad.line), ("bad.places.tsv", 1));
        assert!(bad.message.contains("alpha-3"), "{}", bad.message);
        let bad = Gazetteer::load(&[("b.places.tsv", "# c\nvillage\tX\tGBR\t\t1\t2\n")])
            .err()
            .unwrap();
        assert_eq!(bad.line, 2);
        let bad = Gazetteer::load(&[("b.places.tsv", "city\tX\tGBR\t\t91\t2\n")])
            .err()
            .unwrap();
        assert!(bad.message.contains("lat"), "{}", bad.message);
    }
}
