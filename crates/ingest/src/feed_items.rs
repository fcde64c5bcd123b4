//! A malformed or truncated feed, cut into its items so each can be parsed on its own: the items before
//! (and after) the damage are kept, and the one that is broken is named. A light scan, not an XML parser:
//! it skips comments, CDATA sections, processing instructions and quoted attribute values, and tracks
//! the open elements before the first item so each item can be wrapped in a well-formed feed again.

/// One `<item>` (RSS) or `<entry>` (Atom) as found in the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemSpan {
    pub start: usize,
    /// End of the closing tag; None when the input ends inside the item.
    pub end: Option<usize>,
    /// 1-based line of the item's start tag.
    pub line: usize,
}

/// A feed cut into items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FeedItems {
    /// Everything before the first item: the XML declaration, the root and channel elements, the title.
    pub envelope: Vec<u8>,
    /// Closing tags of the elements still open at the first item (`</channel></rss>`).
    pub closing: Vec<u8>,
    pub items: Vec<ItemSpan>,
}

impl FeedItems {
    /// A well-formed feed document with only the item `span` of `bytes`, or None for a cut-off item.
    pub(crate) fn document_for(&self, bytes: &[u8], span: &ItemSpan) -> Option<Vec<u8>> {
        let end = span.end?;
        let mut doc = Vec::with_capacity(self.envelope.len() + (end - span.start) + self.closing.len());
        doc.extend_from_slice(&self.envelope);
        doc.extend_from_slice(&bytes[span.start..end]);
        doc.extend_from_slice(&self.closing);
        Some(doc)
    }
}

/// A tag found by the scan.
struct Tag<'a> {
    start: usize,
    end: usize,
    /// The name as written (`rdf:RDF`).
    qname: &'a [u8],
    /// Local name (without a namespace prefix).
    name: &'a [u8],
    closing: bool,
    self_closing: bool,
}

/// Cuts `bytes` into items; None when there is no item at all.
pub(crate) fn split_items(bytes: &[u8]) -> Option<FeedItems> {
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut first_item = None;
    let mut items = Vec::new();
    let mut current: Option<(usize, &[u8])> = None;
    let mut pos = 0;
    while let Some(tag) = next_tag(bytes, pos) {
        pos = tag.end;
        let is_item = tag.name == b"item" || tag.name == b"entry";
        match current {
            None if is_item && !tag.closing => {
                first_item.get_or_insert(tag.start);
                if tag.self_closing {
                    items.push(item(bytes, tag.start, Some(tag.end)));
                } else {
                    current = Some((tag.start, tag.name));
                }
            }
            None if first_item.is_none() => track_open(&mut open, &tag),
            None => {}
            Some((start, name)) if tag.closing && tag.name == name => {
                items.push(item(bytes, start, Some(tag.end)));
                current = None;
            }
            Some(_) => {}
        }
    }
    if let Some((start, _)) = current {
        items.push(item(bytes, start, None));
    }
    let first_item = first_item?;
    let closing = open
        .iter()
        .rev()
        .flat_map(|name| [b"</".as_slice(), name, b">"].concat())
        .collect();
    Some(FeedItems {
        envelope: bytes[..first_item].to_vec(),
        closing,
        items,
    })
}

fn item(bytes: &[u8], start: usize, end: Option<usize>) -> ItemSpan {
    ItemSpan {
        start,
        end,
        line: 1 + memchr::memchr_iter(b'\n', &bytes[..start]).count(),
    }
}

/// Keeps the stack of elements open before the first item (with their prefixed names, as written).
fn track_open(open: &mut Vec<Vec<u8>>, tag: &Tag) {
    if tag.self_closing {
        return;
    }
    if tag.closing {
        if let Some(at) = open.iter().rposition(|name| local_name(name) == tag.name) {
            open.truncate(at);
        }
    } else {
        open.push(tag.qname.to_vec());
    }
}

fn local_name(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// The next element tag at or after `pos`, skipping comments, CDATA, processing instructions and
/// declarations.
fn next_tag(bytes: &[u8], mut pos: usize) -> Option<Tag<'_>> {
    loop {
        let start = pos + memchr::memchr(b'<', bytes.get(pos..)?)?;
        let rest = &bytes[start..];
        let skip_to = |terminator: &[u8]| {
            memchr::memmem::find(&rest[1..], terminator).map_or(bytes.len(), |i| start + 1 + i + terminator.len())
        };
        if rest.starts_with(b"<!--") {
            pos = skip_to(b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            pos = skip_to(b"]]>");
        } else if rest.starts_with(b"<?") {
            pos = skip_to(b"?>");
        } else if rest.starts_with(b"<!") {
            pos = skip_to(b">");
        } else {
            let closing = rest.get(1) == Some(&b'/');
            let name_start = start + 1 + usize::from(closing);
            let name_len = bytes[name_start..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
                .unwrap_or(bytes.len() - name_start);
            let end = tag_end(bytes, name_start + name_len);
            if name_len == 0 {
                pos = end;
                continue;
            }
            let qname = &bytes[name_start..name_start + name_len];
            return Some(Tag {
                start,
                end,
                qname,
                name: local_name(qname),
                closing,
                self_closing: end >= 2 && bytes[end - 2] == b'/',
            });
        }
    }
}

/// The index after the `>` that ends a tag, skipping quoted attribute values; the input's end if none.
fn tag_end(bytes: &[u8], mut pos: usize) -> usize {
    let mut quote = None;
    while pos < bytes.len() {
        let b = bytes[pos];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return pos + 1,
            None => {}
        }
        pos += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_their_envelope_and_a_cut_off_last_item() {
        let feed = b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>W</title>\n\
            <item><title>A</title><description><![CDATA[x </item> y]]></description></item>\n\
            <!-- <item>not one</item> -->\n<item a=\"x>y\"><title>B</title></item>\n<item><title>C";
        let parts = split_items(feed).unwrap();
        assert_eq!(parts.items.len(), 3);
        assert_eq!(parts.closing, b"</channel></rss>");
        assert!(parts.envelope.ends_with(b"<title>W</title>\n"));
        let lines: Vec<usize> = parts.items.iter().map(|item| item.line).collect();
        assert_eq!(lines, [3, 5, 6]);
        let first = parts.document_for(feed, &parts.items[0]).unwrap();
        assert!(first.ends_with(b"y]]></description></item></channel></rss>"));
        assert_eq!(parts.items[2].end, None);
        assert_eq!(parts.document_for(feed, &parts.items[2]), None);
    }

    #[test]
    fn atom_entries_and_feeds_without_items() {
        let feed =
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id></entry><entry/></feed>";
        let parts = split_items(feed).unwrap();
        assert_eq!(parts.closing, b"</feed>");
        assert_eq!(parts.items.len(), 2);
        assert_eq!(split_items(b"<rss><channel><title>none</title></channel></rss>"), None);
        assert_eq!(split_items(b""), None);
        assert_eq!(split_items(b"<<<>>><!--"), None);
        let rdf =
            b"<rdf:RDF xmlns:rdf=\"r\"><channel><title>R</title></channel><item><title>I</title></item></rdf:RDF>";
        assert_eq!(split_items(rdf).unwrap().closing, b"</rdf:RDF>");
    }
}
