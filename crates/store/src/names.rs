//! Country and role tables (`data/countries.tsv`, `data/roles.tsv`): names for codes in exports meant for
//! people and for other systems (GDELT's actor names and FIPS 10-4 geography, ICEWS's countries and sectors),
//! and codes for names in queries (`--actor Russia`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// One row of `data/countries.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3: detente's (and CAMEO's) actor country code.
    pub iso3: &'static str,
    /// FIPS 10-4: GDELT's geographic country code; None where FIPS has no code of its own.
    pub fips: Option<&'static str>,
    pub name: &'static str,
}

struct Tables {
    countries: Vec<Country>,
    by_iso3: HashMap<&'static str, usize>,
    by_name: HashMap<String, usize>,
    roles: HashMap<&'static str, &'static str>,
}

/// The rows of a TSV table after its comment lines and header.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let countries: Vec<Country> = rows(include_str!("../data/countries.tsv"))
            .filter(|cells| cells.len() >= 3)
            .map(|cells| Country {
                iso3: cells[0],
                fips: Some(cells[1]).filter(|f| !f.is_empty()),
                name: cells[2],
            })
            .collect();
        let by_iso3 = countries.iter().enumerate().map(|(i, c)| (c.iso3, i)).collect();
        let by_name = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.to_lowercase(), i))
            .collect();
        let roles = rows(include_str!("../data/roles.tsv"))
            .filter(|cells| cells.len() >= 2)
            .map(|cells| (cells[0], cells[1]))
            .collect();
        Tables {
            countries,
            by_iso3,
            by_name,
            roles,
        }
    })
}

/// The country with this ISO 3166-1 alpha-3 code.
pub fn country(iso3: &str) -> Option<&'static Country> {
    let t = tables();
    t.by_iso3.get(iso3).map(|&i| &t.countries[i])
}

/// The country with this name (as in the table, any case): `Russia` → RUS.
pub fn country_by_name(name: &str) -> Option<&'static Country> {
    let t = tables();
    t.by_name.get(&name.trim().to_lowercase()).map(|&i| &t.countries[i])
}

/// ISO 3166-1 alpha-3 → FIPS 10-4, the country codes of GDELT's geography (`UKR` → `UP`, `DEU` → `GM`).
pub fn iso3_to_fips(iso3: &str) -> Option<&'static str> {
    country(iso3).and_then(|c| c.fips)
}

/// The label of a CAMEO role or region code: `MIL` → Military, `WST` → The West.
pub fn role_label(code: &str) -> Option<&'static str> {
    tables().roles.get(code).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_and_name_and_their_fips_codes() {
        assert_eq!(country("RUS").unwrap().name, "Russia");
        assert_eq!(country_by_name("ukraine").unwrap().iso3, "UKR");
        assert_eq!(iso3_to_fips("UKR"), Some("UP"));
        assert_eq!(iso3_to_fips("DEU"), Some("GM"));
        assert_eq!(iso3_to_fips("XXX"), None);
        assert_eq!(role_label("MIL"), Some("Military"));
        // Every row is whole: a three-letter code, a two-letter FIPS code when there is one, a name.
        let t = tables();
        assert!(t.countries.len() >= 249);
        for c in &t.countries {
            assert!(
                c.iso3.len() == 3 && c.iso3.chars().all(|ch| ch.is_ascii_uppercase()),
                "{c:?}"
            );
            assert!(c.fips.is_none_or(|f| f.len() == 2), "{c:?}");
            assert!(!c.name.is_empty(), "{c:?}");
        }
    }
}
