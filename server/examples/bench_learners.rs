//! Benchmark helper for `scripts/bench.sh`, against the database a server under test uses:
//!   bench_learners DATABASE_URL sessions N      creates N learners with open sessions and prints
//!                                               one session token per line (no N argon2 sign-ins)
//!   bench_learners DATABASE_URL count PREFIX    prints how many progress events have an event id
//!                                               starting with PREFIX (the writes that were stored)

use app::codes::Role;
use server::services::accounts::sessions::open_session;
use server::store::accounts::users::NewUser;
use server::store::{now, Store};

const USAGE: &str = "usage: bench_learners DATABASE_URL (sessions N | count PREFIX)";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, command, value] = args.as_slice() else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let store = Store::open(url).await?;
    match command.as_str() {
        "sessions" => {
            let count: usize = value.parse()?;
            for token in learners_with_sessions(&store, count).await? {
                println!("{token}");
            }
        }
        "count" => {
            // Run prefixes are letters, digits and '-', so LIKE needs no escaping.
            let stored: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM progress_events WHERE event_id LIKE $1")
                    .bind(format!("{value}%"))
                    .fetch_one(store.pool())
                    .await?;
            println!("{stored}");
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
    Ok(())
}

async fn learners_with_sessions(
    store: &Store,
    count: usize,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let batch = now();
    let mut tokens = Vec::with_capacity(count);
    for i in 0..count {
        let login = format!("bench{batch}-{i}");
        let learner = NewUser {
            login: &login,
            display_name: "压测学员",
            // Not a hash of anything: these accounts are reached through their sessions only.
            password_hash: "!",
            role: Role::Learner,
            region_id: None,
            must_change_password: false,
        };
        let id = store.create_user(learner, now()).await?;
        store.refresh_learner_facts(id).await?;
        tokens.push(open_session(store, id, false, now()).await?);
    }
    Ok(tokens)
}
