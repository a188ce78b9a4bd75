//! Rebuilds the server when a migration is added or changed: `sqlx::migrate!` embeds them at
//! compile time, but cargo does not watch the folders it reads.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
