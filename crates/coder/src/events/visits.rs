//! Visits to a place that is no actor ("arrived in Nairobi", "visited Kyiv on Monday"): the host of the visit is
//! the country of the place visited. News names the city far more often than the host state, and the actor stage
//! rightly reads a capital after "in" as a place, not its government. The same holds for aid delivered or halted
//! in a place ("suspended aid deliveries in Mosul"): its recipient is that place's country. Which place the act's
//! own clause names is known only once event locations are set, after the event stage: the engine emits such
//! acts without a target, and [`settle`] gives each the country of its clause's place, or drops it.
//!
//! Force used on a place works the same way ("jets struck Tyre", "shelled villages near Kherson"): the side hit
//! is the country the place lies in. Such acts wait only when their lexicon entry needs a target; an act that
//! may stand alone (a bombing, a missile test) keeps its reading when no place is found.

use detente_records::{Actor, Event, LocationVia};

/// Make a visit (042), host a visit (043), give aid (07) and halt aid (162): the codes whose missing target the
/// place of the act supplies.
pub fn awaits_host(code: &str) -> bool {
    matches!(code, "042" | "043") || code.starts_with("07") || code.starts_with("162")
}

/// Assault, fighting and mass violence (18, 19, 20): acts whose target a struck place supplies.
pub fn awaits_place_struck(code: &str) -> bool {
    matches!(code.get(..2), Some("18" | "19" | "20"))
}

/// What the engine appends to the rule of a use of force that waits for the place struck; [`settle`] replaces it.
pub const AWAITING_PLACE: &str = "; target: awaiting the place struck";

/// What the engine appends to the rule of an arrest, charge or inquiry with no agent, done in a place the actor
/// stage does not hold ("two reporters were detained in Mombasa"); [`settle`] gives it the authorities of the
/// place's country, or drops it.
pub const AWAITING_AUTHORITIES: &str = "; source: awaiting the place";

/// The stand-in source of such an act: no code until the place is known.
pub fn authorities_awaited() -> Actor {
    Actor {
        name: Some("the authorities of the place".into()),
        ..Actor::default()
    }
}

fn awaiting(e: &Event) -> bool {
    e.target.is_none() && (awaits_host(&e.code) || e.rule.ends_with(AWAITING_PLACE))
}

/// Gives each visit without a target the country of the place its own clause names, when that is another
/// country than the visitor's; drops the others (a visit with no host is no interaction). Force used on a place
/// is also dropped where the same side's force in that sentence has a named target: the place is then where
/// that fight happened ("airstrikes on the militia in eastern Chad, hitting a depot"), not a second enemy.
pub fn settle(events: &mut Vec<Event>) {
    let fought: Vec<(usize, String)> = events
        .iter()
        .filter(|e| e.target.is_some() && awaits_place_struck(&e.code))
        .map(|e| (e.sentence, e.source.code.clone()))
        .collect();
    events.retain_mut(|e| {
        if let Some(stem) = e.rule.strip_suffix(AWAITING_AUTHORITIES) {
            let Some(country) = place_after_trigger_country(e) else {
                return false;
            };
            e.rule = format!("{stem}; source: the authorities of the country of the place");
            e.source = Actor {
                code: format!("{country}GOV"),
                role: Some("GOV".into()),
                ..country_actor(country)
            };
            return true;
        }
        if e.target.is_none() && imposed_on_a_country(&e.code) {
            impose_on_place_or_home(e);
            return true;
        }
        if !awaiting(e) {
            return true;
        }
        if awaits_place_struck(&e.code) && fought.iter().any(|(s, src)| *s == e.sentence && *src == e.source.code) {
            return false;
        }
        let Some(country) = e
            .location
            .as_ref()
            .filter(|l| l.via == LocationVia::Clause || l.via == LocationVia::Target && awaits_place_struck(&e.code))
            .and_then(|l| l.country.clone())
        else {
            return false;
        };
        if e.source.country.as_deref() == Some(country.as_str()) {
            return false;
        }
        e.target = Some(country_actor(country));
        if let Some(stem) = e.rule.strip_suffix(AWAITING_PLACE) {
            e.rule = format!("{stem}; target: the country of the place struck");
        } else if e.code.starts_with("04") {
            e.rule.push_str("; host: the country of the place visited");
        } else {
            e.rule.push_str("; recipient: the country of the place");
        }
        true
    });
}

/// The country of the place the event's clause names right after its trigger ("detained in Mombasa"): the
/// place the engine saw, not another one of the clause.
fn place_after_trigger_country(e: &Event) -> Option<String> {
    /// Bytes between the trigger and the place: "were arrested late on Friday in".
    const NEAR: usize = 48;
    e.location
        .as_ref()
        .filter(|l| l.via == LocationVia::Clause)
        .filter(|l| {
            l.mention
                .is_some_and(|m| m.start >= e.trigger.end && m.start - e.trigger.end <= NEAR)
        })
        .and_then(|l| l.country.clone())
}

/// A country named as a whole, as a target.
fn country_actor(country: String) -> Actor {
    Actor {
        code: country.clone(),
        country: Some(country),
        ..Actor::default()
    }
}

/// A curfew, martial law or a state of emergency (1723, 1724) and threats of them (1323, 1324): measures a
/// government imposes on a country's people, its own unless the act names another place.
fn imposed_on_a_country(code: &str) -> bool {
    matches!(code, "1723" | "1724" | "1323" | "1324")
}

