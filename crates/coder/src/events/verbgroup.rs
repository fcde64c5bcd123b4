//! The verb group around a verbal trigger: its auxiliaries, modals, negation and voice ("has not yet been
//! attacked", "will meet", "to impose", "would never sign").

use super::grammar::Class;
use super::lexicon::FormKind;
use super::sentence::Sent;

/// What the words before a verb say about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerbGroup {
    /// First token of the group (the first auxiliary, or the verb itself).
    pub first: usize,
    /// The verb: the trigger's first token.
    pub head: usize,
    /// The trigger's last token (multi-word triggers: "crack down on").
    pub last: usize,
    pub form: Option<FormKind>,
    pub passive: bool,
    pub negated: bool,
    /// will, shall, 'll, "is going to", "is set to".
    pub future: bool,
    /// would, could, may, might, should, must.
    pub irrealis: bool,
    /// would specifically (future in the past in reported speech: "said it would impose").
    pub would: bool,
    /// "to V": the verb is governed by what stands before "to".
    pub infinitive: bool,
    /// Token of "to" when infinitive.
    pub to: Option<usize>,
    /// An auxiliary or a tensed form shows the verb is the predicate of its clause.
    pub has_aux: bool,
    /// has/have/had + participle.
    pub perfect: bool,
}

/// "suspended or | lifted", "arrested and | charged": a participle right after "and"/"or" that follows another
/// participle (a lexicon verb or a plain "-ed" form), read from the coordinator at `j`.
fn coordinated_participle(s: &Sent, j: usize, form: Option<FormKind>) -> bool {
    matches!(form, Some(FormKind::PastPart | FormKind::Participle))
        && s.is_word(j, &["or", "and"])
        && j > 0
        && s.toks[j - 1].word
        && !s.toks[j - 1].cap
        && s.toks[j - 1].actor.is_none()
        && (s.w(j - 1).ends_with("ed") || s.verb_at[j - 1])
}

impl VerbGroup {
    /// The verb group of a trigger over `head..=last` with the form the lexicon gave it.
    pub fn read(s: &Sent, head: usize, last: usize, form: Option<FormKind>) -> VerbGroup {
        let mut g = VerbGroup {
            first: head,
            head,
            last,
            form,
            ..VerbGroup::default()
        };
        let mut be = false;
        let mut i = head;
        while i > 0 {
            let j = i - 1;
            if s.toks[j].actor.is_some() || !s.toks[j].word {
                break;
            }
            let w = s.w(j);
            let cls = s.toks[j].cls;
            if cls.has(Class::Be) {
                // "'s" is "is" only before a participle or -ing form; otherwise it is a possessive.
                if (w == "'s" || w == "’s")
                    && !matches!(form, Some(FormKind::Ing | FormKind::PastPart | FormKind::Participle))
                {
                    break;
                }
                be = true;
                g.has_aux = true;
            } else if cls.has(Class::Have) {
                g.perfect = true;
                g.has_aux = true;
            } else if cls.has(Class::Do) {
                g.has_aux = true;
            } else if cls.has(Class::Future) {
                g.future = true;
                g.has_aux = true;
            } else if cls.has(Class::Irrealis) {
                g.irrealis = true;
                g.would |= w == "would" || w == "'d" || w == "’d";
                g.has_aux = true;
            } else if cls.has(Class::NegatedModal) {
                g.negated = true;
                g.has_aux = true;
                if w.starts_with("won") {
                    g.future = true;
                } else {
                    g.irrealis = true;
                    g.would |= w.starts_with("would");
                }
            } else if cls.has(Class::NegatedAux) {
                g.negated = true;
                g.has_aux = true;
                be |= ["isn", "aren", "wasn", "weren"].iter().any(|p| w.starts_with(p));
            } else if cls.has(Class::Negator) && w != "no" && w != "nor" {
                g.negated = true;
            } else if w == "to" {
                g.infinitive = true;
                g.to = Some(j);
                g.first = j;
                // "decided not to expel": the negation stands before "to".
                if j > 0 && s.is(j - 1, Class::Negator) && s.w(j - 1) != "no" {
                    g.negated = true;
                    g.first = j - 1;
                }
                break;
            } else if s.is_adverb(j) {
                // adverbs inside the group: "has also repeatedly attacked"
            } else if i == head && coordinated_participle(s, j, form) {
                // "could be suspended or lifted": the second participle shares the first one's auxiliaries.
                g.first = j - 1;
                i = j - 1;
                continue;
            } else {
                break;
            }
            g.first = j;
            i = j;
        }
        let participle = matches!(form, Some(FormKind::PastPart | FormKind::Participle));
        g.passive = be && participle;
        // "left without meeting the envoy": the act did not happen.
        if form == Some(FormKind::Ing) && g.first > 0 && s.w(g.first - 1) == "without" {
            g.negated = true;
        }
        if matches!(form, Some(FormKind::Third | FormKind::Past)) {
            g.has_aux = true;
        }
        g
    }

    /// A participle or -ing form standing alone after a noun or a comma: "the sanctions imposed on Iran",
    /// ", accusing Iran of".
    pub fn is_bare(&self) -> bool {
        !self.has_aux
            && !self.infinitive
            && matches!(
                self.form,
                Some(FormKind::Ing | FormKind::PastPart | FormKind::Participle)
            )
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::sent;
    use super::*;

    fn group(text: &str, verb: &str, form: FormKind) -> VerbGroup {
        let s = sent(text, &[]);
        let head = (0..s.len()).find(|&i| s.w(i) == verb).expect("verb in sentence");
        VerbGroup::read(&s, head, head, Some(form))
    }

    #[test]
    fn reads_auxiliaries_negation_and_voice() {
        let g = group(
            "The envoy has not yet been received by the king.",
            "received",
            FormKind::PastPart,
        );
        assert!(g.passive && g.negated && g.perfect && !g.future);
        assert_eq!(g.first, 2);
        let g = group("Ankara will probably retaliate.", "retaliate", FormKind::Base);
        assert!(g.future && !g.negated && !g.passive);
        let g = group("Quito wouldn't sign the accord.", "sign", FormKind::Base);
        assert!(g.negated && g.irrealis && g.would);
        let g = group("Lima won't sign the accord.", "sign", FormKind::Base);
        assert!(g.negated && g.future && !g.irrealis);
    }

    #[test]
    fn infinitives_stop_at_to() {
        let g = group("Oslo decided not to expel the attache.", "expel", FormKind::Base);
        assert!(g.infinitive && g.negated);
        assert_eq!((g.to, g.first), (Some(3), 2));
        let g = group("The rebels are attacking the depot.", "attacking", FormKind::Ing);
        assert!(!g.passive && g.has_aux);
    }

    #[test]
    fn a_possessive_s_is_no_auxiliary() {
        let g = group("Chile's ambassador met the minister.", "met", FormKind::PastPart);
        assert!(!g.passive);
        let g = group("The ship's been seized.", "seized", FormKind::PastPart);
        assert!(g.passive);
    }

    #[test]
    fn bare_participles_are_not_predicates() {
        let g = group(
            "Tariffs imposed by the bloc hurt exporters.",
            "imposed",
            FormKind::PastPart,
        );
        assert!(g.is_bare());
        let g = group("Peru imposed tariffs.", "imposed", FormKind::PastPart);
        assert!(
            g.is_bare(),
            "a past form alone is ambiguous; syntax decides from what stands before it"
        );
        let g = group("Peru imposes tariffs.", "imposes", FormKind::Third);
        assert!(!g.is_bare());
    }
}
