//! The input-reading options every command that reads files shares: the CSV text column, the order of
//! ambiguous numeric dates, and the per-document budget.

use clap::{Args, ValueEnum};
use detente_ingest::{Budget, DateOrder, ReadOptions};

#[derive(Args, Clone, Debug)]
pub struct ReadArgs {
    /// CSV/TSV input: the column holding the article text (default: `text`). Other columns read when
    /// present: id, title, date, source, url.
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,
    /// How to read numeric dates whose day and month could be swapped ("07.03.2022"): `dmy` (7 March) or
    /// `mdy` (July 3). Without it such dates are left empty, with a warning naming the file and line.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// Skip (with an error naming it) any article whose text is larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = (Budget::default().max_bytes >> 20) as u32,
          value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_document_mb: u32,
    /// Skip (with an error naming it) any article with a stretch of more than this many kilobytes without
    /// a sentence end: pages without punctuation would make coding slow.
    #[arg(long, value_name = "KB", default_value_t = (Budget::default().max_run_bytes >> 10) as u32,
          value_parser = clap::value_parser!(u32).range(1..=4_194_304))]
    pub max_sentence_kb: u32,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrderArg {
    /// Day, month, year: 07.03.2022 is 7 March 2022.
    Dmy,
    /// Month, day, year: 07/03/2022 is July 3, 2022.
    Mdy,
}

impl Default for ReadArgs {
    /// What the flags give when none is passed.
    fn default() -> ReadArgs {
        let budget = Budget::default();
        ReadArgs {
            text_column: None,
            date_order: None,
            max_document_mb: (budget.max_bytes >> 20) as u32,
            max_sentence_kb: (budget.max_run_bytes >> 10) as u32,
        }
    }
}

impl ReadArgs {
    /// The ingest options these flags ask for.
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            text_column: self.text_column.clone(),
            date_order: match self.date_order {
                None => DateOrder::Refuse,
                Some(DateOrderArg::Dmy) => DateOrder::DayMonthYear,
                Some(DateOrderArg::Mdy) => DateOrder::MonthDayYear,
            },
            budget: Budget {
                max_bytes: (self.max_document_mb as usize) << 20,
                max_run_bytes: (self.max_sentence_kb as usize) << 10,
            },
            ..ReadOptions::default()
        }
    }

    /// The first of these flags given a value other than its default: they act only on files being read.
    pub fn given(&self) -> Option<&'static str> {
        let default = ReadArgs::default();
        if self.text_column.is_some() {
            Some("--text-column")
        } else if self.date_order.is_some() {
            Some("--date-order")
        } else if self.max_document_mb != default.max_document_mb {
            Some("--max-document-mb")
        } else if self.max_sentence_kb != default.max_sentence_kb {
            Some("--max-sentence-kb")
        } else {
            None
        }
    }
}
