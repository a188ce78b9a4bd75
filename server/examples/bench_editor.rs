//! Benchmark helper: the server time of the editor's live preview, the call `/api/author-editor`
//! makes while a trainer types. It imports a content folder into a scratch SQLite database, then
//! previews each given lesson source as a new lesson of the course's first module, so the whole
//! real course is checked around it as in the editor. Prints, per file: the median and the
//! slowest of `ROUNDS` previews in ms, the problem count and the first problem.
//! Usage: bench_editor CONTENT_DIR [LABEL=]LESSON_FILE...

use std::path::PathBuf;
use std::time::Instant;

use app::backend::{Actor, User};
use app::codes::Role;
use app::i18n::Locale;
use server::error::ServerError;
use server::services::authoring::{files::import_content_dir, pages};
use server::store::accounts::users::NewUser;
use server::store::Store;

const ROUNDS: usize = 7;

#[tokio::main]
async fn main() -> Result<(), ServerError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((content, lessons)) = args.split_first() else {
        eprintln!("usage: bench_editor CONTENT_DIR [LABEL=]LESSON_FILE...");
        std::process::exit(2);
    };
    let content = PathBuf::from(content);
    let scratch = std::env::temp_dir().join(format!("bench-editor-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let store = Store::open(&server::store::scratch::database_url(&scratch).await?).await?;
    import_content_dir(&store, &content).await?;
    let (actor, admin_id) = admin(&store).await?;
    let course = store.editable_courses(admin_id, true).await?;
    let course = course.first().map(|(id, _)| id.clone());
    let course = course.ok_or_else(|| ServerError::Internal("no course".into()))?;
    let module = first_module(&store, &actor, &course).await?;
    let path = format!("{module}/99-preview.md");
    println!(
        "{:<40} {:>7} {:>7} {:>8}  first problem",
        "file", "p50 ms", "max ms", "problems"
    );
    for lesson in lessons {
        let (label, file) = lesson.split_once('=').unwrap_or((lesson, lesson));
        let text = String::from_utf8_lossy(&std::fs::read(file)?).into_owned();
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let preview =
                pages::editor_page(&store, &actor, Locale::ZhCn, &course, &path, Some(&text));
            last = Some(preview.await?);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let problems = last.map(|editor| editor.problems).unwrap_or_default();
        let first = problems
            .first()
            .map(|p| format!("{}: {}", p.line, p.message));
        println!(
            "{:<40} {:>7.1} {:>7.1} {:>8}  {}",
            label,
            times[ROUNDS / 2],
            times[ROUNDS - 1],
            problems.len(),
            first
                .unwrap_or_default()
                .chars()
                .take(60)
                .collect::<String>()
        );
    }
    std::fs::remove_dir_all(&scratch)?;
    Ok(())
}

async fn admin(store: &Store) -> Result<(Actor, i64), ServerError> {
    let user = NewUser {
        login: "bench-editor",
        display_name: "bench",
        password_hash: "x",
        role: Role::Admin,
        region_id: None,
        must_change_password: false,
    };
    let id = store.create_user(user, 1).await?;
    let actor = Actor::User(User {
        id,
        display_name: "bench".into(),
        role: Role::Admin,
        region_id: None,
        must_change_password: false,
        session_id: String::new(),
        address: "127.0.0.1".into(),
    });
    Ok((actor, id))
}

/// The folder of the course's first module, as the editor names files.
async fn first_module(store: &Store, actor: &Actor, course: &str) -> Result<String, ServerError> {
    let page = pages::course(store, actor, Locale::ZhCn, course).await?;
    page.files
        .iter()
        .find_map(|f| f.path.strip_suffix("/module.md").map(str::to_string))
        .ok_or_else(|| ServerError::Internal("no module".into()))
}
