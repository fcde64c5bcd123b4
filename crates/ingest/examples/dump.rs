//! Prints the articles (or errors) read from the given paths as JSON lines.
fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let mut articles = detente_ingest::read_paths(&paths);
    let start = std::time::Instant::now();
    let (mut n, mut chars) = (0usize, 0usize);
    for item in articles.by_ref() {
        match item {
            Ok(article) => {
                n += 1;
                chars += article.text.len();
                if std::env::var_os("QUIET").is_none() {
                    println!("{}", serde_json::to_string(&article).unwrap());
                }
            }
            Err(err) => eprintln!("error: {err}"),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{n} articles, {chars} text bytes, {} input bytes, {:.1} MB/s",
        articles.bytes_read(),
        articles.bytes_read() as f64 / secs / 1e6
    );
}
