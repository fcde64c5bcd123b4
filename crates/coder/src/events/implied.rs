//! Sides a sentence names without their country: "Police arrested 15 activists in Tbilisi", "Protesters clashed
//! with troops in Lagos". News leaves the country to the place of the act, and the actor stage, which codes
//! "Kenyan police" and "police in Mombasa", has nothing to code here. The engine reads such words (grammar
//! classes `implied_*`) as stand-in actors whose code is `~` and the role ("~COP"); once event locations are set,
//! [`settle`] gives each the country of the place its act's clause names, or (police and authorities, who act on
//! their own country's people) the other side's country; an event with a side still unknown is dropped.

use super::grammar::Grammar;
use detente_records::{Actor, Event, LocationVia, Mention, MentionKind};
use std::borrow::Cow;

/// The first character of a stand-in's code.
const PENDING: char = '~';

/// A stand-in whose country is not known yet.
pub fn is_pending(code: &str) -> bool {
    code.starts_with(PENDING)
}

/// The article's mentions with a stand-in for each side named without its country (borrowed when there is none).
pub fn with_implied<'a>(grammar: &Grammar, text: &str, mentions: &'a [Mention]) -> Cow<'a, [Mention]> {
    // A word inside a mention, or right after one ("Kenyan police" where only "Kenyan" is a mention), belongs to
    // that actor.
    let covered = |start: usize, end: usize| {
        let from = mentions.partition_point(|m| m.end <= start);
        mentions.get(from).is_some_and(|m| m.start < end)
            || from
                .checked_sub(1)
                .is_some_and(|p| text[mentions[p].end..start].bytes().all(|b| b == b' '))
    };
    let implied: Vec<Mention> = grammar
        .implied_sides(text)
        .into_iter()
        .filter(|&(start, end, _)| !covered(start, end))
        .map(|(start, end, role)| Mention {
            start,
            end,
            text: text[start..end].to_string(),
            actor: Actor {
                code: format!("{PENDING}{role}"),
                role: Some(role.to_string()),
                ..Actor::default()
            },
            via: Default::default(),
            kind: MentionKind::Role,
            entity: usize::MAX,
            gender: None,
            plural: true,
        })
        .collect();
    if implied.is_empty() {
        return Cow::Borrowed(mentions);
    }
    let mut all = mentions.to_vec();
    all.extend(implied);
    all.sort_by_key(|m| (m.start, m.end));
    Cow::Owned(all)
}

/// Gives each stand-in the country of its act's place (or, for police and authorities, of the other side), and
/// drops the events whose stand-in stays unknown or becomes the other side itself.
pub fn settle(events: &mut Vec<Event>) {
    events.retain_mut(|e| {
        let pending_source = is_pending(&e.source.code);
        let pending_target = e.target.as_ref().is_some_and(|t| is_pending(&t.code));
        if !pending_source && !pending_target {
            return true;
        }
        // Civilians and their places stand in only as those who suffer coercion or violence ("the school
        // shooting" names no shooter).
        let civilian = |a: &Actor| is_pending(&a.code) && a.role.as_deref() == Some("CVL");
        if civilian(&e.source)
            || e.target.as_ref().is_some_and(civilian) && !matches!(e.root.as_str(), "17" | "18" | "19" | "20")
        {
            return false;
        }
        let place = e
            .location
            .as_ref()
            .filter(|l| matches!(l.via, LocationVia::Clause | LocationVia::Target))
            .and_then(|l| l.country.clone());
        let other = |side: &Actor| side.country.clone().filter(|_| !is_pending(&side.code));
        if pending_source {
            let fallback = e.target.as_ref().and_then(other).filter(|_| acts_at_home(&e.source));
            let Some(country) = place.clone().or(fallback) else {
                return false;
            };
            place_in(&mut e.source, &country);
            if e.target.is_none() && e.root == "14" && e.source.role.as_deref() == Some("OPP") {
                // Protesters with no named adversary protest against their own government.
                e.target = Some(Actor {
                    role: Some("GOV".into()),
                    ..Actor::default()
                });
                place_in(e.target.as_mut().expect("just set"), &country);
            }
        }
        if let Some(t) = e.target.as_mut().filter(|t| is_pending(&t.code)) {
            let fallback = other(&e.source).filter(|_| acts_at_home(t));
            let Some(country) = place.clone().or(fallback) else {
                return false;
            };
            place_in(t, &country);
        }
        e.rule.push_str(if place.is_some() {
            "; a side named without its country: the country of the place"
        } else {
            "; a side named without its country: the other side's"
        });
        e.target.as_ref().is_none_or(|t| t.code != e.source.code)
    });
}

