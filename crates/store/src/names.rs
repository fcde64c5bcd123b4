//! Names for codes in exports meant for people and for other systems (GDELT's actor names, ICEWS's countries
//! and sectors), and codes for names in queries (`--actor Russia`): countries from the geo stage's table
//! (`detente_records::geo`), CAMEO roles and regions from `data/roles.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A country: ISO 3166-1 alpha-3 (detente's and CAMEO's actor country code), FIPS 10-4 (GDELT's geographic
/// code) and name, from the geo stage's table (`detente_records::geo`).
pub type Country = detente_records::geo::CountryCodes;

struct Tables {
    by_name: HashMap<String, &'static str>,
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
    TABLES.get_or_init(|| Tables {
        by_name: detente_records::geo::countries()
            .map(|c| (c.name.to_lowercase(), c.iso3))
            .collect(),
        roles: rows(include_str!("../data/roles.tsv"))
            .filter(|cells| cells.len() >= 2)
            .map(|cells| (cells[0], cells[1]))
            .collect(),
    })
}

/// The country with this ISO 3166-1 alpha-3 code.
pub fn country(iso3: &str) -> Option<Country> {
    detente_records::geo::country(iso3)
}

/// The country with this name (as in the table, any case): `Russia` → RUS.
pub fn country_by_name(name: &str) -> Option<Country> {
    let iso3 = tables().by_name.get(&name.trim().to_lowercase())?;
    country(iso3)
}

/// ISO 3166-1 alpha-3 → FIPS 10-4, the country codes of GDELT's geography (`UKR` → `UP`, `DEU` → `GM`).
pub fn iso3_to_fips(iso3: &str) -> Option<&'static str> {
    detente_records::geo::fips(iso3)
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
        // Every country can be found by its name.
        assert!(tables().by_name.len() >= 240);
        assert_eq!(country_by_name("United Kingdom").unwrap().iso3, "GBR");
    }
}
