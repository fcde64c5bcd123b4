//! `detente eval --by-cause`: every missed or extra event, classified by the stage that lost it, so that a
//! dictionary maintainer sees where to work: no trigger in the sentence, an actor the actor stage did not find,
//! actors and trigger present but no event, the wrong root, source or target, or factuality.

use crate::eval::{ActorFields, GoldArticle, GoldEvent, entity_match, lead_end};
use detente_records::{Actor, CodedArticle, Event};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Why a gold event was missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missed {
    /// The lexicon matched nothing in the sentence.
    NoTrigger,
    /// The gold source or target is not among the sentence's actor mentions.
    ActorMissing,
    /// A trigger and both actors are there, but no event joins them.
    NoEvent,
    /// An event joins the same actors with another root.
    WrongRoot,
    /// The right root and target, another source.
    WrongSource,
    /// The right root and source, another target.
    WrongTarget,
    /// Coded, but as not factual or negated.
    Factuality,
}

/// Why a predicted event matches no gold event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Extra {
    /// The gold has no event with these actors in this sentence.
    NoGoldEvent,
    /// The gold joins these actors with another root.
    WrongRoot,
    /// The gold has this root and target with another source.
    WrongSource,
    /// The gold has this root and source with another target.
    WrongTarget,
    /// The gold says this action did not happen (not factual, negated, or forbidden).
    Factuality,
}

impl Missed {
    fn describe(self) -> &'static str {
        match self {
            Missed::NoTrigger => "no trigger in the sentence",
            Missed::ActorMissing => "trigger, but an actor is missing from the mentions",
            Missed::NoEvent => "actors and trigger present, no event",
            Missed::WrongRoot => "wrong root",
            Missed::WrongSource => "wrong source",
            Missed::WrongTarget => "wrong target",
            Missed::Factuality => "coded as not factual or negated",
        }
    }
}

impl Extra {
    fn describe(self) -> &'static str {
        match self {
            Extra::NoGoldEvent => "no gold event with these actors",
            Extra::WrongRoot => "wrong root",
            Extra::WrongSource => "wrong source",
            Extra::WrongTarget => "wrong target",
            Extra::Factuality => "the gold says it did not happen",
        }
    }
}

/// Classified misses and extras, with one example line per case.
#[derive(Debug, Default)]
pub struct Causes {
    pub missed: BTreeMap<Missed, Vec<String>>,
    pub extra: BTreeMap<Extra, Vec<String>>,
}

impl Causes {
    /// The counts table, and with `verbose` every case.
    pub fn report(&self, verbose: bool) -> String {
        let mut out = String::new();
        let total_missed: usize = self.missed.values().map(Vec::len).sum();
        let total_extra: usize = self.extra.values().map(Vec::len).sum();
        let _ = writeln!(out, "missed events by cause ({total_missed}):");
        for (cause, cases) in &self.missed {
            let _ = writeln!(out, "  {:5}  {}", cases.len(), cause.describe());
        }
        let _ = writeln!(out, "extra events by cause ({total_extra}):");
        for (cause, cases) in &self.extra {
            let _ = writeln!(out, "  {:5}  {}", cases.len(), cause.describe());
        }
        if verbose {
            for (cause, cases) in &self.missed {
                let _ = writeln!(out, "\nmissed, {}:", cause.describe());
                for c in cases {
                    let _ = writeln!(out, "  {c}");
                }
            }
            for (cause, cases) in &self.extra {
                let _ = writeln!(out, "\nextra, {}:", cause.describe());
                for c in cases {
                    let _ = writeln!(out, "  {c}");
                }
            }
        }
        out
    }
}

/// Classifies every gold event of `gold` that `pred` misses and every factual predicted event that matches no
/// gold event. `triggers(article)` gives the number of lexicon triggers in each of its sentences.
pub fn classify(gold: &[GoldArticle], pred: &[CodedArticle], triggers: &dyn Fn(&CodedArticle) -> Vec<usize>) -> Causes {
    let by_id: HashMap<&str, &CodedArticle> = pred.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut causes = Causes::default();
    for g in gold {
        let Some(p) = by_id.get(g.id.as_str()) else { continue };
        let text = p.text.as_deref().or(g.text.as_deref()).unwrap_or("");
        let scope = if g.event_scope.as_deref() == Some("all") {
            text.len()
        } else {
            lead_end(text, 8)
        };
        let counts = triggers(p);
        let article = Article {
            gold: g,
            pred: p,
            text,
            scope,
            triggers: &counts,
        };
        article.missed(&mut causes);
        article.extras(&mut causes);
    }
    causes
}

struct Article<'a> {
    gold: &'a GoldArticle,
    pred: &'a CodedArticle,
    text: &'a str,
    scope: usize,
    triggers: &'a [usize],
}

