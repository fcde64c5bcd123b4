//! Date normalisation to `YYYY-MM-DD`. The calendar date is kept as written (no time-zone shift):
//! it is the date the publisher printed.

use chrono::NaiveDate;

/// `YYYY-MM-DD` from common news date forms: RFC 3339 / ISO 8601 (`2022-01-12T10:00:00Z`,
/// `2022-01-12 10:00`, `2022/01/12`, `20220112`), RFC 2822 (`Wed, 12 Jan 2022 10:00:00 +0000`),
/// `Jan 12, 2022`, `January 12th, 2022`, `12 January 2022`, `Jan. 12 2022`, and numeric `12/01/2022`
/// (day first when the first number is above 12, else month first, US style), `2022年1月12日`.
/// None when unparseable.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let date = iso_prefix(s).or_else(|| from_tokens(s))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// `YYYY-MM-DD...`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYYMMDD` at the start of the string.
fn iso_prefix(s: &str) -> Option<NaiveDate> {
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
        return NaiveDate::from_ymd_opt(year, digits(4..6)?, digits(6..8)?);
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
    NaiveDate::from_ymd_opt(year, month, digits(day_start..day_start + day_len)?)
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

fn from_tokens(s: &str) -> Option<NaiveDate> {
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
    if let Some(pos) = tokens
        .iter()
        .position(|t| matches!(t, Token::Word(w) if month_number(w).is_some()))
    {
        let Token::Word(word) = tokens[pos] else { return None };
        let month = month_number(word)?;
        let day = pos
            .checked_sub(1)
            .and_then(|before| as_day(tokens.get(before)))
            .or_else(|| as_day(tokens.get(pos + 1)))?;
        return NaiveDate::from_ymd_opt(year?, month, day);
    }
    // Numeric `D/M/YYYY` or `M/D/YYYY`.
    let numbers: Vec<(u32, usize)> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Number(n, len) => Some((*n, *len)),
            Token::Word(_) => None,
        })
        .collect();
    match numbers.as_slice() {
        [(a, 1..=2), (b, 1..=2), (y, 4), ..] => {
            let (month, day) = if *a > 12 { (*b, *a) } else { (*a, *b) };
            NaiveDate::from_ymd_opt(*y as i32, month, day)
        }
        [(y, 4), (month, 1..=2), (day, 1..=2), ..] => NaiveDate::from_ymd_opt(*y as i32, *month, *day),
        _ => None,
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
            ("2022年1月12日", "2022-01-12"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_date(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn unparseable() {
        for input in [
            "",
            "yesterday",
            "2022-13-01",
            "Feb 30, 2022",
            "May",
            "12345",
            "2022",
            "March 2022",
        ] {
            assert_eq!(normalize_date(input), None, "{input}");
        }
    }
}
