//! Breadth of the trigger lexicon over CAMEO: each entry family on at least two wordings of our own, with
//! hand-built actor mentions. A row names the actors of its sentence and the event it must give
//! ("SRC>TGT:CODE"; "~" before a non-factual one, "-" for no target).

use super::*;

/// (sentence, actors, event that must be among the sentence's events)
type Row = (&'static str, &'static [(&'static str, &'static str)], &'static str);

fn check(rows: &[Row]) {
    let mut failures = Vec::new();
    for (text, actors, want) in rows {
        let got = code(text, actors);
        if !has(&got, want) {
            failures.push(format!("{text:?}: want {want}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn appeals_by_nudging_and_coaxing() {
    check(&[
        (
            "Canada nudged Peru to drop the new port fees.",
            &[("Canada", "CAN"), ("Peru", "PER")],
            "CAN>PER:020",
        ),
        (
            "Belgium quietly prodded Rwanda to reopen the case.",
            &[("Belgium", "BEL"), ("Rwanda", "RWA")],
            "BEL>RWA:020",
        ),
        (
            "For months Oslo cajoled Khartoum to accept the observers.",
            &[("Oslo", "NOR"), ("Khartoum", "SDN")],
            "NOR>SDN:020",
        ),
    ]);
}

#[test]
fn visits_by_air_and_in_british_spelling() {
    check(&[
        (
            "The Chilean president flew to Lima on Sunday.",
            &[("Chilean president", "CHLGOV"), ("Lima", "PER")],
            "CHLGOV>PER:042",
        ),
        (
            "Portugal's foreign minister travelled to Luanda for two days.",
            &[("Portugal's foreign minister", "PRTGOV"), ("Luanda", "AGO")],
            "PRTGOV>AGO:042",
        ),
    ]);
}

#[test]
fn weapons_and_relief_sent_by_kind() {
    check(&[
        (
            "Norway sent howitzers to Ukraine last spring.",
            &[("Norway", "NOR"), ("Ukraine", "UKR")],
            "NOR>UKR:072",
        ),
        (
            "Iran has supplied drones to Russia.",
            &[("Iran", "IRN"), ("Russia", "RUS")],
            "IRN>RUS:072",
        ),
        (
            "Egypt trucked food to Sudan.",
            &[("Egypt", "EGY"), ("Sudan", "SDN")],
            "EGY>SDN:073",
        ),
        (
            "Qatar shipped tents and blankets to Turkey.",
            &[("Qatar", "QAT"), ("Turkey", "TUR")],
            "QAT>TUR:073",
        ),
    ]);
}

#[test]
fn sheltering_refugees_and_training_forces() {
    check(&[
        (
            "Uganda hosts refugees from South Sudan.",
            &[("Uganda", "UGA"), ("South Sudan", "SSD")],
            "UGA>SSD:075",
        ),
        (
            "Chad sheltered asylum seekers from Sudan.",
            &[("Chad", "TCD"), ("Sudan", "SDN")],
            "TCD>SDN:075",
        ),
        (
            "Turkey trained soldiers for Somalia.",
            &[("Turkey", "TUR"), ("Somalia", "SOM")],
            "TUR>SOM:062",
        ),
        (
            "Britain trains pilots from Poland.",
            &[("Britain", "GBR"), ("Poland", "POL")],
            "GBR>POL:062",
        ),
    ]);
}

#[test]
fn scrutiny_and_fact_finding() {
    check(&[
        (
            "Brussels scrutinized Hungary's spending.",
            &[("Brussels", "EU"), ("Hungary", "HUN")],
            "EU>HUN:090",
        ),
        (
            "The OSCE sent a fact-finding delegation to Georgia.",
            &[("OSCE", "IGO"), ("Georgia", "GEO")],
            "IGO>GEO:090",
        ),
    ]);
}

#[test]
fn criticism_by_chiding_mocking_and_branding() {
    check(&[
        (
            "Lithuania rapped Belarus for the balloon flights.",
            &[("Lithuania", "LTU"), ("Belarus", "BLR")],
            "LTU>BLR:111",
        ),
        (
            "The Serbian president mocked Croatia's complaint.",
            &[("Serbian president", "SRBGOV"), ("Croatia", "HRV")],
            "SRBGOV>HRV:111",
        ),
        (
            "Poland branded Belarus a rogue regime.",
            &[("Poland", "POL"), ("Belarus", "BLR")],
            "POL>BLR:111",
        ),
        (
            "Mexico reproached Ecuador over the embassy raid.",
            &[("Mexico", "MEX"), ("Ecuador", "ECU")],
            "MEX>ECU:111",
        ),
        (
            "State television maligned the Kenyan opposition.",
            &[("State television", "KENMED"), ("Kenyan opposition", "KENOPP")],
            "KENMED>KENOPP:111",
        ),
    ]);
}

#[test]
fn a_court_finding_someone_guilty() {
    check(&[
        (
            "A court in Dhaka found the opposition leader guilty.",
            &[("court in Dhaka", "BGDJUD"), ("opposition leader", "BGDOPP")],
            "BGDJUD>BGDOPP:116",
        ),
        (
            "The tribunal found two former ministers guilty of fraud.",
            &[("tribunal", "ZAFJUD"), ("former ministers", "ZAFGOV")],
            "ZAFJUD>ZAFGOV:116",
        ),
    ]);
}

#[test]
fn rejection_by_cold_water_and_stonewalling() {
    check(&[
        (
            "Germany poured cold water on the Italian proposal.",
            &[("Germany", "DEU"), ("Italian", "ITA")],
            "DEU>ITA:120",
        ),
        (
            "Serbia stonewalled Kosovo's requests for months.",
            &[("Serbia", "SRB"), ("Kosovo", "XKX")],
            "SRB>XKX:120",
        ),
    ]);
}

#[test]
fn alerts_and_reinforcements_need_no_target() {
    check(&[
        (
            "Pakistan put its troops on high alert.",
            &[("Pakistan", "PAK")],
            "PAK>-:152",
        ),
        (
            "Taiwan placed its forces on combat alert.",
            &[("Taiwan", "TWN")],
            "TWN>-:152",
        ),
        (
            "Lithuania reinforced its troops along the border.",
            &[("Lithuania", "LTU")],
            "LTU>-:154",
        ),
    ]);
}

#[test]
fn ties_cut_frozen_or_downgraded_and_alliances_formed() {
    check(&[
        (
            "Kenya downgraded its diplomatic ties with Somalia.",
            &[("Kenya", "KEN"), ("Somalia", "SOM")],
            "KEN>SOM:161",
        ),
        (
            "Morocco froze its ties with Germany.",
            &[("Morocco", "MAR"), ("Germany", "DEU")],
            "MAR>DEU:161",
        ),
        (
            "Chad cut its military ties with France.",
            &[("Chad", "TCD"), ("France", "FRA")],
            "TCD>FRA:160",
        ),
        (
            "Mali cut defence ties with Paris.",
            &[("Mali", "MLI"), ("Paris", "FRA")],
            "MLI>FRA:160",
        ),
        (
            "Vietnam forged an alliance with Laos.",
            &[("Vietnam", "VNM"), ("Laos", "LAO")],
            "VNM>LAO:050",
        ),
        (
            "Chile and Argentina formed an alliance.",
            &[("Chile", "CHL"), ("Argentina", "ARG")],
            "ARG>CHL:050",
        ),
        (
            "Iran and Syria formed an alliance against Israel.",
            &[("Iran", "IRN"), ("Syria", "SYR"), ("Israel", "ISR")],
            "IRN>ISR:113",
        ),
    ]);
}

#[test]
fn reopened_borders_and_sentences_handed_down() {
    check(&[
        (
            "Thailand reopened its border with Cambodia.",
            &[("Thailand", "THA"), ("Cambodia", "KHM")],
            "THA>KHM:081",
        ),
        (
            "Algeria reopens the border with Morocco.",
            &[("Algeria", "DZA"), ("Morocco", "MAR")],
            "DZA>MAR:081",
        ),
        (
            "A Saudi court handed down a death sentence to the cleric.",
            &[("Saudi court", "SAUJUD"), ("cleric", "SAUCVL")],
            "SAUJUD>SAUCVL:173",
        ),
        (
            "Judges in Minsk meted out prison sentences to four journalists.",
            &[("Judges in Minsk", "BLRJUD"), ("journalists", "BLRMED")],
            "BLRJUD>BLRMED:173",
        ),
    ]);
}

#[test]
fn verbs_led_by_an_adverb_inflect() {
    check(&[
        (
            "The militia forcibly displaced the villagers of Darfur.",
            &[("militia", "SDNREB"), ("villagers of Darfur", "SDNCVL")],
            "SDNREB>SDNCVL:201",
        ),
        (
            "Japan and India jointly developed a weather satellite.",
            &[("Japan", "JPN"), ("India", "IND")],
            "JPN>IND:060",
        ),
        (
            "Guards physically assaulted the Georgian reporter.",
            &[("Guards", "RUSCOP"), ("Georgian reporter", "GEOMED")],
            "RUSCOP>GEOMED:182",
        ),
    ]);
}

#[test]
fn a_city_block_is_no_blockade() {
    let a = [("Ukrainian", "UKR"), ("Russian", "RUS")];
    let got = code("Russian shells hit a Ukrainian apartment block.", &a);
    assert!(!got.iter().any(|e| e.ends_with(":144")), "{got:?}");
    let got = code("The Russian delegation blocked the Ukrainian motion.", &a);
    assert!(!got.is_empty(), "the verb still triggers: {got:?}");
}

#[test]
fn bankrolling_resisting_pressure_frozen_assets_and_nerve_agents() {
    check(&[
        (
            "Tehran bankrolled the militias in Basra.",
            &[("Tehran", "IRN"), ("militias in Basra", "IRQREB")],
            "IRN>IRQREB:070",
        ),
        (
            "Qatar has bankrolled Hamas for years.",
            &[("Qatar", "QAT"), ("Hamas", "HMS")],
            "QAT>HMS:070",
        ),
        (
            "Moldova resisted pressure from Moscow.",
            &[("Moldova", "MDA"), ("Moscow", "RUS")],
            "MDA>RUS:124",
        ),
        (
            "Armenia resisted the demands of Azerbaijan.",
            &[("Armenia", "ARM"), ("Azerbaijan", "AZE")],
            "ARM>AZE:124",
        ),
        (
            "Canada froze the assets of Iranian officials.",
            &[("Canada", "CAN"), ("Iranian officials", "IRNGOV")],
            "CAN>IRNGOV:163",
        ),
        (
            "The EU froze the bank accounts of the junta leaders.",
            &[("EU", "EU"), ("junta leaders", "MMRMIL")],
            "EU>MMRMIL:163",
        ),
        (
            "The regime used sarin against the rebels in Ghouta.",
            &[("regime", "SYRGOV"), ("rebels in Ghouta", "SYRREB")],
            "SYRGOV>SYRREB:2041",
        ),
        (
            "Agents used a nerve agent against the defector.",
            &[("Agents", "RUSGOV"), ("defector", "RUSOPP")],
            "RUSGOV>RUSOPP:2041",
        ),
    ]);
}

#[test]
fn downed_aircraft_traded_fire_and_doors_slammed() {
    check(&[
        (
            "Syria downed a Turkish jet near the coast.",
            &[("Syria", "SYR"), ("Turkish jet", "TURMIL")],
            "SYR>TURMIL:190",
        ),
        (
            "Houthi forces downed an American drone.",
            &[("Houthi forces", "YEMREB"), ("American drone", "USAMIL")],
            "YEMREB>USAMIL:190",
        ),
        (
            "Thai and Cambodian soldiers traded fire near the temple.",
            &[("Thai", "THAMIL"), ("Cambodian soldiers", "KHMMIL")],
            "THAMIL>KHMMIL:193",
        ),
        (
            "Kyrgyz guards traded gunfire with Tajik troops.",
            &[("Kyrgyz guards", "KGZMIL"), ("Tajik troops", "TJKMIL")],
            "KGZMIL>TJKMIL:193",
        ),
        (
            "Cyprus slammed the door on talks with Ankara.",
            &[("Cyprus", "CYP"), ("Ankara", "TUR")],
            "CYP>TUR:120",
        ),
        (
            "Seoul has slammed the door on a summit with Pyongyang.",
            &[("Seoul", "KOR"), ("Pyongyang", "PRK")],
            "KOR>PRK:120",
        ),
    ]);
    // Downing a drink is no attack.
    let got = code(
        "The Syrian envoy downed a coffee with the Turkish consul.",
        &[("Syrian envoy", "SYRGOV"), ("Turkish consul", "TURGOV")],
    );
    assert!(!got.iter().any(|e| e.ends_with(":190")), "{got:?}");
}

#[test]
fn go_betweens_and_admitted_mistakes() {
    check(&[
        (
            "Oman acted as an intermediary between Iran and Britain.",
            &[("Oman", "OMN"), ("Iran", "IRN"), ("Britain", "GBR")],
            "OMN>IRN:045",
        ),
        (
            "Kuwait acted as a go-between for Riyadh and Doha.",
            &[("Kuwait", "KWT"), ("Riyadh", "SAU"), ("Doha", "QAT")],
            "KWT>QAT:045",
        ),
        (
            "Britain admitted mistakes in its dealings with Ireland.",
            &[("Britain", "GBR"), ("Ireland", "IRL")],
            "GBR>IRL:015",
        ),
        (
            "The Dutch government admitted errors toward Indonesia.",
            &[("Dutch government", "NLDGOV"), ("Indonesia", "IDN")],
            "NLDGOV>IDN:015",
        ),
    ]);
}

#[test]
fn trade_suspended_or_halted() {
    check(&[
        (
            "Beijing suspended imports of Australian coal.",
            &[("Beijing", "CHN"), ("Australian", "AUS")],
            "CHN>AUS:163",
        ),
        (
            "Moscow halted exports to Vilnius last week.",
            &[("Moscow", "RUS"), ("Vilnius", "LTU")],
            "RUS>LTU:163",
        ),
    ]);
}

#[test]
fn held_responsible_in_the_passive() {
    check(&[
        (
            "Syria was held responsible by France for the gas attack.",
            &[("Syria", "SYR"), ("France", "FRA")],
            "FRA>SYR:112",
        ),
        (
            "Minsk is held responsible by Warsaw for the border crisis.",
            &[("Minsk", "BLR"), ("Warsaw", "POL")],
            "POL>BLR:112",
        ),
    ]);
}

#[test]
fn looking_forward_to_a_joint_act_is_an_intent() {
    check(&[
        (
            "Chile looks forward to working with Argentina on the glacier survey.",
            &[("Chile", "CHL"), ("Argentina", "ARG")],
            "CHL>ARG:030",
        ),
        (
            "The Estonian premier looked forward to meeting with Latvian officials next week.",
            &[("Estonian premier", "ESTGOV"), ("Latvian officials", "LVAGOV")],
            "ESTGOV>LVAGOV:036",
        ),
        (
            "Ecuador looks forward to resolving its fishing quarrel with Peru.",
            &[("Ecuador", "ECU"), ("Peru", "PER")],
            "ECU>PER:037",
        ),
    ]);
}

#[test]
fn losing_faith_in_someone_is_disapproval() {
    check(&[
        (
            "Many Ghanaian traders have lost faith in the Nigerian customs service.",
            &[("Ghanaian traders", "GHABUS"), ("Nigerian customs service", "NGAGOV")],
            "GHABUS>NGAGOV:110",
        ),
        (
            "Zambian opposition lawmakers lost confidence in the electoral commission of Malawi long ago.",
            &[
                ("Zambian opposition lawmakers", "ZMBOPP"),
                ("electoral commission of Malawi", "MWIGOV"),
            ],
            "ZMBOPP>MWIGOV:110",
        ),
    ]);
}

#[test]
fn forces_moved_toward_a_place_or_a_side() {
    check(&[
        (
            "Rwanda dispatched 800 soldiers to the Congolese frontier overnight.",
            &[("Rwanda", "RWA"), ("Congolese", "COD")],
            "RWA>COD:150",
        ),
        (
            "The Azerbaijani defence minister ordered reinforcements toward Armenia.",
            &[("Azerbaijani defence minister", "AZEGOV"), ("Armenia", "ARM")],
            "AZEGOV>ARM:150",
        ),
    ]);
}

#[test]
fn a_denied_act_is_a_denial_and_not_the_act() {
    // "denied arming X" is 016 by the denier; the act itself is only alleged.
    check(&[
        (
            "Eritrea denied arming Tigrayan fighters.",
            &[("Eritrea", "ERI"), ("Tigrayan fighters", "ETHREB")],
            "ERI>ETHREB:016",
        ),
        (
            "The Malian junta flatly denied hiring foreign mercenaries against the Tuareg rebels.",
            &[("Malian junta", "MLIGOV"), ("Tuareg rebels", "MLIREB")],
            "MLIGOV>MLIREB:016",
        ),
    ]);
    let got = code(
        "Eritrea denied arming Tigrayan fighters.",
        &[("Eritrea", "ERI"), ("Tigrayan fighters", "ETHREB")],
    );
    assert!(
        got.iter()
            .all(|e| !e.starts_with("ERI>") || e.ends_with(":016") || e.starts_with('~')),
        "{got:?}"
    );
}
