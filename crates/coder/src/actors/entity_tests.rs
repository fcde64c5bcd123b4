//! Tests of the entity model with the built-in dictionaries, on texts written for them: who is who in an
//! article (fullest names, kinds, actors, mentions), names no dictionary holds, organisations defined in
//! the text, groups that take the article's country, and coreference.

use super::*;
use crate::text::segment;
use detente_records::{Entity, EntityKind, Resolution};
use std::sync::OnceLock;

fn recognizer() -> &'static ActorRecognizer {
    static REC: OnceLock<ActorRecognizer> = OnceLock::new();
    REC.get_or_init(|| ActorRecognizer::load(&[]).expect("built-in dictionaries load"))
}

fn article(text: &str) -> ArticleActors {
    let out = recognizer().recognize_article(text, &segment(text), Some("2024-05-02"));
    // Entities are numbered from 1 in order of first mention; every mention points at one that holds its
    // span; spans lie on character boundaries.
    for (i, e) in out.entities.iter().enumerate() {
        assert_eq!(e.id, i + 1);
        assert!(!e.mentions.is_empty());
        assert!(e.mentions.iter().all(|m| text.get(m.start..m.end).is_some()));
    }
    assert!(
        out.entities
            .windows(2)
            .all(|w| w[0].mentions[0].start <= w[1].mentions[0].start)
    );
    for m in &out.mentions {
        assert_eq!(&text[m.start..m.end], m.text);
        let e = &out.entities[m.entity - 1];
        assert!(e.mentions.contains(&m.span()), "{m:?} not in {e:?}");
    }
    assert!(out.mentions.windows(2).all(|w| w[0].start <= w[1].start));
    out
}

fn entity<'a>(out: &'a ArticleActors, name: &str) -> &'a Entity {
    out.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name:?} in {:#?}", out.entities))
}

fn forms<'t>(text: &'t str, e: &Entity) -> Vec<&'t str> {
    e.mentions.iter().map(|m| m.of(text)).collect()
}

fn code(e: &Entity) -> Option<&str> {
    e.actor.as_ref().map(|a| a.code.as_str())
}

#[test]
fn the_entity_table_of_a_short_article() {
    let text = "Chilean Foreign Minister Ximena Oyarce met Bolivian officials in La Paz on Tuesday. \
                Oyarce said the border crossings would reopen. The minister added that she expected a \
                deal before winter.";
    let out = article(text);
    let oyarce = entity(&out, "Ximena Oyarce");
    assert_eq!((oyarce.kind, code(oyarce)), (EntityKind::Person, Some("CHLGOV")));
    assert_eq!(
        forms(text, oyarce),
        ["Chilean Foreign Minister Ximena Oyarce", "Oyarce", "minister", "she"]
    );
    assert_eq!(oyarce.gender, Some('f'));
    let officials = out
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::Group)
        .expect("the officials");
    assert_eq!(code(officials), Some("BOLGOV"));
    assert!(officials.plural);
}

#[test]
fn a_person_the_dictionaries_do_not_know_gets_the_articles_country_and_role() {
    let text = "Deputy Energy Minister Katja Lindqvist opened the new grid link on Friday. \
                The official said the line would carry power to three islands. \
                She thanked the engineers. Sweden paid for most of the work.";
    let out = article(text);
    let lindqvist = entity(&out, "Katja Lindqvist");
    assert_eq!(code(lindqvist), Some("SWEGOV"));
    assert_eq!(
        forms(text, lindqvist),
        ["Deputy Energy Minister Katja Lindqvist", "official", "She"]
    );
    // Its mentions are emitted once the article's country is known, with the rule named.
    let m: Vec<_> = out.mentions.iter().filter(|m| m.entity == lindqvist.id).collect();
    assert_eq!(m.len(), 3);
    assert!(
        m.iter()
            .all(|m| m.via == Resolution::Context && m.actor.code == "SWEGOV")
    );
}

#[test]
fn names_marked_by_newswriting_are_people() {
    let text = "“The pumps failed at midnight,” said Orla Beckett. \
                Tamsin Achterberg, 52, a shopkeeper, counted the damage. \
                Mr. Quennell said little. Ravindu Perera told the council the drains were blocked. \
                The Old Harbour was closed.";
    let out = article(text);
    for name in ["Orla Beckett", "Tamsin Achterberg", "Quennell", "Ravindu Perera"] {
        assert_eq!(entity(&out, name).kind, EntityKind::Person, "{name}");
    }
    assert_eq!(entity(&out, "Quennell").gender, Some('m'));
    // A place named with "the" is nobody.
    assert!(out.entities.iter().all(|e| !e.name.contains("Old Harbour")));
}

#[test]
fn a_known_surname_with_other_first_names_is_somebody_else() {
    let text = "Joe Biden met Hunter Biden's lawyers. Valerie Biden Owens said nothing. \
                Donald Trump Jr. wrote that he was bored.";
    let out = article(text);
    let joe = entity(&out, "Joe Biden");
    assert_eq!(forms(text, joe), ["Joe Biden"]);
    assert!(out.entities.iter().any(|e| e.name == "Hunter Biden"));
    let junior = entity(&out, "Donald Trump Jr.");
    assert_eq!(code(junior), None);
    assert!(out.entities.iter().all(|e| e.name != "Donald Trump"));
}

#[test]
fn organisations_defined_in_the_text_and_their_short_forms() {
    let text = "The Andean Water Rights Association (AWRA) sued the mining firm. \
                AWRA said the river was poisoned. The Peruvian Mining Institute denied it. \
                The Institute said its tests were clean.";
    let out = article(text);
    let awra = entity(&out, "Andean Water Rights Association");
    assert_eq!(awra.kind, EntityKind::Organization);
    assert_eq!(forms(text, awra), ["Andean Water Rights Association", "AWRA", "AWRA"]);
    let institute = entity(&out, "Peruvian Mining Institute");
    assert_eq!(code(institute), Some("PER"));
    assert!(forms(text, institute).contains(&"Institute"));
    // A dictionary organisation's initials refer back to it too.
    let text = "The Organization of American States met in Quito. The OAS said it would send observers.";
    let out = article(text);
    let oas = out
        .entities
        .iter()
        .find(|e| forms(text, e).contains(&"OAS"))
        .expect("the OAS");
    assert!(forms(text, oas).contains(&"Organization of American States"), "{oas:?}");
}

