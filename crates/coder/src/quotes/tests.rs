//! Tests of the quote stage on texts written for them, run through the whole coder: speakers are named
//! by the actor stage's entities.

use super::*;
use crate::Coder;
use detente_records::{Article, CodedArticle};
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::builtin().expect("built-in dictionaries load"))
}

fn code(text: &str) -> CodedArticle {
    let article = Article {
        id: "t".into(),
        text: text.into(),
        date: Some("2024-03-12".into()),
        ..Article::default()
    };
    let coded = coder().code(&article);
    // Spans are exact, in text order and on character boundaries.
    for q in &coded.quotes {
        assert_eq!(&text[q.start..q.end], q.text);
        if let Some(c) = q.cue_span {
            assert_eq!(Some(&text[c.start..c.end]), q.cue.as_deref());
        }
        if let Some(s) = &q.speaker {
            if let Some(m) = s.mention {
                assert!(text.get(m.start..m.end).is_some(), "{m:?}");
            }
            if let Some(e) = s.entity {
                assert_eq!(coded.entities[e - 1].id, e);
            }
        }
    }
    assert!(coded.quotes.windows(2).all(|w| w[0].start <= w[1].start));
    coded
}

fn quotes(text: &str) -> Vec<Quote> {
    code(text).quotes
}

/// (kind, text, cue, speaker name) of each quote.
fn summary(quotes: &[Quote]) -> Vec<(QuoteKind, String, Option<String>, Option<String>)> {
    quotes
        .iter()
        .map(|q| {
            (
                q.kind,
                q.text.clone(),
                q.cue.clone(),
                q.speaker.as_ref().and_then(|s| s.name.clone()),
            )
        })
        .collect()
}

fn quote<'q>(quotes: &'q [Quote], starts: &str) -> &'q Quote {
    quotes
        .iter()
        .find(|q| q.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no quote {starts:?} in {:?}", summary(quotes)))
}

fn speaker_of<'q>(quotes: &'q [Quote], starts: &str) -> Option<&'q str> {
    quote(quotes, starts).speaker.as_ref().and_then(|s| s.name.as_deref())
}

fn code_of<'q>(quotes: &'q [Quote], starts: &str) -> Option<&'q str> {
    quote(quotes, starts).speaker.as_ref().and_then(|s| s.code.as_deref())
}

fn mention_of<'t>(text: &'t str, quotes: &[Quote], starts: &str) -> &'t str {
    let m = quote(quotes, starts)
        .speaker
        .as_ref()
        .and_then(|s| s.mention)
        .expect("a speaker mention");
    m.of(text)
}

fn content_of<'q>(quotes: &'q [Quote], cue: &str) -> &'q str {
    quotes
        .iter()
        .find(|q| q.cue.as_deref() == Some(cue))
        .map(|q| q.text.as_str())
        .unwrap_or_else(|| panic!("no quote with cue {cue:?} in {:?}", summary(quotes)))
}

#[test]
fn a_direct_quotation_and_its_continuation_take_the_fullest_name() {
    let text = "Trade Commissioner Helga Marquardt arrived in Tallinn on Sunday.\n\n\
                “Our ports stay open to every honest trader,” Marquardt told the chamber. “The fees will fall.”";
    let q = quotes(text);
    assert_eq!(q.len(), 2, "{:?}", summary(&q));
    assert_eq!(q[0].cue.as_deref(), Some("told"));
    assert_eq!(q[1].cue, None);
    assert_eq!(speaker_of(&q, "Our ports"), Some("Helga Marquardt"));
    assert_eq!(speaker_of(&q, "The fees"), Some("Helga Marquardt"));
    // The mention is where the speaker is named for this quote.
    assert_eq!(mention_of(text, &q, "Our ports"), "Marquardt");
}

#[test]
fn a_quotation_cut_by_its_attribution_is_two_quotes_of_one_speaker() {
    let text = "“The barges can sail,” the harbour master said, “once the ice has gone.”";
    let q = quotes(text);
    assert_eq!(q.len(), 2, "{:?}", summary(&q));
    assert_eq!(
        q[0].speaker.as_ref().unwrap().mention,
        q[1].speaker.as_ref().unwrap().mention
    );
}

#[test]
fn an_unknown_official_named_once_is_then_the_official_and_she() {
    // Nobody here is in the dictionaries: the entity comes from the text alone.
    let text = "Deputy Interior Minister Odile Brassard toured the flooded districts of Namur on Monday.\n\n\
                The official said repairs to the dykes would take a year.\n\n\
                “We will not leave anyone behind,” she said. Belgium has asked for European funds.";
    let coded = code(text);
    let q = &coded.quotes;
    assert_eq!(speaker_of(q, "repairs to the dykes"), Some("Odile Brassard"));
    assert_eq!(speaker_of(q, "We will not"), Some("Odile Brassard"));
    assert_eq!(mention_of(text, q, "We will not"), "she");
    // One entity holds the name, the description and the pronoun, coded by the article's country.
    let brassard = coded
        .entities
        .iter()
        .find(|e| e.name == "Odile Brassard")
        .expect("an entity for the minister");
    let forms: Vec<&str> = brassard.mentions.iter().map(|m| m.of(text)).collect();
    assert!(forms.contains(&"official") && forms.contains(&"she"), "{forms:?}");
    assert_eq!(brassard.actor.as_ref().map(|a| a.code.as_str()), Some("BELGOV"));
    assert_eq!(code_of(q, "We will not"), Some("BELGOV"));
    assert_eq!(
        quote(q, "We will not").speaker.as_ref().unwrap().entity,
        Some(brassard.id)
    );
}

