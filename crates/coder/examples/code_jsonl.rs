//! Code articles given as JSON lines `{"id", "text", "source"?, "date"?, "title"?}` on stdin and print one
//! coded article (output schema v1) per line: a way to produce scorer input before the CLI exists.
use detente_records::Article;
use std::io::{BufRead, Write};

fn main() {
    let coder = detente_coder::Coder::builtin().expect("built-in dictionaries load");
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = line.expect("read stdin");
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&line).expect("a JSON object per line");
        let field = |k: &str| value.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let article = Article {
            id: field("id").unwrap_or_default(),
            source: field("source"),
            date: field("date"),
            title: field("title"),
            url: field("url"),
            text: field("text").unwrap_or_default(),
        };
        let coded = coder.code(&article);
        serde_json::to_writer(&mut out, &coded).expect("write JSON");
        out.write_all(b"\n").expect("write stdout");
    }
}