#[test]
fn groups_take_the_country_the_article_is_about() {
    let text = "Kenya's parliament passed the finance bill on Tuesday. \
                Protesters marched on the building and riot police fired tear gas. \
                Lawmakers said they would review the taxes.";
    let out = article(text);
    let code_of = |surface: &str| {
        out.mentions
            .iter()
            .find(|m| m.text == surface)
            .map(|m| (m.actor.code.as_str(), m.via))
    };
    assert_eq!(code_of("Protesters"), Some(("KENOPP", Resolution::Context)));
    assert_eq!(code_of("riot police"), Some(("KENCOP", Resolution::Context)));
    assert_eq!(code_of("Lawmakers"), Some(("KENLEG", Resolution::Context)));
    // Groups often foreign where they are get no country.
    let out = article("Kenya closed the park. Tourists were flown out.");
    assert!(out.mentions.iter().all(|m| m.text != "Tourists"));
}

#[test]
fn descriptions_refer_back_to_the_entity_they_describe() {
    let text = "Japanese Prime Minister Shigeru Ishiba met Philippine President Ferdinand Marcos Jr. in Manila. \
                The Japanese leader pledged patrol boats. \
                The Philippine Coast Guard said the boats would arrive in June. The coast guard added that \
                crews would train in Yokohama.";
    let out = article(text);
    let ishiba = entity(&out, "Shigeru Ishiba");
    assert!(
        forms(text, ishiba).contains(&"Japanese leader"),
        "{:?}",
        forms(text, ishiba)
    );
    let guard = out
        .entities
        .iter()
        .find(|e| forms(text, e).contains(&"Philippine Coast Guard"))
        .expect("the coast guard");
    assert!(forms(text, guard).contains(&"coast guard"), "{guard:?}");
}

#[test]
fn a_description_before_the_name_joins_the_person_named_later() {
    let text = "Danish foreign minister says the strait stays open\n\n\
                Danish Foreign Minister Lars Lokke Rasmussen said on Monday that ships would pass freely.";
    let out = article(text);
    let lokke = out
        .entities
        .iter()
        .find(|e| e.name.ends_with("Rasmussen"))
        .expect("the minister");
    assert!(forms(text, lokke).contains(&"Danish foreign minister"), "{lokke:?}");
}

#[test]
fn the_former_title_refers_to_the_person_who_held_it() {
    let text = "Jimmy Carter visited Hebron in 2010. \"Peace is still possible,\" recalled the former president.";
    let out = recognizer().recognize_article(text, &segment(text), Some("2010-06-01"));
    let carter = out.entities.iter().find(|e| e.name == "Jimmy Carter").expect("Carter");
    assert!(
        carter.mentions.iter().any(|m| m.of(text) == "former president"),
        "{carter:?}"
    );
}

#[test]
fn pronouns_prefer_the_subject_of_the_sentence_before() {
    let text = "Colonel Ada Voss briefed General Ivo Marek on the drill. Later she flew to Riga.";
    let out = article(text);
    let she = out.mentions.iter().find(|m| m.text == "she").expect("she");
    assert_eq!(she.actor.name.as_deref(), Some("Ada Voss"));
    // "it said": an organisation that speaks.
    let text = "The Lithuanian defence ministry ordered more shells. It said deliveries would start in May.";
    let out = article(text);
    let it = out.mentions.iter().find(|m| m.text == "It").expect("It");
    let ministry = out
        .mentions
        .iter()
        .find(|m| m.text.ends_with("ministry"))
        .expect("the ministry");
    assert_eq!((it.entity, it.actor.country.as_deref()), (ministry.entity, Some("LTU")));
    // "it is" names nobody.
    let out = article("The Lithuanian defence ministry ordered shells. It is unclear when they arrive.");
    assert!(out.mentions.iter().all(|m| m.text != "It"));
}

#[test]
fn the_article_spelling_of_a_dictionary_person_is_the_canonical_name() {
    // The dictionary may spell the name otherwise; the article's fullest spelling wins, and the
    // dictionary's name only when the article writes a shorter form.
    let text = "Vladimir Vladimirovich Putin spoke in Kazan. Putin said the bridge would be rebuilt.";
    let out = article(text);
    assert!(out.entities.iter().any(|e| e.name == "Vladimir Vladimirovich Putin"));
    let out = article("Putin spoke in Kazan.");
    assert!(out.entities.iter().any(|e| e.name == "Vladimir Putin"));
}

#[test]
fn it_said_names_an_organisation_the_dictionaries_do_not_hold() {
    // A bare unknown name that "it" speaks for is an organisation, and "it" is one of its mentions.
    let text = "Norvatek denied the report on Monday. It said its plant in Tampere had passed every check.";
    let out = article(text);
    let firm = entity(&out, "Norvatek");
    assert_eq!(firm.kind, EntityKind::Organization);
    assert_eq!(forms(text, firm), ["Norvatek", "It"]);
    let text = "Shares of Calloway Freight fell. Brightwater said in a filing that it has repaid its loans.";
    let out = article(text);
    let firm = entity(&out, "Brightwater");
    assert_eq!(
        (firm.kind, forms(text, firm)),
        (EntityKind::Organization, vec!["Brightwater", "it"])
    );
    // A person named with a title stays a person: "it" is not theirs.
    let out = article("Senator Hollis Brandt voted no. It said nothing about the budget.");
    assert_eq!(entity(&out, "Hollis Brandt").kind, EntityKind::Person);
}

#[test]
fn a_title_before_another_given_name_with_a_dictionary_surname_is_somebody_else() {
    // The dictionary's "Osmani" (Vjosa Osmani) is not "spokesman Farid Osmani"; the title composes with
    // the context country instead.
    let text = "Afghan officials met in Kabul on Monday. Cabinet spokesman Farid Osmani called it a provocation.";
    let out = article(text);
    let farid = entity(&out, "Farid Osmani");
    assert_eq!(code(farid), Some("AFGGOV"));
    assert!(out.entities.iter().all(|e| e.name != "Vjosa Osmani"));
    let m = out
        .mentions
        .iter()
        .find(|m| m.text.ends_with("Farid Osmani"))
        .expect("mention");
    assert_eq!(
        (m.text.as_str(), m.via),
        ("Cabinet spokesman Farid Osmani", Resolution::Title)
    );
    // Untitled, the fuller name is somebody else too.
    let out = article("Lindiwe Osmani, a Kenyan nurse, said the clinic had closed.");
    assert!(out.entities.iter().all(|e| e.name != "Vjosa Osmani"));
}

