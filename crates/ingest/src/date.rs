//! Date normalisation to `YYYY-MM-DD`. The calendar date is kept as written (no time-zone shift):
//! it is the date the publisher printed. A date that cannot be read is a [`DateProblem`] the readers
//! turn into a warning naming the file and line; a numeric date whose day and month could be swapped
//! ("07.03.2022") is read only with an explicit [`DateOrder`].

use std::fmt;

use chrono::NaiveDate;

/// How to read a numeric date whose first two numbers could both be a day or a month ("07.03.2022").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// Refuse to guess: such a date is left empty, with a warning (the default).
    #[default]
    Refuse,
    /// Day first, as in most of the world ("07.03.2022" = 7 March 2022).
    DayMonthYear,
    /// Month first, as in the United States ("07/03/2022" = July 3, 2022).
    MonthDayYear,
}

/// Why a date string gave no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// No date form recognised ("garbage", "12345").
    Unrecognised,
    /// A recognised form naming a day that does not exist ("2022-02-30").
    NoSuchDay,
    /// Day and month could be swapped and no [`DateOrder`] was given: the two readings.
    Ambiguous {
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateProblem::Unrecognised => write!(f, "not a date detente can read"),
            DateProblem::NoSuchDay => write!(f, "no such day in the calendar"),
            DateProblem::Ambiguous { day_first, month_first } => write!(
                f,
                "ambiguous: {} or {}? (pass --date-order dmy or mdy)",
                day_first.format("%-d %B %Y"),
                month_first.format("%-d %B %Y")
            ),
        }
    }
}

/// The warning text for a date field that gave no date.
pub(crate) fn date_warning(raw: &str, problem: DateProblem) -> String {
    let shown: String = raw.chars().take(60).collect();
    format!("date {shown:?} left empty: {problem}")
}

/// `YYYY-MM-DD` from common news date forms, or None; ambiguous numeric dates give None. See
/// [`parse_date`] for the forms and the reason a date gives none.
pub fn normalize_date(s: &str) -> Option<String> {
    parse_date(s, DateOrder::Refuse).ok()
}

/// `YYYY-MM-DD` from common news date forms: RFC 3339 / ISO 8601 (`2022-01-12T10:00:00Z`,
/// `2022-01-12 10:00`, `2022/01/12`, `20220112`), RFC 2822 (`Wed, 12 Jan 2022 10:00:00 +0000`),
/// `Jan 12, 2022`, `January 12th, 2022`, `12 January 2022`, `Jan. 12 2022`, `2022年1月12日`, and
/// numeric `31/12/2021`, `12/31/2021`, `7.3.2022`: read unambiguously when one of the first two numbers
/// is above 12 (or both are equal), else as `order` says.
pub fn parse_date(s: &str, order: DateOrder) -> Result<String, DateProblem> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return Err(DateProblem::Unrecognised);
    }
    let date = match iso_prefix(s) {
        Some(found) => found,
        None => from_tokens(s, order)?,
    };
    date.map(|date| date.format("%Y-%m-%d").to_string())
        .ok_or(DateProblem::NoSuchDay)
}

/// `YYYY-MM-DD...`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYYMMDD` at the start of the string: None when
/// the form is not there, Some(None) when it names no real day.
fn iso_prefix(s: &str) -> Option<Option<NaiveDate>> {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let year = digits(0..4)? as i32;
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && b.get(8).is_none_or(|c| !c.is_ascii_digit()) {
        return Some(NaiveDate::from_ymd_opt(year, digits(4..6)?, digits(6..8)?));
    }
    let sep = *b.get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let month_len = b[5..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&month_len) || b.get(5 + month_len) != Some(&sep) {
        return None;
    }
    let month = digits(5..5 + month_len)?;
    let day_start = 6 + month_len;
    let day_len = b[day_start..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&day_len) {
        return None;
    }
    Some(NaiveDate::from_ymd_opt(
        year,
        month,
        digits(day_start..day_start + day_len)?,
    ))
}

/// One word or number of a date string.
#[derive(Debug, Clone, Copy)]
enum Token<'a> {
    Number(u32, usize),
    Word(&'a str),
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let len = i - start;
            if let Ok(n) = s[start..i].parse() {
                out.push(Token::Number(n, len));
            }
            // Ordinal suffix: 12th, 1st, 2nd, 3rd.
            let rest = &s[i..];
            for suffix in ["st", "nd", "rd", "th"] {
                if rest.len() >= 2 && rest.as_bytes()[..2].eq_ignore_ascii_case(suffix.as_bytes()) {
                    i += 2;
                    break;
                }
            }
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Token::Word(&s[start..i]));
        } else {
            i += 1;
        }
    }
    out
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|month| month.starts_with(&lower) && (lower.len() == 3 || lower.len() == month.len()))
        .map(|i| i as u32 + 1)
}

