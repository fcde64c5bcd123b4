//! Institutions and where they sit (`data/places/seats.tsv`, extended by the user's `*.seats.tsv`): a visit
//! to a body, a meeting with it or an address to it happens at its seat, and so do the votes, rulings and
//! statements of a body that meets there (a parliament, a court). An office whose name stands for a
//! government wherever it speaks ("the Kremlin said", like "Moscow said") only hosts. The table names the
//! body as an actor is named, the state or organisation it belongs to (so Canada's House of Commons is not
//! Britain's), and the seat's name and coordinates; the gazetteer's town gives the first-level region.

use super::gazetteer::{Feature, Gazetteer};
use crate::{DictionaryError, DictionarySource};
use detente_records::{Actor, Location, LocationVia, PlaceKind};
use rustc_hash::FxHashMap;

const BUILTIN: &str = include_str!("../../data/places/seats.tsv");

/// One body's seat.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    /// The location's name: the building and the town ("Knesset, Jerusalem").
    pub name: String,
    /// The state the body belongs to (ISO 3166 alpha-3) or the organisation's key.
    pub owner: String,
    /// The country the seat lies in: the owner, or the town's country for an organisation.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin1_code: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Which events the seat places.
    pub used: SeatUse,
}

/// Which events a seat places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatUse {
    /// A body that meets there (a parliament, a court): its own votes, rulings and statements, visits to it,
    /// meetings with it and addresses to it, and the clause that names it ("at the Knesset").
    Sits,
    /// An office whose name stands for a government wherever it speaks ("the Kremlin said"): visits to it,
    /// meetings with it and the clause that names it.
    Hosts,
    /// An organisation's headquarters ("the United Nations"): only a clause that names it as a place ("at
    /// the United Nations"); its envoys meet people anywhere.
    Named,
}

impl Seat {
    /// The location of an event that took place at this seat.
    pub fn location(&self) -> Location {
        Location {
            name: self.name.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            lat: Some(self.lat),
            lon: Some(self.lon),
            kind: PlaceKind::Site,
            mention: None,
            via: LocationVia::Seat,
            admin1_code: self.admin1_code.clone(),
        }
    }
}

/// Every body's seat, by folded name.
#[derive(Debug, Default)]
pub struct Seats {
    seats: Vec<Seat>,
    /// Folded name → indices of the seats of bodies of that name (one per owner).
    by_name: FxHashMap<String, Vec<u32>>,
}