#[test]
fn appositions_read_past_modifiers_and_prepositions() {
    // The person noun comes first, the country or organisation later in the phrase.
    let cases = [
        (
            "Tomas Reed, long an aide to President Joe Biden, said talks would resume.",
            "Tomas Reed",
            "USAGOV",
        ),
        (
            "Ilse Varga, a longtime member of the energy panel in Austria's parliament, said no.",
            "Ilse Varga",
            "AUTLEG",
        ),
        (
            "Karim Haddad, spokesman for a small Lebanese human rights group, said the law was unfair.",
            "Karim Haddad",
            "LBNHRI",
        ),
        (
            "Noor Zaidi, a senior researcher at a Pakistani think tank, said the loan was small.",
            "Noor Zaidi",
            "PAKEDU",
        ),
    ];
    for (text, name, want) in cases {
        let out = article(text);
        assert_eq!(code(entity(&out, name)), Some(want), "{text}");
    }
    // A clause inside the apposition ends the look: the police are not the lawyer's.
    let out = article("Odile Marchand, a lawyer for a student detained by Iranian police, said he was innocent.");
    assert_eq!(code(entity(&out, "Odile Marchand")), None);
}

#[test]
fn a_person_named_again_in_full_is_one_mention() {
    let text = "Amara Diallo, a Senegalese economist, warned of inflation. Amara Diallo later said prices would ease.";
    let out = article(text);
    let amara = entity(&out, "Amara Diallo");
    assert_eq!(forms(text, amara), ["Amara Diallo", "Amara Diallo"]);
    assert_eq!(code(amara), Some("SEN"));
}

#[test]
fn a_force_followed_by_what_it_does_is_a_group_of_the_context_country() {
    // "police firing", "soldiers guarding": the next word is the group's act, not a noun it modifies.
    let text = "Bolivian miners blocked roads near Oruro. They were met by police firing tear gas.";
    let out = article(text);
    let police = out.mentions.iter().find(|m| m.text == "police").expect("police");
    assert_eq!(police.actor.code, "BOLCOP");
    let text = "Farmers marched on Lima. Soldiers guarding the palace stopped them.";
    let out = article(text);
    let soldiers = out.mentions.iter().find(|m| m.text == "Soldiers").expect("Soldiers");
    assert_eq!(soldiers.actor.code, "PERMIL");
    // A noun after the body is still a compound: "police training" names no police.
    let out = article("Bolivian miners blocked roads. A police training centre was closed.");
    assert!(out.mentions.iter().all(|m| m.text != "police"), "{:?}", out.mentions);
}

#[test]
fn an_apposition_reading_must_take_the_whole_apposition() {
    // A capitalised noun inside a name is no title, and the reading that stops inside the name is passed over
    // for one that reaches the comma.
    let out = article("Lena Ortmann, head of the Pentagon Civilian Personnel Office, said hiring would stop.");
    assert_eq!(code(entity(&out, "Lena Ortmann")), Some("USAMIL"));
    // The writer left out the closing comma before the reporting verb.
    let out = article("Omar Sadiq, a senior Jordanian diplomat said the border would reopen.");
    assert_eq!(code(entity(&out, "Omar Sadiq")), Some("JORGOV"));
    // A parenthetical attribution is no apposition: the official is not Putin.
    let out = article("Vladimir Putin, a Kremlin official said, will not attend the summit.");
    assert_eq!(code(entity(&out, "Vladimir Putin")), Some("RUSGOV"));
    // At the end of a sentence the attribution names somebody else too.
    let out = article("The new rules target yachts owned by friends of Vladimir Putin, an EU diplomat said.");
    assert_eq!(code(entity(&out, "Vladimir Putin")), Some("RUSGOV"));
}

#[test]
fn state_bodies_placed_in_a_country_are_its_own() {
    let out = article("Authorities in Macao said the casinos would close for the storm.");
    let m = out
        .mentions
        .iter()
        .find(|m| m.text.starts_with("Authorities"))
        .expect("authorities");
    assert_eq!(
        (m.text.as_str(), m.actor.code.as_str()),
        ("Authorities in Macao", "MACGOV")
    );
    let out = article("Egypt and Sudan met. The police in Khartoum arrested two protesters.");
    let m = out.mentions.iter().find(|m| m.text.contains("police")).expect("police");
    assert_eq!(m.actor.code, "SDNCOP");
    // An army placed somewhere is often a foreign one: no country from the place.
    let out = article("The army in Syria pulled back from the border.");
    assert!(
        out.mentions.iter().all(|m| m.actor.code != "SYRMIL"),
        "{:?}",
        out.mentions
    );
}

#[test]
fn an_apposition_whose_title_starts_before_former_is_read_without_panic() {
    // "former president" is one dictionary noun that starts before the word after "former": the scanned
    // reading must not slice backwards (found by the benchmark corpus).
    let text =
        "Rafael Ortiz, a former president of Peru's Miners' Welfare Association, a union, said the mine was safe.";
    let out = article(text);
    assert!(out.entities.iter().any(|e| e.name == "Rafael Ortiz"));
    let text = "Ines Duarte, a former president of Chile's national teachers' union, said the strike would go on.";
    let out = article(text);
    assert!(out.entities.iter().any(|e| e.name == "Ines Duarte"));
}

#[test]
fn a_company_or_outlet_named_after_its_noun_is_an_organisation_entity() {
    let text = "Norwegian shipping company Fjordlinje cancelled three crossings on Friday. Fjordlinje blamed \
                the storm, and the ministry said it would review the decision.";
    let out = article(text);
    let firm = entity(&out, "Fjordlinje");
    assert_eq!((firm.kind, code(firm)), (EntityKind::Organization, Some("NORBUS")));
    assert_eq!(
        forms(text, firm),
        ["Norwegian shipping company Fjordlinje", "Fjordlinje"]
    );
    // Another structure: a possessive country, the noun after "the".
    let text = "Peru's mining giant Andesur halted work at two pits. Later, Andesur reopened the northern pit.";
    let out = article(text);
    let firm = entity(&out, "Andesur");
    assert_eq!(code(firm), Some("PERBUS"));
    assert_eq!(forms(text, firm).last(), Some(&"Andesur"));
}

