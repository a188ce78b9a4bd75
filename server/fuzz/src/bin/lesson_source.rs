//! Fuzz target: any bytes as a lesson file (front matter, Markdown, quiz, limits).

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            let _ = server::content::source_check::check_lesson_source(text);
        }
    });
}
