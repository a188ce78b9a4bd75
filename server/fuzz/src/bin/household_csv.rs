//! Fuzz target: any bytes as a household file, read as each encoding an office may choose.

use server::people::csv_format::{parse, Encoding};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        for encoding in [Encoding::Auto, Encoding::Gbk] {
            let _ = parse(data, encoding);
        }
    });
}