#[test]
fn a_singular_role_noun_that_speaks_takes_the_context_country() {
    let text = "Tanzania's parliament passed the mining law on Monday. A senior official said the law would \
                take effect in June. According to a police officer, two protesters were detained.";
    let out = article(text);
    let official = out
        .mentions
        .iter()
        .find(|m| m.text.ends_with("senior official"))
        .expect("the official is a mention");
    assert_eq!(official.actor.code, "TZAGOV");
    assert_eq!(official.via, Resolution::Context);
    let officer = out
        .mentions
        .iter()
        .find(|m| m.text.ends_with("police officer"))
        .expect("the officer is a mention");
    assert_eq!(officer.actor.code, "TZACOP");
    // A base form after a singular noun is no speech verb: "an official protest" names nobody.
    let text = "Tanzania's parliament passed the mining law on Monday. Kenya filed an official protest.";
    let out = article(text);
    assert!(
        !out.mentions.iter().any(|m| m.text.ends_with("official")),
        "{:?}",
        out.mentions
    );
    // Not speaking and not definite: no mention ("a senior official visited" names nobody in particular).
    let text = "Tanzania's parliament passed the mining law on Monday. A senior official visited the mine.";
    let out = article(text);
    assert!(
        !out.mentions.iter().any(|m| m.text.ends_with("official")),
        "{:?}",
        out.mentions
    );
}

#[test]
fn countries_listed_before_a_qualified_group_share_its_role() {
    let text = "The Danish and Estonian navies will patrol the strait together from March.";
    let out = article(text);
    let codes: Vec<(&str, &str)> = out
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.actor.code.as_str()))
        .collect();
    assert_eq!(codes, [("Danish", "DNKMIL"), ("Estonian navies", "ESTMIL")]);
    let text = "Chilean, Peruvian and Bolivian ministers signed the water accord in Arica.";
    let out = article(text);
    let codes: Vec<&str> = out.mentions.iter().map(|m| m.actor.code.as_str()).collect();
    assert_eq!(codes, ["CHLGOV", "PERGOV", "BOLGOV"]);
    // A country that is no part of the list keeps its own code.
    let text = "Argentina said Chilean ministers had signed the water accord.";
    let out = article(text);
    assert_eq!(out.mentions[0].actor.code, "ARG");
}

#[test]
fn a_party_and_state_tag_marks_a_member_of_congress() {
    let text = "The bill was blocked by Dana Whitcombe (R-Utah) on Thursday. Whitcombe said it cost too much.";
    let out = article(text);
    let member = entity(&out, "Dana Whitcombe");
    assert_eq!(code(member), Some("USALEG"));
    assert_eq!(forms(text, member), ["Dana Whitcombe", "Whitcombe"]);
    let text = "Karen Ostrander, D-Ore., voted against the measure.";
    let out = article(text);
    assert_eq!(code(entity(&out, "Karen Ostrander")), Some("USALEG"));
    // A place after the comma is no tag.
    let text = "Karen Ostrander, Dallas, voted against the measure.";
    let out = article(text);
    assert!(
        out.mentions.iter().all(|m| m.actor.code != "USALEG"),
        "{:?}",
        out.mentions
    );
}

/// The code of the first mention whose text is `text`.
fn mention_code<'a>(out: &'a ArticleActors, text: &str) -> Option<&'a str> {
    out.mentions
        .iter()
        .find(|m| m.text == text)
        .map(|m| m.actor.code.as_str())
}

#[test]
fn a_news_outlet_known_by_name_does_not_set_the_story_country() {
    let text = "Ecuadorian dockworkers walked out at Guayaquil. According to the BBC, soldiers fired \
                warning shots at the gates.";
    assert_eq!(mention_code(&article(text), "soldiers"), Some("ECUMIL"));
    let text = "Mongolia debated the mining law on Monday. The Associated Press reported that riot police \
                used water cannon on the crowd outside.";
    let out = article(text);
    assert_eq!(mention_code(&out, "riot police"), Some("MNGCOP"));
    assert_eq!(mention_code(&out, "crowd"), Some("MNGCVL"));
    // A local outlet, described by its country, does tell where the story is.
    let text = "Peruvian state television showed the flooded valley. Soldiers carried food to the villages.";
    assert_eq!(mention_code(&article(text), "Soldiers"), Some("PERMIL"));
}

#[test]
fn a_role_noun_after_a_nationality_and_modifiers_is_one_phrase() {
    let text = "A senior Kenyan treasury official said the loan had been signed. The official added that \
                repayments would start in 2027.";
    let out = article(text);
    let official = entity(&out, "Kenyan treasury official");
    assert_eq!((official.kind, code(official)), (EntityKind::Person, Some("KENGOV")));
    // "The official" later is the same unnamed person.
    assert_eq!(forms(text, official), ["Kenyan treasury official", "official"]);
    let text = "Trucks waited for nine hours at the Valga crossing. A Latvian customs officer blamed a \
                computer fault. The officer said the queue would clear by night.";
    let out = article(text);
    let officer = entity(&out, "Latvian customs officer");
    assert_eq!(forms(text, officer), ["Latvian customs officer", "officer"]);
    assert_eq!(code(officer).map(|c| &c[..3]), Some("LVA"));
    // A word that ends a phrase is no modifier: the nationality stays on its own.
    let text = "Norwegian boats with inspectors aboard left Tromso.";
    let out = article(text);
    assert!(out.mentions.iter().all(|m| !m.text.starts_with("Norwegian boats")));
}

#[test]
fn an_indefinite_description_is_somebody_new_even_after_modifiers() {
    let text = "Interior Minister Pablo Duarte of Paraguay visited the border post on Friday. A senior \
                customs official said the queue had doubled since March.";
    let out = article(text);
    let duarte = entity(&out, "Pablo Duarte");
    assert_eq!(forms(text, duarte), ["Interior Minister Pablo Duarte of Paraguay"]);
    let text = "Defence Minister Ilse Vandamme opened the depot. An army logistics officer said the \
                shelves were half empty.";
    let out = article(text);
    let vandamme = entity(&out, "Ilse Vandamme");
    assert_eq!(forms(text, vandamme), ["Defence Minister Ilse Vandamme"]);
}

