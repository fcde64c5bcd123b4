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

fn content_of<'q>(quotes: &'q [Quote], cue: &str) -> &'q str {
    quotes
        .iter()
        .find(|q| q.cue.as_deref() == Some(cue))
        .map(|q| q.text.as_str())
        .unwrap_or_else(|| panic!("no quote with cue {cue:?} in {:?}", summary(quotes)))
}

#[test]
fn relative_that_after_a_finite_verb_is_not_the_complementiser() {
    let q = extract("Chief Moss said officers are holding a tape that shows the blast.");
    assert_eq!(
        content_of(&q, "said"),
        "officers are holding a tape that shows the blast"
    );
}

#[test]
fn no_opens_a_subject_clause() {
    let q = extract("Jane Roe said no final decision had been made about the appeal.");
    assert_eq!(
        content_of(&q, "said"),
        "no final decision had been made about the appeal"
    );
    // "said no to" is an answer, not a clause.
    assert!(extract("Jane Roe said no to the offer from the board.").is_empty());
}

#[test]
fn written_object_is_no_content() {
    // "wrote his memoir" takes an object; the later "said that" is the attribution.
    let q = extract("Back when he wrote his memoir, Mr. Vale said that he saw debt as a last resort.");
    assert_eq!(summary(&q).len(), 1, "{:?}", summary(&q));
    assert_eq!(content_of(&q, "said"), "he saw debt as a last resort");
}

#[test]
fn name_inside_an_apposition_is_the_speaker() {
    let q = extract("A lawyer for the two papers, Tom Quill, said the appeal would be filed within a week.");
    assert_eq!(speaker_of(&q, "the appeal"), Some("Tom Quill"));
}

#[test]
fn that_clause_running_past_a_quotation_is_mixed() {
    let q = extract("Aide Rosa Lind said via email that, “Of course he will defend himself” against the attacks.");
    assert_eq!(q.len(), 1, "{:?}", summary(&q));
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert!(q[0].text.ends_with("against the attacks"));
}

#[test]
fn outlet_noun_refers_to_an_organisation_not_a_person() {
    let q = extract("Mayor Olsen said crews were ready. The network said it would send a reporter to the scene.");
    assert_eq!(speaker_of(&q, "it would send"), Some("The network"));
}

#[test]
fn participles_after_prepositions_adverbs_and_and() {
    let q = extract("The ministry defended the review in arguing that blame lies with junior staff.");
    assert_eq!(speaker_of(&q, "blame lies"), Some("The ministry"));
    let q = extract("Villagers are quoted as saying that pilgrims gathered at the shrine every week.");
    assert_eq!(speaker_of(&q, "pilgrims gathered"), Some("Villagers"));
    let q = extract("The senator met reporters while also making clear that the bill would not pass.");
    assert_eq!(speaker_of(&q, "the bill would"), Some("The senator"));
    let q = extract("The spokesman read from the memo and saying the plan was consistent with the law.");
    assert_eq!(speaker_of(&q, "the plan was"), Some("The spokesman"));
    let q =
        extract("At about the same time, official Dora Finch spoke while also making clear that no action was due.");
    assert_eq!(speaker_of(&q, "no action"), Some("Dora Finch"));
}

#[test]
fn coordinated_cue_cuts_the_first_content() {
    let q = extract("Merkel said the exit should not take long but made clear that the timing was up to London.");
    assert_eq!(content_of(&q, "said"), "the exit should not take long");
    assert_eq!(content_of(&q, "made clear"), "the timing was up to London");
    let q = extract("The ministry welcomed the inquiry but has firmly denied any troops were ever deployed.");
    assert_eq!(speaker_of(&q, "any troops"), Some("The ministry"));
}

#[test]
fn time_adjunct_between_subject_and_cue() {
    let q = extract("The Obama administration on Friday said it would proceed with the new levies.");
    assert_eq!(speaker_of(&q, "it would proceed"), Some("The Obama administration"));
}

#[test]
fn inner_cue_wins_over_a_trailing_according_to() {
    let q = extract(
        "On Friday, spokeswoman Jane Roe confirmed the call was set for Friday evening according to the broadcaster.",
    );
    assert_eq!(q.len(), 1, "{:?}", summary(&q));
    assert_eq!(q[0].cue.as_deref(), Some("confirmed"));
    assert_eq!(q[0].text, "the call was set for Friday evening");
    assert_eq!(speaker_of(&q, "the call"), Some("Jane Roe"));
}

#[test]
fn sentence_ending_in_a_colon_introduces_the_next_quotation() {
    let text = "Dale Ortiz immediately fired back at the remark after the game on Sunday:\n\n“I will not be quiet about this. I owe it to my players.”";
    let q = extract(text);
    assert_eq!(speaker_of(&q, "I will not"), Some("Dale Ortiz"));
    let q = extract("The star player brazenly stated, like only a loyal fan could: “We apologize to everyone.”");
    assert_eq!(q.len(), 1, "{:?}", summary(&q));
    assert!(q[0].speaker.is_some());
}