impl Article<'_> {
    /// The predicted sentence that holds the gold sentence snippet.
    fn sentence_of(&self, snippet: &str) -> Option<usize> {
        let at = self.text.find(snippet)?;
        self.pred.sentences.iter().position(|s| s.start <= at && at < s.end)
    }

    fn events_in(&self, sentence: usize) -> impl Iterator<Item = &Event> {
        self.pred.events.iter().filter(move |e| e.sentence == sentence)
    }

    fn missed(&self, causes: &mut Causes) {
        for ge in &self.gold.events {
            if !ge.factual || ge.negated {
                continue;
            }
            let Some(si) = self.sentence_of(&ge.sentence) else {
                continue;
            };
            if self.pred.sentences[si].start >= self.scope {
                continue;
            }
            let (kind, source, target) = (
                |e: &Event| kind_ok(ge, e),
                |e: &Event| side_ok(&ge.source, &e.source),
                |e: &Event| side_ok_opt(&ge.target, e.target.as_ref()),
            );
            let fact = |e: &Event| e.factual && !e.negated;
            if self.events_in(si).any(|e| kind(e) && source(e) && target(e) && fact(e)) {
                continue;
            }
            let actors: Vec<&Actor> = self.mention_actors(si);
            let present = |want: &Option<String>| {
                want.as_deref()
                    .is_none_or(|w| actors.iter().any(|a| entity_match(w, Some((*a).into()))))
            };
            let cause = if self.events_in(si).any(|e| kind(e) && source(e) && target(e)) {
                Missed::Factuality
            } else if self.triggers.get(si).copied().unwrap_or(0) == 0 {
                Missed::NoTrigger
            } else if !present(&ge.source) || !present(&ge.target) {
                Missed::ActorMissing
            } else if self.events_in(si).any(|e| source(e) && target(e)) {
                Missed::WrongRoot
            } else if self.events_in(si).any(|e| kind(e) && target(e)) {
                Missed::WrongSource
            } else if self.events_in(si).any(|e| kind(e) && source(e)) {
                Missed::WrongTarget
            } else {
                Missed::NoEvent
            };
            causes.missed.entry(cause).or_default().push(format!(
                "{}[{si}] {}->{} {}: {}",
                self.gold.id,
                ge.source.as_deref().unwrap_or("-"),
                ge.target.as_deref().unwrap_or("-"),
                ge.root.as_deref().unwrap_or("-"),
                self.sentence_text(si)
            ));
        }
    }

    fn extras(&self, causes: &mut Causes) {
        for e in self.pred.events.iter().filter(|e| e.factual && !e.negated) {
            let Some(sent) = self.pred.sentences.get(e.sentence) else {
                continue;
            };
            if sent.start >= self.scope {
                continue;
            }
            let here: Vec<&GoldEvent> = self
                .gold
                .events
                .iter()
                .filter(|ge| self.sentence_of(&ge.sentence) == Some(e.sentence))
                .collect();
            let matches = |ge: &&&GoldEvent| {
                kind_ok(ge, e) && side_ok(&ge.source, &e.source) && side_ok_opt(&ge.target, e.target.as_ref())
            };
            let cause = match here.iter().find(matches) {
                Some(ge) if ge.factual && !ge.negated => continue,
                Some(_) => Extra::Factuality,
                None if here
                    .iter()
                    .any(|ge| side_ok(&ge.source, &e.source) && side_ok_opt(&ge.target, e.target.as_ref())) =>
                {
                    Extra::WrongRoot
                }
                None if here
                    .iter()
                    .any(|ge| kind_ok(ge, e) && side_ok_opt(&ge.target, e.target.as_ref())) =>
                {
                    Extra::WrongSource
                }
                None if here.iter().any(|ge| kind_ok(ge, e) && side_ok(&ge.source, &e.source)) => Extra::WrongTarget,
                None => Extra::NoGoldEvent,
            };
            causes.extra.entry(cause).or_default().push(format!(
                "{}[{}] {}->{} {} ({}): {}",
                self.gold.id,
                e.sentence,
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.code,
                e.rule,
                self.sentence_text(e.sentence)
            ));
        }
    }

    fn mention_actors(&self, si: usize) -> Vec<&Actor> {
        let s = &self.pred.sentences[si];
        self.pred
            .mentions
            .iter()
            .filter(|m| m.start < s.end && m.end > s.start)
            .map(|m| &m.actor)
            .collect()
    }

    fn sentence_text(&self, si: usize) -> String {
        let s = &self.pred.sentences[si];
        let t = self.text.get(s.start..s.end).unwrap_or("");
        t.chars().take(100).collect()
    }
}

