//! Place recognition and event location on sentences written for these tests. Events are built by hand
//! (sentence, trigger, actors, code), as the events stage hands them over, so these tests do not depend on
//! what the event engine codes.

use super::*;
use crate::Coder;
use detente_records::{Actor, Article, Trigger};
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::builtin().expect("built-in dictionaries load"))
}

/// Sentences, actor mentions and place mentions of a text.
fn places_of(text: &str) -> (Vec<Sentence>, Vec<PlaceMention>) {
    let c = coder();
    let sentences = crate::text::segment(text);
    let mentions = c.actors.recognize(text, &sentences, Some("2024-03-01"));
    let places = c.places.recognize(text, &sentences, &mentions);
    (sentences, places)
}

fn place<'p>(places: &'p [PlaceMention], text: &str) -> Option<&'p PlaceMention> {
    places.iter().find(|p| p.text == text)
}

fn actor(country: &str) -> Actor {
    Actor {
        code: country.into(),
        country: Some(country.into()),
        ..Actor::default()
    }
}

/// An event on the `nth` occurrence-free first match of `trigger` in the text.
fn event(text: &str, sentences: &[Sentence], trigger: &str, source: &str, target: Option<&str>, code: &str) -> Event {
    let start = text
        .find(trigger)
        .unwrap_or_else(|| panic!("{trigger:?} not in the text"));
    let sentence = sentences
        .iter()
        .position(|s| s.start <= start && start < s.end)
        .unwrap();
    Event {
        sentence,
        source: actor(source),
        target: target.map(actor),
        code: code.into(),
        root: code[..2].into(),
        name: String::new(),
        goldstein: 0.0,
        quad_class: 1,
        plover: None,
        negated: false,
        factual: true,
        quote: None,
        location: None,
        trigger: Trigger {
            start,
            end: start + trigger.len(),
            text: trigger.into(),
        },
        rule: "test".into(),
    }
}

/// The location of one hand-made event in the text: (name, country, via).
fn locate_one(
    text: &str,
    trigger: &str,
    source: &str,
    target: Option<&str>,
    code: &str,
) -> Option<(String, String, LocationVia)> {
    let (sentences, places) = places_of(text);
    let mut events = vec![event(text, &sentences, trigger, source, target, code)];
    coder().places.locate(text, &sentences, &places, &mut events);
    events
        .remove(0)
        .location
        .map(|l| (l.name, l.country.unwrap_or_default(), l.via))
}

fn at(name: &str, country: &str, via: LocationVia) -> Option<(String, String, LocationVia)> {
    Some((name.to_string(), country.to_string(), via))
}

// ------------------------------------------------------------------ recognition

#[test]
fn a_capital_is_a_place_after_a_preposition_and_an_actor_before_a_verb() {
    let text = "Washington said on Tuesday that it would resume aid. The talks will continue in Washington next week.";
    let (_, places) = places_of(text);
    let roles: Vec<PlaceRole> = places
        .iter()
        .filter(|p| p.text == "Washington")
        .map(|p| p.role)
        .collect();
    assert_eq!(roles, [PlaceRole::Actor, PlaceRole::Locative]);
    let text = "Officials in Ottawa expect that Ottawa's reply will be firm.";
    let (_, places) = places_of(text);
    let roles: Vec<PlaceRole> = places.iter().filter(|p| p.text == "Ottawa").map(|p| p.role).collect();
    assert_eq!(roles, [PlaceRole::Locative, PlaceRole::Actor]);
    assert_eq!(places[0].country.as_deref(), Some("CAN"));
}

#[test]
fn georgia_is_the_country_unless_the_us_is_in_sight() {
    let text = "Protesters gathered in Georgia on Sunday, and police in Tbilisi closed the main avenue.";
    let (_, places) = places_of(text);
    let georgia = place(&places, "Georgia").unwrap();
    assert_eq!(
        (georgia.country.as_deref(), georgia.kind),
        (Some("GEO"), PlaceKind::Country)
    );
    let text = "Early voting opened in Arizona and in Georgia, where lines formed outside Atlanta libraries.";
    let (_, places) = places_of(text);
    let georgia = place(&places, "Georgia").unwrap();
    assert_eq!(
        (georgia.country.as_deref(), georgia.kind),
        (Some("USA"), PlaceKind::Region)
    );
}

#[test]
fn paris_is_in_france_unless_texas_is_in_sight() {
    let (_, places) = places_of("The envoy flew to Paris for a conference on shipping.");
    assert_eq!(place(&places, "Paris").unwrap().country.as_deref(), Some("FRA"));
    let (_, places) = places_of("A tornado struck Paris, Texas, late on Monday, the sheriff said.");
    let paris = place(&places, "Paris").unwrap();
    assert_eq!(
        (paris.country.as_deref(), paris.admin1.as_deref()),
        (Some("USA"), Some("Texas"))
    );
    let (_, places) = places_of("Ranchers near Paris drove cattle to auctions across Texas this spring.");
    assert_eq!(place(&places, "Paris").unwrap().country.as_deref(), Some("USA"));
}

#[test]
fn spellings_news_uses_are_kept_as_written() {
    let (_, places) = places_of("Shelling resumed near Kharkov overnight, and sirens sounded in Kiev.");
    let kharkov = place(&places, "Kharkov").unwrap();
    assert_eq!((kharkov.name.as_str(), kharkov.place.as_str()), ("Kharkov", "Kharkiv"));
    assert_eq!(place(&places, "Kiev").unwrap().place, "Kyiv");
    let (_, places) = places_of("Volunteers drove aid convoys into the Donbass and on to Odessa.");
    assert_eq!(place(&places, "Donbass").unwrap().country.as_deref(), Some("UKR"));
    assert_eq!(place(&places, "Odessa").unwrap().place, "Odesa");
}

