//! The context country: the country a sentence is about, for role nouns without one ("the government",
//! "officials said"). Countries named nearby weigh most; the article's main country fills in when nothing
//! is named nearby.

use crate::wordset::WordMap;

#[derive(Debug, Default)]
pub(super) struct CountryContext {
    /// (sentence, country as an index into `weights`, weight), in text order: a person or an official body
    /// (2) says more about whose story it is than a country named as a place or object (1).
    named: Vec<(usize, usize, usize)>,
    /// The weights summed over the article so far, by country.
    weights: Vec<(String, usize)>,
    index: WordMap<usize>,
    total: usize,
}

impl CountryContext {
    /// A mention of `country` with this weight in `sentence`.
    pub fn record(&mut self, sentence: usize, country: &str, weight: usize) {
        let index = match self.index.get(country) {
            Some(&i) => i,
            None => {
                self.weights.push((country.to_string(), 0));
                self.index.insert(country.to_string(), self.weights.len() - 1);
                self.weights.len() - 1
            }
        };
        self.weights[index].1 += weight;
        self.total += weight;
        self.named.push((sentence, index, weight));
    }

    /// The country of `sentence` and the one before: the only one, or the one that outweighs all others
    /// together ("the White House … Obama … the Israeli leader … Congress": the US). With nothing named
    /// there, the country the article is about, if it outweighs all others twice over.
    pub fn country(&self, sentence: usize) -> Option<&str> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut total = 0;
        // The latest few mentions only: a sentence that never ends costs no more.
        for &(si, c, w) in self.named.iter().rev().take(64) {
            if si + 1 < sentence {
                break;
            }
            total += w;
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += w,
                None => counts.push((c, w)),
            }
        }
        if total > 0 {
            let &(top, n) = counts.iter().max_by_key(|(_, n)| *n)?;
            return (2 * n > total).then(|| self.weights[top].0.as_str());
        }
        self.main()
    }

    /// The country the article is about so far: one that outweighs all others twice over.
    pub fn main(&self) -> Option<&str> {
        let (top, n) = self.weights.iter().max_by_key(|(_, n)| *n)?;
        (3 * n > 2 * self.total).then_some(top.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearby_countries_first_then_the_main_one() {
        let mut c = CountryContext::default();
        assert_eq!(c.country(0), None);
        c.record(0, "KEN", 2);
        c.record(0, "UGA", 1);
        assert_eq!(c.country(0), Some("KEN"));
        assert_eq!(c.country(1), Some("KEN"));
        // Equal weights nearby: no country.
        c.record(2, "UGA", 1);
        c.record(2, "TZA", 1);
        assert_eq!(c.country(2), None);
        // Far from every mention: the article's main country only when it outweighs the rest twice over.
        assert_eq!(c.country(9), None);
        c.record(3, "KEN", 5);
        assert_eq!(c.country(9), Some("KEN"));
    }
}