/// A date from words and numbers: Ok(None) when the form is recognised but the day does not exist.
fn from_tokens(s: &str, order: DateOrder) -> Result<Option<NaiveDate>, DateProblem> {
    let tokens = tokens(s);
    let year = tokens.iter().find_map(|t| match t {
        Token::Number(n, 4) if (1000..=2999).contains(n) => Some(*n as i32),
        _ => None,
    });
    let as_day = |t: Option<&Token>| match t {
        Some(Token::Number(n, len)) if *len <= 2 && (1..=31).contains(n) => Some(*n),
        _ => None,
    };
    // A month name: the day is the number right before it ("12 January") or right after ("Jan 12").
    let month_word = tokens.iter().enumerate().find_map(|(pos, t)| match t {
        Token::Word(word) => month_number(word).map(|month| (pos, month)),
        Token::Number(..) => None,
    });
    if let Some((pos, month)) = month_word {
        let day = pos
            .checked_sub(1)
            .and_then(|before| as_day(tokens.get(before)))
            .or_else(|| as_day(tokens.get(pos + 1)));
        return match (year, day) {
            (Some(year), Some(day)) => Ok(NaiveDate::from_ymd_opt(year, month, day)),
            _ => Err(DateProblem::Unrecognised),
        };
    }
    // Numeric `D/M/YYYY` or `M/D/YYYY`, or `YYYY M D`.
    let numbers: Vec<(u32, usize)> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Number(n, len) => Some((*n, *len)),
            Token::Word(_) => None,
        })
        .collect();
    match numbers.as_slice() {
        [(a, 1..=2), (b, 1..=2), (y, 4), ..] => {
            let (a, b, y) = (*a, *b, *y as i32);
            let day_first = NaiveDate::from_ymd_opt(y, b, a);
            let month_first = NaiveDate::from_ymd_opt(y, a, b);
            Ok(match (day_first, month_first) {
                (Some(day_first), Some(month_first)) if day_first != month_first => match order {
                    DateOrder::DayMonthYear => Some(day_first),
                    DateOrder::MonthDayYear => Some(month_first),
                    DateOrder::Refuse => return Err(DateProblem::Ambiguous { day_first, month_first }),
                },
                (Some(date), _) | (None, Some(date)) => Some(date),
                (None, None) => None,
            })
        }
        [(y, 4), (month, 1..=2), (day, 1..=2), ..] => Ok(NaiveDate::from_ymd_opt(*y as i32, *month, *day)),
        _ => Err(DateProblem::Unrecognised),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms() {
        let cases = [
            ("2022-01-12", "2022-01-12"),
            ("2022-01-12T10:00:00Z", "2022-01-12"),
            ("2022-01-12T23:30:00-05:00", "2022-01-12"),
            ("2022-01-12 10:00", "2022-01-12"),
            ("2022/1/2", "2022-01-02"),
            ("20220112", "2022-01-12"),
            ("Wed, 12 Jan 2022 10:00:00 +0000", "2022-01-12"),
            ("Wed, 2 Feb 2022 10:00:00 GMT", "2022-02-02"),
            ("Jan 12, 2022", "2022-01-12"),
            ("Jan. 12, 2022 10:05 a.m. ET", "2022-01-12"),
            ("January 12th, 2022", "2022-01-12"),
            ("12 January 2022", "2022-01-12"),
            ("Wednesday, 12 January 2022", "2022-01-12"),
            ("Sept. 5, 2021", "2021-09-05"),
            ("Updated: March 3, 2020 at 4:00 PM", "2020-03-03"),
            ("31/12/2021", "2021-12-31"),
            ("12/31/2021", "2021-12-31"),
            ("5.5.2022", "2022-05-05"),
            ("2022年1月12日", "2022-01-12"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_date(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn unparseable() {
        for input in ["", "yesterday", "garbage", "May", "12345", "2022", "March 2022"] {
            assert_eq!(normalize_date(input), None, "{input}");
            assert_eq!(
                parse_date(input, DateOrder::DayMonthYear),
                Err(DateProblem::Unrecognised),
                "{input}"
            );
        }
        for input in ["2022-02-30", "2022-13-01", "Feb 30, 2022", "31/02/2022", "20220230"] {
            assert_eq!(
                parse_date(input, DateOrder::Refuse),
                Err(DateProblem::NoSuchDay),
                "{input}"
            );
        }
    }

    #[test]
    fn ambiguous_numeric_dates_need_an_order() {
        let problem = parse_date("07.03.2022", DateOrder::Refuse).unwrap_err();
        assert!(matches!(problem, DateProblem::Ambiguous { .. }));
        let message = date_warning("07.03.2022", problem);
        assert!(message.contains("7 March 2022 or 3 July 2022"), "{message}");
        assert!(message.contains("--date-order"), "{message}");
        assert_eq!(normalize_date("07.03.2022"), None);
        assert_eq!(
            parse_date("07.03.2022", DateOrder::DayMonthYear).as_deref(),
            Ok("2022-03-07")
        );
        assert_eq!(
            parse_date("07/03/2022 10:00", DateOrder::MonthDayYear).as_deref(),
            Ok("2022-07-03")
        );
        // Unambiguous forms do not depend on the order.
        for order in [DateOrder::Refuse, DateOrder::DayMonthYear, DateOrder::MonthDayYear] {
            assert_eq!(parse_date("25/12/2021", order).as_deref(), Ok("2021-12-25"));
            assert_eq!(parse_date("12/25/2021", order).as_deref(), Ok("2021-12-25"));
            assert_eq!(parse_date("2022-03-07", order).as_deref(), Ok("2022-03-07"));
        }
    }
}