/// Police and authorities act on their own country's people: with no place named, they are of the other side's
/// country ("Police detained 15 Georgian activists").
fn acts_at_home(side: &Actor) -> bool {
    matches!(side.role.as_deref(), Some("COP" | "GOV"))
}

fn place_in(side: &mut Actor, country: &str) {
    let role = side.role.clone().unwrap_or_default();
    side.code = format!("{country}{role}");
    side.country = Some(country.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_records::{Location, Trigger};

    fn actor(code: &str, country: Option<&str>, role: &str) -> Actor {
        Actor {
            code: code.into(),
            country: country.map(str::to_string),
            role: Some(role.into()),
            ..Actor::default()
        }
    }

    fn event(source: Actor, target: Actor, place: Option<&str>) -> Event {
        Event {
            sentence: 0,
            source,
            target: Some(target),
            code: "173".into(),
            root: "17".into(),
            name: String::new(),
            goldstein: -5.0,
            quad_class: 4,
            plover: None,
            negated: false,
            factual: true,
            quote: None,
            location: place.map(|country| Location {
                name: "a town".into(),
                country: Some(country.into()),
                via: LocationVia::Clause,
                ..Location::default()
            }),
            trigger: Trigger {
                start: 0,
                end: 8,
                text: "arrested".into(),
            },
            rule: "verb:arrest 173".into(),
        }
    }

    fn dyads(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| {
                format!(
                    "{}>{}",
                    e.source.code,
                    e.target.as_ref().map_or("-", |t| t.code.as_str())
                )
            })
            .collect()
    }

    #[test]
    fn a_stand_in_takes_the_country_of_the_place() {
        let mut events = vec![event(
            actor("~COP", None, "COP"),
            actor("GEOOPP", Some("GEO"), "OPP"),
            Some("GEO"),
        )];
        settle(&mut events);
        assert_eq!(dyads(&events), ["GEOCOP>GEOOPP"]);
        assert!(
            events[0].rule.ends_with("the country of the place"),
            "{}",
            events[0].rule
        );
        // Both sides stand-ins: both of the place's country.
        let mut events = vec![event(
            actor("~OPP", None, "OPP"),
            actor("~COP", None, "COP"),
            Some("NGA"),
        )];
        settle(&mut events);
        assert_eq!(dyads(&events), ["NGAOPP>NGACOP"]);
    }

    #[test]
    fn with_no_place_only_police_and_authorities_take_the_other_sides_country() {
        let mut events = vec![
            event(actor("~COP", None, "COP"), actor("GEOOPP", Some("GEO"), "OPP"), None),
            event(actor("~MIL", None, "MIL"), actor("SYRREB", Some("SYR"), "REB"), None),
            event(actor("KENOPP", Some("KEN"), "OPP"), actor("~COP", None, "COP"), None),
            event(actor("~OPP", None, "OPP"), actor("~COP", None, "COP"), None),
        ];
        settle(&mut events);
        assert_eq!(dyads(&events), ["GEOCOP>GEOOPP", "KENOPP>KENCOP"]);
    }

    #[test]
    fn a_stand_in_that_becomes_the_other_side_makes_no_event() {
        let mut events = vec![event(
            actor("~COP", None, "COP"),
            actor("PERCOP", Some("PER"), "COP"),
            Some("PER"),
        )];
        settle(&mut events);
        assert!(events.is_empty());
    }
}
