//! Speech acts: a reporting verb that is itself an action (warn, accuse, urge, deny, praise, ...) has the quote's
//! speaker as its source and, when the verb names no addressee, the actor the quoted content is about as its
//! target. Inside a direct quotation, "we" and "I" stand for the speaker.

use super::emit::{Candidate, Party};
use super::engine::Ctx;
use super::frames;
use super::grammar::Class;
use super::lexicon::Frame;
use super::sentence::Sent;
use super::syntax;
use super::verbgroup::VerbGroup;
use detente_records::{Actor, Mention, MentionKind, Quote, QuoteKind};

/// The quote whose cue (the speech verb) covers the byte span `start..end`.
pub fn quote_of_cue(quotes: &[Quote], candidates: &[usize], start: usize, end: usize) -> Option<usize> {
    candidates
        .iter()
        .copied()
        .find(|&q| quotes[q].cue_span.is_some_and(|c| c.start < end && start < c.end))
}

/// The speaker of a quote as an event party, when the speaker is a coded actor.
pub fn speaker(q: &Quote) -> Option<Party> {
    let sp = q.speaker.as_ref()?;
    let code = sp.code.clone().filter(|c| !c.is_empty())?;
    let named_person = sp
        .name
        .as_deref()
        .is_some_and(|n| n.split_whitespace().count() >= 2 && n.chars().next().is_some_and(char::is_uppercase));
    Some(Party {
        actor: Actor {
            code,
            country: sp.country.clone(),
            org: sp.org.clone(),
            role: sp.role.clone(),
            name: sp.name.clone(),
        },
        kind: if named_person && sp.role.is_some() {
            MentionKind::Person
        } else {
            MentionKind::Organization
        },
    })
}

/// The speaker of a quotation is named within sentence `s`.
pub fn speaker_named_in(q: &Quote, s: &Sent) -> bool {
    q.speaker
        .as_ref()
        .and_then(|sp| sp.mention)
        .is_some_and(|m| s.span.start <= m.start && m.end <= s.span.end)
}

/// The actor at byte `start` opens the quote's content: at most three words before it.
fn opens_the_content(q: &Quote, start: usize) -> bool {
    q.text
        .get(..start.saturating_sub(q.start))
        .is_some_and(|before| before.split_whitespace().count() <= 3)
}

/// The first actor the quote's content names that is not the speaker: what a warning or an accusation is about.
pub fn content_target(q: &Quote, mentions: &[Mention], source: &Actor) -> Option<Party> {
    let from = mentions.partition_point(|m| m.end <= q.start);
    let subject_is_an_actor = mentions[from..]
        .first()
        .is_some_and(|m| m.start < q.end && opens_the_content(q, m.start));
    if q.kind == QuoteKind::Indirect && !subject_is_an_actor {
        return None;
    }
    mentions[from..]
        .iter()
        .take_while(|m| m.start < q.end)
        .filter(|m| m.end <= q.end && !m.actor.code.is_empty())
        .filter(|m| m.kind != MentionKind::Pronoun)
        // Reported content is about its subject ("warned that Iran would ..."), or, when the speaker's own side
        // is the subject, about whom it acts on; an actor deeper in content whose subject is no actor ("warned
        // that deficits would hurt the outlook for Peru") is not whom the warning is aimed at.
        .find(|m| {
            m.actor.code != source.code
                && m.actor
                    .country
                    .as_ref()
                    .is_none_or(|c| source.country.as_ref() != Some(c) || m.actor.role != source.role)
        })
        .map(|m| Party {
            actor: m.actor.clone(),
            kind: m.kind,
        })
}

/// "X said Y must V": a demand by X on Y (an appeal with "should"), coded by what Y must do.
pub fn obligations(ctx: &Ctx) -> Vec<Candidate> {
    let s = ctx.s;
    let mut out = Vec::new();
    if s.question {
        return out;
    }
    for k in 0..s.len() {
        let demand = s.is(k, Class::Obligation) || s.is(k, Class::ObligationVerb) && s.w(k + 1) == "to";
        let appeal = s.is(k, Class::Advice);
        if !(demand || appeal) {
            continue;
        }
        if passive_after(s, k) {
            // "X must be held accountable" judges X; it asks nothing of X.
            continue;
        }
        let Some((source, how)) = reporter(ctx, k) else {
            continue;
        };
        let Some(target) = syntax::subject_left_of(s, k) else {
            continue;
        };
        let targets: Vec<Party> = ctx.parties(Some(&target));
        if targets
            .iter()
            .any(|t| t.actor.code == source.actor.code || private_party(&t.actor))
            || s.is(k.saturating_sub(1), Class::FirstPerson)
        {
            continue;
        }
        let frame = if demand { Frame::Demand } else { Frame::Appeal };
        let (code, governs) = match frames::governed(s, &ctx.coder.lexicon, k) {
            Some(g) => {
                let governed = &ctx.coder.lexicon.entries[g.entry].code;
                match ctx.coder.complements.refine(frame, governed) {
                    Some(c) => (c.to_string(), format!("; governs {:?}", s.between(g.first, g.last))),
                    None => (default_code(frame).to_string(), String::new()),
                }
            }
            None => (default_code(frame).to_string(), String::new()),
        };
        let trigger = (s.toks[k].start, s.toks[k].end);
        let word = s.w(k);
        let mut c = Candidate::bare(
            &format!("modal:{word}"),
            &code,
            trigger,
            format!("reported obligation; source: {how}; target: subject of {word:?}{governs}"),
        );
        c.sources = vec![source];
        c.targets = targets;
        c.quote = s.toks[k].quote;
        out.push(c);
    }
    out
}