#[test]
fn inverted_attributions_with_titles_and_appositions() {
    let text = "“Not one more hectare will burn,” said Forestry Minister Tiago Vasquez.\n\n\
                “The crews are exhausted,” Vasquez, a former firefighter, said on Thursday.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "Not one more"), Some("Tiago Vasquez"));
    assert_eq!(speaker_of(&q, "The crews"), Some("Tiago Vasquez"));
    assert_eq!(q.len(), 2);
}

#[test]
fn organisations_and_groups_speak_with_their_actor() {
    let text = "The Kenyan foreign ministry said in a statement that the consulate in Juba would close.\n\n\
                Several senior officials in Nairobi said the decision had been taken weeks ago.";
    let q = quotes(text);
    assert_eq!(code_of(&q, "the consulate"), Some("KENGOV"));
    assert_eq!(code_of(&q, "the decision"), Some("KENGOV"));
    assert!(
        speaker_of(&q, "the decision").is_some_and(|n| n.contains("officials")),
        "{:?}",
        summary(&q)
    );
}

#[test]
fn according_to_before_and_after_the_content() {
    let text = "The mission will double its patrols, according to the alliance.\n\n\
                According to the coastguard, two boats capsized at dawn.";
    let q = quotes(text);
    assert_eq!(content_of(&q, "according to"), "The mission will double its patrols");
    assert_eq!(content_of(&q, "According to"), "two boats capsized at dawn");
    assert_eq!(speaker_of(&q, "two boats"), Some("the coastguard"));
}

#[test]
fn a_speaker_reported_by_an_outlet_is_still_the_speaker() {
    let text = "Finance Minister Rhea Talbot spoke in Wellington.\n\n\
                “The budget is balanced for the first time in a decade,” she said, according to Reuters.\n\n\
                “Taxes will not rise,” said Talbot, according to the Associated Press.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "The budget"), Some("Rhea Talbot"));
    assert_eq!(speaker_of(&q, "Taxes will not"), Some("Rhea Talbot"));
}

#[test]
fn the_outlet_someone_spoke_to_is_not_the_speaker() {
    let text = "An aviation official who spoke to Reuters said the radar had failed twice.\n\n\
                A senior engineer briefed on the inquiry told Sky News that the logs were incomplete.\n\n\
                The broadcaster quoted an unnamed mechanic on Friday as saying the wiring was old.";
    let q = quotes(text);
    let first = speaker_of(&q, "the radar").unwrap_or("");
    assert!(
        first.contains("official") && !first.starts_with("Reuters"),
        "{:?}",
        summary(&q)
    );
    let second = speaker_of(&q, "the logs").unwrap_or("");
    assert!(second.contains("engineer"), "{:?}", summary(&q));
    let third = speaker_of(&q, "the wiring").unwrap_or("");
    assert!(third.contains("mechanic"), "{:?}", summary(&q));
}

#[test]
fn a_name_between_the_quotation_and_according_to_is_the_speaker() {
    let text = "“We expect no delays at the border,” customs chief Anders Lykke, according to the agency.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "We expect"), Some("Anders Lykke"));
}

#[test]
fn contents_with_and_without_that_and_before_their_cue() {
    let text = "Premier Ines Carvalho met the unions on Tuesday.\n\n\
                Carvalho insisted that the pension reform would go ahead.\n\n\
                The strike will end by Friday, she said.\n\n\
                The trains, she added, would run on a reduced timetable.";
    let q = quotes(text);
    assert_eq!(q.len(), 3, "{:?}", summary(&q));
    assert_eq!(q[0].text, "the pension reform would go ahead");
    assert_eq!(q[1].text, "The strike will end by Friday");
    assert!(q[2].text.starts_with("The trains"));
    assert!(
        q.iter()
            .all(|x| x.kind == QuoteKind::Indirect
                && x.speaker.as_ref().unwrap().name.as_deref() == Some("Ines Carvalho"))
    );
}

#[test]
fn a_fragment_inside_a_report_makes_one_mixed_quote() {
    let q = quotes("The mediator said the draft was “a fair starting point” and would be circulated.");
    assert_eq!(q.len(), 1, "{:?}", summary(&q));
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(
        q[0].text,
        "the draft was “a fair starting point” and would be circulated"
    );
}

#[test]
fn quotation_marks_that_do_not_pair_damage_only_their_paragraph() {
    let text = "Shoppers called the \"price cap a trick and walked out.\n\n\
                \"We will open the second hall by autumn,\" the market director said.";
    let q = quotes(text);
    assert_eq!(
        summary(&q),
        [(
            QuoteKind::Direct,
            "We will open the second hall by autumn,".into(),
            Some("said".into()),
            Some("the market director".into())
        )]
    );
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let text = "The promised “green corridor” never opened.\n\n\
                She reviewed the film “Winter In The Valley” last spring.";
    assert!(quotes(text).is_empty(), "{:?}", summary(&quotes(text)));
}

#[test]
fn a_quotation_over_several_paragraphs() {
    let text = "Captain Mirela Dobre described the rescue.\n\n\
                “The first flare went up at three,” Dobre said. “By four the hull was flooding.\n\n\
                “We pulled eleven people out of the water. Two were children.”";
    let q = quotes(text);
    assert_eq!(q.len(), 3, "{:?}", summary(&q));
    assert_eq!(
        q[2].text,
        "We pulled eleven people out of the water. Two were children."
    );
    assert!(
        q.iter()
            .all(|x| x.speaker.as_ref().unwrap().name.as_deref() == Some("Mirela Dobre"))
    );
}

#[test]
fn pronouns_prefer_the_subject_of_their_gender() {
    let text = "Senator Ruth Okonjo questioned Admiral Paul Brenner for two hours.\n\n\
                Brenner said the fleet was ready.\n\n\
                “I have heard that promise before,” she said.\n\n\
                “This time it holds,” he replied.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "the fleet"), Some("Paul Brenner"));
    assert_eq!(speaker_of(&q, "I have heard"), Some("Ruth Okonjo"));
    assert_eq!(speaker_of(&q, "This time"), Some("Paul Brenner"));
    assert_eq!(mention_of(text, &q, "I have heard"), "she");
}

