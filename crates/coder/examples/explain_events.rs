//! Explain the event stage on JSON lines `{"id", "text", "date"?}` from stdin: actors, triggers, patterns.
use std::io::BufRead;

fn main() {
    let coder = detente_coder::Coder::builtin().expect("built-in dictionaries load");
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("read stdin");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON object per line");
        let article = detente_records::Article {
            id: v["id"].as_str().unwrap_or_default().to_string(),
            text: v["text"].as_str().unwrap_or_default().to_string(),
            date: v["date"].as_str().map(str::to_string),
            ..detente_records::Article::default()
        };
        println!("=== {}", article.id);
        print!("{}", coder.explain(&article).1);
    }
}
