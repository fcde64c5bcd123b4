//! The CAMEO event ontology: names, roots, quad classes, Goldstein values and PLOVER types of every code,
//! read from the embedded `data/events/ontology.tsv` (generated from the reference tables by
//! `data/events/gen_ontology.py`).

use std::collections::BTreeMap;

const ONTOLOGY_TSV: &str = include_str!("../../data/events/ontology.tsv");

/// Which published Goldstein table to use. They differ on a few codes (016, 022, 124, 1246, 163–166).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GoldsteinVariant {
    /// GDELT's `CAMEO.goldsteinscale.txt` (the default).
    #[default]
    Gdelt,
    /// ICEWS `cameo-codes.csv` ("Intensity").
    Icews,
    /// The values hard-coded in the Phoenix pipeline.
    Phoenix,
}

/// Facts about one CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    pub code: String,
    pub root: String,
    pub name: String,
    pub quad_class: u8,
    /// Goldstein values in the order GDELT, ICEWS, Phoenix; `None` where a table has no value.
    pub goldstein: [Option<f64>; 3],
    pub plover: Option<String>,
}

/// Every CAMEO code of the embedded table.
#[derive(Debug, Clone)]
pub struct Ontology {
    codes: BTreeMap<String, CodeInfo>,
}

impl Ontology {
    pub fn builtin() -> Ontology {
        let mut codes = BTreeMap::new();
        for line in ONTOLOGY_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            let num = |s: &str| s.trim().parse::<f64>().ok();
            codes.insert(
                f[0].to_string(),
                CodeInfo {
                    code: f[0].to_string(),
                    root: f[1].to_string(),
                    quad_class: f[2].parse().unwrap_or(0),
                    goldstein: [num(f[3]), num(f[4]), num(f[5])],
                    plover: (!f[6].is_empty()).then(|| f[6].to_string()),
                    name: f[7].to_string(),
                },
            );
        }
        Ontology { codes }
    }

    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        self.codes.get(code)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    /// Whether some code starts with `prefix` (`14` and `141` are prefixes of `1411`): what a filter on
    /// codes can match.
    pub fn has_code_prefix(&self, prefix: &str) -> bool {
        self.codes
            .range(prefix.to_string()..)
            .next()
            .is_some_and(|(code, _)| code.starts_with(prefix))
    }

    /// The PLOVER types codes map to (`ACCUSE`, `ASSAULT`, ...), sorted.
    pub fn plover_types(&self) -> Vec<&str> {
        let types: std::collections::BTreeSet<&str> = self.codes.values().filter_map(|i| i.plover.as_deref()).collect();
        types.into_iter().collect()
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The Goldstein value of a code in a table; a code the table lacks takes its parent's value
    /// (4-digit → 3-digit → root).
    pub fn goldstein(&self, code: &str, variant: GoldsteinVariant) -> f64 {
        let col = match variant {
            GoldsteinVariant::Gdelt => 0,
            GoldsteinVariant::Icews => 1,
            GoldsteinVariant::Phoenix => 2,
        };
        let mut c = code;
        loop {
            if let Some(v) = self.codes.get(c).and_then(|i| i.goldstein[col].or(i.goldstein[0])) {
                return v;
            }
            if c.len() <= 2 {
                return 0.0;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// The PLOVER type of a code; a code the map lacks takes its parent's type.
    pub fn plover(&self, code: &str) -> Option<&str> {
        let mut c = code;
        loop {
            if let Some(p) = self.codes.get(c).and_then(|i| i.plover.as_deref()) {
                return Some(p);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// The quad class of a root: 1 verbal cooperation (01–05), 2 material cooperation (06–08),
    /// 3 verbal conflict (09–13), 4 material conflict (14–20).
    pub fn quad_class(root: &str) -> u8 {
        match root.parse::<u8>().unwrap_or(0) {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            14..=20 => 4,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_root_and_known_values() {
        let o = Ontology::builtin();
        assert!(o.len() > 300);
        for r in 1..=20 {
            let root = format!("{r:02}");
            assert!(o.contains(&root), "{root}");
            assert!(o.contains(&format!("{root}0")), "{root}0");
        }
        assert_eq!(o.goldstein("190", GoldsteinVariant::Gdelt), -10.0);
        assert_eq!(o.goldstein("163", GoldsteinVariant::Gdelt), -8.0);
        assert_eq!(o.goldstein("163", GoldsteinVariant::Phoenix), -6.5);
        assert_eq!(o.goldstein("016", GoldsteinVariant::Icews), -5.0);
        assert_eq!(o.get("154").unwrap().quad_class, 4);
        assert_eq!(o.plover("154"), Some("MOBILIZE"));
        assert_eq!(o.plover("010"), None);
        assert_eq!(o.plover("1384"), Some("THREATEN"));
        assert_eq!(Ontology::quad_class("08"), 2);
        assert_eq!(Ontology::quad_class("13"), 3);
    }
}