/// Lower case, a leading "the" dropped, inner white space collapsed.
fn fold(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Seats {
    /// The built-in table, then the user's `*.seats.tsv` files (a row with the same first name and owner
    /// as an earlier one replaces it).
    pub fn load(gaz: &Gazetteer, user: &[DictionarySource]) -> Result<Seats, DictionaryError> {
        let mut seats = Seats::default();
        seats.add(gaz, "seats.tsv", BUILTIN)?;
        for src in user.iter().filter(|s| s.name.ends_with(".seats.tsv")) {
            seats.add(gaz, &src.name, &src.text)?;
        }
        Ok(seats)
    }

    fn add(&mut self, gaz: &Gazetteer, file: &str, text: &str) -> Result<(), DictionaryError> {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| DictionaryError {
                file: file.to_string(),
                line: n + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [body, owner, name, town, lat, lon, used] = cols[..] else {
                return Err(err(format!(
                    "expected 7 tab-separated columns (body, country, seat, town, lat, lon, use), found {}",
                    cols.len()
                )));
            };
            let used = match used {
                "sits" => SeatUse::Sits,
                "hosts" => SeatUse::Hosts,
                "named" => SeatUse::Named,
                other => return Err(err(format!("use {other:?} is not \"sits\", \"hosts\" or \"named\""))),
            };
            let coordinate = |s: &str, what: &str, max: f64| {
                s.parse::<f64>()
                    .ok()
                    .filter(|v| v.abs() <= max)
                    .ok_or_else(|| err(format!("{what} {s:?} is not a number between -{max} and {max}")))
            };
            let (lat, lon) = (coordinate(lat, "latitude", 90.0)?, coordinate(lon, "longitude", 180.0)?);
            let names: Vec<String> = body.split('|').map(fold).filter(|s| !s.is_empty()).collect();
            if names.is_empty() || owner.is_empty() || name.is_empty() {
                return Err(err(
                    "the body's names, its country and the seat's name are required".into()
                ));
            }
            let mut seat = self.seat(gaz, owner, name, town, lat, lon);
            seat.used = used;
            // A row for a body already listed (same first name, same owner) replaces it.
            let replaced = self.by_name.get(&names[0]).and_then(|ids| {
                ids.iter()
                    .copied()
                    .find(|&i| self.seats[i as usize].owner.eq_ignore_ascii_case(owner))
            });
            let id = match replaced {
                Some(i) => {
                    self.seats[i as usize] = seat;
                    i
                }
                None => {
                    self.seats.push(seat);
                    (self.seats.len() - 1) as u32
                }
            };
            for n in names {
                let ids = self.by_name.entry(n).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(())
    }

    /// A seat with its region from the gazetteer's town of that name nearest the coordinates.
    fn seat(&self, gaz: &Gazetteer, owner: &str, name: &str, town: &str, lat: f64, lon: f64) -> Seat {
        let town = gaz
            .lookup(town)
            .iter()
            .map(|r| gaz.place(r.place))
            .filter(|p| p.feature.is_point() && p.feature != Feature::Site)
            .filter_map(|p| p.point().map(|(a, o)| ((a - lat).powi(2) + (o - lon).powi(2), p)))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p);
        let is_state =
            owner.len() == 3 && owner.bytes().all(|b| b.is_ascii_uppercase()) && gaz.country(owner).is_some();
        let country = if is_state {
            Some(owner.to_string())
        } else {
            town.map(|t| t.country.to_string()).filter(|c| !c.is_empty())
        };
        Seat {
            name: name.to_string(),
            owner: owner.to_string(),
            country,
            admin1: town.and_then(|t| gaz.admin1_of(t)).map(|a| a.name.to_string()),
            admin1_code: town.map(|t| t.admin1.to_string()).filter(|c| !c.is_empty()),
            lat,
            lon,
            used: SeatUse::Sits,
        }
    }

    /// The seat of the body an actor names, if the table lists that body for the actor's state or
    /// organisation.
    pub fn of(&self, actor: &Actor) -> Option<&Seat> {
        let name = actor.name.as_deref()?;
        let ids = self.by_name.get(&fold(name))?;
        ids.iter().map(|&i| &self.seats[i as usize]).find(|s| {
            actor
                .country
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(&s.owner))
                || actor.org.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(&s.owner))
        })
    }

    /// A body named after one of `prepositions` in `words` (word start offsets and words of a clause, as
    /// [`super::recall`] reads them): "testified before the Senate", "a vote at the Knesset". A name that
    /// several states' bodies share ("Parliament") counts only for one of `owners` (the event's actors);
    /// `allowed` says whether a preposition at a byte offset may place the event.
    pub fn named_in(
        &self,
        text: &str,
        words: &[(usize, &str)],
        prepositions: &rustc_hash::FxHashSet<String>,
        owners: &[&str],
        allowed: impl Fn(usize) -> bool,
    ) -> Option<&Seat> {
        const MAX_WORDS: usize = 6;
        for (i, &(at, w)) in words.iter().enumerate() {
            if !super::cues::Cues::is(prepositions, w) || !allowed(at) {
                continue;
            }
            let mut j = i + 1;
            if words.get(j).is_some_and(|(_, w)| w.eq_ignore_ascii_case("the")) {
                j += 1;
            }
            let Some(&(start, first)) = words.get(j) else { continue };
            if !first.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let longest = (1..=MAX_WORDS.min(words.len() - j)).rev().find_map(|n| {
                let (at, last) = words[j + n - 1];
                let ids = self.by_name.get(&fold(&text[start..at + last.len()]))?;
                let seats: Vec<&Seat> = ids.iter().map(|&i| &self.seats[i as usize]).collect();
                match seats[..] {
                    [one] => Some(one),
                    _ => seats
                        .into_iter()
                        .find(|s| owners.iter().any(|o| o.eq_ignore_ascii_case(&s.owner))),
                }
            });
            if longest.is_some() {
                return longest;
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.seats.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seats.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn gazetteer() -> &'static Gazetteer {
        static GAZ: OnceLock<Gazetteer> = OnceLock::new();
        GAZ.get_or_init(|| Gazetteer::load(&[]).expect("the built-in gazetteer loads"))
    }

    fn body(name: &str, country: Option<&str>, org: Option<&str>) -> Actor {
        Actor {
            code: String::new(),
            country: country.map(str::to_string),
            org: org.map(str::to_string),
            role: None,
            name: Some(name.to_string()),
        }
    }

    #[test]
    fn a_body_sits_where_the_table_says_for_its_own_state() {
        let seats = Seats::load(gazetteer(), &[]).unwrap();
        let knesset = seats.of(&body("the Knesset", Some("ISR"), None)).unwrap();
        assert_eq!(
            (knesset.name.as_str(), knesset.country.as_deref()),
            ("Knesset, Jerusalem", Some("ISR"))
        );
        // Namesakes are told apart by the actor's country.
        let ottawa = seats.of(&body("House of Commons", Some("CAN"), None)).unwrap();
        let london = seats.of(&body("House of Commons", Some("GBR"), None)).unwrap();
        assert_eq!(ottawa.name, "House of Commons, Ottawa");
        assert_eq!(london.name, "House of Commons, London");
        assert_eq!(london.admin1.as_deref(), Some("England"));
        // An organisation's body lies in its host town's country.
        let un = seats.of(&body("U.N. Security Council", None, Some("UN"))).unwrap();
        assert_eq!(un.country.as_deref(), Some("USA"));
        // A body of another state, or an unknown body, has no seat here.
        assert!(seats.of(&body("Knesset", Some("JOR"), None)).is_none());
        assert!(seats.of(&body("Town Council", Some("ISR"), None)).is_none());
        assert!(seats.of(&Actor::default()).is_none());
    }

    #[test]
    fn user_rows_add_and_replace_and_bad_rows_name_the_line() {
        let user = [DictionarySource {
            name: "mine.seats.tsv".into(),
            text: "# my seats\nKnesset\tISR\tKnesset annex, Jerusalem\tJerusalem\t31.78\t35.21\tsits\n\
                   Althing|Icelandic parliament\tISL\tAlthing, Reykjavik\tReykjavik\t64.1466\t-21.9408\tsits\n\
                   Stjornarradid\tISL\tStjornarradid, Reykjavik\tReykjavik\t64.1475\t-21.9362\thosts\n"
                .into(),
        }];
        let seats = Seats::load(gazetteer(), &user).unwrap();
        let knesset = seats.of(&body("Knesset", Some("ISR"), None)).unwrap();
        assert_eq!(knesset.name, "Knesset annex, Jerusalem");
        let althing = seats.of(&body("Icelandic Parliament", Some("ISL"), None)).unwrap();
        assert_eq!((althing.country.as_deref(), althing.lat), (Some("ISL"), 64.1466));
        assert_eq!(althing.used, SeatUse::Sits);
        assert_eq!(
            seats.of(&body("Stjornarradid", Some("ISL"), None)).unwrap().used,
            SeatUse::Hosts
        );
        let bad = [DictionarySource {
            name: "bad.seats.tsv".into(),
            text: "Althing\tISL\tAlthing\tReykjavik\tnorth\t-21.9\tsits\n".into(),
        }];
        let e = Seats::load(gazetteer(), &bad).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("bad.seats.tsv", 1));
        assert!(e.message.contains("latitude"), "{}", e.message);
        let short = [DictionarySource {
            name: "short.seats.tsv".into(),
            text: "\n\nAlthing\tISL\n".into(),
        }];
        assert_eq!(Seats::load(gazetteer(), &short).unwrap_err().line, 3);
        let unknown_use = [DictionarySource {
            name: "use.seats.tsv".into(),
            text: "Althing\tISL\tAlthing\tReykjavik\t64.1\t-21.9\tmeets\n".into(),
        }];
        assert!(
            Seats::load(gazetteer(), &unknown_use)
                .unwrap_err()
                .message
                .contains("meets")
        );
    }
}
