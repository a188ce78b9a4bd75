//! Drafts, publishing and rolling back: a course's working files are its latest version with
//! the draft laid over them; publishing checks them like `content/` is checked and records the
//! next version; a rollback publishes an earlier version's files again. All audited.

use app::backend::{Actor, User};
use app::codes::AuditAction;
use app::error::AppError;
use app::i18n::authoring::AuthoringProblem;
use app::i18n::Locale;
use app::model::ContentProblem;

use super::access::editor;
use super::files::check_course;
use crate::content::{folder::plain_key, ContentError, ContentTree};
use crate::error::ServerError;
use crate::services::authz;
use crate::store::learning::versions::{blob_hash, Files, Origin, Publication, VersionRow};
use crate::store::{now, Store};

/// A course's latest version, its files and the files with the draft applied.
pub struct Working {
    pub latest: VersionRow,
    pub published: Files,
    pub files: Files,
    pub has_draft: bool,
}

/// A course's working files. A new course, not yet published, has no version: its files are all
/// draft, in a folder named like its id.
pub async fn working(store: &Store, course_id: &str) -> Result<Working, ServerError> {
    let (latest, published) = match store.course_versions(course_id).await?.into_iter().next() {
        Some(latest) => {
            let files = store.version_files(latest.id).await?;
            (latest, files)
        }
        None => (unpublished(course_id), Files::new()),
    };
    let mut files = published.clone();
    let draft = store.draft_files(course_id).await?;
    for change in &draft {
        match &change.bytes {
            Some(bytes) => files.insert(change.path.clone(), bytes.clone()),
            None => files.remove(&change.path),
        };
    }
    Ok(Working {
        latest,
        published,
        files,
        has_draft: !draft.is_empty(),
    })
}

/// The version a course has before its first: number 0, nothing in it.
fn unpublished(course_id: &str) -> VersionRow {
    VersionRow {
        id: 0,
        course_id: course_id.to_string(),
        number: 0,
        folder: course_id.to_string(),
        origin: String::new(),
        version_hash: String::new(),
        published_by: None,
        published_at: 0,
        note: String::new(),
    }
}

/// The checker's problems as the pages show them, paths relative to the course's folder.
pub fn problems(folder: &str, errors: Vec<ContentError>, locale: Locale) -> Vec<ContentProblem> {
    let prefix = format!("{folder}/");
    errors
        .into_iter()
        .map(|e| {
            let path = e.path.to_string_lossy().into_owned();
            ContentProblem {
                path: path.strip_prefix(&prefix).unwrap_or(&path).to_string(),
                line: e.line,
                message: e.message.text(locale),
                excerpt: String::new(),
            }
        })
        .collect()
}

/// A file a trainer may write: a plain path to a Markdown file, at most one folder deep.
pub fn editable_path(path: &str) -> Result<String, ServerError> {
    let refused = || ServerError::from(AppError::Invalid(AuthoringProblem::FilePath.into()));
    let key = plain_key(path.trim()).ok_or_else(refused)?;
    let plain_name = key.split('/').all(|part| {
        part.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    });
    let depth = key.split('/').count();
    if !plain_name || !key.ends_with(".md") || depth > 2 {
        return Err(refused());
    }
    Ok(key)
}

/// The hash an editor page sends back with its text: of the file as the page showed it ("" for
/// a file that did not exist yet).
pub fn base_hash(bytes: Option<&[u8]>) -> String {
    bytes.map(blob_hash).unwrap_or_default()
}

/// Saves a file's text into the draft. When the file changed since the editor showed it
/// (`base`, from `base_hash`: someone else saved meanwhile), their text stays and this one is
/// kept beside it as `_conflict-<user>-<name>` (the loader ignores `_` files), so neither is lost.
pub async fn save_draft(
    store: &Store,
    actor: &Actor,
    course_id: &str,
    draft: DraftText<'_>,
) -> Result<(), ServerError> {
    let (user, _) = editor(store, actor, course_id, "courses.edit").await?;
    let path = editable_path(draft.path)?;
    let text = draft.source.replace("\r\n", "\n");
    let work = working(store, course_id).await?;
    let current = work.files.get(&path).map(Vec::as_slice);
    let moved = draft
        .base
        .is_some_and(|base| base != base_hash(current) && current != Some(text.as_bytes()));
    if !moved {
        return store
            .save_draft_file(course_id, &path, Some(text.as_bytes()), user.id, now())
            .await;
    }
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path.as_str()));
    let copy = match folder {
        "" => format!("_conflict-{}-{name}", user.id),
        _ => format!("{folder}/_conflict-{}-{name}", user.id),
    };
    store
        .save_draft_file(course_id, &copy, Some(text.as_bytes()), user.id, now())
        .await?;
    Err(AppError::from(AuthoringProblem::SavedBeside { path: copy }).into())
}

/// A file's new text from the editor, with the hash of the text it started from.
pub struct DraftText<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub base: Option<&'a str>,
}

