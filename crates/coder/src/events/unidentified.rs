//! Violence whose doer the text does not name: "Gunmen killed four police officers", "Two soldiers were killed in
//! an ambush", "Attackers launched an assault on a checkpoint". Conflict data keeps such attacks with an
//! unidentified source (CAMEO writes an unknown actor as `---`; GDELT leaves Actor1 blank): an analyst counting
//! the attacks a side suffers needs them, and the side attacked is known.

use super::emit::Party;
use super::grammar::Class;
use super::lexicon::{Lexicon, Payload, Pos};
use super::modality::Mood;
use super::sentence::Sent;
use super::verbgroup::VerbGroup;
use detente_records::{Actor, MentionKind};

/// The code of a source the text does not name.
pub const CODE: &str = "---";

/// Whether a code is the unidentified source.
pub fn is_unidentified(code: &str) -> bool {
    code == CODE
}

/// The unidentified source.
pub fn party() -> Party {
    Party {
        actor: Actor {
            code: CODE.to_string(),
            ..Actor::default()
        },
        kind: MentionKind::Organization,
    }
}

/// An act of root `root` by verb group `g` with no source found stands with an unidentified one: violence
/// (assault, fighting, mass violence) reported as done, not denied, against a side the sentence names, whose
/// doer the sentence leaves unnamed ([`doer_unnamed`]).
pub fn stands_for(s: &Sent, lexicon: &Lexicon, g: &VerbGroup, root: u8, targets: &[Party], mood: Mood) -> bool {
    matches!(root, 18..=20)
        && !targets.is_empty()
        && matches!(mood, Mood::Factual)
        && !g.negated
        && doer_unnamed(s, lexicon, g)
}

/// The sentence leaves the doer of verb group `g` unnamed: an active verb whose subject is a word for unnamed
/// attackers or a weapon ("Gunmen killed", "A roadside bomb hit"); or a passive with no agent, of an attack verb
/// ("the convoy was ambushed"), or of harm caused by a weapon or an attack named after it in the clause ("were
/// killed in an ambush", "wounded by a mine"; not "killed in a crash").
fn doer_unnamed(s: &Sent, lexicon: &Lexicon, g: &VerbGroup) -> bool {
    // ("sent young men to fight": an infinitive's doer is whoever governs it.)
    if g.infinitive {
        return false;
    }
    if g.passive {
        return s.is(g.head, Class::ViolentPassive) || violence_after(s, lexicon, g.last);
    }
    // The subject stands between the clause's opening and the verb, also across a first predicate ("gunmen
    // stormed the village and burned ..."): at most twelve words back, up to a comma, "that", a relative or a
    // subordinator, or a reporting verb.
    (g.first.saturating_sub(12)..g.first)
        .rev()
        .take_while(|&k| {
            !(s.is_punct(k, &[",", ";", ":", "—", "–", "(", ")", "“", "”", "\""])
                || s.w(k) == "that"
                || s.is_any(k, &[Class::Relative, Class::Subordinator, Class::Reporting]))
        })
        .any(|k| s.toks[k].actor.is_none() && s.is_any(k, &[Class::UnnamedAttacker, Class::Weapon]))
}

/// A weapon or an attack noun after token `from`, in its clause.
fn violence_after(s: &Sent, lexicon: &Lexicon, from: usize) -> bool {
    let attack_noun = |k: usize| {
        s.matches.iter().any(|m| {
            m.first == k
                && matches!(m.payload, Payload::Entry(e, _)
                    if lexicon.entries[e].pos == Pos::Noun && matches!(lexicon.entries[e].root(), 18..=20))
        })
    };
    (from + 1..s.len())
        .take_while(|&k| !s.is_punct(k, &[",", ";", ".", ":"]))
        .any(|k| s.is(k, Class::Weapon) || attack_noun(k))
}
