//! Problem floods: an input that yields thousands of errors (random bytes named `.jsonl`, a compressed
//! file of junk lines) shows the first few, counts the rest in one summary line, and is abandoned when it
//! gives nothing but errors, so the run reaches the next input quickly and stderr stays readable.

use crate::{ArticleResult, InputError, ProblemKind, ReadOptions, options::human_count};

/// Per-input tally of what a reader gave, deciding what is shown.
#[derive(Debug, Default)]
pub(crate) struct Flood {
    articles: usize,
    errors: usize,
    shown: usize,
    hidden_errors: usize,
    hidden_warnings: usize,
}

/// What to do with one item from a reader.
pub(crate) enum Verdict {
    /// Pass it on.
    Show(ArticleResult),
    /// Counted, not shown.
    Hide,
    /// Pass it on, then stop reading this input (it gave nothing but errors).
    Abandon(InputError),
}

impl Flood {
    pub(crate) fn judge(&mut self, item: ArticleResult, options: &ReadOptions) -> Verdict {
        let problem = match item {
            Ok(article) => {
                self.articles += 1;
                return Verdict::Show(Ok(article));
            }
            Err(problem) => problem,
        };
        let is_error = problem.error_count() > 0;
        if is_error {
            self.errors += 1;
        }
        if is_error && self.articles == 0 && self.errors >= options.max_errors_without_article {
            let file = problem.file.clone();
            self.note_hidden(&problem);
            self.shown += 1;
            return Verdict::Abandon(InputError::file(
                &file,
                format!(
                    "stopped reading: {} errors and not one article (is this the format its name says?)",
                    human_count(self.errors)
                ),
            ));
        }
        if self.shown < options.max_problems_shown {
            self.shown += 1;
            return Verdict::Show(Err(problem));
        }
        self.note_hidden(&problem);
        Verdict::Hide
    }

    fn note_hidden(&mut self, problem: &InputError) {
        self.hidden_errors += problem.error_count();
        self.hidden_warnings += problem.warning_count();
    }

    /// After the input's last item: one line for everything hidden, if anything was.
    pub(crate) fn summary(&self, file: &str) -> Option<InputError> {
        let (errors, warnings) = (self.hidden_errors, self.hidden_warnings);
        let what = match (errors, warnings) {
            (0, 0) => return None,
            (e, 0) => format!("{} more {}", human_count(e), plural(e, "error")),
            (0, w) => format!("{} more {}", human_count(w), plural(w, "warning")),
            (e, w) => format!(
                "{} more {} and {} more {}",
                human_count(e),
                plural(e, "error"),
                human_count(w),
                plural(w, "warning")
            ),
        };
        Some(InputError {
            kind: ProblemKind::Summary { errors, warnings },
            ..InputError::file(file, format!("…and {what} in this file (not shown)"))
        })
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}
