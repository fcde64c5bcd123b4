use std::time::Instant;
fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let deep = "<div>".repeat(n) + "Deep text." + &"</div>".repeat(10);
    let t = Instant::now();
    let d = dom_query::Document::from(deep.as_str());
    println!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let _ = detente_ingest::html_to_text(&deep);
    println!("html_to_text {:?}", t.elapsed());
    let t = Instant::now();
    let mut r = dom_smoothie::Readability::with_document(d, None, None).unwrap();
    let _ = r.parse();
    println!("readability {:?}", t.elapsed());
}
