//! Direct quotations: pairing quotation marks paragraph by paragraph.
//!
//! Marks are paired by family (double: “ ” " „ « », single: ‘ ’ '), never by counting: marks of the other
//! family inside an open quotation are nested quotes and stay inside it. A quotation left open at the end
//! of its paragraph runs to the paragraph end when the paragraph opened with it, it follows a colon, or it
//! opens a sentence or clause and the next paragraph opens with a mark (a multi-paragraph quotation);
//! otherwise the stray mark is dropped, so an unbalanced mark damages at most its own paragraph.

use detente_records::{Sentence, Span};

/// A quotation found between marks. `content` excludes the marks and surrounding white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedQuote {
    /// The opening mark's start (the content start when the opening mark is missing).
    pub open: usize,
    pub content: Span,
    /// After the closing mark (the content end when the quotation runs to the paragraph end).
    pub close_end: usize,
    pub closed: bool,
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Open,
    Close,
    /// ASCII marks: decided by context.
    Either,
}

/// A mark at `pos` of byte length `len`.
fn mark_at(bytes: &[u8], pos: usize) -> Option<(Family, Shape, usize)> {
    match bytes[pos] {
        b'"' => Some((Family::Double, Shape::Either, 1)),
        // Two apostrophes stand for a double mark in some wire and newspaper copy ('' ... '').
        b'\'' if bytes.get(pos + 1) == Some(&b'\'') => Some((Family::Double, Shape::Either, 2)),
        b'\'' => Some((Family::Single, Shape::Either, 1)),
        0xE2 if pos + 2 < bytes.len() && bytes[pos + 1] == 0x80 => match bytes[pos + 2] {
            0x9C | 0x9E => Some((Family::Double, Shape::Open, 3)),
            0x9D => Some((Family::Double, Shape::Close, 3)),
            0x98 => Some((Family::Single, Shape::Open, 3)),
            0x99 => Some((Family::Single, Shape::Close, 3)),
            _ => None,
        },
        0xC2 if pos + 1 < bytes.len() => match bytes[pos + 1] {
            0xAB => Some((Family::Double, Shape::Open, 2)),
            0xBB => Some((Family::Double, Shape::Close, 2)),
            _ => None,
        },
        _ => None,
    }
}

fn char_before(s: &str, pos: usize) -> Option<char> {
    s[..pos].chars().next_back()
}

fn char_after(s: &str, pos: usize) -> Option<char> {
    s[pos..].chars().next()
}

/// Could open a quotation: at the start or after space/bracket/dash, with a non-space after it.
fn opens_here(s: &str, pos: usize, len: usize) -> bool {
    let before_ok =
        char_before(s, pos).is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '/'));
    let after_ok = char_after(s, pos + len).is_some_and(|c| !c.is_whitespace());
    before_ok && after_ok
}

/// Could close a quotation: after a non-space, with no letter or digit right after it.
fn closes_here(s: &str, pos: usize, len: usize) -> bool {
    let before_ok = char_before(s, pos).is_some_and(|c| !c.is_whitespace());
    let after_ok = char_after(s, pos + len).is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// Paragraph spans (first sentence start .. last sentence end) of paragraphs with non-boilerplate text.
pub fn paragraphs(sentences: &[Sentence]) -> Vec<(usize, Span)> {
    let mut out: Vec<(usize, Span)> = Vec::new();
    for s in sentences.iter().filter(|s| !s.boilerplate) {
        match out.last_mut() {
            Some((p, span)) if *p == s.paragraph => span.end = s.end,
            _ => out.push((s.paragraph, s.span())),
        }
    }
    out
}

fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(start, start);
    }
    Span::new(start + lead, end - trail)
}

/// Every quotation between marks in the non-boilerplate paragraphs, in text order.
pub fn find_marked_quotes(text: &str, sentences: &[Sentence]) -> Vec<MarkedQuote> {
    let paras = paragraphs(sentences);
    let mut out = Vec::new();
    for (k, &(paragraph, span)) in paras.iter().enumerate() {
        let next_opens = paras.get(k + 1).is_some_and(|&(_, next)| {
            let b = text.as_bytes();
            mark_at(b, next.start)
                .is_some_and(|(_, shape, len)| shape != Shape::Close && opens_here(text, next.start, len))
        });
        scan_paragraph(text, span, paragraph, next_opens, &mut out);
    }
    out
}