#[test]
fn a_title_alone_is_the_person_named_with_it() {
    let text = "Vatican spokesman Lorenzo Guidi denied the reports.\n\n\"No such letter exists,\" the spokesman said.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "No such letter"), Some("Lorenzo Guidi"));
}

#[test]
fn a_document_speaks_for_whoever_issued_it() {
    let text = "The Chilean foreign ministry said in a statement on Sunday that talks would resume.\n\n\
                Argentina and Bolivia welcomed the move.\n\n\
                The statement said a working group would meet in March.";
    let q = quotes(text);
    assert_eq!(code_of(&q, "a working group"), Some("CHLGOV"));
}

#[test]
fn the_news_agency_is_the_latest_outlet_named() {
    let text = "Yonhap reported that the ferry service had stopped.\n\n\
                Officials in Busan declined to comment.\n\n\
                The news agency said the coast guard had sent two ships.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "the coast guard"), Some("Yonhap"));
}

#[test]
fn things_that_cannot_speak_are_no_speakers() {
    let text = "EXCLUSIVE said the deal had collapsed, the banner read.\n\nThursday said nothing.";
    let q = quotes(text);
    assert!(
        q.iter()
            .all(|x| x.speaker.as_ref().and_then(|s| s.name.as_deref()) != Some("EXCLUSIVE")),
        "{:?}",
        summary(&q)
    );
}

#[test]
fn credit_lines_name_the_speaker_of_a_quotation() {
    let text = "“The orchards will not survive another dry summer.”\n\nMarta Sölvik, Nordic Farm Weekly\n\n\
                “Rain is the only policy that works.” ― Piet Kramer";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "The orchards"), Some("Marta Sölvik"));
    assert_eq!(speaker_of(&q, "Rain is"), Some("Piet Kramer"));
}

#[test]
fn nouns_that_look_like_cues_are_not_cues() {
    let q = quotes("The Interior Ministry report covered three provinces. His claims about the fire were false.");
    assert!(
        q.iter().all(|x| x.cue.as_deref() != Some("claims")),
        "{:?}",
        summary(&q)
    );
}

#[test]
fn user_cue_files_extend_the_speech_verbs() {
    let text = "The colonel grumbled that the barracks were cold.";
    let user = DictionarySource {
        name: "extra.cues.toml".into(),
        text: "[cues]\nspeech = [\"harrumph\"]\n".into(),
    };
    let qx = QuoteExtractor::load(std::slice::from_ref(&user)).unwrap();
    assert!(qx.speech_verbs().is_speech("harrumphed"));
    assert!(
        !QuoteExtractor::load(&[])
            .unwrap()
            .speech_verbs()
            .is_speech("harrumphed")
    );
    // A built-in verb in all its forms, and its class.
    let verbs = lexicon::SpeechVerbs::builtin();
    assert!(verbs.is_speech("grumbled") && verbs.is_plain("says") && verbs.takes_bare_clause("told"));
    assert!(verbs.is_reporting("believes") && !verbs.is_speech("believes"));
    assert!(verbs.is_inverting("said") && !verbs.is_inverting("told"));
    let q = qx.extract(text, &crate::text::segment(text), &[]);
    assert_eq!(content_of(&q, "grumbled"), "the barracks were cold");
}

#[test]
fn coding_is_deterministic() {
    let text = "“We will sign,” she said. Officials said the ceremony was set for May, according to the palace.";
    assert_eq!(quotes(text), quotes(text));
}

#[test]
fn participles_adjuncts_and_conjoined_clauses() {
    let text = "The teachers' union rejected the offer, saying, “It cuts pay in real terms.”\n\n\
                Residents said the water had receded by noon, and the fire chief noted that two roads were still shut.\n\n\
                The council called for an audit of the flood barriers.";
    let q = quotes(text);
    assert!(
        speaker_of(&q, "It cuts pay").is_some_and(|s| s.contains("union")),
        "{:?}",
        summary(&q)
    );
    assert_eq!(speaker_of(&q, "the water"), Some("Residents"));
    assert_eq!(content_of(&q, "said"), "the water had receded by noon");
    assert_eq!(speaker_of(&q, "two roads"), Some("the fire chief"));
    assert_eq!(speaker_of(&q, "an audit"), Some("The council"));
}

#[test]
fn clauses_and_objects_after_a_cue() {
    let q = quotes("Inspector Ruiz said guards are reviewing a recording that shows the gate.");
    assert_eq!(
        content_of(&q, "said"),
        "guards are reviewing a recording that shows the gate"
    );
    let q = quotes("Mayor Lind said no agreement had been reached on the bus lanes.");
    assert_eq!(content_of(&q, "said"), "no agreement had been reached on the bus lanes");
    assert!(quotes("Mayor Lind said no to the tram extension.").is_empty());
}

#[test]
fn a_second_cue_cuts_the_first_content() {
    let q = quotes("Dr. Amara Essien said the vaccine was safe but made clear that supplies were short.");
    assert_eq!(content_of(&q, "said"), "the vaccine was safe");
    assert_eq!(content_of(&q, "made clear"), "supplies were short");
    let q = quotes("Ana Duarte said she would appeal, though she conceded the odds were poor.");
    assert_eq!(content_of(&q, "said"), "she would appeal");
    assert_eq!(content_of(&q, "conceded"), "the odds were poor");
}

#[test]
fn a_speaker_after_the_modifiers_of_its_subject() {
    let q = quotes("Aides travelling with the president said the summit would open a day late.");
    assert!(
        speaker_of(&q, "the summit").is_some_and(|s| s.starts_with("Aides")),
        "{:?}",
        summary(&q)
    );
    let q = quotes("Medics in the town of Kassala said four patients had been moved.");
    assert!(
        speaker_of(&q, "four patients").is_some_and(|s| s.starts_with("Medics")),
        "{:?}",
        summary(&q)
    );
}

