//! Ctrl-C (and SIGTERM): the first one asks the running command to stop at the next safe point (after the
//! batch being stored, between pages of a re-coding, before an export is renamed into place), so it can say
//! what was committed; a second one ends the process at once.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once; later calls do nothing).
pub fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if REQUESTED.swap(true, Ordering::SeqCst) {
                eprintln!("\ndetente: interrupted again: stopping now");
                std::process::exit(i32::from(crate::fail::EXIT_INTERRUPTED));
            }
            eprintln!("\ndetente: stopping after the current step (Ctrl-C again to stop at once)");
        });
    });
}

/// True once the user asked to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// The flag itself, for code that polls it (exports).
pub fn flag() -> &'static AtomicBool {
    &REQUESTED
}