fn scan_paragraph(text: &str, para: Span, paragraph: usize, next_opens: bool, out: &mut Vec<MarkedQuote>) {
    let bytes = text.as_bytes();
    // The open quotation: family, opening mark start, content start.
    let mut open: Option<(Family, usize, usize)> = None;
    let mut any_quote = false;
    let mut pos = para.start;
    // Marks begin with '"', '\'', 0xE2 (curly marks) or 0xC2 (guillemets): memchr jumps between them. The next
    // 0xC2 is kept, as memchr3 takes only three bytes.
    let next_c2 = |from: usize| memchr::memchr(0xC2, &bytes[from..para.end]).map_or(para.end, |i| from + i);
    let mut c2 = next_c2(pos);
    while pos < para.end {
        if c2 < pos {
            c2 = next_c2(pos);
        }
        pos = memchr::memchr3(b'"', b'\'', 0xE2, &bytes[pos..c2]).map_or(c2, |i| pos + i);
        if pos >= para.end {
            break;
        }
        let Some((family, shape, len)) = mark_at(bytes, pos) else {
            pos += 1;
            continue;
        };
        match open {
            None => {
                let can_open = match shape {
                    Shape::Open => true,
                    Shape::Either => opens_here(text, pos, len),
                    Shape::Close => false,
                };
                if can_open && (family == Family::Double || opens_here(text, pos, len)) {
                    open = Some((family, pos, pos + len));
                } else if family == Family::Double && shape != Shape::Open && !any_quote && closes_here(text, pos, len)
                {
                    // A closing mark with no opening one: the paragraph began the quotation without its mark.
                    let content = trimmed(text, para.start, pos);
                    if !content.is_empty() {
                        out.push(MarkedQuote {
                            open: para.start,
                            content,
                            close_end: pos + len,
                            closed: true,
                            paragraph,
                        });
                        any_quote = true;
                    }
                }
            }
            Some((open_family, open_pos, content_start)) => {
                if family != open_family {
                    // A nested quotation of the other family stays inside.
                } else if shape == Shape::Open && !closes_here(text, pos, len) {
                    // A second opening mark while open: the first one was never closed; start over here.
                    open = Some((family, pos, pos + len));
                } else if shape == Shape::Close
                    || shape == Shape::Either && closes_here(text, pos, len)
                    || shape == Shape::Open
                {
                    let closes = family == Family::Double || closes_here(text, pos, len);
                    if closes {
                        let content = trimmed(text, content_start, pos);
                        if !content.is_empty() {
                            out.push(MarkedQuote {
                                open: open_pos,
                                content,
                                close_end: pos + len,
                                closed: true,
                                paragraph,
                            });
                        }
                        any_quote = true;
                        open = None;
                    }
                }
            }
        }
        pos += len;
    }
    if let Some((family, open_pos, content_start)) = open {
        let at_start = open_pos == para.start;
        let before = text[para.start..open_pos].trim_end();
        let after_colon = before.ends_with(':');
        if family == Family::Double
            && (at_start || after_colon || next_opens && before.ends_with([',', '.', '!', '?', '”', '"']))
        {
            let content = trimmed(text, content_start, para.end);
            if !content.is_empty() {
                out.push(MarkedQuote {
                    open: open_pos,
                    content,
                    close_end: content.end,
                    closed: false,
                    paragraph,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn quotes(text: &str) -> Vec<&str> {
        find_marked_quotes(text, &segment(text))
            .iter()
            .map(|q| q.content.of(text))
            .collect()
    }

    #[test]
    fn curly_straight_and_guillemet_pairs() {
        assert_eq!(
            quotes("“We will talk,” she said. \"The door is open.\" «Yes.»"),
            ["We will talk,", "The door is open.", "Yes."]
        );
        assert_eq!(
            quotes("''We are not leaving,'' he said. ''Not now.''"),
            ["We are not leaving,", "Not now."]
        );
    }

    #[test]
    fn nested_single_quotes_stay_inside_the_outer_quote() {
        let text = "“They told us ‘never again,’ and we believed them,” the envoy said.";
        assert_eq!(quotes(text), ["They told us ‘never again,’ and we believed them,"]);
        let text = "‘The word “truce” means nothing here,’ he said.";
        assert_eq!(quotes(text), ["The word “truce” means nothing here,"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quotes("The minister’s aides didn't comment on the allies’ plan."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn multi_paragraph_quotes_and_unbalanced_marks() {
        let text = "“The first part runs on.\n\n“The second part ends here,” he said.\n\nA stray “mark here.\n\n“Fine,” she said.";
        assert_eq!(
            quotes(text),
            ["The first part runs on.", "The second part ends here,", "Fine,"]
        );
        // A lost opening mark: the paragraph is the quotation up to the closing mark.
        assert_eq!(quotes("We are ready to talk,” he said."), ["We are ready to talk,"]);
        // Odd count of straight marks: the last one opens nothing that closes, the paragraph after is intact.
        let text = "He said \"we will go\" and \"then.\n\n\"Next,\" she said.";
        assert_eq!(quotes(text), ["we will go", "Next,"]);
    }
}
