//! Choosing one place for each name found: by the words around it, the article's context and, last,
//! population.
//!
//! Each candidate place of a name is scored: a qualifier after a comma that contains it decides ("Paris,
//! Texas"); a region noun or "the city of" prefers that kind; the countries and regions the article names
//! (actor mentions and unambiguous places) and the dateline's country count next; a country beats a town of
//! the same name, a capital a town; population breaks what remains. A name keeps the same place throughout
//! the article (one sense per discourse). Weak matches are dropped: a town whose name is a common English word
//! outside a locative phrase, or a small town named in passing in a country the article never mentions.

use super::gazetteer::{Feature, Gazetteer, Place, Referent};
use super::matcher::{PlaceRole, RawMatch};
use detente_records::Mention;
use rustc_hash::{FxHashMap, FxHashSet};

/// What the article says about where it is: countries and first-level regions named, and the dateline.
#[derive(Debug, Default)]
pub struct Context {
    countries: FxHashMap<String, u32>,
    most: u32,
    /// (country, admin1 code) named through a town or the region itself.
    admin1: FxHashSet<(String, String)>,
    /// Countries one of whose first-level regions is named ("Arizona" makes "Georgia" the state).
    admin1_countries: FxHashSet<String>,
    pub dateline_country: Option<String>,
}

impl Context {
    /// Build from the actor mentions (those not inside an ambiguous place name) and the places whose name
    /// has a single reading.
    pub fn build(gaz: &Gazetteer, mentions: &[Mention], matches: &[RawMatch], dateline: Option<&Place>) -> Context {
        let mut ctx = Context::default();
        let ambiguous: Vec<(usize, usize)> = matches
            .iter()
            .filter(|m| countries_of(gaz, m.referents).len() > 1)
            .map(|m| (m.start, m.end))
            .collect();
        for mention in mentions {
            if ambiguous.iter().any(|&(s, e)| mention.start < e && s < mention.end) {
                continue;
            }
            if let Some(c) = &mention.actor.country {
                *ctx.countries.entry(c.clone()).or_default() += 1;
            }
        }
        for m in matches.iter().filter(|m| m.referents.len() == 1) {
            let p = gaz.place(m.referents[0].place);
            ctx.add_place(p);
        }
        if let Some(p) = dateline {
            ctx.add_place(p);
            ctx.dateline_country = Some(p.country.to_string()).filter(|c| !c.is_empty());
        }
        ctx.most = ctx.countries.values().copied().max().unwrap_or(0);
        ctx
    }

    fn add_place(&mut self, p: &Place) {
        if p.country.is_empty() {
            return;
        }
        *self.countries.entry(p.country.to_string()).or_default() += 1;
        if !p.admin1.is_empty() {
            self.admin1.insert((p.country.to_string(), p.admin1.to_string()));
        }
        if p.feature == Feature::Admin1 {
            self.admin1_countries.insert(p.country.to_string());
        }
    }

    fn names_admin1(&self, p: &Place) -> bool {
        !p.admin1.is_empty() && self.admin1.contains(&(p.country.to_string(), p.admin1.to_string()))
    }
}

fn countries_of<'g>(gaz: &'g Gazetteer, refs: &[Referent]) -> FxHashSet<&'g str> {
    refs.iter().map(|r| gaz.place(r.place).country.as_ref()).collect()
}

