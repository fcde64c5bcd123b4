use super::*;
use crate::text::segment;
use detente_records::{Actor, MentionKind, Resolution};

fn extractor() -> QuoteExtractor {
    QuoteExtractor::load(&[]).unwrap()
}

fn extract_with(text: &str, mentions: &[Mention]) -> Vec<Quote> {
    let quotes = extractor().extract(text, &segment(text), mentions);
    // Spans are exact, sorted and on char boundaries.
    for q in &quotes {
        assert_eq!(&text[q.start..q.end], q.text);
        if let Some(c) = q.cue_span {
            assert_eq!(Some(&text[c.start..c.end]), q.cue.as_deref());
        }
        if let Some(m) = q.speaker.as_ref().and_then(|s| s.mention) {
            let _ = &text[m.start..m.end];
        }
    }
    assert!(quotes.windows(2).all(|w| w[0].start <= w[1].start));
    quotes
}

fn extract(text: &str) -> Vec<Quote> {
    extract_with(text, &[])
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

fn speaker_of<'q>(quotes: &'q [Quote], starts: &str) -> Option<&'q str> {
    let q = quotes
        .iter()
        .find(|q| q.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no quote {starts:?} in {:?}", summary(quotes)));
    q.speaker.as_ref().and_then(|s| s.name.as_deref())
}

fn mention(text: &str, surface: &str, kind: MentionKind, code: &str, name: Option<&str>, entity: usize) -> Mention {
    let start = text.find(surface).unwrap();
    Mention {
        start,
        end: start + surface.len(),
        text: surface.to_string(),
        actor: Actor {
            code: code.into(),
            country: Some(code[..3].into()),
            org: None,
            role: code.get(3..).filter(|r| !r.is_empty()).map(str::to_string),
            name: name.map(str::to_string),
        },
        via: Resolution::Dictionary,
        kind,
        entity,
        gender: None,
        plural: false,
    }
}

#[test]
fn direct_quote_then_continuation_in_the_next_sentence() {
    let text = "Foreign Minister Anna Berg spoke in Oslo.\n\n“We are ready to talk about the border,” Berg told reporters. “Nobody wants another winter of shelling.”";
    let q = extract(text);
    assert_eq!(
        summary(&q),
        [
            (
                QuoteKind::Direct,
                "We are ready to talk about the border,".into(),
                Some("told".into()),
                Some("Anna Berg".into())
            ),
            (
                QuoteKind::Direct,
                "Nobody wants another winter of shelling.".into(),
                None,
                Some("Anna Berg".into())
            ),
        ]
    );
    // The mention is where the speaker is named for this quote: "Berg".
    let m = q[0].speaker.as_ref().unwrap().mention.unwrap();
    assert_eq!(m.of(text), "Berg");
}

#[test]
fn quote_interrupted_by_its_attribution_gives_two_quotes_one_speaker() {
    let text = "“The convoy will pass,” she said, “but only after the checkpoint opens.”";
    let q = extract(text);
    assert_eq!(q.len(), 2, "{:?}", summary(&q));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(q[1].cue, None);
    assert_eq!(
        q[0].speaker.as_ref().unwrap().mention,
        q[1].speaker.as_ref().unwrap().mention
    );
}

#[test]
fn inverted_attribution_with_title_and_apposition() {
    let text = "“There will be no retreat from the river,” said Defence Minister Karl Lind.\n\n\
                “Our patience is not endless,” Lind, a former general, said on Tuesday.";
    let q = extract(text);
    assert_eq!(speaker_of(&q, "There will be"), Some("Karl Lind"));
    assert_eq!(speaker_of(&q, "Our patience"), Some("Karl Lind"));
    assert_eq!(q.len(), 2);
}

#[test]
fn organisations_and_anonymous_groups_are_kept_as_written() {
    let text = "The Foreign Ministry said in a statement that the embassy would stay open.\n\n\
                Two senior officials said the talks had stalled over prisoner swaps.";
    let q = extract(text);
    assert_eq!(
        summary(&q),
        [
            (
                QuoteKind::Indirect,
                "the embassy would stay open".into(),
                Some("said".into()),
                Some("The Foreign Ministry".into())
            ),
            (
                QuoteKind::Indirect,
                "the talks had stalled over prisoner swaps".into(),
                Some("said".into()),
                Some("Two senior officials".into())
            ),
        ]
    );
}

#[test]
fn according_to_before_and_after_the_content() {
    let text = "The plan would cut troop numbers by half, according to the alliance.\n\n\
                According to Reuters, the ceasefire collapsed within hours.";
    let q = extract(text);
    assert_eq!(
        summary(&q),
        [
            (
                QuoteKind::Indirect,
                "The plan would cut troop numbers by half".into(),
                Some("according to".into()),
                Some("the alliance".into())
            ),
            (
                QuoteKind::Indirect,
                "the ceasefire collapsed within hours".into(),
                Some("According to".into()),
                Some("Reuters".into())
            ),
        ]
    );
}