#[test]
fn a_name_after_the_cue_and_words_that_describe_the_person() {
    let text = "Fishermen in the port town gathered on the quay on Sunday.\n\n\
                “We cannot sell what we cannot catch,” said 52-year-old trawler captain Joao Pereirinha.\n\n\
                “The nets come back empty,” says harbour clerk Ines Mourato. “But we keep going.”";
    let coded = code(text);
    let q = &coded.quotes;
    assert_eq!(speaker_of(q, "We cannot sell"), Some("Joao Pereirinha"));
    assert_eq!(speaker_of(q, "The nets come"), Some("Ines Mourato"));
    assert_eq!(speaker_of(q, "But we keep"), Some("Ines Mourato"));
    assert_eq!(q.len(), 3);
    // Both are people of the article's entity table, and the speakers point at them.
    for name in ["Joao Pereirinha", "Ines Mourato"] {
        let e = coded
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name} in {:?}", coded.entities));
        assert_eq!(e.kind, EntityKind::Person);
        let quoted = q
            .iter()
            .find(|x| x.speaker.as_ref().and_then(|s| s.name.as_deref()) == Some(name));
        assert_eq!(quoted.and_then(|x| x.speaker.as_ref()?.entity), Some(e.id), "{name}");
    }
}

#[test]
fn a_pronoun_without_an_entity_is_the_latest_speaker_it_fits() {
    let text = "Harbour operators gathered in the port on Friday.\n\n\
                Veldmark Shipping Company said in a statement that it had received no notice of the seizure.\n\n\
                “Veldmark Shipping Company follows every rule of the ports where it works,” it added.";
    let coded = code(text);
    let q = &coded.quotes;
    assert_eq!(speaker_of(q, "it had received"), Some("Veldmark Shipping Company"));
    assert_eq!(
        speaker_of(q, "Veldmark Shipping Company follows"),
        Some("Veldmark Shipping Company")
    );
    // The speaker is named where the pronoun stands.
    assert_eq!(mention_of(text, q, "Veldmark Shipping Company follows"), "it");
    let company = coded
        .entities
        .iter()
        .find(|e| e.name == "Veldmark Shipping Company")
        .expect("an entity for the company");
    assert_eq!(company.kind, EntityKind::Organization);
}

#[test]
fn a_reported_clause_may_open_with_its_own_subject_and_verb_before_that() {
    let text = "Ines Duarte, an aide to the mayor, said the council rejected claims that the budget was cut.";
    let q = quotes(text);
    assert_eq!(
        content_of(&q, "said"),
        "the council rejected claims that the budget was cut"
    );
    let text = "The agency said its inspectors confirmed that the site was closed.";
    let q = quotes(text);
    assert_eq!(
        content_of(&q, "said"),
        "its inspectors confirmed that the site was closed"
    );
    // Adjuncts before "that" still lead to the complementiser.
    let text = "The agency said in a statement issued on Monday that the site was closed.";
    let q = quotes(text);
    assert_eq!(content_of(&q, "said"), "the site was closed");
}

#[test]
fn a_reported_clause_may_open_with_a_quantity_word() {
    let text = "Rural police said more than 40 cattle were stolen in the raid.";
    assert_eq!(
        content_of(&quotes(text), "said"),
        "more than 40 cattle were stolen in the raid"
    );
    let text = "The governor said little had changed since the floods.";
    assert_eq!(content_of(&quotes(text), "said"), "little had changed since the floods");
    // Without a verb it is no clause: "said more about it" reports nothing.
    let text = "The governor said more about the floods on Friday.";
    assert!(quotes(text).is_empty());
}

#[test]
fn a_pronoun_subject_or_an_adverb_does_not_hide_the_reported_clause() {
    let text = "Kowalski said he discovered that in March a clerk had shredded the files.";
    assert_eq!(
        content_of(&quotes(text), "said"),
        "he discovered that in March a clerk had shredded the files"
    );
    let text = "Dana Levi, a ministry spokeswoman, insisted the regional officials only learned on Sunday that the dam failed.";
    assert_eq!(
        content_of(&quotes(text), "insisted"),
        "the regional officials only learned on Sunday that the dam failed"
    );
}

#[test]
fn speakers_named_together_speak_together() {
    let text = "Ghana, Togo and Benin said on Friday that they would share the cost of the bridge.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "they would share"), Some("Ghana, Togo and Benin"));
    assert_eq!(
        code_of(&q, "they would share"),
        None,
        "three countries have no one code"
    );
    let text = "“We will not give up,” Joe Biden and Kamala Harris said.";
    let q = quotes(text);
    assert_eq!(speaker_of(&q, "We will not"), Some("Joe Biden and Kamala Harris"));
    assert_eq!(q[0].speaker.as_ref().and_then(|s| s.country.as_deref()), Some("USA"));
    // One speaker whose phrase holds a list is no joint speaker.
    let text = "Peskov, the spokesman, said the talks with Kenya and Tanzania would resume.";
    assert_eq!(speaker_of(&quotes(text), "the talks with"), Some("Dmitry Peskov"));
}

#[test]
fn an_adverb_opening_the_sentence_is_no_speaker() {
    let text = "Reza Karimi, an Iranian farmer, shrugs. But then, while his neighbours cheer, he grins and says, \
                \"Fine, the gate stays open.\"";
    assert_eq!(speaker_of(&quotes(text), "Fine, the gate"), Some("Reza Karimi"));
    let text = "Ana Souza, a Brazilian nurse, waits at the gate. Now, as the bus pulls away, she turns and says, \
                \"We will come back tomorrow.\"";
    assert_eq!(speaker_of(&quotes(text), "We will come back"), Some("Ana Souza"));
}