#[test]
fn region_nouns_directions_and_borders_shape_the_place() {
    let (_, places) = places_of("Heavy fighting was reported in the Donetsk region and in eastern Ukraine.");
    let donetsk = place(&places, "Donetsk region").unwrap();
    assert_eq!(
        (donetsk.kind, donetsk.name.as_str()),
        (PlaceKind::Region, "Donetsk region")
    );
    let east = place(&places, "eastern Ukraine").unwrap();
    assert_eq!(
        (east.kind, east.name.as_str(), east.country.as_deref()),
        (PlaceKind::Region, "eastern Ukraine", Some("UKR"))
    );
    let (_, places) = places_of("Tanks massed near the border with Poland, and more gathered in northern Syria.");
    let border = places.iter().find(|p| p.country.as_deref() == Some("POL")).unwrap();
    assert_eq!(
        (border.name.as_str(), border.kind),
        ("Poland border area", PlaceKind::Region)
    );
    assert_eq!(place(&places, "northern Syria").unwrap().kind, PlaceKind::Region);
}

#[test]
fn names_inside_people_and_organisations_and_common_words_are_no_places() {
    let (_, places) = places_of("George Washington University hosted a debate, and the Washington Post covered it.");
    assert!(places.iter().all(|p| p.place != "Washington"), "{places:?}");
    let (_, places) = places_of("Reading the report, the minister frowned. Later she spoke in Reading to farmers.");
    let reading: Vec<_> = places.iter().filter(|p| p.place == "Reading").collect();
    assert_eq!(reading.len(), 1);
    assert_eq!(reading[0].role, PlaceRole::Locative);
}

#[test]
fn user_places_are_recognised() {
    let user = [crate::DictionarySource {
        name: "camps.places.tsv".into(),
        text: "site\tCamp Tarrow\tKEN\t\t1.5\t36.9\t\tTarrow camp\n".into(),
    }];
    let places = Places::load(&user).unwrap();
    let text = "Aid workers reached Tarrow camp on Friday.";
    let sentences = crate::text::segment(text);
    let found = places.recognize(text, &sentences, &[]);
    let camp = found.iter().find(|p| p.place == "Camp Tarrow").unwrap();
    assert_eq!(
        (camp.kind, camp.country.as_deref(), camp.lat),
        (PlaceKind::Site, Some("KEN"), Some(1.5))
    );
}

// ------------------------------------------------------------------ event location

#[test]
fn a_locative_place_in_the_clause_places_the_event() {
    let text = "The two foreign ministers met in Oslo on Friday to discuss fishing rights.";
    assert_eq!(
        locate_one(text, "met", "NOR", Some("ISL"), "043"),
        at("Oslo", "NOR", LocationVia::Clause)
    );
    let text = "In Nairobi, the president of Kenya accused the rebels of stalling.";
    assert_eq!(
        locate_one(text, "accused", "KEN", None, "112"),
        at("Nairobi", "KEN", LocationVia::Clause)
    );
}

#[test]
fn the_most_specific_place_of_the_clause_wins() {
    let text = "Rockets hit apartment blocks in Ukraine on Monday, in the city of Dnipro.";
    assert_eq!(
        locate_one(text, "hit", "RUS", Some("UKR"), "190"),
        at("Dnipro", "UKR", LocationVia::Clause)
    );
    let text = "Soldiers clashed in Bakhmut in eastern Ukraine.";
    assert_eq!(
        locate_one(text, "clashed", "RUS", Some("UKR"), "190"),
        at("Bakhmut", "UKR", LocationVia::Clause)
    );
}

#[test]
fn near_a_country_is_no_place_but_near_a_town_is_that_town() {
    let text = "Belarus held large drills near Lithuania this week.";
    assert_eq!(locate_one(text, "held", "BLR", Some("LTU"), "150"), None);
    let text = "Militants ambushed a patrol near Mosul before dawn.";
    assert_eq!(
        locate_one(text, "ambushed", "IMG", Some("IRQ"), "190"),
        at("Mosul", "IRQ", LocationVia::Clause)
    );
}

#[test]
fn border_phrases_give_the_border_area() {
    let text = "The army deployed two brigades near the border with Venezuela.";
    assert_eq!(
        locate_one(text, "deployed", "COL", Some("VEN"), "152"),
        at("Venezuela border area", "VEN", LocationVia::Clause)
    );
    let text = "Engineers dug trenches along Finland's border after the warning.";
    assert_eq!(
        locate_one(text, "dug", "FIN", Some("RUS"), "152"),
        at("Finland border area", "FIN", LocationVia::Clause)
    );
}

#[test]
fn the_target_of_an_attack_places_it() {
    let text = "Artillery pounded Kherson overnight, officials said.";
    assert_eq!(
        locate_one(text, "pounded", "RUS", Some("UKR"), "190"),
        at("Kherson", "UKR", LocationVia::Target)
    );
    let text = "The rebels shelled Goma at dawn.";
    assert_eq!(
        locate_one(text, "shelled", "COD", Some("COD"), "190"),
        at("Goma", "COD", LocationVia::Target)
    );
    // A verbal event does not take its target's town.
    let text = "The minister criticised Kherson's governor.";
    assert_eq!(locate_one(text, "criticised", "RUS", Some("UKR"), "111"), None);
}

#[test]
fn a_meeting_takes_the_venue_named_nearby() {
    let text =
        "Envoys arrived in Vienna on Monday for a new round of nuclear talks. The delegations met for four hours.";
    assert_eq!(
        locate_one(text, "met", "USA", Some("IRN"), "043"),
        at("Vienna", "AUT", LocationVia::Venue)
    );
    let text = "Leaders held a closed session before lunch. The summit had opened in Hanoi on Wednesday.";
    assert_eq!(
        locate_one(text, "held", "USA", Some("PRK"), "043"),
        at("Hanoi", "VNM", LocationVia::Venue)
    );
    // A generic consultation is a meeting only when its trigger says so ("contacted" is not).
    let text = "The summit opened in Hanoi on Wednesday. Later the envoy contacted Seoul's ambassador.";
    assert_eq!(locate_one(text, "contacted", "USA", Some("KOR"), "040"), None);
    let text = "The summit opened in Hanoi on Wednesday. The meeting of the two leaders lasted an hour.";
    assert_eq!(
        locate_one(text, "meeting", "USA", Some("PRK"), "040"),
        at("Hanoi", "VNM", LocationVia::Venue)
    );
    // Other events do not take a venue.
    let text = "Envoys arrived in Vienna for talks. Later Iran rejected the proposal.";
    assert_eq!(locate_one(text, "rejected", "IRN", Some("USA"), "120"), None);
}