#[test]
fn indirect_content_with_and_without_that() {
    let text = "Prime Minister Olga Sand met her cabinet on Monday.\n\n\
                Sand countered that the sanctions were hurting Europe more than Moscow.\n\n\
                The talks will resume next week, she said.\n\n\
                The border, she added, would stay closed until spring.";
    let q = extract(text);
    assert_eq!(q.len(), 3, "{:?}", summary(&q));
    assert_eq!(q[0].text, "the sanctions were hurting Europe more than Moscow");
    assert_eq!(q[0].cue.as_deref(), Some("countered"));
    assert_eq!(q[1].text, "The talks will resume next week");
    assert!(q[2].text.starts_with("The border"));
    assert!(
        q.iter()
            .all(|x| x.kind == QuoteKind::Indirect && x.speaker.as_ref().unwrap().name.as_deref() == Some("Olga Sand"))
    );
}

#[test]
fn mixed_quote_is_one_indirect_quote_with_its_fragment_inside() {
    let text = "The envoy said the proposal was “a serious basis for talks” and would be studied.";
    let q = extract(text);
    assert_eq!(q.len(), 1, "{:?}", summary(&q));
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(
        q[0].text,
        "the proposal was “a serious basis for talks” and would be studied"
    );
}

#[test]
fn nested_quotes_stay_inside_their_outer_quote() {
    let text = "“When they told us ‘the war is over,’ we did not believe them,” the mayor said.";
    let q = extract(text);
    assert_eq!(q.len(), 1);
    assert_eq!(
        q[0].text,
        "When they told us ‘the war is over,’ we did not believe them,"
    );
    assert_eq!(speaker_of(&q, "When they"), Some("the mayor"));
}

#[test]
fn odd_quote_count_damages_only_its_own_paragraph() {
    let text = "Residents called the \"safe zone a joke and left the town.\n\n\
                \"We will rebuild the bridge by the summer,\" the governor said.";
    let q = extract(text);
    assert_eq!(
        summary(&q),
        [(
            QuoteKind::Direct,
            "We will rebuild the bridge by the summer,".into(),
            Some("said".into()),
            Some("the governor".into())
        )]
    );
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let text = "The so-called “peace dividend” never came.\n\n\
                He reviewed the book “The Long Road Home Again” last year.\n\n\
                Critics called the vote a “sham.”";
    assert!(extract(text).is_empty(), "{:?}", summary(&extract(text)));
}

#[test]
fn multi_paragraph_quote_opens_each_paragraph_and_closes_once() {
    let text = "General Omar Haddad described the night.\n\n\
                “We heard the first shells at midnight,” Haddad said. “By morning the road was cut.\n\n\
                “We moved the wounded through the fields. Nobody slept.”";
    let q = extract(text);
    assert_eq!(q.len(), 3, "{:?}", summary(&q));
    assert_eq!(q[1].text, "By morning the road was cut.");
    assert_eq!(q[2].text, "We moved the wounded through the fields. Nobody slept.");
    assert!(
        q.iter()
            .all(|x| x.speaker.as_ref().unwrap().name.as_deref() == Some("Omar Haddad"))
    );
}

#[test]
fn pronouns_resolve_by_gender_and_recency() {
    let text = "Senator Maria Lopez met Ambassador John Reed in Geneva.\n\n\
                Reed said the meeting had been useful.\n\n\
                “We found common ground on the grain corridor,” she said.\n\n\
                “Not on everything,” he said, “but on enough.”";
    let q = extract(text);
    assert_eq!(speaker_of(&q, "the meeting"), Some("John Reed"));
    assert_eq!(speaker_of(&q, "We found"), Some("Maria Lopez"));
    assert_eq!(speaker_of(&q, "Not on everything"), Some("John Reed"));
    assert_eq!(speaker_of(&q, "but on enough"), Some("John Reed"));
    // The pronoun is the mention for this quote.
    let m = q
        .iter()
        .find(|x| x.text.starts_with("We found"))
        .unwrap()
        .speaker
        .as_ref()
        .unwrap()
        .mention
        .unwrap();
    assert_eq!(m.of(text), "she");
}

#[test]
fn title_only_speaker_resolves_to_the_person_with_that_title() {
    let text = "Kremlin spokesman Ivan Petrov denied the report.\n\n\"No such order was given,\" the spokesman said.";
    let q = extract(text);
    assert_eq!(speaker_of(&q, "No such order"), Some("Ivan Petrov"));
}

#[test]
fn boilerplate_lines_are_skipped() {
    let text = "“The harbour is mined,” the admiral said.\nCLICK HERE FOR MORE NEWS ABOUT THE HARBOUR\nSign up for our newsletter, says the editor.";
    let q = extract(text);
    assert_eq!(q.len(), 1);
}