#[test]
fn an_attribution_inside_the_sentence_bounds_the_reported_clause() {
    // What was said runs across the attribution ("..., medics say, overwhelming ...").
    let text = "At least 40 people were hurt, medics say, overwhelming the clinics.";
    assert_eq!(
        content_of(&quotes(text), "say"),
        "At least 40 people were hurt, medics say, overwhelming the clinics"
    );
    // After a conjunction the reported clause follows the attribution.
    let text = "The governor urged calm because, she said, the army would stay in its barracks.";
    assert_eq!(content_of(&quotes(text), "said"), "the army would stay in its barracks");
    // A subject split from its verb by the attribution keeps the whole sentence.
    let text = "The talks, the envoy said, will resume in Doha next week.";
    assert_eq!(
        content_of(&quotes(text), "said"),
        "The talks, the envoy said, will resume in Doha next week"
    );
}

#[test]
fn a_relative_clause_with_a_phrase_of_its_own_keeps_its_speaker() {
    let text = "\"Nobody asked us,\" one farmer who grows maize in the valley told the radio station.\n\n\
                \"The water came at night,\" a nurse who works at the clinic near the bridge said.";
    let coded = code(text);
    assert_eq!(
        speaker_of(&coded.quotes, "Nobody asked"),
        Some("one farmer who grows maize in the valley")
    );
    assert_eq!(
        speaker_of(&coded.quotes, "The water came"),
        Some("a nurse who works at the clinic near the bridge")
    );
}

#[test]
fn a_participle_cue_before_a_colon_attributes_the_quotation_after_it() {
    // "with X shouting:" — the phrase after "with" speaks; "by shouting:" — the sentence's subject does.
    let text = "Thousands marched through Minsk, with one pensioner shouting: \"We are not afraid of you!\"\n\n\
                The mayor closed the session by shouting: \"This council is adjourned until Monday!\"\n\n\
                Fans filled the square, with some supporters yelling: \"Bring the cup home!\"";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "We are not afraid"), Some("one pensioner"));
    assert_eq!(speaker_of(&coded.quotes, "This council"), Some("The mayor"));
    assert_eq!(speaker_of(&coded.quotes, "Bring the cup"), Some("some supporters"));
    // Plain words before a participle elsewhere are no speaker: "kept everyone guessing" says nothing.
    let coded = code("The delay kept everyone guessing whether the vote would happen at all this week.");
    assert!(coded.quotes.is_empty(), "{:?}", coded.quotes);
}

#[test]
fn a_document_from_or_by_a_body_takes_its_actor() {
    let text = "A statement from the Chilean foreign ministry said the ambassador had been recalled.\n\n\
                A letter by the Nigerian senate said the loans were illegal.";
    let coded = code(text);
    assert_eq!(code_of(&coded.quotes, "the ambassador"), Some("CHLGOV"));
    assert_eq!(
        speaker_of(&coded.quotes, "the ambassador"),
        Some("A statement from the Chilean foreign ministry")
    );
    assert_eq!(code_of(&coded.quotes, "the loans").map(|c| &c[..3]), Some("NGA"));
}

#[test]
fn a_dateline_opening_the_sentence_is_no_subject() {
    let text = "QUITO, Ecuador (Reuters) - Senator Marta Illescas toured the flooded valley on Friday and said \
                the levees had failed.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the levees"), Some("Marta Illescas"));
    let text = "HELSINKI — The Finnish border agency closed two crossings overnight, saying that migrants were \
                being pushed toward the fence.";
    let coded = code(text);
    assert!(code_of(&coded.quotes, "migrants were").is_some_and(|c| c.starts_with("FIN")));
}

#[test]
fn a_clause_that_introduces_a_quotation_with_a_colon_gives_its_speaker() {
    // No speech verb: the subject of the lead-in speaks.
    let text = "Harbour director Pavel Ostrov took a harder line in a radio interview: “No ship will dock \
                here until the fees are paid.”";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "No ship"), Some("Pavel Ostrov"));
    // Across a paragraph break, with a pronoun for the subject.
    let text = "Mayor Ingrid Salo spent the morning with the flood crews.\n\n\
                She was blunt about the cost of the repairs:\n\n\
                “We will need every cent the region has promised us, and more.”";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "We will need"), Some("Ingrid Salo"));
    // A known person's name alone before the colon labels the quotation.
    let text = "The council met on Monday to vote on the levy.\n\n\
                Councillor Ilse Vandermeer: “This levy punishes the smallest shops first.”";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "This levy"), Some("Ilse Vandermeer"));
    // A subject that cannot speak ("the reason") leaves the quotation to the previous speaker.
    let text = "“We lost the vote,” Ines Marlow conceded. The reason was simple: “They knocked on more doors.”";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "They knocked"), Some("Ines Marlow"));
}

#[test]
fn sentence_openers_are_no_speakers() {
    // An adverb before a comma, a participle clause, a "City, State" after a place.
    let text = "Notably, the auditor said the ledgers had been altered.\n\n\
                Reaching the checkpoint, the inspectors searched every truck, believing that rifles were \
                hidden in the cargo.\n\n\
                At a rally in Fresno, California, Governor Lyle Banner repeated his pledge, arguing that the dam \
                must be rebuilt.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the ledgers"), Some("the auditor"));
    assert_eq!(speaker_of(&coded.quotes, "rifles were"), Some("the inspectors"));
    assert_eq!(speaker_of(&coded.quotes, "the dam must"), Some("Lyle Banner"));
}

