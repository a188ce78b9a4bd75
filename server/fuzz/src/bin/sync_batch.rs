//! Fuzz target: any bytes as a sync batch from a learner's phone, and the times it names.

use server::services::learning::sync::{decode_batch, event_time};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(batch) = decode_batch(data) {
            for event in &batch.events {
                let _ = event.id();
            }
            let _ = event_time(batch.sent_at, batch.sent_at, 1_800_000_000);
        }
    });
}
