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
        let text = v["text"].as_str().unwrap_or_default();
        let date = v["date"].as_str();
        let sentences = detente_coder::text::segment(text);
        let mentions = coder.actors.recognize(text, &sentences, date);
        let quotes = coder.quotes.extract(text, &sentences, &mentions);
        println!("=== {}", v["id"].as_str().unwrap_or_default());
        print!("{}", coder.events.explain(text, &sentences, &mentions, &quotes, date));
    }
}