#[test]
fn the_dateline_places_statements_from_its_country() {
    let text = "NAIROBI (Reuters) - Kenya's government said on Monday it would review the contract.";
    assert_eq!(
        locate_one(text, "said", "KEN", None, "010"),
        at("Nairobi", "KEN", LocationVia::Dateline)
    );
    let text = "MANILA, Philippines — The foreign ministry protested the coast guard's maneuvers.";
    assert_eq!(
        locate_one(text, "protested", "PHL", Some("CHN"), "111"),
        at("Manila", "PHL", LocationVia::Dateline)
    );
    // A statement by another country's officials was not made at the dateline.
    let text = "NAIROBI (Reuters) - The United States said on Monday it would review the contract.";
    assert_eq!(locate_one(text, "said", "USA", None, "010"), None);
}

#[test]
fn no_place_in_the_text_means_no_location() {
    let text = "The minister criticized the decision on Tuesday.";
    assert_eq!(locate_one(text, "criticized", "FRA", Some("DEU"), "111"), None);
    // A capital standing for its government is no place.
    let text = "Moscow condemned the new sanctions, and Beijing's envoy agreed.";
    assert_eq!(locate_one(text, "condemned", "RUS", Some("USA"), "111"), None);
}

#[test]
fn from_places_withdrawals_but_not_origins() {
    let text = "The brigade withdrew from Kherson after weeks of shelling.";
    assert_eq!(
        locate_one(text, "withdrew", "RUS", Some("UKR"), "0874"),
        at("Kherson", "UKR", LocationVia::Clause)
    );
    let text = "Officials from Kenya criticized the ruling.";
    assert_eq!(locate_one(text, "criticized", "KEN", None, "111"), None);
    let text = "From Kherson, the brigade withdrew in good order.";
    assert_eq!(
        locate_one(text, "withdrew", "RUS", Some("UKR"), "0874"),
        at("Kherson", "UKR", LocationVia::Clause)
    );
}

#[test]
fn odd_and_wide_text_never_panics() {
    let texts = [
        "In the State Region State of Palestine, Georgia State Province, Texas ,, — ;".to_string(),
        "Ministers met in Kyiv’s east — «in» Łódź, in Zürich’s old town; near Москва, in 東京.".to_string(),
        format!("NEAR {} in Paris, {}", "Ω".repeat(300), "in ".repeat(50)),
        "in in in in , , , Paris, Paris, Paris, Texas, Texas".to_string(),
        "“In Geneva,” he said. ‘In Oslo’ — they met. in".to_string(),
    ];
    for text in &texts {
        let (sentences, places) = places_of(text);
        for p in &places {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end) && p.start < p.end);
        }
        let mut events: Vec<Event> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let first = text[s.start..].chars().next().unwrap();
                let mut e = event(text, &sentences, &first.to_string(), "USA", None, "190");
                e.sentence = i;
                e.trigger.start = s.start;
                e.trigger.end = s.start + first.len_utf8();
                e
            })
            .collect();
        coder().places.locate(text, &sentences, &places, &mut events);
    }
}

#[test]
fn the_whole_coder_fills_locations_without_panicking_on_odd_text() {
    let article = Article {
        id: "odd".into(),
        text: "GENEVA (AP) — «In» Geneva, in , in the the of Kyiv’s east ... Paris, , Texas; near near — borders."
            .into(),
        ..Article::default()
    };
    let coded = coder().code(&article);
    for e in &coded.events {
        if let Some(l) = &e.location {
            let m = l.mention.unwrap();
            assert!(m.end <= article.text.len());
        }
    }
    let (_, places) = places_of(&article.text);
    assert!(
        places
            .iter()
            .any(|p| p.role == PlaceRole::Dateline && p.place == "Geneva")
    );
}

#[test]
fn a_trailing_attribution_does_not_place_the_reported_event() {
    let text = "Soldiers blocked the main road north of the capital, officials in Lusaka said.";
    assert_eq!(locate_one(text, "blocked", "ZMB", None, "171"), None);
    let text = "The navy seized two fishing boats overnight, according to a spokesman in Jakarta.";
    assert_eq!(locate_one(text, "seized", "IDN", Some("VNM"), "171"), None);
    // The speech event itself is placed by it.
    let text = "The army withdrew, a spokesman told reporters in Jakarta.";
    assert_eq!(
        locate_one(text, "told", "IDN", None, "010"),
        at("Jakarta", "IDN", LocationVia::Clause)
    );
}

#[test]
fn a_place_after_another_verb_or_participle_belongs_to_it() {
    let text = "Police arrested a lorry driver held in Calais since March.";
    assert_eq!(locate_one(text, "arrested", "FRA", None, "173"), None);
    let text = "The court fined a company based in Lagos for fraud.";
    assert_eq!(locate_one(text, "fined", "NGA", None, "163"), None);
    let text = "The council condemned Ankara for trying to build a dam in northern Iraq.";
    assert_eq!(locate_one(text, "condemned", "IRQ", Some("TUR"), "111"), None);
    let text = "Officials praised the volunteers living in Gdansk and their neighbours.";
    assert_eq!(locate_one(text, "praised", "POL", None, "051"), None);
}

#[test]
fn a_subordinate_clause_keeps_its_place() {
    let text = "The union adopted new tariffs on steel, as rebels in eastern Congo seized another mine.";
    assert_eq!(locate_one(text, "adopted", "EU", None, "163"), None);
    let text = "Brazil said it would review the contract while Argentine officials met in Montevideo.";
    assert_eq!(locate_one(text, "review", "BRA", None, "030"), None);
    assert_eq!(
        locate_one(text, "met", "ARG", None, "043"),
        at("Montevideo", "URY", LocationVia::Clause)
    );
}

#[test]
fn a_scene_setting_opener_places_the_whole_sentence() {
    let text = "During the riots in Dakar last year, when police fired on crowds, dozens were hurt.";
    assert_eq!(
        locate_one(text, "fired", "SEN", Some("SEN"), "180"),
        at("Dakar", "SEN", LocationVia::Clause)
    );
    let text = "In Kabul, after a night of rain, the Taliban government announced new rules.";
    assert_eq!(
        locate_one(text, "announced", "AFG", None, "010"),
        at("Kabul", "AFG", LocationVia::Clause)
    );
}