/// The score of one reading of a match.
fn score(gaz: &Gazetteer, ctx: &Context, m: &RawMatch, qualifier: Option<&RawMatch>, r: Referent) -> f64 {
    let p = gaz.place(r.place);
    let mut s = match p.feature {
        Feature::Country => 4.0,
        Feature::Capital => 1.5,
        // Hand-listed regions and sites beat a town's foreign alias ("White House" is not Casablanca).
        Feature::Region => 3.0,
        Feature::Site => 5.0,
        Feature::Admin1 => 0.5,
        Feature::City => 0.0,
    };
    if r.primary {
        s += 1.0;
    }
    s += f64::from(p.population.max(1)).log10() * 0.75;
    // The article's countries weigh less for towns than for areas: a US story that names Geneva still means
    // the Swiss one; a region or state in sight ("Paris, Texas") is the strong evidence for towns.
    if let Some(&n) = ctx.countries.get(p.country.as_ref()) {
        s += if p.feature.is_point() {
            0.5
        } else {
            1.0 + f64::from(n) / f64::from(ctx.most.max(1))
        };
    }
    if ctx.names_admin1(p) {
        s += 3.0;
    }
    if p.feature == Feature::Admin1 && ctx.admin1_countries.contains(p.country.as_ref()) {
        s += 2.0;
    }
    if ctx.dateline_country.as_deref() == Some(p.country.as_ref()) {
        s += 1.0;
    }
    // A bare name that is both a town and a region of the same country is the town ("Kherson", "Idlib",
    // "New York"): news says "the Kherson region" for the region. A town abroad of that name does not make
    // the region a town ("Bali" is neither the Indian Bāli nor the Cameroonian town).
    if p.feature == Feature::Admin1
        && m.hint.is_none()
        && m.referents.iter().any(|o| {
            let town = gaz.place(o.place);
            town.feature.is_point() && town.country == p.country
        })
    {
        s -= 3.0;
    }
    match m.hint {
        Some(Feature::Admin1) if matches!(p.feature, Feature::Admin1 | Feature::Region) => s += 5.0,
        Some(Feature::City) if p.feature.is_point() => s += 5.0,
        _ => {}
    }
    if m.border && p.feature == Feature::Country {
        s += 5.0;
    }
    if let Some(q) = qualifier {
        let inside = q.referents.iter().any(|qr| {
            let qp = gaz.place(qr.place);
            qr.place != r.place
                && qp.country == p.country
                && (qp.feature == Feature::Country || (qp.feature == Feature::Admin1 && qp.admin1 == p.admin1))
        });
        if inside {
            s += 100.0;
        }
    }
    s
}

/// The chosen reading of each match (None: dropped), in order.
pub fn choose(gaz: &Gazetteer, ctx: &Context, matches: &[RawMatch], sentence_matches: &[usize]) -> Vec<Option<u32>> {
    // One sense per discourse: the first confident reading of a spelling is kept for its later mentions.
    let mut chosen_by_name: FxHashMap<usize, u32> = FxHashMap::default();
    let mut out = Vec::with_capacity(matches.len());
    for (i, m) in matches.iter().enumerate() {
        // Qualifiers are matched within the sentence: `sentence_matches[i]` is the index of the sentence's
        // first match in `matches`.
        let qualifier = m.qualifier.map(|q| &matches[sentence_matches[i] + q]);
        let best = m
            .referents
            .iter()
            .map(|&r| (score(gaz, ctx, m, qualifier, r), r))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.place.cmp(&a.1.place)));
        let Some((s, r)) = best else {
            out.push(None);
            continue;
        };
        // The same spelling shares its referent slice.
        let key = m.referents.as_ptr() as usize;
        let place = match chosen_by_name.get(&key) {
            Some(&p) if s < 100.0 && m.hint.is_none() => p,
            _ => {
                chosen_by_name.insert(key, r.place);
                r.place
            }
        };
        out.push(keep(gaz, ctx, m, place).then_some(place));
    }
    out
}

/// Whether a match is confident enough to report.
fn keep(gaz: &Gazetteer, ctx: &Context, m: &RawMatch, place: u32) -> bool {
    let p = gaz.place(place);
    let framed = matches!(m.role, PlaceRole::Locative | PlaceRole::Dateline) || m.qualifier.is_some() || m.qualifies;
    // A name that is a common English word ("Reading", "North"): a big town in a locative phrase, or never.
    if p.word && (!framed || !p.feature.is_point() || p.population < 100_000) {
        return false;
    }
    if p.feature == Feature::City
        && !framed
        && p.population < 100_000
        && !ctx.countries.contains_key(p.country.as_ref())
    {
        return false;
    }
    true
}