/// The event has the gold event's root (or one of its alternative codes' roots), or its PLOVER type.
fn kind_ok(ge: &GoldEvent, e: &Event) -> bool {
    match &ge.plover {
        Some(want) => want
            .as_deref()
            .is_some_and(|w| e.plover.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(w))),
        None => {
            let root = e.code.get(..2).unwrap_or("");
            ge.root.as_deref() == Some(root) || ge.alt_codes.iter().any(|c| c.get(..2) == Some(root))
        }
    }
}

fn side_ok(want: &Option<String>, actor: &Actor) -> bool {
    want.as_deref()
        .filter(|w| !w.is_empty())
        .is_none_or(|w| entity_match(w, Some(ActorFields::from(actor))))
}

fn side_ok_opt(want: &Option<String>, actor: Option<&Actor>) -> bool {
    want.as_deref()
        .filter(|w| !w.is_empty())
        .is_none_or(|w| entity_match(w, actor.map(ActorFields::from)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_records::{Mention, MentionKind, Resolution, SCHEMA_VERSION, Sentence};

    fn actor(code: &str) -> Actor {
        Actor {
            code: code.into(),
            country: Some(code.into()),
            ..Actor::default()
        }
    }

    fn event(sentence: usize, source: &str, target: &str, code: &str) -> Event {
        crate::eval::tests::event(sentence, actor(source), Some(actor(target)), code)
    }

    fn gold_event(sentence: &str, source: &str, target: &str, root: &str) -> GoldEvent {
        GoldEvent {
            sentence: sentence.into(),
            source: Some(source.into()),
            target: Some(target.into()),
            root: Some(root.into()),
            ..GoldEvent::default()
        }
    }

    #[test]
    fn each_loss_is_put_down_to_its_stage() {
        let text = "Peru scolded Chile. Peru met Bolivia. Chile praised Peru. Peru hailed Ecuador. Peru saw Chile.";
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices('.') {
            sentences.push(Sentence {
                start,
                end: i + 1,
                boilerplate: false,
                paragraph: 0,
            });
            start = i + 2;
        }
        let mut mentions: Vec<Mention> = [
            ("Peru", "PER"),
            ("Chile", "CHL"),
            ("Bolivia", "BOL"),
            ("Ecuador", "ECU"),
        ]
        .iter()
        .flat_map(|&(word, code)| {
            text.match_indices(word).map(move |(i, _)| Mention {
                start: i,
                end: i + word.len(),
                text: word.into(),
                actor: actor(code),
                via: Resolution::Dictionary,
                kind: MentionKind::Country,
                entity: 0,
                gender: None,
                plural: false,
            })
        })
        .collect();
        mentions.sort_by_key(|m| m.start);
        let pred = CodedArticle {
            schema: SCHEMA_VERSION,
            id: "a".into(),
            source: None,
            date: None,
            title: None,
            url: None,
            text: Some(text.into()),
            sentences,
            mentions,
            quotes: Vec::new(),
            events: vec![
                event(1, "PER", "BOL", "111"),
                event(2, "CHL", "PER", "051"),
                event(4, "PER", "CHL", "040"),
            ],
            entities: Vec::new(),
        };
        let gold = GoldArticle {
            id: "a".into(),
            event_scope: Some("all".into()),
            events: vec![
                gold_event("Peru scolded Chile", "PER", "CHL", "11"),
                gold_event("Peru met Bolivia", "PER", "BOL", "04"),
                gold_event("Chile praised Peru", "CHL", "PER", "05"),
                gold_event("Peru hailed Ecuador", "PER", "ECU", "05"),
            ],
            ..GoldArticle::default()
        };
        // Sentence 0 has no trigger; sentence 3 has one but no event.
        let triggers = |_: &CodedArticle| vec![0, 1, 1, 1, 1];
        let causes = classify(&[gold], &[pred], &triggers);
        let count = |c: Missed| causes.missed.get(&c).map_or(0, Vec::len);
        assert_eq!(count(Missed::NoTrigger), 1, "{causes:?}");
        assert_eq!(count(Missed::WrongRoot), 1, "{causes:?}");
        assert_eq!(count(Missed::NoEvent), 1, "{causes:?}");
        assert_eq!(causes.missed.values().map(Vec::len).sum::<usize>(), 3, "{causes:?}");
        assert_eq!(causes.extra.get(&Extra::WrongRoot).map_or(0, Vec::len), 1, "{causes:?}");
        assert_eq!(
            causes.extra.get(&Extra::NoGoldEvent).map_or(0, Vec::len),
            1,
            "{causes:?}"
        );
        let report = causes.report(false);
        assert!(report.contains("  1  no trigger in the sentence"), "{report}");
    }
}