#[test]
fn a_title_inside_a_capitalised_run_ends_the_organisation_and_starts_a_person() {
    let text = "House Intelligence Committee Chairman Tom Kessling, R-Okla., faulted the planners. \
                Kessling said the briefings had been thin.";
    let out = article(text);
    let kessling = entity(&out, "Tom Kessling");
    assert_eq!((kessling.kind, code(kessling)), (EntityKind::Person, Some("USALEG")));
    assert!(forms(text, kessling).contains(&"Kessling"));
    assert!(out.entities.iter().all(|e| !e.name.contains("Committee Chairman")));
    let text = "Port Authority Police Superintendent Aldo Ferrante of Malta said the pier would reopen.";
    let out = article(text);
    let ferrante = entity(&out, "Aldo Ferrante");
    assert_eq!((ferrante.kind, code(ferrante)), (EntityKind::Person, Some("MLTCOP")));
    assert_eq!(entity(&out, "Port Authority").kind, EntityKind::Organization);
    // A dictionary organisation before the title stays the person's organisation.
    let text = "Arab League Secretary General Samir Haddad flew to Tunis on Monday.";
    let out = article(text);
    assert_eq!(code(entity(&out, "Samir Haddad")), Some("IGOARL"));
}

#[test]
fn an_apposition_with_a_role_noun_makes_a_person_even_after_a_preposition() {
    let text = "Netanyahu spoke in Jerusalem on Sunday. The petition reached him through Ilan Sorek, a former \
                member of parliament now teaching law, and through Dana Weil, a retired Israeli judge. \
                Mr. Sorek said it had taken months.";
    let out = article(text);
    let sorek = entity(&out, "Ilan Sorek");
    assert_eq!((sorek.kind, code(sorek)), (EntityKind::Person, Some("ISRELI")));
    assert_eq!(forms(text, sorek), ["Ilan Sorek", "Sorek"]);
    assert_eq!(code(entity(&out, "Dana Weil")), Some("ISRJUD"));
    let text = "The award went to Rasmus Dahlgaard, a veteran Danish diplomat. It was handed over by \
                Greta Olofsson, a prominent Swedish lawyer working in Oslo.";
    let out = article(text);
    assert_eq!(code(entity(&out, "Rasmus Dahlgaard")).map(|c| &c[..3]), Some("DNK"));
    assert_eq!(code(entity(&out, "Greta Olofsson")).map(|c| &c[..3]), Some("SWE"));
    // A place with an apposition stays a place.
    let text = "The fair was held in Santa Rosa, a town of 5,000 people, on Friday.";
    let out = article(text);
    assert!(out.entities.iter().all(|e| e.name != "Santa Rosa"));
}

#[test]
fn a_group_named_with_a_list_after_of_takes_the_whole_list_as_its_name() {
    let text = "Trade ministers of Ghana, Togo, the Ivory Coast and Benin met in Accra on Friday. They \
                said the tariffs would be cut.";
    let out = article(text);
    let ministers = out
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::Group)
        .expect("the ministers");
    assert_eq!(
        ministers.name,
        "Trade ministers of Ghana, Togo, the Ivory Coast and Benin"
    );
    assert_eq!(forms(text, ministers), ["Trade ministers of Ghana", "They"]);
    let text = "The envoys of Norway, Iceland and Finland, who toured the fjords, signed nothing.";
    let out = article(text);
    assert!(
        out.entities
            .iter()
            .any(|e| e.name == "envoys of Norway, Iceland and Finland")
    );
    // Without "and" the commas list nothing: "officials of Chile, speaking on Monday".
    let text = "Officials of Chile, Monday's hosts, declined to comment.";
    let out = article(text);
    assert!(out.entities.iter().all(|e| !e.name.contains(", Monday")));
}

#[test]
fn a_person_named_only_in_part_is_a_local_civilian() {
    let text = "Jordan raised bus fares again this month. At a stop in Amman, a tired nurse who would be \
                identified only as Rania waited for an hour. Rania is unsure the buses will improve.";
    let out = article(text);
    let rania = entity(&out, "Rania");
    assert_eq!((rania.kind, code(rania)), (EntityKind::Person, Some("JORCVL")));
    assert_eq!(forms(text, rania), ["Rania", "Rania"]);
    let text = "Poland cut the cod quota in March. A fisherman, who gave only his first name, Tomasz, mended \
                nets in Gdynia.";
    let out = article(text);
    assert_eq!(code(entity(&out, "Tomasz")), Some("POLCVL"));
    // Without such words a lone capitalised word is nobody.
    let text = "Poland cut the cod quota in March. A fisherman in Gdynia mended nets near Tomasz.";
    assert!(article(text).entities.iter().all(|e| e.name != "Tomasz"));
}

#[test]
fn a_pronoun_after_a_paragraph_break_takes_the_first_subject_of_two_alike() {
    let text = "Hamid Sadeghi runs a small bakery in Tabriz.\n\nHe shares the view that President Masoud \
                Pezeshkian has done little for shops.\n\nSadeghi's own costs keep rising.\n\n\"Flour now costs \
                twice as much,\" he says.";
    let out = article(text);
    assert_eq!(
        forms(text, entity(&out, "Hamid Sadeghi")),
        ["Hamid Sadeghi", "He", "Sadeghi", "he"]
    );
    let text = "Angela Moretti sells fish at the market in Bari.\n\nShe shares the view that Prime Minister \
                Giorgia Meloni has kept prices steady.\n\nMoretti's stall is small.\n\n\"The sea gives less \
                every year,\" she says.";
    let out = article(text);
    assert_eq!(
        forms(text, entity(&out, "Giorgia Meloni")),
        ["Prime Minister Giorgia Meloni"]
    );
}

#[test]
fn the_outlet_and_the_news_channel_refer_to_the_latest_news_organisation() {
    let text = "Chilean senators rejected the pension reform on Tuesday, Reuters reported. The outlet said \
                the vote was close.";
    let out = article(text);
    assert_eq!(forms(text, entity(&out, "Reuters")), ["Reuters", "outlet"]);
    let text = "Kenyan police arrested four journalists in Kisumu, the BBC reported. The news channel added \
                that all were later freed.";
    let out = article(text);
    assert_eq!(forms(text, entity(&out, "BBC")), ["BBC", "news channel"]);
}