#[test]
fn name_before_an_apposition_after_a_subordinator() {
    let q = extract("The move came after Pat Navarre, the White House trade council director said there is no deal.");
    assert_eq!(speaker_of(&q, "there is no deal"), Some("Pat Navarre"));
}

#[test]
fn acronym_speaker_takes_the_spelled_out_name() {
    let q = extract(
        "The Korean Central News Agency published the text on Friday.\n\nThe talks will resume soon, KCNA reported.",
    );
    assert_eq!(speaker_of(&q, "The talks"), Some("Korean Central News Agency"));
}

#[test]
fn it_refers_to_an_organisation_opening_the_sentence_before() {
    let text = "North Korea staged a parade for its army on Sunday. It has firmly denied any missile was fired.";
    let m = [mention(text, "North Korea", MentionKind::Country, "PRK", None, 0)];
    let q = extract_with(text, &m);
    assert_eq!(speaker_of(&q, "any missile"), Some("North Korea"));
}

#[test]
fn hopes_and_fears_are_cues_with_a_clause() {
    let q = extract("The Kremlin hopes the talks have now resumed for good.");
    assert_eq!(speaker_of(&q, "the talks"), Some("The Kremlin"));
    // A noun "hopes" without a clause is no cue.
    assert!(extract("Their hopes for a deal faded on Monday.").is_empty());
}

#[test]
fn subordinate_clause_with_its_own_cue_cuts_the_first_content() {
    let q = extract("Jane Roe said she would bring up the dispute, though she acknowledged the effort might fail.");
    assert_eq!(content_of(&q, "said"), "she would bring up the dispute");
    assert_eq!(content_of(&q, "acknowledged"), "the effort might fail");
}

#[test]
fn saying_after_by_reports_speech_but_urging_does_not() {
    let q = extract("The governor answered the mother on Wednesday by saying his refusal was a made-up issue.");
    assert_eq!(speaker_of(&q, "his refusal"), Some("The governor"));
    assert!(extract("The ministry tried to isolate the firm by urging nations to resist its products.").is_empty());
}

#[test]
fn according_to_at_the_start_takes_the_clause_after_its_comma() {
    let q = extract("According to a new report by the Daily Planet, party insiders are trying to raise turnout.");
    assert_eq!(q.len(), 1, "{:?}", summary(&q));
    assert_eq!(q[0].text, "party insiders are trying to raise turnout");
}

#[test]
fn plain_addressee_and_place_before_that() {
    let q = extract("He told an invited crowd at the Union League club in the city that he wants a new policy.");
    assert_eq!(content_of(&q, "told"), "he wants a new policy");
}

#[test]
fn quantifier_opens_a_speaker_phrase() {
    let q = extract("In a joint letter, senators from both parties say she has earned a name for fairness.");
    assert_eq!(speaker_of(&q, "she has earned"), Some("both parties"));
}

#[test]
fn outlet_noun_refers_to_the_acronym_named_just_before() {
    let q = extract(
        "Jane Roe confirmed the visit was planned, according to KTV-NEWS. The news outlet notes that the two ministers met in May.",
    );
    assert_eq!(speaker_of(&q, "the two ministers"), Some("KTV-NEWS"));
}

#[test]
fn quotation_closing_its_sentence_leaves_the_next_cue_its_own_clause() {
    let text = "The envoy called the launch an act of \"reckless defiance.\" President Lee Ann Park said the regime was \"out of control.\"";
    let q = extract(text);
    let said = q
        .iter()
        .find(|q| q.cue.as_deref() == Some("said"))
        .expect("an attribution with said");
    assert!(said.text.starts_with("the regime was"), "{:?}", summary(&q));
    assert_eq!(
        said.speaker.as_ref().and_then(|s| s.name.as_deref()),
        Some("Lee Ann Park")
    );
    // A quotation ending with a comma still takes the cue after it.
    let q = extract("“We will not give up on the talks,” said Foreign Minister Anna Berg.");
    assert_eq!(speaker_of(&q, "We will not"), Some("Anna Berg"));
}

#[test]
fn time_phrase_after_the_cue_ends_at_a_subject_pronoun() {
    let q = extract("Donald Trump said after the rally he would not sign the pledge.");
    assert_eq!(content_of(&q, "said"), "he would not sign the pledge");
    // "of the days when he ...": the pronoun belongs to the relative clause.
    assert!(extract("The farmer dreamed of the years when he and his brothers worked the land.").is_empty());
}

#[test]
fn apposition_after_a_parenthesis() {
    let q = extract("Rep. Gregory Mead (D-N.Y.), chairman of the caucus fund, said members will help him raise cash.");
    assert_eq!(speaker_of(&q, "members will"), Some("Gregory Mead"));
}

#[test]
fn coordinated_infinitive_stays_inside_the_content() {
    let q = extract(
        "Some analysts say the launches were designed to rally the army and show that the leader is in control.",
    );
    assert_eq!(q.len(), 1, "{:?}", summary(&q));
    assert!(q[0].text.ends_with("the leader is in control"));
    // A lone quantifier is no speaker phrase.
    assert!(extract("Two rebel groups, both mentioned in the memo, have since been blamed for the raid.").is_empty());
}
