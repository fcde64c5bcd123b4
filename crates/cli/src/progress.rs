//! Progress bars on standard error, drawn only on a terminal: a percentage and an ETA when the amount of
//! work is known (input bytes, articles to re-code, events to export), a counter otherwise.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

fn visible() -> bool {
    std::io::stderr().is_terminal()
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// Bytes of input read: with a percentage and ETA when `total` is known (files), a counter otherwise (stdin).
pub fn bytes(total: Option<u64>) -> ProgressBar {
    if !visible() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) if total > 0 => {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(style(
                "[{bar:30}] {percent:>3}%  {bytes}/{total_bytes}  ETA {eta}  {msg}",
            ));
            bar
        }
        _ => {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(style("{spinner} {bytes} read  {msg}  [{elapsed}]"));
            bar
        }
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Items of a known number (`what`: "articles", "events").
pub fn count(total: u64, what: &str) -> ProgressBar {
    if !visible() || total == 0 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(style(&format!(
        "[{{bar:30}}] {{percent:>3}}%  {{pos}}/{{len}} {what}  ETA {{eta}}  {{msg}}"
    )));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The total size of the files under `paths` (folders walked), or None when a path is standard input or
/// cannot be measured.
pub fn input_size(paths: &[std::path::PathBuf]) -> Option<u64> {
    fn walk(path: &std::path::Path, total: &mut u64) -> std::io::Result<()> {
        let meta = std::fs::metadata(path)?;
        if meta.is_file() {
            *total += meta.len();
        } else if meta.is_dir() {
            for entry in std::fs::read_dir(path)? {
                let entry = entry?;
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    walk(&entry.path(), total)?;
                }
            }
        }
        Ok(())
    }
    let mut total = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            return None;
        }
        walk(path, &mut total).ok()?;
    }
    Some(total)
}