#[test]
fn visits_and_captures_place_their_object() {
    let text = "The chancellor is visiting Warsaw this week.";
    assert_eq!(
        locate_one(text, "visiting", "DEU", Some("POL"), "042"),
        at("Warsaw", "POL", LocationVia::Clause)
    );
    let text = "Government troops recaptured Timbuktu after a week of fighting.";
    assert_eq!(
        locate_one(text, "recaptured", "MLI", Some("MLI"), "190"),
        at("Timbuktu", "MLI", LocationVia::Clause)
    );
}

#[test]
fn a_name_that_modifies_a_noun_or_a_country_after_a_weak_preposition_is_no_place() {
    let text = "Egypt brokered an end to Gaza rocket fire last month.";
    assert_eq!(locate_one(text, "brokered", "EGY", None, "045"), None);
    let text = "The ministers agreed on Kabul government funding in principle.";
    assert_eq!(locate_one(text, "agreed", "DEU", None, "030"), None);
    let text = "Canada imposed sanctions on Iran on Monday.";
    assert_eq!(locate_one(text, "imposed", "CAN", Some("IRN"), "163"), None);
    let text = "The president appealed to Serbia for calm.";
    assert_eq!(locate_one(text, "appealed", "XKX", Some("SRB"), "020"), None);
}

#[test]
fn later_events_of_a_sentence_share_the_place_of_their_source() {
    let (text, trigger2) = (
        "Foreign ministers met in Riga on Friday for a long session on energy prices and grid links and then \
         announced a joint fund.",
        "announced",
    );
    let (sentences, places) = places_of(text);
    let mut events = vec![
        event(text, &sentences, "met", "LVA", Some("EST"), "043"),
        event(text, &sentences, trigger2, "LVA", None, "010"),
    ];
    coder().places.locate(text, &sentences, &places, &mut events);
    let l = events[1].location.as_ref().unwrap();
    assert_eq!((l.name.as_str(), l.via), ("Riga", LocationVia::Context));
    // Another source does not inherit it.
    let text = "Envoys met in Doha on Sunday, and Qatar's rival Bahrain issued a statement.";
    let (sentences, places) = places_of(text);
    let mut events = vec![
        event(text, &sentences, "met", "QAT", Some("USA"), "043"),
        event(text, &sentences, "issued", "BHR", None, "010"),
    ];
    coder().places.locate(text, &sentences, &places, &mut events);
    assert_eq!(events[0].location.as_ref().map(|l| l.name.as_str()), Some("Doha"));
    assert!(events[1].location.is_none());
}

#[test]
fn months_continents_and_news_agencies_are_no_places() {
    let (_, places) = places_of("The vote is due in March, after talks in Europe and a report by Xinhua.");
    assert!(
        places
            .iter()
            .all(|p| !matches!(p.text.as_str(), "March" | "Europe" | "Xinhua")),
        "{places:?}"
    );
    let (_, places) = places_of("Elections were held in May across Asia.");
    assert!(places.is_empty(), "{places:?}");
}

#[test]
fn a_visitor_acts_where_the_visit_took_them() {
    let named = |text: &str, sentences: &[Sentence], trigger: &str, name: &str, code: &str| {
        let mut e = event(text, sentences, trigger, "FRAGOV", Some("SEN"), code);
        e.source.name = Some(name.into());
        e
    };
    let text = "French President Emmanuel Macron arrived in Dakar on Tuesday for a two-day visit. \
                The economy dominated the first day. Mr. Macron praised the Senegalese government.";
    let (sentences, places) = places_of(text);
    let mut events = vec![
        named(text, &sentences, "arrived in", "Emmanuel Macron", "042"),
        named(text, &sentences, "praised", "Emmanuel Macron", "051"),
        named(text, &sentences, "dominated", "Someone Else", "051"),
    ];
    coder().places.locate(text, &sentences, &places, &mut events);
    let l = events[1].location.as_ref().unwrap();
    assert_eq!((l.name.as_str(), l.via), ("Dakar", LocationVia::Context));
    assert!(events[2].location.is_none(), "another person stays unplaced");
    // In the same sentence, an act before the arrival clause.
    let text = "The chancellor criticized the mayor of Oslo as she landed in Norway on Monday.";
    let (sentences, places) = places_of(text);
    let mut events = vec![
        named(text, &sentences, "criticized", "Anna Weber", "111"),
        named(text, &sentences, "landed in", "Anna Weber", "042"),
    ];
    coder().places.locate(text, &sentences, &places, &mut events);
    assert_eq!(events[0].location.as_ref().map(|l| l.name.as_str()), Some("Norway"));
}

#[test]
fn the_north_stands_for_the_named_country_that_begins_with_it() {
    let text = "South Sudan closed two crossings on Tuesday. Traders said goods now pile up in the South, \
                while the South Atlantic route stays open.";
    let (_, places) = places_of(text);
    let south: Vec<&PlaceMention> = places.iter().filter(|p| p.text == "South").collect();
    assert_eq!(south.len(), 1, "{places:?}");
    assert_eq!(
        (south[0].name.as_str(), south[0].country.as_deref(), south[0].role),
        ("South Sudan", Some("SSD"), PlaceRole::Locative)
    );
    assert_eq!(&text[south[0].start..south[0].end], "South");
    // Without the country in the article, "the North" is no place.
    let (_, places) = places_of("Snow fell across the North on Sunday.");
    assert!(places.iter().all(|p| p.text != "North"), "{places:?}");
    // Two countries that begin with the same direction leave it unresolved.
    let text = "North Korea and North Macedonia both voted. Envoys met in the North later.";
    let (_, places) = places_of(text);
    assert!(places.iter().all(|p| p.text != "North"), "{places:?}");
}

/// An event whose source (and target) are named bodies or people.
fn named_event(
    text: &str,
    sentences: &[Sentence],
    trigger: &str,
    source: (&str, &str),
    target: Option<(&str, &str)>,
    code: &str,
) -> Event {
    let mut e = event(text, sentences, trigger, source.0, target.map(|t| t.0), code);
    e.source.name = Some(source.1.into());
    if let (Some(t), Some((_, name))) = (e.target.as_mut(), target) {
        t.name = Some(name.into());
    }
    e
}