#[test]
fn what_a_document_mentions_does_not_issue_it() {
    let text = "The Finnish embassy said in a cable that two gangs were active. Both gangs, mentioned in the \
                cable by name, have since been arrested. The cable said the border guards needed more boats.";
    let out = article(text);
    let embassy = entity(&out, "Finnish embassy");
    assert_eq!(forms(text, embassy), ["Finnish embassy", "cable", "cable"]);
    let text = "The Chilean senate said in a letter that two mining firms had broken the water rules. The \
                firms cited in the letter deny it. The letter said fines would follow.";
    let out = article(text);
    let senate = entity(&out, "Chilean senate");
    assert_eq!(forms(text, senate), ["Chilean senate", "letter", "letter"]);
}

#[test]
fn a_based_compound_before_an_organisation_is_not_its_country() {
    let text = "Government jets struck a depot near Saada on Sunday, the France-based Yemeni Centre for Press \
                Freedom said. The Centre also said the strikes killed nine militants.";
    let out = article(text);
    let centre = entity(&out, "Yemeni Centre for Press Freedom");
    assert!(code(centre).is_some_and(|c| c.starts_with("YEM")), "{:?}", code(centre));
    assert_eq!(mention_code(&out, "militants"), Some("YEMREB"));
    let text = "The Geneva-based Andean Water Rights Association said Bolivian mines had polluted two rivers.";
    let out = article(text);
    let association = entity(&out, "Andean Water Rights Association");
    assert_eq!(association.kind, EntityKind::Organization);
    assert!(code(association).is_none_or(|c| !c.starts_with("CHE")));
}

#[test]
fn congressional_staff_and_party_caucuses_are_the_us_legislature() {
    let text = "The consultancy refused to hand over its bank records. House lawyers said the refusal had no \
                legal basis.";
    assert_eq!(mention_code(&article(text), "House lawyers"), Some("USALEG"));
    let text = "Senate Republicans called the hearing a distraction, and congressional investigators left early.";
    let out = article(text);
    assert_eq!(mention_code(&out, "Senate Republicans"), Some("USALEG"));
    assert_eq!(mention_code(&out, "congressional investigators"), Some("USALEG"));
}

#[test]
fn common_given_names_of_many_languages_start_a_persons_name() {
    let text = "Karim Haddad runs a small bakery in Tripoli. He thinks the new tax is unfair.";
    let out = article(text);
    assert_eq!(forms(text, entity(&out, "Karim Haddad")), ["Karim Haddad", "He"]);
    let text = "Wanjiru Kamau sells maize flour in Nakuru. She expects prices to fall after the rains.";
    let out = article(text);
    let wanjiru = entity(&out, "Wanjiru Kamau");
    assert_eq!((wanjiru.kind, wanjiru.gender), (EntityKind::Person, Some('f')));
}

#[test]
fn a_family_name_of_several_words_refers_back_to_the_person_named_in_full() {
    // The family name ends in a surname the dictionaries hold for somebody else ("Hadley", "Bolton"):
    // the whole family name, written again, is still the person named in full.
    let cases = [
        (
            "The talks were chaired by Marta Ruiz Hadley, a Chilean mediator.\n\n\
             Ms. Ruiz Hadley said both delegations had agreed on a timetable.",
            "Marta Ruiz Hadley",
            "Hadley",
        ),
        (
            "Among the founders was Kwame Asante Bolton, who later ran the city's bus company. \
             Workers said on Friday that Mr. Asante Bolton had never answered their letters.",
            "Kwame Asante Bolton",
            "Bolton",
        ),
    ];
    for (text, full, last) in cases {
        let out = article(text);
        let person = entity(&out, full);
        assert_eq!(forms(text, person).len(), 2, "{:?}", forms(text, person));
        assert!(out.entities.iter().all(|e| !e.name.ends_with(last) || e.name == full));
    }
}

#[test]
fn a_definite_document_keeps_the_issuer_that_introduced_it() {
    // The statement stays the ministry's when the country as a whole is said to act in it.
    let cases = [
        (
            "The Kenyan foreign ministry released a statement after midnight. Kenya, in the statement, commits \
             to reopening two crossings; talks follow in June, the statement says.",
            "Kenyan foreign ministry",
        ),
        // First named in an adjunct, then "the statement", then the country cited as acting in it.
        (
            "In a statement, the Chilean navy answered the charges late on Friday. Nobody on either boat was \
             hurt. Chile, in the statement, also offers to pay for repairs, work of a month by the statement's reckoning.",
            "Chilean navy",
        ),
    ];
    for (text, issuer_name) in cases {
        let out = article(text);
        let last = out
            .mentions
            .iter()
            .rfind(|m| m.text == "statement")
            .unwrap_or_else(|| panic!("{text}: {:#?}", out.mentions));
        let issuer = &out.entities[last.entity - 1];
        assert!(
            forms(text, issuer).contains(&issuer_name),
            "{text}: {:#?}",
            out.mentions
        );
    }
}

#[test]
fn a_bare_force_is_the_one_the_article_introduced_with_its_country() {
    let code_of = |out: &ArticleActors, text: &str| {
        out.mentions
            .iter()
            .find(|m| m.text == text)
            .map(|m| (m.actor.code.clone(), m.via))
    };
    // Another country is named in between, and more often: the soldier is still one of the Turkish ones.
    let text = "Turkish soldiers crossed the river at dawn. Greek officials in Athens protested, and Greece \
                recalled its envoy. A soldier told reporters that the unit would stay.";
    let out = article(text);
    assert_eq!(
        code_of(&out, "soldier"),
        Some(("TURMIL".to_string(), Resolution::Context))
    );
    // Protesters of one country, a minister of another, then "protesters" alone.
    let text = "Ugandan protesters blocked the border market on Tuesday. Kenya's trade minister Wanjiru Kamau \
                called the blockade unfair. Protesters said they would stay for a week.";
    let out = article(text);
    assert_eq!(
        code_of(&out, "Protesters"),
        Some(("UGAOPP".to_string(), Resolution::Context))
    );
    // A country named before the noun in its own sentence is nearer than the group introduced before.
    let text = "Turkish soldiers crossed the river at dawn. Greek officials in Athens protested, and Greece \
                recalled its envoy. Back in Greece, a soldier told reporters that his unit would stay.";
    let out = article(text);
    assert_eq!(
        code_of(&out, "soldier"),
        Some(("GRCMIL".to_string(), Resolution::Context))
    );
    // Further on, the story has moved: the sentence's country again.
    let text = "Turkish soldiers crossed the river at dawn. Villagers counted their losses. Buyers went home. \
                Prices rose in the town. Greek officials in Athens protested, and Greece recalled its envoy. \
                A soldier told reporters that the unit would stay.";
    let out = article(text);
    assert_eq!(
        code_of(&out, "soldier"),
        Some(("GRCMIL".to_string(), Resolution::Context))
    );
}