#[test]
fn an_unattributed_quotation_paragraph_after_narration_is_its_persons() {
    let text = "Trade Minister Odile Ferrand opened the summit with a long speech.\n\n\
                She defended the tariffs, and she mocked her critics in the chamber.\n\n\
                “Nobody who has run a factory believes these numbers. Nobody.”";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "Nobody who"), Some("Odile Ferrand"));
    // Narration about a thing gives no speaker.
    let text = "The old bridge over the river closed in April after engineers found cracks.\n\n\
                “Nobody who has crossed it recently will be surprised by this.”";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "Nobody who"), None);
}

#[test]
fn a_role_noun_that_speaks_takes_the_countrys_actor_and_is_named_as_written() {
    let text = "KAMPALA — Uganda's government raised fuel duties on Monday. A senior police officer said \
                the marches would be dispersed. One official told reporters that the duty would stay.";
    let coded = code(text);
    assert_eq!(code_of(&coded.quotes, "the marches"), Some("UGACOP"));
    assert_eq!(
        speaker_of(&coded.quotes, "the marches"),
        Some("A senior police officer")
    );
    assert_eq!(code_of(&coded.quotes, "the duty"), Some("UGAGOV"));
    assert_eq!(speaker_of(&coded.quotes, "the duty"), Some("One official"));
}

#[test]
fn retorts_are_speech_cues() {
    let text = "“That is simply false,” Councillor Roald Brekke shot back.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "That is simply"), Some("Roald Brekke"));
    let text = "Referee Tomas Ilves lost his patience. “Clear the pitch now,” Ilves barked at the fans.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "Clear the pitch"), Some("Tomas Ilves"));
}

#[test]
fn a_relative_pronoun_before_the_cue_is_the_speakers_mention() {
    let text = "The tour was led by Oskar Lindqvist, who said the glacier had shrunk by a third.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the glacier"), Some("Oskar Lindqvist"));
    assert_eq!(mention_of(text, &coded.quotes, "the glacier"), "who");
    // A relative clause that ends before the cue leaves the mention on the name.
    let text = "Minister Farida Osei, who chaired the talks in Accra, told reporters the deal was close.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the deal"), Some("Farida Osei"));
    assert_eq!(mention_of(text, &coded.quotes, "the deal"), "Farida Osei");
}

#[test]
fn a_list_of_countries_after_of_belongs_to_the_speaker_phrase() {
    let text = "Trade ministers of Ghana, Togo, Benin and Niger met in Lome on Friday, saying the corridor \
                would open in May.";
    let coded = code(text);
    assert_eq!(
        speaker_of(&coded.quotes, "the corridor"),
        Some("Trade ministers of Ghana, Togo, Benin and Niger")
    );
    // A person named before "of": the list is no part of the name.
    let text = "Envoy Mari Koskinen of Finland, who chaired the round, said the talks had ended.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the talks"), Some("Mari Koskinen"));
}

#[test]
fn a_document_that_reads_is_the_speaker() {
    let text = "“Voters deserve a straight answer,” the editorial read.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "Voters deserve"), Some("the editorial"));
    assert_eq!(quote(&coded.quotes, "Voters deserve").cue.as_deref(), Some("read"));
}

#[test]
fn a_document_named_in_an_opening_adjunct_or_under_another_noun_speaks_for_its_issuer() {
    // The issuer is the subject after "In a press release,"; "the statement" is that release.
    let text = "In a press release, the Kenyan finance ministry says fuel duties will rise in July.\n\n\
                “Prices at the pump will be reviewed every month,” the statement reads.";
    let coded = code(text);
    assert_eq!(code_of(&coded.quotes, "Prices at the pump"), Some("KENGOV"));
    assert_eq!(mention_of(text, &coded.quotes, "Prices at the pump"), "the statement");
    // The issuer before the document, another document noun later.
    let text = "Chile's foreign ministry published a communique on Sunday about the border dispute. \
                The statement added that talks with Bolivia would resume.";
    let coded = code(text);
    assert_eq!(code_of(&coded.quotes, "talks with Bolivia"), Some("CHLGOV"));
}

#[test]
fn a_time_phrase_opening_the_sentence_is_no_subject() {
    let text = "Last year, Governor Nia Obeng played down the audit and argued that the figures were old.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the figures"), Some("Nia Obeng"));
    let text = "Minister Paulo Nhaca arrived late. This week, he toured the port of Beira, saying the quays \
                would be rebuilt.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the quays"), Some("Paulo Nhaca"));
}

#[test]
fn a_name_in_apposition_after_an_inverted_description_speaks() {
    let text = "Tarek Saadi was sentenced in absentia.\n\n“The verdict will not stand,” said his lawyer, Nour \
                Khalil.\n\n“He was never in the country,” says his sister, Rania.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "The verdict"), Some("Nour Khalil"));
    assert_eq!(speaker_of(&coded.quotes, "He was never"), Some("Rania"));
    // A relative clause after the description is no name.
    let text = "“The shipment has left,” said a police officer, who asked not to be named.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "The shipment"), Some("a police officer"));
}

#[test]
fn a_description_before_a_named_speaker_is_no_part_of_the_quotation() {
    let text = "“The court ignored the evidence,” her father, Yusuf Demir, said after the hearing.";
    let coded = code(text);
    assert_eq!(coded.quotes.len(), 1, "{:?}", summary(&coded.quotes));
    assert_eq!(coded.quotes[0].kind, QuoteKind::Direct);
    assert_eq!(coded.quotes[0].text, "The court ignored the evidence,");
    assert_eq!(speaker_of(&coded.quotes, "The court"), Some("Yusuf Demir"));
    let text = "The dam will be finished by spring, the agency's director, Elif Kaya, told reporters.";
    let coded = code(text);
    assert_eq!(coded.quotes[0].text, "The dam will be finished by spring");
    assert_eq!(speaker_of(&coded.quotes, "The dam"), Some("Elif Kaya"));
}

