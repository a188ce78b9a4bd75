//! Course files between `content/`, the database's versions and a check: the three-way merge
//! that lets a restart bring in what changed on disk without undoing what was written in the
//! browser, and loading a course's files into a checked tree.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use app::error::AppError;
use app::i18n::authoring::AuthoringProblem;
use app::i18n::checker::Layout;
use app::i18n::problems::Problem;

use crate::content::loader::{load_folder_beside, load_folder_lenient};
use crate::content::{load_folder, ContentError, ContentTree, Folder};
use crate::error::ServerError;
use crate::services::turns::Turns;
use crate::store::learning::content::ImportReport;
use crate::store::learning::versions::{Files, Origin, Publication};
use crate::store::{now, Store};

/// The root the loader names a course's files under (messages read `course/01-m/a.md:3: …`).
const VIRTUAL_ROOT: &str = "";

/// A course's files as a content folder holding just that course, under `folder`.
pub fn course_folder(folder: &str, files: &Files) -> Result<Folder, ServerError> {
    let mut content = Folder::new(VIRTUAL_ROOT);
    for (path, bytes) in files {
        content
            .insert(&format!("{folder}/{path}"), bytes.clone())
            .map_err(ServerError::Internal)?;
    }
    Ok(content)
}

/// A course check loads the whole course: tens of milliseconds of CPU. One at a time per
/// server, off the async workers, so an editor previewing at every pause in typing cannot take
/// the cores learners' pages need.
fn check_turns() -> &'static Turns {
    static TURNS: OnceLock<Turns> = OnceLock::new();
    TURNS.get_or_init(|| Turns::new(1, Duration::from_secs(10)))
}

/// Loads and checks a course's files (the tree must hold exactly one course); what is wrong
/// comes back as `ServerError::Content`. Its `lesson:` links may name its own lessons and
/// `other_lessons` (those of the other courses).
pub async fn check_course(
    folder: &str,
    files: &Files,
    other_lessons: HashSet<String>,
) -> Result<ContentTree, ServerError> {
    let content = checked_folder(folder, files)?;
    check_turns()
        .run(move || load_folder_beside(&content, &other_lessons).map_err(ServerError::Content))
        .await
}

/// The same, keeping what loads beside what is wrong: what the editor previews.
pub async fn check_course_lenient(
    folder: &str,
    files: &Files,
    other_lessons: HashSet<String>,
) -> Result<(ContentTree, Vec<ContentError>), ServerError> {
    let content = checked_folder(folder, files)?;
    check_turns()
        .run(move || Ok(load_folder_lenient(&content, &other_lessons)))
        .await
}

fn checked_folder(folder: &str, files: &Files) -> Result<Folder, ServerError> {
    course_folder(folder, files).map_err(|e| {
        ServerError::Content(vec![ContentError {
            path: folder.into(),
            line: 1,
            message: Layout::FolderUnreadable {
                error: e.to_string(),
            }
            .into(),
        }])
    })
}

/// `latest` with every file that changed on disk between `before` and `now` taken from disk
/// (added, changed or, when deleted there, removed); files only the browser changed stay.
pub fn merge_disk_changes(latest: &Files, before: &Files, now: &Files) -> Files {
    let mut merged = latest.clone();
    for path in before.keys().chain(now.keys()) {
        if before.get(path) == now.get(path) {
            continue;
        }
        match now.get(path) {
            Some(bytes) => merged.insert(path.clone(), bytes.clone()),
            None => merged.remove(path),
        };
    }
    merged
}

/// Brings `content/` into the database: each course whose files changed on disk since the last
/// import gets a new published version (what changed on disk, over its latest version). A
/// course written only in the browser, or a lesson added there, is never retired by it.
pub async fn import_content_dir(store: &Store, dir: &Path) -> Result<ImportReport, ServerError> {
    let disk = Folder::read(dir).map_err(|e| {
        ServerError::Content(vec![ContentError {
            path: dir.to_path_buf(),
            line: 1,
            message: Layout::FolderUnreadable {
                error: e.to_string(),
            }
            .into(),
        }])
    })?;
    let tree = load_folder(&disk).map_err(ServerError::Content)?;
    let disk_lessons: HashSet<String> = tree.lessons().map(|l| l.id.clone()).collect();
    let mut report = ImportReport::default();
    for course in &tree.courses {
        let on_disk = disk.subfolder(&course.folder).files().clone();
        // Two servers starting together: the second finds the first's version and retries.
        for _ in 0..3 {
            match import_course(store, &course.id, &course.folder, &on_disk, &disk_lessons).await {
                Err(ServerError::App(AppError::Invalid(Problem::Authoring(
                    AuthoringProblem::PublishedMeanwhile,
                )))) => continue,
                other => {
                    add(&mut report, other?);
                    break;
                }
            }
        }
    }
    Ok(report)
}

async fn import_course(
    store: &Store,
    course_id: &str,
    folder: &str,
    on_disk: &Files,
    disk_lessons: &HashSet<String>,
) -> Result<ImportReport, ServerError> {
    let before = store.disk_files(course_id).await?;
    let latest = store.course_versions(course_id).await?.into_iter().next();
    let latest_files = match &latest {
        Some(version) => store.version_files(version.id).await?,
        None => Files::new(),
    };
    if latest.is_some() && &before == on_disk {
        return Ok(ImportReport {
            unchanged: 1,
            ..ImportReport::default()
        });
    }
    let merged = merge_disk_changes(&latest_files, &before, on_disk);
    if latest.is_some() && merged == latest_files {
        store.remember_disk_files(course_id, on_disk).await?;
        return Ok(ImportReport {
            unchanged: 1,
            ..ImportReport::default()
        });
    }
    let mut others = store.lesson_ids_outside(course_id).await?;
    others.extend(disk_lessons.iter().cloned());
    let content = checked_folder(folder, &merged)?;
    let tree = check_turns()
        .run_patiently(move || load_folder_beside(&content, &others).map_err(ServerError::Content))
        .await?;
    let publication = Publication {
        course_id,
        folder,
        origin: Origin::Files,
        files: &merged,
        tree: &tree,
        by: None,
        note: "content/",
        disk: Some(on_disk),
        based_on: latest.map(|v| v.number).unwrap_or(0),
        now: now(),
    };
    Ok(store.publish_version(publication).await?.1)
}

fn add(total: &mut ImportReport, one: ImportReport) {
    total.inserted += one.inserted;
    total.updated += one.updated;
    total.unchanged += one.unchanged;
    total.retired += one.retired;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn disk_changes_apply_and_browser_changes_stay() {
        let before = files(&[("a.md", "a1"), ("b.md", "b1"), ("c.md", "c1")]);
        // The browser edited b and added d; disk then edited a, deleted c and added e.
        let latest = files(&[
            ("a.md", "a1"),
            ("b.md", "b2"),
            ("c.md", "c1"),
            ("d.md", "d"),
        ]);
        let now = files(&[("a.md", "a2"), ("b.md", "b1"), ("e.md", "e")]);
        let merged = merge_disk_changes(&latest, &before, &now);
        assert_eq!(
            merged,
            files(&[("a.md", "a2"), ("b.md", "b2"), ("d.md", "d"), ("e.md", "e")])
        );
        assert_eq!(merge_disk_changes(&latest, &now, &now), latest);
    }
}