/// Families, companies, newspapers, schools: what such parties "must" or "should" do is advice or analysis, not a
/// demand one political actor makes of another ("these families should not have to wait", "both banks need to
/// cut costs").
fn private_party(actor: &Actor) -> bool {
    actor
        .role
        .as_deref()
        .is_some_and(|r| matches!(r, "CVL" | "BUS" | "MED" | "EDU" | "HLH" | "REF" | "LAB" | "AGR"))
}

/// "X is responsible for the attack", reported by Y: Y accuses X (112).
pub fn blame(ctx: &Ctx) -> Vec<Candidate> {
    let s = ctx.s;
    let mut out = Vec::new();
    for k in 1..s.len() {
        let to_blame = s.w(k) == "to" && s.w(k + 1) == "blame";
        if !(s.is(k, Class::BlamePredicate) || to_blame) || !copula_before(s, k) {
            continue;
        }
        let g = VerbGroup::read(s, k, k, None);
        if g.negated || s.question {
            continue;
        }
        out.extend(accusation_of_subject(
            ctx,
            k,
            g.first,
            "predicate",
            "blame laid in reported speech",
            |_| true,
        ));
    }
    out
}

/// An accusation (112) of the subject left of token `first` by whoever reports the clause of token `k` (the
/// trigger), when the subject is an actor other than the reporter and `fits` it.
fn accusation_of_subject(
    ctx: &Ctx,
    k: usize,
    first: usize,
    kind: &str,
    what: &str,
    fits: impl Fn(&Party) -> bool,
) -> Option<Candidate> {
    let s = ctx.s;
    let (source, how) = reporter(ctx, k)?;
    let targets: Vec<Party> = ctx.parties(Some(&syntax::subject_left_of(s, first)?));
    if targets.is_empty() || targets.iter().any(|t| t.actor.code == source.actor.code || !fits(t)) {
        return None;
    }
    let mut c = Candidate::bare(
        &format!("{kind}:{}", s.w(k)),
        "112",
        (s.toks[k].start, s.toks[k].end),
        format!("{what}; source: {how}"),
    );
    c.sources = vec![source];
    c.targets = targets;
    c.quote = s.toks[k].quote;
    Some(c)
}

/// "Kenya said Somalia had lied about the border", "officials say the ministry ignored warnings": a
/// deed of wrongdoing told of another actor by whoever reports it is an accusation (112) of that actor.
pub fn wrongdoing(ctx: &Ctx) -> Vec<Candidate> {
    let s = ctx.s;
    let mut out = Vec::new();
    if s.question {
        return out;
    }
    for k in 1..s.len() {
        if !s.is(k, Class::Wrongdoing) || !right_after_an_actor(s, k) {
            continue;
        }
        let g = VerbGroup::read(s, k, k, None);
        if g.negated || told_in_doubt(s, g.first) || s.is(g.first.saturating_sub(1), Class::FirstPerson) {
            continue;
        }
        out.extend(accusation_of_subject(
            ctx,
            k,
            g.first,
            "wrongdoing",
            "wrongdoing told of another in reported speech",
            |t| t.kind != MentionKind::Pronoun,
        ));
    }
    out
}

/// "Russia (had) (also) interfered": the verb follows an actor's mention, with only adverbs and "have" between, so
/// it is a verb of that actor ("security breaches", "his lies" are nouns; "were misled" is passive).
fn right_after_an_actor(s: &Sent, k: usize) -> bool {
    let mut j = k;
    while j > 0 && (s.is_adverb(j - 1) || s.is(j - 1, Class::Have)) {
        j -= 1;
    }
    j.checked_sub(1).is_some_and(|p| s.toks[p].actor.is_some())
}

/// "did not say whether X lied", "asked if X had lied": the clause at `k` follows "whether" or "if", or a reporting
/// verb that is negated.
fn told_in_doubt(s: &Sent, k: usize) -> bool {
    for j in (0..k).rev() {
        if s.is_any(j, &[Class::QuestionWord, Class::Conditional]) {
            return true;
        }
        if s.is(j, Class::Reporting) && !s.is(j, Class::Preposition) {
            return VerbGroup::read(s, j, j, None).negated;
        }
    }
    false
}

