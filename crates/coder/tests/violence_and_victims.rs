//! The whole coder on a conflict report written here: violence whose doer the text leaves unnamed has the
//! unidentified source, civilians and the places they gather take the country of the place named, and only as
//! those who suffer violence. The exact event list is asserted.

use detente_coder::Coder;
use detente_records::Article;

fn events(text: &str) -> Vec<String> {
    let coder = Coder::builtin().expect("built-in dictionaries load");
    let coded = coder.code(&Article {
        id: "t".into(),
        text: text.into(),
        date: Some("2025-05-02".into()),
        ..Article::default()
    });
    for e in &coded.events {
        assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
    }
    coded
        .events
        .iter()
        .filter(|e| e.factual && !e.negated)
        .map(|e| {
            let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
            format!("{}>{target}:{}", e.source.code, e.code)
        })
        .collect()
}

#[test]
fn unnamed_attackers_and_civilian_victims_in_a_conflict_report() {
    let text = "Armed men opened fire on worshippers at a church in Kaduna, Nigeria, on Sunday.\n\n\
                A day earlier a bus was bombed in Quetta, Pakistan.\n\n\
                The Kenyan president later visited a school in Kisumu, Kenya.";
    assert_eq!(events(text), ["--->NGACVL:180", "--->PAKCVL:183"]);
}
