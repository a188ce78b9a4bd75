//! Replays what the fuzzers found (server/fuzz/corpus) through the code they fuzzed: every input
//! must come back with an answer, never a panic. The corpus grows with each fuzzing run
//! (server/scripts/fuzz.sh); the seeds are real lessons, household files and sync batches.

use std::fs;
use std::path::{Path, PathBuf};

use server::content::source_check::check_lesson_source;
use server::people::csv_format::{parse, Encoding};
use server::services::learning::sync::{decode_batch, event_time};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn lesson_sources_found_by_the_fuzzer_are_answered() {
    let files = corpus("lesson_source");
    assert!(files.len() >= 3, "the seeds are missing");
    let mut accepted = 0;
    for path in &files {
        let bytes = fs::read(path).expect("corpus file");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let problems = check_lesson_source(text);
            assert!(problems.iter().all(|p| p.line >= 1), "{}", path.display());
            accepted += usize::from(problems.is_empty());
        }
    }
    assert!(accepted >= 1, "the real lessons among the seeds pass");
}

#[test]
fn household_files_found_by_the_fuzzer_are_answered() {
    let files = corpus("household_csv");
    assert!(files.len() >= 3, "the seeds are missing");
    for path in &files {
        let bytes = fs::read(path).expect("corpus file");
        for encoding in [Encoding::Auto, Encoding::Gbk] {
            let parsed = parse(&bytes, encoding);
            assert!(
                parsed.errors.len() <= parsed.error_count,
                "{}",
                path.display()
            );
        }
    }
    let seed_file = files.iter().find(|p| p.ends_with("seed-utf8.csv"));
    let seed = parse(
        &fs::read(seed_file.expect("seed")).expect("seed"),
        Encoding::Auto,
    );
    assert!(seed.rows > 0, "the seed's member rows are read");
}

#[test]
fn sync_batches_found_by_the_fuzzer_are_answered() {
    let files = corpus("sync_batch");
    assert!(files.len() >= 3, "the seeds are missing");
    let mut read = 0;
    for path in &files {
        let bytes = fs::read(path).expect("corpus file");
        if let Ok(batch) = decode_batch(&bytes) {
            assert!(batch.events.len() <= app::model::MAX_SYNC_EVENTS);
            let at = event_time(batch.sent_at, batch.sent_at, 1_800_000_000);
            assert!(at <= 1_800_000_000, "{}", path.display());
            read += 1;
        }
    }
    assert!(read >= 2, "the seed batches are read");
}