#[test]
fn speaker_takes_actor_fields_from_the_mention() {
    let text = "Defence Minister Karl Lind said the army would withdraw from the ridge.";
    let m = mention(
        text,
        "Defence Minister Karl Lind",
        MentionKind::Person,
        "NORGOV",
        Some("Karl Lind"),
        4,
    );
    let q = extract_with(text, &[m]);
    let s = q[0].speaker.as_ref().unwrap();
    assert_eq!(
        (
            s.name.as_deref(),
            s.code.as_deref(),
            s.country.as_deref(),
            s.role.as_deref(),
            s.entity
        ),
        (Some("Karl Lind"), Some("NORGOV"), Some("NOR"), Some("GOV"), Some(4))
    );
}

#[test]
fn actor_stage_pronoun_link_is_used_when_no_antecedent_is_found_here() {
    // The article never names the speaker; the actor stage knows who "she" is from its own data.
    let text = "She said the harvest would be late this year.";
    let m = mention(text, "She", MentionKind::Pronoun, "FRAGOV", Some("Claire Dubois"), 2);
    let q = extract_with(text, &[m]);
    let s = q[0].speaker.as_ref().unwrap();
    assert_eq!(
        (s.name.as_deref(), s.code.as_deref(), s.entity),
        (Some("Claire Dubois"), Some("FRAGOV"), Some(2))
    );
    assert_eq!(s.mention.unwrap().of(text), "She");
}

#[test]
fn actor_stage_pronoun_link_of_the_wrong_gender_is_overridden() {
    let text = "Senator Maria Lopez met Ambassador John Reed.\n\n“The corridor stays open,” she said.";
    let m = mention(text, "she", MentionKind::Pronoun, "USAGOV", Some("John Reed"), 7);
    let q = extract_with(text, &[m]);
    assert_eq!(speaker_of(&q, "The corridor"), Some("Maria Lopez"));
}

#[test]
fn credit_lines_name_the_speaker_of_a_quotation() {
    let text = "“Nobody in this city believes the curfew will end soon.”\n\nLena Vogt, Berlin Courier\n\n\
                “The river will decide the war.” ― Tomas Ek";
    let q = extract(text);
    assert_eq!(speaker_of(&q, "Nobody in this city"), Some("Lena Vogt"));
    assert_eq!(speaker_of(&q, "The river"), Some("Tomas Ek"));
}

#[test]
fn nouns_that_look_like_cues_are_not_cues() {
    let text = "The State Department report said nothing new. Her claims about the convoy were false.";
    let q = extract(text);
    assert!(q.iter().all(|x| x.cue.as_deref() != Some("State")), "{:?}", summary(&q));
    assert!(q.iter().all(|x| x.cue.as_deref() != Some("claims")));
}

#[test]
fn user_cue_files_extend_the_lexicon() {
    let text = "The general harrumphed that the plan was naive.";
    assert!(extract(text).is_empty());
    let user = DictionarySource {
        name: "extra.cues.toml".into(),
        text: "[cues]\nspeech = [\"harrumph\"]\n".into(),
    };
    let qx = QuoteExtractor::load(&[user]).unwrap();
    let q = qx.extract(text, &segment(text), &[]);
    assert_eq!(
        summary(&q),
        [(
            QuoteKind::Indirect,
            "the plan was naive".into(),
            Some("harrumphed".into()),
            Some("The general".into())
        )]
    );
}

#[test]
fn output_is_deterministic() {
    let text = "“We will talk,” she said. Officials said the meeting was set for Friday, according to the ministry.";
    let a = extract(text);
    let b = extract(text);
    assert_eq!(a, b);
}

#[test]
fn adjuncts_participles_and_conjoined_clauses() {
    let text = "The mayor said of the governor, “He has never visited the flooded districts.”\n\n\
                The union criticised the plan, saying, “It will cost thousands of jobs.”\n\n\
                Officials said the bridge would reopen in May, and the engineer noted that repairs were ahead of schedule.\n\n\
                The council called for an independent inquiry into the contracts.";
    let q = extract(text);
    assert_eq!(speaker_of(&q, "He has never"), Some("The mayor"));
    assert_eq!(speaker_of(&q, "It will cost"), Some("The union"));
    assert_eq!(speaker_of(&q, "the bridge would reopen"), Some("Officials"));
    assert_eq!(speaker_of(&q, "repairs were ahead"), Some("the engineer"));
    assert_eq!(
        q.iter().find(|x| x.text.starts_with("the bridge")).unwrap().text,
        "the bridge would reopen in May"
    );
    assert_eq!(speaker_of(&q, "an independent inquiry"), Some("The council"));
}
