//! Violence by a doer the text leaves unnamed, agent nouns ("a critic of"), relative clauses after ", which" and
//! participle phrases set off after the subject. Wordings of our own, with hand-built actor mentions; whole event
//! lists are asserted, so an extra or lost event fails too.

use super::*;

#[test]
fn violence_by_unnamed_attackers_has_an_unidentified_source() {
    // Active, with a word for attackers or a weapon as the subject.
    assert_eq!(
        factual(
            "Masked gunmen shot dead four Zambian border guards on Tuesday.",
            &[("Zambian border guards", "ZMBMIL")]
        ),
        ["--->ZMBMIL:1823"]
    );
    assert_eq!(
        factual(
            "Rockets struck a Malian army base outside Gao.",
            &[("Malian army", "MLIMIL"), ("Gao", "MLI")]
        ),
        ["--->MLIMIL:180"]
    );
    // A subject shared by two predicates.
    assert_eq!(
        factual(
            "Dozens of armed men stormed the village and abducted eleven Burkinabe teachers.",
            &[("Burkinabe teachers", "BFAEDU")]
        ),
        ["--->BFAEDU:181"]
    );
    // Passive: an attack verb by itself, or harm with the attack named after it.
    assert_eq!(
        factual(
            "A Chadian patrol was ambushed near the lake.",
            &[("Chadian patrol", "TCDMIL")]
        ),
        ["--->TCDMIL:180"]
    );
    assert_eq!(
        factual(
            "Six Nigerien soldiers were killed in a night raid on their camp.",
            &[("Nigerien soldiers", "NERMIL")]
        ),
        ["--->NERMIL:180"]
    );
}

#[test]
fn harm_without_an_attack_or_a_named_side_has_no_unidentified_doer() {
    // An accident is no attack; a side reported as doing it keeps its own code; nor is an infinitive's doer the
    // word before it ("sent men to fight").
    assert_eq!(
        factual(
            "Three Bolivian miners were killed in a tunnel collapse.",
            &[("Bolivian miners", "BOLLAB")]
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        factual(
            "The cell recruited men to fight against Iraqi troops.",
            &[("Iraqi troops", "IRQMIL")]
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        factual(
            "Ugandan troops ambushed rebels of the ADF near Beni.",
            &[("Ugandan troops", "UGAMIL"), ("ADF", "UGAREB")]
        ),
        ["UGAMIL>UGAREB:190"]
    );
    // Denied or feared violence stays without a doer.
    assert_eq!(
        code(
            "Gunmen did not attack the Peruvian embassy.",
            &[("Peruvian embassy", "PERGOV")]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn an_agent_noun_takes_its_doer_from_a_copula_an_apposition_or_a_side_before_it() {
    assert_eq!(
        factual(
            "The Malawian bishop has for years been a stern critic of the Zambian government.",
            &[("Malawian bishop", "MWICVL"), ("Zambian government", "ZMBGOV")]
        ),
        ["MWICVL>ZMBGOV:111"]
    );
    assert_eq!(
        factual(
            "Ana Duarte, the loudest critic of the Portuguese cabinet, resigned.",
            &[("Ana Duarte", "PRTOPP"), ("Portuguese cabinet", "PRTGOV")]
        ),
        ["PRTOPP>PRTGOV:111"]
    );
    assert_eq!(
        factual(
            "Estonian critics of the Latvian pipeline deal met in Tartu.",
            &[("Estonian", "EST"), ("Latvian", "LVA")]
        ),
        ["EST>LVA:111"]
    );
}

#[test]
fn a_possessor_or_a_person_before_an_agent_noun_is_its_target() {
    // "Orban's critics" criticise Orban: with no copula or apposition nobody is named as the doer.
    assert_eq!(
        factual(
            "Orban's critics gathered in Szeged on Sunday.",
            &[("Orban", "HUNGOV"), ("Szeged", "HUN")]
        ),
        Vec::<String>::new()
    );
    // The copula's subject is the doer and the possessor the target.
    assert_eq!(
        factual(
            "Kagame's most persistent critic is the Belgian senator.",
            &[("Kagame", "RWAGOV"), ("Belgian senator", "BELLEG")]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn a_past_form_after_comma_which_is_the_relative_clause_verb() {
    assert_eq!(
        factual(
            "The Sudanese army, which shelled RSF positions in Omdurman, denied any losses.",
            &[("Sudanese army", "SDNMIL"), ("RSF", "SDNREB"), ("Omdurman", "SDN")]
        ),
        ["SDNMIL>SDNREB:194"]
    );
    assert_eq!(
        factual(
            "Latvia's coast guard, which detained a Russian trawler last spring, has since freed its crew.",
            &[("Latvia's coast guard", "LVAMIL"), ("Russian trawler", "RUSBUS")]
        ),
        ["LVAMIL>RUSBUS:173"]
    );
}

#[test]
fn a_participle_phrase_after_the_subject_shares_it() {
    assert_eq!(
        factual(
            "The Croatian minister, after meeting her Slovenian colleague, praised the deal.",
            &[("Croatian minister", "HRVGOV"), ("Slovenian colleague", "SVNGOV")]
        ),
        ["HRVGOV>SVNGOV:040", "HRVGOV>SVNGOV:051"]
    );
    assert_eq!(
        factual(
            "Moldova's president, before visiting Romania, spoke with the press.",
            &[("Moldova's president", "MDAGOV"), ("Romania", "ROU")]
        ),
        ["MDAGOV>ROU:042"]
    );
}

#[test]
fn unconventional_violence_by_irregular_doers_is_coded_as_assault() {
    // Unnamed attackers and international militant groups: 19x becomes 18x; an army keeps 19x.
    assert_eq!(
        factual(
            "Gunmen attacked a Nigerien army outpost near Tillaberi.",
            &[("Nigerien army", "NERMIL")]
        ),
        ["--->NERMIL:180"]
    );
    assert_eq!(
        factual(
            "An Islamic State cell bombed a Shiite shrine in Kirkuk.",
            &[("Islamic State", "IMGISIS"), ("Shiite", "IRQSHI")]
        ),
        ["IMGISIS>IRQSHI:183"]
    );
    assert_eq!(
        factual(
            "Ethiopian troops attacked rebel positions near Gondar.",
            &[("Ethiopian troops", "ETHMIL"), ("rebel", "ETHREB")]
        ),
        ["ETHMIL>ETHREB:190"]
    );
}

#[test]
fn a_participle_with_an_agent_on_a_common_noun_is_not_the_subjects_act() {
    // The frigate did not attack the freighter: the pirates did, and the freighter is no actor here.
    assert_eq!(
        factual(
            "A Danish frigate reached a freighter attacked by pirates off Yemen.",
            &[("Danish frigate", "DNKMIL"), ("Yemen", "YEM")]
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        factual(
            "Thai police found a truck seized by smugglers near the Lao border.",
            &[("Thai police", "THACOP"), ("Lao", "LAO")]
        ),
        Vec::<String>::new()
    );
}