pub async fn discard(store: &Store, actor: &Actor, course_id: &str) -> Result<(), ServerError> {
    let (user, _) = editor(store, actor, course_id, "courses.edit").await?;
    store.discard_draft(course_id).await?;
    let target = format!("course {course_id}");
    authz::audit(store, user, AuditAction::DiscardedDraft, &target, None, "").await
}

/// Checks the files and refuses ids another course already has.
pub(super) async fn checked(
    store: &Store,
    course_id: &str,
    folder: &str,
    files: &Files,
) -> Result<ContentTree, ServerError> {
    let others = store.lesson_ids_outside(course_id).await?;
    let tree = match check_course(folder, files, others).await {
        Err(ServerError::Content(errors)) => {
            let count = errors.len();
            let refused = AuthoringProblem::ContentProblems { count };
            return Err(AppError::Invalid(refused.into()).into());
        }
        checked => checked?,
    };
    let ids: Vec<String> = tree
        .courses
        .iter()
        .flat_map(|c| &c.modules)
        .flat_map(|m| std::iter::once(m.id.clone()).chain(m.lessons.iter().map(|l| l.id.clone())))
        .collect();
    if let Some(id) = store.ids_of_other_courses(course_id, &ids).await?.pop() {
        return Err(AppError::Invalid(AuthoringProblem::IdOfAnotherCourse { id }.into()).into());
    }
    if tree.courses.first().map(|c| c.id.as_str()) != Some(course_id) {
        let id = tree
            .courses
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_default();
        return Err(AppError::Invalid(AuthoringProblem::IdOfAnotherCourse { id }.into()).into());
    }
    Ok(tree)
}

pub async fn publish(
    store: &Store,
    actor: &Actor,
    course_id: &str,
    note: &str,
) -> Result<i64, ServerError> {
    let (user, _) = editor(store, actor, course_id, "courses.publish").await?;
    let work = working(store, course_id).await?;
    if !work.has_draft || work.files == work.published {
        return Err(AppError::Invalid(AuthoringProblem::NothingToPublish.into()).into());
    }
    let tree = checked(store, course_id, &work.latest.folder, &work.files).await?;
    let note: String = note.trim().chars().take(200).collect();
    let release = Release {
        origin: Origin::Browser,
        action: AuditAction::PublishedCourse,
        note: &note,
    };
    record(store, user, &work, &tree, release).await
}

pub async fn roll_back(
    store: &Store,
    actor: &Actor,
    course_id: &str,
    number: i64,
) -> Result<i64, ServerError> {
    let (user, _) = editor(store, actor, course_id, "courses.publish").await?;
    let unknown = || ServerError::from(AppError::Invalid(AuthoringProblem::UnknownVersion.into()));
    let earlier = store
        .numbered_version(course_id, number)
        .await?
        .ok_or_else(unknown)?;
    let mut work = working(store, course_id).await?;
    if work.has_draft {
        return Err(AppError::Invalid(AuthoringProblem::DraftPending.into()).into());
    }
    work.files = store.version_files(earlier.id).await?;
    let tree = checked(store, course_id, &earlier.folder, &work.files).await?;
    let note = format!("rollback to {number}");
    let release = Release {
        origin: Origin::Rollback,
        action: AuditAction::RolledBackCourse,
        note: &note,
    };
    record(store, user, &work, &tree, release).await
}

/// How a version comes about: where from, how it is audited, and its note.
pub struct Release<'a> {
    pub origin: Origin,
    pub action: AuditAction,
    pub note: &'a str,
}

/// Publishes `work.files` (checked into `tree`) as the next version and audits it.
pub(super) async fn record(
    store: &Store,
    user: &User,
    work: &Working,
    tree: &ContentTree,
    release: Release<'_>,
) -> Result<i64, ServerError> {
    let course_id = &work.latest.course_id;
    let publication = Publication {
        course_id,
        folder: &work.latest.folder,
        origin: release.origin,
        files: &work.files,
        tree,
        by: Some(user.id),
        note: release.note,
        disk: None,
        based_on: work.latest.number,
        now: now(),
    };
    let (number, _) = store.publish_version(publication).await?;
    let target = format!("course {course_id}");
    let detail = format!("version {number}: {}", release.note);
    authz::audit(store, user, release.action, &target, None, &detail).await?;
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::editable_path;

    #[test]
    fn only_plain_markdown_paths_are_editable() {
        for good in ["course.md", "01-m/module.md", "01-m/07-new_lesson.md"] {
            assert_eq!(editable_path(good).ok().as_deref(), Some(good));
        }
        for bad in [
            "../x.md",
            "01-m/img/a.md",
            "a/b/c.md",
            "01-m/x.svg",
            "01 m/x.md",
            "/x.md",
            "01-m/课.md",
            ".x.md",
        ] {
            assert!(editable_path(bad).is_err(), "{bad}");
        }
    }
}