#[test]
fn an_armed_group_named_by_its_people_or_faith_takes_no_country_from_the_sentence_before() {
    // The attacker's country is named just before; the fighters are not its forces, and "they" are the
    // fighters, not the jets.
    let text = "Algerian drones hit three villages near the border on Sunday. Tuareg fighters said they had shot \
                down a drone.";
    let out = article(text);
    let fighters = entity(&out, "Tuareg fighters");
    assert_eq!((fighters.kind, code(fighters)), (EntityKind::Group, None));
    assert_eq!(forms(text, fighters), ["Tuareg fighters", "they"]);
    assert!(out.mentions.iter().all(|m| m.text != "fighters" && m.text != "they"));
    // A faith, a militia, and a government named in the same sentence.
    let text = "Nigeria's army said on Friday that Christian militiamen had burned a market. The Nigerian \
                defence ministry blamed the attack on a land dispute.";
    let out = article(text);
    assert!(
        out.mentions.iter().all(|m| m.text != "militiamen"),
        "{:#?}",
        out.mentions
    );
    // Without such an adjective the group still takes the sentence's country.
    let text = "Nigeria's army said on Friday that militiamen had burned a market.";
    let out = article(text);
    let m = out
        .mentions
        .iter()
        .find(|m| m.text == "militiamen")
        .expect("the militiamen");
    assert_eq!((m.actor.code.as_str(), m.via), ("NGAREB", Resolution::Context));
}

#[test]
fn a_person_introduced_by_a_home_town_takes_its_country() {
    static GAZ: OnceLock<crate::places::gazetteer::Gazetteer> = OnceLock::new();
    let gaz = GAZ.get_or_init(|| crate::places::gazetteer::Gazetteer::load(&[]).expect("the built-in gazetteer"));
    let placed = |text: &str| {
        recognizer()
            .recognize_article_placed(text, &segment(text), Some("2024-05-02"), Some(gaz))
            .mentions
    };
    let code_of = |mentions: &[Mention], start: &str| {
        mentions
            .iter()
            .find(|m| m.text.starts_with(start))
            .map(|m| (m.text.clone(), m.actor.code.clone()))
    };
    let text = "Bandits near the Niger border seized a nurse from Lyon and two drivers on Monday.";
    assert_eq!(
        code_of(&placed(text), "nurse"),
        Some(("nurse from Lyon".to_string(), "FRACVL".to_string()))
    );
    let text = "“We waited nine hours,” said Ana Duarte, a teacher from Porto who was on the delayed train.";
    assert_eq!(
        code_of(&placed(text), "teacher"),
        Some(("teacher from Porto".to_string(), "PRTCVL".to_string()))
    );
    // A place of its own ("from the capital") or a word that is no town gives nothing.
    let text = "Bandits seized a nurse from the capital on Monday.";
    assert_eq!(code_of(&placed(text), "nurse"), None);
}

#[test]
fn the_north_and_the_south_are_the_divided_country_named_before() {
    let at = |out: &ArticleActors, text: &str, from: usize| {
        out.mentions
            .iter()
            .find(|m| m.text == text && m.start >= from)
            .map(|m| (m.actor.code.clone(), m.via))
    };
    let text = "South Sudan closed two oil fields on Friday. Sudan said the pipeline was idle, and the North's \
                refineries stopped. The South blamed rebels in the Upper Nile.";
    let out = article(text);
    let south_at = text.find("The South").unwrap();
    assert_eq!(
        at(&out, "South", south_at),
        Some(("SSD".to_string(), Resolution::Coreference))
    );
    // No "North X" country is named: "the North" stays nobody.
    assert!(out.mentions.iter().all(|m| m.text != "North"), "{:#?}", out.mentions);

    let text = "North Korea tested a rocket engine on Sunday. The North has promised more tests. Sailors in the \
                North Pacific saw nothing, and the North’s neighbours protested.";
    let out = article(text);
    let norths: Vec<usize> = out
        .mentions
        .iter()
        .filter(|m| m.text == "North")
        .map(|m| m.start)
        .collect();
    assert_eq!(
        norths,
        [
            text.find("The North").unwrap() + 4,
            text.find("the North’s").unwrap() + 4
        ]
    );
    assert!(
        out.mentions
            .iter()
            .filter(|m| m.text == "North")
            .all(|m| m.actor.code == "PRK")
    );
}

#[test]
fn a_title_with_a_lone_given_name_is_the_office_holder_of_that_name_or_nobody() {
    // "President Recep": the one dictionary person of that first name who held the title.
    let text = "Turkish troops crossed the border at dawn. Speaking in Ankara, President Recep said the \
                operation would go on until the hills were cleared.";
    let out = article(text);
    let erdogan = entity(&out, "Recep Tayyip Erdoğan");
    assert_eq!(code(erdogan), Some("TURGOV"));
    assert_eq!(forms(text, erdogan), ["President Recep"]);
    // "President Omar" in an article about a territory without a president: no surname, no such office
    // holder, so no actor presumed from the article's country.
    let text = "Officials in Gibraltar said the port would stay shut. \"We told President Omar that the \
                ship must leave,\" the harbour master said.";
    let out = article(text);
    assert!(
        out.mentions.iter().all(|m| !m.text.contains("Omar")),
        "{:#?}",
        out.mentions
    );
}

