//! Visits to a place that is no actor ("arrived in Nairobi", "visited Kyiv on Monday"): the host of the visit is
//! the country of the place visited. News names the city far more often than the host state, and the actor stage
//! rightly reads a capital after "in" as a place, not its government. The same holds for aid delivered or halted
//! in a place ("suspended aid deliveries in Mosul"): its recipient is that place's country. Which place the act's
//! own clause names is known only once event locations are set, after the event stage: the engine emits such
//! acts without a target, and [`settle`] gives each the country of its clause's place, or drops it.

use detente_records::{Actor, Event, LocationVia};

/// Make a visit (042), host a visit (043), give aid (07) and halt aid (162): the codes whose missing target the
/// place of the act supplies.
pub fn awaits_host(code: &str) -> bool {
    matches!(code, "042" | "043") || code.starts_with("07") || code.starts_with("162")
}

/// Gives each visit without a target the country of the place its own clause names, when that is another
/// country than the visitor's; drops the others (a visit with no host is no interaction).
pub fn settle(events: &mut Vec<Event>) {
    events.retain_mut(|e| {
        if e.target.is_some() || !awaits_host(&e.code) {
            return true;
        }
        let Some(country) = e
            .location
            .as_ref()
            .filter(|l| l.via == LocationVia::Clause)
            .and_then(|l| l.country.clone())
        else {
            return false;
        };
        if e.source.country.as_deref() == Some(country.as_str()) {
            return false;
        }
        e.target = Some(Actor {
            code: country.clone(),
            country: Some(country),
            ..Actor::default()
        });
        e.rule.push_str(if e.code.starts_with("04") {
            "; host: the country of the place visited"
        } else {
            "; recipient: the country of the place"
        });
        true
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