/// The locations of hand-made events in the text: (name, country, via) each.
fn locate_all(
    text: &str,
    make: impl Fn(&str, &[Sentence]) -> Vec<Event>,
) -> Vec<Option<(String, String, LocationVia)>> {
    let (sentences, places) = places_of(text);
    let mut events = make(text, &sentences);
    coder().places.locate(text, &sentences, &places, &mut events);
    events
        .into_iter()
        .map(|e| e.location.map(|l| (l.name, l.country.unwrap_or_default(), l.via)))
        .collect()
}

#[test]
fn a_body_acts_and_is_addressed_at_its_seat() {
    let text = "The Sejm condemned the decree in a late vote. Next week the Japanese premier will address the Diet. \
                The Pentagon bombed a depot. Critics condemned the Kremlin.";
    let got = locate_all(text, |t, s| {
        vec![
            named_event(t, s, "condemned the decree", ("POL", "Sejm"), None, "111"),
            named_event(t, s, "address", ("JPN", "Fumio Sato"), Some(("JPN", "the Diet")), "036"),
            // An attack does not happen at the attacker's seat.
            named_event(t, s, "bombed", ("USA", "Pentagon"), None, "195"),
            // Criticism of a body is not made at its seat.
            named_event(
                t,
                s,
                "condemned the Kremlin",
                ("USA", "Critics"),
                Some(("RUS", "Kremlin")),
                "111",
            ),
        ]
    });
    // An office stands for its government wherever it speaks, but a visit to it is placed there.
    let office_text = "The Kremlin rejected the offer. The premier visited the Kremlin in May.";
    let office = locate_all(office_text, |t, s| {
        vec![
            named_event(t, s, "rejected", ("RUS", "Kremlin"), None, "120"),
            named_event(t, s, "visited", ("HUN", "Premier"), Some(("RUS", "the Kremlin")), "042"),
        ]
    });
    assert_eq!(office[0], None);
    assert_eq!(office[1], at("Kremlin, Moscow", "RUS", LocationVia::Seat));
    assert_eq!(got[0], at("Sejm, Warsaw", "POL", LocationVia::Seat));
    assert_eq!(got[1], at("National Diet, Tokyo", "JPN", LocationVia::Seat));
    assert_eq!(got[2], None);
    assert_eq!(got[3], None);
    // A body of a state the table does not list it for has no seat; a place in the clause beats the seat.
    let text = "The Duma's speaker said in Minsk that talks would go on. The parliament approved the budget.";
    let got = locate_all(text, |t, s| {
        vec![
            named_event(t, s, "said", ("RUS", "Duma"), None, "010"),
            named_event(t, s, "approved", ("FRA", "Parliament"), None, "057"),
        ]
    });
    assert_eq!(got[0], at("Minsk", "BLR", LocationVia::Clause));
    assert_eq!(got[1], None);
    // The seat's location carries coordinates and the town's region.
    let (sentences, places) = places_of("The Knesset passed the law.");
    let mut events = vec![named_event(
        "The Knesset passed the law.",
        &sentences,
        "passed",
        ("ISR", "the Knesset"),
        None,
        "057",
    )];
    coder()
        .places
        .locate("The Knesset passed the law.", &sentences, &places, &mut events);
    let l = events[0].location.as_ref().unwrap();
    assert_eq!((l.kind, l.mention), (PlaceKind::Site, None));
    assert!(
        l.lat.is_some_and(|v| (31.0..32.0).contains(&v)) && l.admin1.is_some(),
        "{l:?}"
    );
}

#[test]
fn a_site_inside_the_chosen_town_is_more_specific() {
    let text = "Veterans marched through Beijing and laid wreaths on Tiananmen Square.";
    assert_eq!(
        locate_one(text, "marched", "CHN", None, "141"),
        at("Tiananmen Square", "CHN", LocationVia::Clause)
    );
    let text = "The host invited the chancellor to Paris for a dinner at the Elysee Palace.";
    assert_eq!(
        locate_one(text, "invited", "FRA", Some("DEU"), "036"),
        at("Elysee Palace", "FRA", LocationVia::Clause)
    );
    // A site in another town stays out.
    let text = "The delegation travelled to Moscow after a stop at the Peace Palace.";
    assert_eq!(
        locate_one(text, "travelled to", "FRA", Some("RUS"), "042"),
        at("Moscow", "RUS", LocationVia::Clause)
    );
}

#[test]
fn a_noun_of_another_time_does_not_take_the_place_before_it() {
    let text = "The minister toured a car plant in Lyon ahead of talks with the Italian premier.";
    assert_eq!(locate_one(text, "talks", "FRA", Some("ITA"), "046"), None);
    let text = "Crowds rallied in Quito days before the negotiations with the miners.";
    assert_eq!(locate_one(text, "negotiations", "ECU", None, "046"), None);
    // A meeting word after "for" keeps the place of its clause.
    let text = "The ministers gathered in Lyon for talks on the budget.";
    assert_eq!(
        locate_one(text, "talks", "FRA", Some("ITA"), "046"),
        at("Lyon", "FRA", LocationVia::Clause)
    );
}

#[test]
fn a_gathering_named_as_the_occasion_gives_its_venue() {
    let text = "The talks in Lima resumed on Monday. During the talks, the Chilean envoy accused Peru of stalling.";
    assert_eq!(
        locate_one(text, "accused", "CHL", Some("PER"), "112"),
        at("Lima", "PER", LocationVia::Venue)
    );
    let text = "Norway's minister praised the host at the conference. The conference, held in Accra, ended on Friday.";
    assert_eq!(
        locate_one(text, "praised", "NOR", Some("GHA"), "051"),
        at("Accra", "GHA", LocationVia::Venue)
    );
    // A gathering the article does not place gives nothing; neither does one that is no occasion.
    let text = "Norway's minister praised the host at the conference on Friday.";
    assert_eq!(locate_one(text, "praised", "NOR", Some("GHA"), "051"), None);
    let text = "The talks in Lima resumed on Monday. The Chilean envoy accused Peru of stalling the talks.";
    assert_eq!(locate_one(text, "accused", "CHL", Some("PER"), "112"), None);
}