#[test]
fn a_senators_title_takes_the_country_of_the_legislature_the_article_names() {
    let code_of = |text: &str, name: &str| {
        let out = article(text);
        code(entity(&out, name)).map(str::to_string)
    };
    let manila = "The Philippine Senate reopened its inquiry into the port contracts on Monday. \
                  Sen. Lorna Villacorta told reporters that the customs bureau had hidden the invoices.";
    assert_eq!(code_of(manila, "Lorna Villacorta").as_deref(), Some("PHLLEG"));
    let canberra = "Two Australian senators walked out of the chamber. Later, Rep. Colm Haverty said the vote \
                    would be held again.";
    assert_eq!(code_of(canberra, "Colm Haverty").as_deref(), Some("AUSLEG"));
    // No legislature named, or the US Congress: the title's own country.
    let plain = "Sen. Lorna Villacorta told reporters that the customs bureau had hidden the invoices.";
    assert_eq!(code_of(plain, "Lorna Villacorta").as_deref(), Some("USALEG"));
    let washington = "Congress left for its recess. Sen. Lorna Villacorta said the bill was dead.";
    assert_eq!(code_of(washington, "Lorna Villacorta").as_deref(), Some("USALEG"));
}

#[test]
fn a_title_with_more_words_than_the_generic_noun_is_not_any_holder_of_it() {
    // "the deputy minister" is not the health minister named before; "the minister" is.
    let text = "Peru's Health Minister Ana Ruiz toured the flooded clinics on Friday. The minister said they \
                would reopen. The deputy minister said nothing.";
    let out = article(text);
    let ruiz = entity(&out, "Ana Ruiz");
    assert!(forms(text, ruiz).contains(&"minister"), "{:?}", forms(text, ruiz));
    assert!(!forms(text, ruiz).iter().any(|f| f.contains("deputy")));
    // A description named with the same words is still the same one.
    let text = "Norway's junior minister for fisheries met trawler crews in Tromso. The junior minister \
                promised new quotas, and the trade minister said nothing.";
    let out = article(text);
    let first = &out.mentions[0];
    assert_eq!(first.text, "Norway's junior minister");
    let junior = out
        .mentions
        .iter()
        .find(|m| m.text == "junior minister" && m.start > 20)
        .expect("the later description");
    assert_eq!((junior.actor.code.as_str(), junior.entity), ("NORGOV", first.entity));
    assert!(
        out.mentions
            .iter()
            .filter(|m| m.text.contains("trade minister"))
            .all(|m| m.entity != junior.entity)
    );
}

#[test]
fn an_opposition_title_takes_the_country_the_article_is_about() {
    let code_of = |text: &str, name: &str| {
        let out = article(text);
        code(entity(&out, name)).map(str::to_string)
    };
    let text = "Romanian senators approved the budget late on Wednesday. \"This is theft,\" said opposition \
                leader Dorin Vasilescu.";
    assert_eq!(code_of(text, "Dorin Vasilescu").as_deref(), Some("ROUOPP"));
    let text = "Opposition leader Ines Carvalho walked out of the hearing. Portuguese lawmakers stayed.";
    assert_eq!(code_of(text, "Ines Carvalho").as_deref(), Some("PRTOPP"));
}

#[test]
fn a_role_noun_after_who_or_which_is_a_verb() {
    let text = "Chilean senators met on Monday. Mara Soto, who heads the mining committee, left early; the \
                agency, which chairs the talks, said nothing.";
    let out = article(text);
    assert!(
        out.mentions.iter().all(|m| m.text != "heads" && m.text != "chairs"),
        "{:#?}",
        out.mentions
    );
    // A group noun after other words is still one: "the talks that officials held".
    let text = "Chilean senators met on Monday. Aides said that officials were angry.";
    let out = article(text);
    assert!(out.mentions.iter().any(|m| m.text == "officials"));
}

#[test]
fn the_head_of_a_title_with_an_of_phrase_refers_to_its_holder() {
    let text = "Secretary of Defense Ruth Okafor flew to Manila on Sunday. Philippine officials met her at \
                the airport. The secretary said the drills would go ahead.";
    let out = article(text);
    let okafor = entity(&out, "Ruth Okafor");
    assert!(forms(text, okafor).contains(&"secretary"), "{:?}", forms(text, okafor));
    let text = "Minister of Energy Tomas Lind opened the dam in Lulea. The minister said power prices would \
                fall.";
    let out = article(text);
    let lind = entity(&out, "Tomas Lind");
    assert!(forms(text, lind).contains(&"minister"), "{:?}", forms(text, lind));
}

#[test]
fn a_former_office_holder_takes_the_country_the_article_is_about() {
    let text = "Ghanaian police closed the roads to Accra. In a radio interview, former President Kofi \
                Amponsah said the curfew was unlawful.";
    let out = article(text);
    assert_eq!(code(entity(&out, "Kofi Amponsah")), Some("GHAELI"));
    let text = "Former Prime Minister Liisa Rautio said the treaty was a mistake. Finnish diplomats disagreed.";
    let out = article(text);
    assert_eq!(code(entity(&out, "Liisa Rautio")), Some("FINELI"));
}

#[test]
fn a_generic_title_with_a_nationality_is_the_person_of_that_country_named_before() {
    let text = "Transport Minister Halima Osei of Ghana toured the port on Monday. The Ghanaian official said \
                the new cranes would arrive in June.";
    let out = article(text);
    let osei = entity(&out, "Halima Osei");
    assert!(
        forms(text, osei).contains(&"Ghanaian official"),
        "{:?}",
        forms(text, osei)
    );
    // Another country's official is somebody else.
    let text = "Transport Minister Halima Osei of Ghana met Togo's envoy in Lome. The Togolese official said \
                the border would reopen.";
    let out = article(text);
    let osei = entity(&out, "Halima Osei");
    assert!(!forms(text, osei).iter().any(|f| f.contains("Togolese")));
}

#[test]
fn an_object_pronoun_is_not_the_subject_of_its_own_clause() {
    let text = "Bolivian protesters blocked the highway on Monday, and soldiers fired rubber bullets at them.";
    let out = article(text);
    let them = out.mentions.iter().find(|m| m.text == "them").expect("them");
    assert_eq!(them.actor.code, "BOLOPP");
    // Across a clause boundary the subject may be meant: "the police said miners had attacked them".
    let text = "Bolivian police said the miners had attacked them with dynamite.";
    let out = article(text);
    let them = out.mentions.iter().find(|m| m.text == "them").expect("them");
    assert_eq!(them.actor.code, "BOLCOP");
}
