//! The whole coder on texts written here: events and quotes take their actors from the article's entities,
//! so a description ("the Israeli leader"), a title ("the prime minister") and a pronoun act and speak as the
//! person the article named.

use detente_coder::Coder;
use detente_records::{Article, CodedArticle};

fn code(text: &str) -> CodedArticle {
    let coder = Coder::builtin().expect("built-in dictionaries load");
    coder.code(&Article {
        id: "t".into(),
        text: text.into(),
        date: Some("2024-03-12".into()),
        ..Article::default()
    })
}

fn event<'c>(coded: &'c CodedArticle, trigger: &str) -> (&'c str, Option<&'c str>) {
    let e = coded
        .events
        .iter()
        .find(|e| e.trigger.text == trigger)
        .unwrap_or_else(|| panic!("no event {trigger:?} in {:?}", coded.events));
    (e.source.code.as_str(), e.target.as_ref().map(|t| t.code.as_str()))
}

#[test]
fn descriptions_titles_and_pronouns_act_and_speak_as_the_named_person() {
    let text = "Israeli Prime Minister Benjamin Netanyahu met Egyptian President Abdel Fattah el-Sisi in Cairo on \
                Monday.\n\nThe Israeli leader later criticized Iran over its missile tests. He also threatened \
                Hezbollah.\n\n\"We will not wait,\" the prime minister said.";
    let coded = code(text);
    assert_eq!(event(&coded, "criticized"), ("ISRGOV", Some("IRN")));
    assert_eq!(event(&coded, "threatened"), ("ISRGOV", Some("HZB")));
    let netanyahu = coded
        .entities
        .iter()
        .find(|e| e.name == "Benjamin Netanyahu")
        .expect("an entity for the prime minister");
    let forms: Vec<&str> = netanyahu.mentions.iter().map(|m| &text[m.start..m.end]).collect();
    assert!(forms.contains(&"Israeli leader") && forms.contains(&"He"), "{forms:?}");
    let speaker = coded.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.name.as_deref(), Some("Benjamin Netanyahu"));
    assert_eq!(speaker.entity, Some(netanyahu.id));
    assert_eq!(speaker.code.as_deref(), Some("ISRGOV"));
}

#[test]
fn a_state_mobilising_its_own_forces_acts_on_the_country_named_after_them() {
    // The troops are Serbia's own (an actor from the sentence's country): the act is aimed past them.
    let coded = code("Serbia mobilized its troops near the border with Kosovo on Tuesday.");
    for e in &coded.events {
        let target = e.target.as_ref().map(|t| t.code.as_str());
        assert_ne!(target, Some("SRBMIL"), "{e:?}");
    }
    assert!(
        coded.events.iter().any(|e| e.source.code == "SRB"
            && e.target
                .as_ref()
                .is_some_and(|t| t.code.starts_with("KOS") || t.code.starts_with("XKX"))),
        "{:?}",
        coded.events
    );
}