#[test]
fn a_meeting_takes_the_venue_of_a_later_sentence_that_names_the_other_participant() {
    let filler = "Trade dominated the agenda. Ports were busy. Prices rose. Farmers protested. Exports fell. ";
    let text = format!(
        "Chancellor Weber will host Prime Minister Lindqvist for a summit next month. {filler}\
         Lindqvist is expected to fly to Vilnius for the meeting with Weber."
    );
    let got = locate_all(&text, |t, s| {
        vec![named_event(
            t,
            s,
            "summit",
            ("DEU", "Anna Weber"),
            Some(("SWE", "Erik Lindqvist")),
            "036",
        )]
    });
    assert_eq!(got[0], at("Vilnius", "LTU", LocationVia::Venue));
    // A far sentence that does not name the other participant says nothing about this meeting.
    let text = format!(
        "Chancellor Weber will host Prime Minister Lindqvist for a summit next month. {filler}\
         Ministers are expected to fly to Vilnius for a meeting on grain."
    );
    let got = locate_all(&text, |t, s| {
        vec![named_event(
            t,
            s,
            "summit",
            ("DEU", "Anna Weber"),
            Some(("SWE", "Erik Lindqvist")),
            "036",
        )]
    });
    assert_eq!(got[0], None);
}

#[test]
fn a_noun_taken_up_later_with_a_place_places_the_event() {
    let filler = "Shares fell. The firm declined to comment. ";
    let text = format!(
        "Prosecutors obtained an indictment against the shipping firm on Monday. {filler}\
         The indictment, unsealed in a federal court in Boston, lists ten counts."
    );
    assert_eq!(
        locate_one(&text, "indictment", "USA", None, "173"),
        at("Boston", "USA", LocationVia::Venue)
    );
    let text = "Police broke up a protest on Sunday. By nightfall the protest had moved to Tahrir Square.";
    assert_eq!(
        locate_one(text, "protest", "EGY", None, "145"),
        at("Tahrir Square", "EGY", LocationVia::Venue)
    );
    // Taken up without a place, or with a place far from the noun, it gives nothing.
    let text = format!(
        "Prosecutors obtained an indictment against the shipping firm on Monday. {filler}\
         The indictment lists ten counts of fraud, bribery and evasion that date back years, lawyers in Boston said."
    );
    assert_eq!(locate_one(&text, "indictment", "USA", None, "173"), None);
}

#[test]
fn an_attack_on_a_site_named_earlier_is_placed_there() {
    let text = "Shells hit the Zaporizhzhia nuclear plant overnight. Officials urged calm. \
                Later drones struck the damaged plant again.";
    let got = locate_all(text, |t, s| vec![event(t, s, "struck", "RUS", Some("UKR"), "195")]);
    assert_eq!(got[0], at("Zaporizhzhia nuclear plant", "UKR", LocationVia::Target));
    let text = "Crowds sheltered at al-Shifa hospital for days. Then troops raided the hospital at dawn.";
    let got = locate_all(text, |t, s| vec![event(t, s, "raided", "ISR", Some("PSE"), "190")]);
    assert_eq!(got[0], at("Al-Shifa Hospital", "PSE", LocationVia::Target));
    // No such site named, or no attack: nothing.
    let text = "Shells hit the Zaporizhzhia nuclear plant overnight. Later drones struck the hospital.";
    let got = locate_all(text, |t, s| vec![event(t, s, "struck", "RUS", Some("UKR"), "195")]);
    assert_eq!(got[0], None);
    let text = "Shells hit the Zaporizhzhia nuclear plant overnight. Later officials criticized the plant.";
    let got = locate_all(text, |t, s| vec![event(t, s, "criticized", "RUS", Some("UKR"), "111")]);
    assert_eq!(got[0], None);
}

#[test]
fn a_refusal_or_plan_to_meet_takes_the_venue() {
    let text = "Officials ruled out any meeting with the rebel envoy, who arrives in Doha on Friday.";
    assert_eq!(
        locate_one(text, "meeting", "AFG", None, "125"),
        at("Doha", "QAT", LocationVia::Venue)
    );
    let text =
        "Kenya's president plans a summit with his Ugandan counterpart. The two are expected in Mombasa on Monday.";
    assert_eq!(
        locate_one(text, "summit", "KEN", Some("UGA"), "036"),
        at("Mombasa", "KEN", LocationVia::Venue)
    );
    // A plan that is no meeting does not.
    let text = "Kenya's president plans new tariffs. Traders met in Mombasa on Monday.";
    assert_eq!(locate_one(text, "plans", "KEN", Some("UGA"), "036"), None);
}

#[test]
fn the_capital_of_a_named_nationality_is_that_capital() {
    let text = "Envoys of both sides held talks in the Kenyan capital on Monday.";
    let (_, places) = places_of(text);
    let p = places
        .iter()
        .find(|p| p.text == "Kenyan capital")
        .expect("the phrase is a place");
    assert_eq!(
        (p.name.as_str(), p.country.as_deref(), p.role),
        ("Nairobi", Some("KEN"), PlaceRole::Locative)
    );
    assert_eq!(&text[p.start..p.end], "Kenyan capital");
    assert_eq!(
        locate_one(text, "held talks", "SOM", Some("ETH"), "046"),
        at("Nairobi", "KEN", LocationVia::Clause)
    );
    let text = "Drones struck the Ukrainian capital overnight.";
    assert_eq!(
        locate_one(text, "struck", "RUS", Some("UKR"), "195"),
        at("Kyiv", "UKR", LocationVia::Target)
    );
    // A capital without a nationality, or a word that is no country's adjective, is no place.
    let (_, places) = places_of("Talks resumed in the capital and in the Regional capital on Monday.");
    assert!(places.is_empty(), "{places:?}");
}

