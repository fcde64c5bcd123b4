//! Time the dictionary load: the whole `Coder::builtin()` and each stage's load alone (best of N runs, wall
//! milliseconds), to see which stage the parallel load waits for. `load_timing [N] [repeat] [stage]`: with a
//! repeat count it loads the coder (or only `stage`: actors, quotes, events, places) that many times after
//! timing, for a profiler or `time`.
use detente_coder::{Coder, actors, events, places, quotes};
use std::time::Instant;

fn best<T>(runs: usize, mut load: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(load());
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let repeat: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    println!(
        "Coder::builtin   {:7.1} ms",
        best(runs, || Coder::builtin().expect("load"))
    );
    println!(
        "actors           {:7.1} ms",
        best(runs, || actors::ActorRecognizer::load(&[]).expect("load"))
    );
    println!(
        "quotes           {:7.1} ms",
        best(runs, || quotes::QuoteExtractor::load(&[]).expect("load"))
    );
    println!(
        "events           {:7.1} ms",
        best(runs, || events::EventCoder::load(&[]).expect("load"))
    );
    println!(
        "places           {:7.1} ms",
        best(runs, || places::Places::load(&[]).expect("load"))
    );
    let stage = args.next().unwrap_or_default();
    for _ in 0..repeat {
        match stage.as_str() {
            "actors" => drop(std::hint::black_box(actors::ActorRecognizer::load(&[]))),
            "quotes" => drop(std::hint::black_box(quotes::QuoteExtractor::load(&[]))),
            "events" => drop(std::hint::black_box(events::EventCoder::load(&[]))),
            "places" => drop(std::hint::black_box(places::Places::load(&[]))),
            _ => drop(std::hint::black_box(Coder::builtin())),
        }
    }
}

// The allocator of the `detente` binary, so that the figures are those of the CLI.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