/// The country of the place the measure's clause names, or the imposing side's own country.
fn impose_on_place_or_home(e: &mut Event) {
    let place = e
        .location
        .as_ref()
        .filter(|l| matches!(l.via, LocationVia::Clause | LocationVia::Target))
        .and_then(|l| l.country.clone());
    let Some(country) = place.clone().or_else(|| e.source.country.clone()) else {
        return;
    };
    e.target = Some(country_actor(country));
    e.rule.push_str(if place.is_some() {
        "; target: the country of the place"
    } else {
        "; target: the imposing side's own country"
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_records::{Location, PlaceKind, Trigger};

    fn visit(source_country: &str, code: &str, place: Option<(&str, LocationVia)>) -> Event {
        Event {
            sentence: 0,
            source: Actor {
                code: format!("{source_country}GOV"),
                country: Some(source_country.into()),
                role: Some("GOV".into()),
                ..Actor::default()
            },
            target: None,
            code: code.into(),
            root: code[..2].into(),
            name: String::new(),
            goldstein: 1.9,
            quad_class: 1,
            plover: None,
            negated: false,
            factual: true,
            quote: None,
            location: place.map(|(country, via)| Location {
                name: "a city".into(),
                country: Some(country.into()),
                kind: PlaceKind::City,
                via,
                ..Location::default()
            }),
            trigger: Trigger {
                start: 0,
                end: 0,
                text: String::new(),
            },
            rule: "verb:visit 042".into(),
        }
    }

    #[test]
    fn a_visit_is_hosted_by_the_country_of_its_clause_place() {
        let mut events = vec![
            visit("NOR", "042", Some(("KEN", LocationVia::Clause))),
            visit("NOR", "043", Some(("PER", LocationVia::Clause))),
        ];
        settle(&mut events);
        let hosts: Vec<_> = events
            .iter()
            .map(|e| e.target.as_ref().map(|t| t.code.as_str()))
            .collect();
        assert_eq!(hosts, [Some("KEN"), Some("PER")]);
        assert!(events[0].rule.ends_with("host: the country of the place visited"));
    }

    #[test]
    fn aid_given_or_halted_in_a_place_goes_to_its_country() {
        let mut events = vec![
            visit("NOR", "1623", Some(("SOM", LocationVia::Clause))),
            visit("NOR", "073", Some(("HTI", LocationVia::Clause))),
        ];
        settle(&mut events);
        let hosts: Vec<_> = events
            .iter()
            .map(|e| e.target.as_ref().map(|t| t.code.as_str()))
            .collect();
        assert_eq!(hosts, [Some("SOM"), Some("HTI")]);
        assert!(events[0].rule.ends_with("recipient: the country of the place"));
    }

    #[test]
    fn force_used_on_a_place_hits_its_country_unless_the_fight_has_a_named_side() {
        let mut raid = visit("NOR", "190", Some(("SWE", LocationVia::Target)));
        raid.rule.push_str(AWAITING_PLACE);
        let mut elsewhere = raid.clone();
        elsewhere.sentence = 1;
        let mut named = visit("NOR", "195", None);
        named.sentence = 1;
        named.target = Some(Actor {
            code: "FINMIL".into(),
            ..Actor::default()
        });
        let mut events = vec![raid, elsewhere, named];
        settle(&mut events);
        let got: Vec<_> = events
            .iter()
            .map(|e| (e.sentence, e.target.as_ref().map(|t| t.code.as_str())))
            .collect();
        assert_eq!(got, [(0, Some("SWE")), (1, Some("FINMIL"))]);
        assert!(
            events[0].rule.ends_with("target: the country of the place struck"),
            "{}",
            events[0].rule
        );
        // A use of force that may stand alone keeps its reading where no place is found.
        let mut events = vec![visit("NOR", "183", None)];
        settle(&mut events);
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn a_curfew_or_martial_law_falls_on_the_place_named_or_else_at_home() {
        let mut events = vec![
            visit("NOR", "1723", Some(("NOR", LocationVia::Clause))),
            visit("NOR", "1724", None),
            visit("NOR", "1323", Some(("SWE", LocationVia::Target))),
            visit("NOR", "1724", Some(("SWE", LocationVia::Dateline))),
        ];
        settle(&mut events);
        let got: Vec<_> = events
            .iter()
            .map(|e| e.target.as_ref().map(|t| t.code.as_str()))
            .collect();
        assert_eq!(got, [Some("NOR"), Some("NOR"), Some("SWE"), Some("NOR")]);
        assert!(
            events[1].rule.ends_with("the imposing side's own country"),
            "{}",
            events[1].rule
        );
    }

    #[test]
    fn visits_home_by_dateline_only_or_nowhere_are_dropped() {
        let mut events = vec![
            visit("NOR", "042", Some(("NOR", LocationVia::Clause))),
            visit("NOR", "042", Some(("KEN", LocationVia::Dateline))),
            visit("NOR", "042", None),
        ];
        settle(&mut events);
        assert!(events.is_empty(), "{events:?}");
        // Other events without a target are left alone.
        let mut events = vec![visit("NOR", "010", None)];
        settle(&mut events);
        assert_eq!(events.len(), 1);
    }
}