#[test]
fn a_time_phrase_between_subject_and_cue_is_no_speaker() {
    let text = "Senator Dana Whitfield (D-Calif.) last week said the email chains were harmless.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the email chains"), Some("Dana Whitfield"));
    let text = "The Kenyan finance ministry on Monday said fuel duties would rise.";
    let coded = code(text);
    assert_eq!(code_of(&coded.quotes, "fuel duties"), Some("KENGOV"));
}

#[test]
fn a_time_phrase_of_several_words_between_subject_and_cue_is_no_speaker() {
    // "late on Monday", "earlier this week": the words before the day belong to the time phrase.
    let text = "Governor Lyle Banner spoke in Tampa.\n\n\"The bridge stays shut,\" Banner late on Monday told \
                a crowd of drivers.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "The bridge stays"), Some("Lyle Banner"));
    let text = "Power cuts will end by June, the Tanzanian energy ministry early on Friday told lawmakers.";
    let coded = code(text);
    assert_eq!(code_of(&coded.quotes, "Power cuts"), Some("TZAGOV"));
}

#[test]
fn a_participle_inside_an_opening_adjunct_reports_the_main_subjects_words() {
    // The adjunct runs past the cue and its clause; the main clause's subject insisted, and the reported
    // clause ends at the adjunct's comma.
    let text = "After touring the flooded valley and insisting that the dams had held, Governor Rosa Quispe \
                returned to Lima on Monday.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the dams had held"), Some("Rosa Quispe"));
    assert_eq!(quote(&coded.quotes, "the dams had held").text, "the dams had held");
    let text = "Before signing the order, and stressing that no jobs would be lost, the Peruvian foreign ministry \
                met union leaders.";
    let coded = code(text);
    assert_eq!(code_of(&coded.quotes, "no jobs would"), Some("PERGOV"));
    assert_eq!(quote(&coded.quotes, "no jobs would").text, "no jobs would be lost");
}

#[test]
fn a_dateline_split_from_its_agency_is_still_no_subject() {
    // The sentence splitter ends a sentence after "Fla."; the agency and dash open the next one.
    let text = "Storm cleanup begins.\n\nTAMPA, Fla. (Reuters) - Governor Lyle Banner toured the flooded \
                streets on Friday and said aid would arrive within days.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "aid would"), Some("Lyle Banner"));
}

#[test]
fn an_adjective_and_to_before_the_cue_leave_the_subject_speaking() {
    let text = "Governor Lyle Banner was quick to add that the tolls would stay.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the tolls"), Some("Lyle Banner"));
    let text = "Younger farmers are far more likely to say that the subsidies helped them.";
    let coded = code(text);
    assert_eq!(speaker_of(&coded.quotes, "the subsidies"), Some("Younger farmers"));
    // Only speech: "determined to make sure" reports nothing.
    let text = "The unions are determined to make sure the plant stays open.";
    assert!(code(text).quotes.is_empty());
}

#[test]
fn a_description_ending_in_a_role_noun_after_the_can_speak() {
    let text = "The Idaho Republican said that the vote was rushed.";
    let coded = code(text);
    let speaker = speaker_of(&coded.quotes, "the vote").expect("a speaker");
    assert!(speaker.ends_with("Idaho Republican"), "{speaker}");
    let text = "The Ohio Democrat told reporters the budget was late.";
    let coded = code(text);
    assert!(speaker_of(&coded.quotes, "the budget").is_some_and(|s| s.ends_with("Ohio Democrat")));
}

#[test]
fn transcript_turns_name_their_speaker_even_inside_quotation_marks() {
    let text = "The senator spoke to the host on Sunday.\n\n\"HOST: Will you vote for the budget on Tuesday?\n\n\
                \"KOWALSKI: No, and I have told the leadership so. The numbers do not work.";
    let qs = quotes(text);
    assert_eq!(speaker_of(&qs, "HOST: Will you"), Some("HOST"));
    assert_eq!(speaker_of(&qs, "KOWALSKI: No"), Some("KOWALSKI"));
    let text = "The interview aired late.\n\nMODERATOR: What happens to the mine now?\n\n\
                OYELARAN: We keep it open until the inspectors finish, and then we decide.";
    let qs = quotes(text);
    assert_eq!(speaker_of(&qs, "We keep it open"), Some("OYELARAN"));
    assert_eq!(mention_of(text, &qs, "We keep it open"), "OYELARAN");
}

#[test]
fn a_story_label_in_capitals_is_no_speaker() {
    let text = "The mayor resigned on Friday.\n\nEXCLUSIVE: The city council will vote on a successor next week, \
                two members said.";
    let qs = quotes(text);
    assert!(
        qs.iter()
            .all(|q| q.speaker.as_ref().and_then(|s| s.name.as_deref()) != Some("EXCLUSIVE"))
    );
    let text = "UPDATE: The ferry service to the island resumed this morning after the storm passed, and the \
                harbour reopened.";
    let qs = quotes(text);
    assert!(
        qs.iter()
            .all(|q| q.speaker.as_ref().and_then(|s| s.name.as_deref()) != Some("UPDATE"))
    );
}

#[test]
fn a_description_with_a_slash_before_the_name_after_the_cue() {
    let text = "“The new rules will not hold up in court,” said 9/11 widow Ana Reyes.";
    assert_eq!(speaker_of(&quotes(text), "The new rules"), Some("Ana Reyes"));
    let text = "“Nobody asked us before the road closed,” says 24/7 shop owner Tomas Brandt.";
    assert_eq!(speaker_of(&quotes(text), "Nobody asked us"), Some("Tomas Brandt"));
}