/// A form of "be" before token `k`, adverbs aside ("was clearly behind"). "Get" is no copula here: to "get
/// behind" a cause is to support it.
fn copula_before(s: &Sent, k: usize) -> bool {
    let mut j = k;
    while j > 0 && s.is_adverb(j - 1) {
        j -= 1;
    }
    j.checked_sub(1)
        .is_some_and(|b| s.is(b, Class::Be) && !s.w(b).starts_with("get") && s.w(b) != "got")
}

/// "must (not) be taken", "should have been held": a passive after the modal.
fn passive_after(s: &Sent, k: usize) -> bool {
    let mut j = k + 1;
    while j < s.len() && (s.is(j, Class::Negator) || s.is_adverb(j) || s.w(j) == "to" || s.is(j, Class::Have)) {
        j += 1;
    }
    s.is(j, Class::Be) && s.w(j + 1).ends_with("ed")
}

fn default_code(frame: Frame) -> &'static str {
    if frame == Frame::Demand { "100" } else { "020" }
}

/// Who reports the clause at `k`: the speaker of the quotation that holds it, or the speaker or subject of a
/// reporting verb before it in the sentence.
pub fn reporter(ctx: &Ctx, k: usize) -> Option<(Party, &'static str)> {
    let s = ctx.s;
    if let Some(p) = s.in_quote(k).and_then(speaker) {
        return Some((p, "the quote's speaker"));
    }
    let r = (0..k)
        .rev()
        .find(|&r| s.is(r, Class::Reporting) && !s.is(r, Class::Preposition))?;
    if let Some(p) =
        quote_of_cue(ctx.quotes, &s.cue_quotes, s.toks[r].start, s.toks[r].end).and_then(|q| speaker(&ctx.quotes[q]))
    {
        return Some((p, "the speaker of the reporting verb"));
    }
    let g = VerbGroup::read(s, r, r, None);
    let subject = syntax::subject(s, &g)?;
    ctx.parties(Some(&subject))
        .into_iter()
        .next()
        .map(|p| (p, "the subject of the reporting verb"))
}

/// The speaker of the direct quotation that holds a first-person subject at token `k` ("we will respond").
pub fn first_person_speaker(s: &Sent, k: usize) -> Option<Party> {
    if !s.is(k, Class::FirstPerson) {
        return None;
    }
    speaker(s.in_quote(k)?)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{actor, mentions};
    use super::*;
    use detente_records::{QuoteKind, Span, Speaker};

    fn quote(text: &str, content: &str, cue: &str, code: &str) -> Quote {
        let start = text.find(content).unwrap();
        let c = text.find(cue).unwrap();
        let a = actor(code);
        Quote {
            kind: QuoteKind::Indirect,
            start,
            end: start + content.len(),
            text: content.into(),
            cue: Some(cue.into()),
            cue_span: Some(Span::new(c, c + cue.len())),
            speaker: Some(Speaker {
                name: Some("Ana Ruiz".into()),
                mention: None,
                code: Some(a.code),
                country: a.country,
                org: None,
                role: a.role,
                entity: None,
            }),
        }
    }

    #[test]
    fn the_speaker_acts_and_the_content_names_the_target() {
        let text = "Ana Ruiz warned that Bolivia and Peru were massing troops.";
        let q = quote(text, "Bolivia and Peru were massing troops", "warned", "CHLGOV");
        let ms = mentions(text, &[("Ana Ruiz", "CHLGOV"), ("Bolivia", "BOL"), ("Peru", "PER")]);
        let sp = speaker(&q).unwrap();
        assert_eq!((sp.actor.code.as_str(), sp.kind), ("CHLGOV", MentionKind::Person));
        assert_eq!(content_target(&q, &ms, &sp.actor).unwrap().actor.code, "BOL");
        assert_eq!(
            quote_of_cue(
                std::slice::from_ref(&q),
                &[0],
                text.find("warned").unwrap(),
                text.find("warned").unwrap() + 6
            ),
            Some(0)
        );
        assert_eq!(quote_of_cue(&[q], &[0], 0, 3), None);
    }

    #[test]
    fn the_speakers_own_side_is_no_target() {
        let text = "The minister said Chile would never accept Peru's claim.";
        let q = quote(text, "Chile would never accept Peru's claim", "said", "CHLGOV");
        let ms = mentions(text, &[("Chile", "CHLGOV"), ("Peru", "PER")]);
        let sp = speaker(&q).unwrap();
        assert_eq!(content_target(&q, &ms, &sp.actor).unwrap().actor.code, "PER");
    }
}