#[test]
fn an_act_in_ing_between_trigger_and_place_takes_the_place() {
    let text = "The ministry protested the shelling of a school in Kharkiv on Monday.";
    assert_eq!(locate_one(text, "protested", "UKR", Some("RUS"), "111"), None);
    let text = "Police stormed the building in Harare at dawn.";
    assert_eq!(
        locate_one(text, "stormed", "ZWE", None, "173"),
        at("Harare", "ZWE", LocationVia::Clause)
    );
    // A thing in -ing is no act.
    let text = "Troops seized the crossing at the bridge in Kherson overnight.";
    assert_eq!(
        locate_one(text, "seized", "UKR", None, "190"),
        at("Kherson", "UKR", LocationVia::Clause)
    );
    let text = "Rebels condemned the bombing of a market in Goma.";
    assert_eq!(locate_one(text, "condemned", "COD", None, "111"), None);
    // An -ing word that modifies a noun is no act.
    let text = "Peru and Ecuador signed a fishing accord in Lima.";
    assert_eq!(
        locate_one(text, "signed", "PER", Some("ECU"), "057"),
        at("Lima", "PER", LocationVia::Clause)
    );
}

#[test]
fn the_object_of_an_attack_is_the_place_attacked_whatever_follows() {
    let text = "Analysts expect that a decision to bomb Yemen will split the coalition.";
    assert_eq!(
        locate_one(text, "bomb", "SAU", Some("YEM"), "195"),
        at("Yemen", "YEM", LocationVia::Target)
    );
    // Not the object: a place standing for its government further on stays an actor.
    let text = "The raid on the depot angered officials, and Yemen will respond.";
    assert_eq!(locate_one(text, "raid", "SAU", Some("YEM"), "190"), None);
}

#[test]
fn a_later_act_shares_the_place_only_of_the_same_named_source() {
    let text = "The envoy Maria Lopez landed in Quito on Monday for a three-day tour of the coastal provinces and \
                their ports as the government weighed new measures.";
    let got = locate_all(text, |t, s| {
        let mut arrival = event(t, s, "landed in", "ESP", Some("ECU"), "042");
        arrival.source.name = Some("Maria Lopez".into());
        vec![arrival, event(t, s, "weighed", "ESP", None, "014")]
    });
    assert_eq!(got[0], at("Quito", "ECU", LocationVia::Clause));
    assert_eq!(got[1], None);
}

#[test]
fn a_site_written_in_lower_case_is_found_and_named_as_listed() {
    let text = "The senator was invited to the White house for a briefing.";
    assert_eq!(
        locate_one(text, "invited", "USA", None, "036"),
        at("White House", "USA", LocationVia::Clause)
    );
    let (_, places) = places_of("Pilgrims crowded into Tiananmen square at dawn.");
    let p = places
        .iter()
        .find(|p| p.place == "Tiananmen Square")
        .expect("the square is found");
    assert_eq!(
        (p.name.as_str(), p.text.as_str()),
        ("Tiananmen Square", "Tiananmen square")
    );
}

#[test]
fn a_later_act_of_a_speaker_at_a_seat_is_placed_there() {
    let text = "The Danish premier addressed the Storting on Tuesday and urged new fishing quotas.";
    let got = locate_all(text, |t, s| {
        vec![
            named_event(
                t,
                s,
                "addressed",
                ("DNK", "Mette Holm"),
                Some(("NOR", "Storting")),
                "036",
            ),
            named_event(t, s, "urged", ("DNK", "Mette Holm"), None, "020"),
        ]
    });
    assert_eq!(got[0], at("Storting, Oslo", "NOR", LocationVia::Seat));
    assert_eq!(got[1], at("Storting, Oslo", "NOR", LocationVia::Context));
}

#[test]
fn a_subordinate_clause_after_a_determiner_keeps_its_place_apart() {
    let text = "The envoy landed in Quito as the government weighed new measures.";
    assert_eq!(locate_one(text, "weighed", "ECU", None, "014"), None);
    // "such as the" is no clause.
    let text = "Rebels raided markets such as the one in Nyala.";
    assert_eq!(
        locate_one(text, "raided", "SDN", None, "190"),
        at("Nyala", "SDN", LocationVia::Clause)
    );
}

#[test]
fn a_region_is_not_taken_for_a_foreign_town_that_only_shares_a_spelling() {
    let text = "Leaders of India and Japan met at a resort in Bali on Monday.";
    let (_, places) = places_of(text);
    let bali = place(&places, "Bali").unwrap();
    assert_eq!((bali.country.as_deref(), bali.kind), (Some("IDN"), PlaceKind::Region));
    // A region and its namesake town of the same country: the bare name is the town.
    let (_, places) = places_of("Shelling continued in Kherson overnight.");
    let kherson = place(&places, "Kherson").unwrap();
    assert_eq!(
        (kherson.country.as_deref(), kherson.kind),
        (Some("UKR"), PlaceKind::City)
    );
}

#[test]
fn a_body_named_after_a_preposition_of_place_places_the_clause() {
    let text = "The defence minister testified before the Bundestag on Wednesday about the tanks.";
    assert_eq!(
        locate_one(text, "testified", "DEU", None, "010"),
        at("Bundestag, Berlin", "DEU", LocationVia::Seat)
    );
    // A name several states' bodies share counts for the event's own actors only.
    let text = "Ministers argued at the House of Commons late into the night.";
    assert_eq!(
        locate_one(text, "argued", "CAN", None, "111"),
        at("House of Commons, Ottawa", "CAN", LocationVia::Seat)
    );
    assert_eq!(locate_one(text, "argued", "FRA", None, "111"), None);
    // "in" names who, not where; a body that is no listed seat gives nothing.
    let text = "Lawmakers in the Bundestag criticized the plan.";
    assert_eq!(locate_one(text, "criticized", "DEU", None, "111"), None);
    // An organisation's headquarters named as a place ("at the United Nations"), for anyone's act there.
    let text = "At the United Nations, the Chilean envoy condemned the coup.";
    assert_eq!(
        locate_one(text, "condemned", "CHL", Some("BOL"), "111"),
        at("United Nations headquarters, New York", "USA", LocationVia::Seat)
    );
    // Its envoys meet people anywhere: a meeting with the organisation is not placed at its headquarters.
    let text = "Rebel leaders met the United Nations in a camp on Friday.";
    let got = locate_all(text, |t, s| {
        vec![named_event(
            t,
            s,
            "met",
            ("YEM", "Rebel leaders"),
            Some(("UN", "United Nations")),
            "043",
        )]
    });
    assert_eq!(got[0], None);
    let text = "The minister testified before the Budget Committee on Wednesday.";
    assert_eq!(locate_one(text, "testified", "DEU", None, "010"), None);
    // A seat past another verb belongs to that verb.
    let text = "The senator weighed whether to try for a seat at the Bundestag next year.";
    assert_eq!(locate_one(text, "weighed", "DEU", None, "014"), None);
}