#[test]
fn an_outlet_quoting_somebody_after_the_quotation_gives_the_quoted_person() {
    let text = "The port was closed on Monday.\n\n\"Nothing will move until the cranes are fixed,\" the state news \
                agency quoted Ilse Brandt as saying.";
    assert_eq!(speaker_of(&quotes(text), "Nothing will move"), Some("Ilse Brandt"));
    let text = "Rain flooded the valley overnight. “We lost every field on the river side,” the regional \
                paper quoted farmer Odile Marchand as saying on Tuesday.";
    assert_eq!(speaker_of(&quotes(text), "We lost every field"), Some("Odile Marchand"));
}

#[test]
fn a_message_saying_something_speaks_for_its_sender() {
    let text = "The Chilean navy issued a statement on Monday saying the trawler had entered closed waters.";
    let qs = quotes(text);
    assert_eq!(speaker_of(&qs, "the trawler had entered"), Some("Chilean navy"));
    assert_eq!(code_of(&qs, "the trawler had entered"), Some("CHLMIL"));
    let text = "The union sent a letter to members saying the strike would go ahead in March.";
    let qs = quotes(text);
    assert_eq!(mention_of(text, &qs, "the strike would go ahead"), "The union");
}

#[test]
fn a_reported_clause_may_follow_a_day_or_a_channel_without_that() {
    // Wire copy drops "that" after a time phrase: the clause after the day is the content, not part of it.
    let text = "Peru's transport ministry said on Tuesday the mountain road would stay closed until spring.";
    assert_eq!(
        content_of(&quotes(text), "said"),
        "the mountain road would stay closed until spring"
    );
    let text = "The dockers' union said in a statement its members had voted to strike.";
    assert_eq!(content_of(&quotes(text), "said"), "its members had voted to strike");
    let text = "Harbour officials said on June 9 the pier had been repaired.";
    assert_eq!(content_of(&quotes(text), "said"), "the pier had been repaired");
    // A noun phrase after the day that is no clause stays an adjunct: nothing is reported.
    let text = "The council said on Monday the decision.";
    assert!(quotes(text).is_empty());
}

#[test]
fn a_surname_that_is_also_a_month_speaks() {
    let text = "Theresa May toured the port in Leeds in May.\n\n\
                \u{201c}Exports are recovering,\u{201d} May said. May told reporters that a deal was close.";
    let q = quotes(text);
    assert_eq!(q.len(), 2, "{:?}", summary(&q));
    for quote in &q {
        let sp = quote.speaker.as_ref().expect("a speaker");
        assert_eq!(sp.name.as_deref(), Some("Theresa May"));
    }
}

#[test]
fn a_speaker_without_affiliation_is_presumed_to_speak_for_the_story_country() {
    // Nobody gives Okonkwo a country; the story is about Nigeria (named three times).
    let text = "Nigeria's senate passed the budget on Friday. Nigerian lawmakers cheered, and Nigeria's \
                president is expected to sign it.\n\n\"This budget builds roads,\" said Chidi Okonkwo.";
    let q = quotes(text);
    let sp = quote(&q, "This budget").speaker.as_ref().expect("a speaker");
    assert_eq!(sp.name.as_deref(), Some("Chidi Okonkwo"));
    assert_eq!(sp.country.as_deref(), Some("NGA"));
    // A presumption, not a coded actor: no code, so no event is built on it.
    assert_eq!(sp.code, None);
    // An article about no country presumes nothing.
    let text = "\"Rain is coming,\" said Chidi Okonkwo.";
    let q = quotes(text);
    assert_eq!(q[0].speaker.as_ref().and_then(|s| s.country.clone()), None);
}

#[test]
fn the_group_speaks_for_the_organisation_named_before() {
    let text = "The Coalition for Clean Rivers filed a complaint against the tannery on Wednesday.\n\n\
                \u{201c}The fish are dying,\u{201d} the group said. The organisation added that it would sue.";
    let q = quotes(text);
    for starts in ["The fish", "it would sue"] {
        let sp = quote(&q, starts).speaker.as_ref().expect("a speaker");
        assert_eq!(sp.name.as_deref(), Some("Coalition for Clean Rivers"), "{starts}");
        assert!(sp.entity.is_some());
    }
    // A group the article never named stays as written.
    let text = "\u{201c}We will march again,\u{201d} the group said.";
    let q = quotes(text);
    assert_eq!(q[0].speaker.as_ref().and_then(|s| s.name.as_deref()), Some("the group"));
}

#[test]
fn a_time_phrase_between_the_subject_and_the_cue_is_no_speaker() {
    let text = "Senator Ada Brisco, who late on Tuesday said the bill needed more work, held up the vote.";
    let q = quotes(text);
    let sp = q[0].speaker.as_ref().expect("a speaker");
    assert_eq!(sp.name.as_deref(), Some("Ada Brisco"));
    let text = "Tomasz Wrona, who in the past has said strikes were a last resort, led the dockers' march.";
    let q = quotes(text);
    assert_eq!(
        q.first()
            .and_then(|q| q.speaker.as_ref())
            .and_then(|s| s.name.as_deref()),
        Some("Tomasz Wrona")
    );
}

#[test]
fn a_commentator_by_trade_is_presumed_to_speak_for_no_country() {
    let text = "Chile's copper exports fell in March. Chile's mines were shut by strikes, and Chile's unions \
                vowed to go on.\n\nSome economists said the slump would pass by summer.";
    let q = quotes(text);
    let sp = quote(&q, "the slump").speaker.as_ref().expect("a speaker");
    assert_eq!(sp.country, None);
}

#[test]
fn people_met_where_the_story_happens_speak_after_an_inverted_cue() {
    let text = "Farmers blocked the ring road outside Lyon for a third day.\n\n\"We cannot pay for diesel,\" \
                said one demonstrator. \"Nobody listens,\" said a woman holding a placard.";
    let quotes = quotes(text);
    assert_eq!(speaker_of(&quotes, "We cannot pay"), Some("one demonstrator"));
    assert_eq!(speaker_of(&quotes, "Nobody listens"), Some("a woman"));
}