#[test]
fn a_speakers_statements_near_where_they_spoke_were_made_there() {
    let text = "Nigeria will not lift the export ban, President Okafor said. \
                Okafor spoke at a long news conference at the close of the summit in Abuja. \
                Okafor also praised Ghana's central bank. Trade fell. Ports shut. Okafor later criticized Niger.";
    let got = locate_all(text, |t, s| {
        vec![
            named_event(t, s, "will not lift", ("NGA", "Amina Okafor"), None, "12"),
            named_event(
                t,
                s,
                "praised",
                ("NGA", "Amina Okafor"),
                Some(("GHA", "central bank")),
                "051",
            ),
            // Another speaker, and a statement too far away, stay unplaced.
            named_event(t, s, "praised", ("NGA", "Someone Else"), None, "051"),
            named_event(
                t,
                s,
                "criticized",
                ("NGA", "Amina Okafor"),
                Some(("NER", "Niger")),
                "111",
            ),
        ]
    });
    assert_eq!(got[0], None, "'spoke' is no word of attribution here");
    assert_eq!(got[2], None);
    let text2 = "Nigeria will not lift the export ban, President Okafor said. \
                 Okafor said at a long news conference at the close of the summit in Abuja that talks would go on. \
                 Okafor also praised Ghana's central bank. Trade fell. Ports shut. Markets slid. Okafor later criticized Niger.";
    let got = locate_all(text2, |t, s| {
        vec![
            named_event(t, s, "will not lift", ("NGA", "Amina Okafor"), None, "120"),
            named_event(
                t,
                s,
                "praised",
                ("NGA", "Amina Okafor"),
                Some(("GHA", "central bank")),
                "051",
            ),
            named_event(t, s, "praised", ("NGA", "Someone Else"), None, "051"),
            named_event(
                t,
                s,
                "criticized",
                ("NGA", "Amina Okafor"),
                Some(("NER", "Niger")),
                "111",
            ),
        ]
    });
    assert_eq!(got[0], at("Abuja", "NGA", LocationVia::Context));
    assert_eq!(got[1], at("Abuja", "NGA", LocationVia::Context));
    assert_eq!(got[2], None);
    assert_eq!(got[3], None);
    // Words inside a quotation before the place are not the attribution.
    let text3 = "“We will hold firm,” Okafor said in Abuja. “Ghana’s bank said in Accra the rate stays,” Okafor added. \
                 Okafor praised the rate.";
    let got = locate_all(text3, |t, s| {
        vec![named_event(t, s, "praised", ("NGA", "Amina Okafor"), None, "051")]
    });
    assert_eq!(got[0], at("Abuja", "NGA", LocationVia::Context));
    // A place that is a verb's object after the speech verb is not where the speaker spoke.
    let text4 = "Okafor said officials would visit Ghana soon. Okafor praised the rate.";
    let got = locate_all(text4, |t, s| {
        vec![named_event(t, s, "praised", ("NGA", "Amina Okafor"), None, "051")]
    });
    assert_eq!(got[0], None);
}

#[test]
fn the_rules_that_read_far_never_split_a_character() {
    // Every rule of this module's later additions on text full of curly quotes, dashes and accents.
    let text = "«Élysée» — “Le président a dit,” Okafor said in Abuja. “Ça va,” Okafor told reporters in Lagos. \
                Okafor’s talks in Zürich… ended; the talks — in Genève? — “after the summit” Okafor praised Mali. \
                The Knesset’s vote at the Knesset — ‘ahead of a summit’ — Hamas fighters struck the Al-Shifa \
                Hospital. Later, troops raided the “hospital” in the North of the Kenyan capital. \
                ‘The warrant’ — the warrant, issued in Zürich — as the Sejm voted in the South Sudan’s capital.";
    let article = Article {
        id: "quotes".into(),
        text: text.into(),
        ..Article::default()
    };
    let coded = coder().code(&article);
    for e in &coded.events {
        if let Some(m) = e.location.as_ref().and_then(|l| l.mention) {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.end <= text.len());
        }
    }
    // Hand-made events on every word of the text, of codes each rule reads.
    let (sentences, places) = places_of(text);
    for code in ["010", "036", "046", "111", "173", "190"] {
        let mut events: Vec<Event> = Vec::new();
        for (i, _) in text.match_indices(' ') {
            let start = i + 1;
            let end = text[start..].find(' ').map_or(text.len(), |j| start + j);
            let Some(sentence) = sentences.iter().position(|s| s.start <= start && end <= s.end) else {
                continue;
            };
            let mut e = event(text, &sentences, "Okafor", "NGA", Some("GHA"), code);
            e.sentence = sentence;
            e.trigger = Trigger {
                start,
                end,
                text: text[start..end].to_string(),
            };
            e.source.name = Some("Amina Okafor".into());
            events.push(e);
        }
        coder().places.locate(text, &sentences, &places, &mut events);
        for l in events.iter().filter_map(|e| e.location.as_ref()) {
            if let Some(m) = l.mention {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
    }
}

#[test]
fn a_place_in_what_was_said_is_not_where_it_was_said() {
    let text = "The minister warned that traders must stop using the ferry near Tumbes.";
    assert_eq!(locate_one(text, "warned", "PER", Some("ECU"), "130"), None);
    let text = "The minister warned in Lima that traders must stop using the ferry.";
    assert_eq!(
        locate_one(text, "warned", "PER", Some("ECU"), "130"),
        at("Lima", "PER", LocationVia::Clause)
    );
}

#[test]
fn a_group_placed_by_a_preposition_keeps_its_place() {
    let text = "Police in Nairobi arrested dozens of protesters on Sunday.";
    assert_eq!(
        locate_one(text, "arrested", "KEN", None, "173"),
        at("Nairobi", "KEN", LocationVia::Clause)
    );
    // A place inside an organisation's own name is still none.
    let (_, places) = places_of("The Kyiv Independent reported the strike.");
    assert!(places.iter().all(|p| p.role != PlaceRole::Locative), "{places:?}");
}
