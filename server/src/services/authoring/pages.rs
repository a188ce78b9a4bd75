//! What the authoring pages read: the courses one may edit, a course's files, draft check,
//! versions and editors, and one Markdown file in the editor with its preview.

use app::backend::{Actor, User};
use app::codes::Role;
use app::model::{
    AuthorCourse, AuthorCourseItem, AuthorFile, EditorItem, FileState, LessonEditor, VersionItem,
};

use super::access::editor;
use super::files::check_course;
use super::publish::{editable_path, problems, working, Working};
use crate::content::loader::load_folder_lenient;
use crate::error::ServerError;
use crate::services::authz;
use crate::store::Store;

pub async fn courses(store: &Store, actor: &Actor) -> Result<Vec<AuthorCourseItem>, ServerError> {
    let user: &User =
        authz::require(store, actor, &[Role::Trainer, Role::Admin], "courses.edit").await?;
    let rows = store
        .editable_courses(user.id, user.role == Role::Admin)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title)| AuthorCourseItem { id, title })
        .collect())
}

pub async fn course(
    store: &Store,
    actor: &Actor,
    course_id: &str,
) -> Result<AuthorCourse, ServerError> {
    let (_, may_grant) = editor(store, actor, course_id, "courses.edit").await?;
    let work = working(store, course_id).await?;
    let problems = match work.has_draft {
        true => check_course(&work.latest.folder, &work.files)
            .err()
            .map(|errors| problems(&work.latest.folder, errors))
            .unwrap_or_default(),
        false => Vec::new(),
    };
    let title = store
        .course(course_id)
        .await?
        .map(|c| c.title)
        .unwrap_or_default();
    let versions = store.course_versions(course_id).await?;
    let editors = store.course_editors(course_id).await?;
    Ok(AuthorCourse {
        id: course_id.to_string(),
        title,
        files: file_list(&work),
        has_draft: work.has_draft,
        problems,
        versions: versions
            .into_iter()
            .map(|v| VersionItem {
                number: v.number,
                origin: v.origin,
                by: v.published_by,
                at: v.published_at,
                note: v.note,
            })
            .collect(),
        editors: editors
            .into_iter()
            .map(|e| EditorItem {
                name: e.name,
                login: e.login,
                is_owner: e.is_owner,
            })
            .collect(),
        may_grant,
    })
}

/// Every file of the published version or the draft, with what the draft does to it.
fn file_list(work: &Working) -> Vec<AuthorFile> {
    let mut paths: Vec<&String> = work.published.keys().chain(work.files.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .map(|path| {
            let state = match (work.published.get(path), work.files.get(path)) {
                (Some(a), Some(b)) if a == b => FileState::Published,
                (Some(_), Some(_)) => FileState::Changed,
                (None, _) => FileState::Added,
                (Some(_), None) => FileState::Deleted,
            };
            AuthorFile {
                path: path.clone(),
                state,
                editable: path.ends_with(".md") && state != FileState::Deleted,
            }
        })
        .collect()
}

/// The editor for one file: `source` (text typed but not saved) replaces its draft for the
/// preview and the check; the whole course is checked, so links and ids are checked too.
pub async fn editor_page(
    store: &Store,
    actor: &Actor,
    course_id: &str,
    path: &str,
    source: Option<&str>,
) -> Result<LessonEditor, ServerError> {
    editor(store, actor, course_id, "courses.edit").await?;
    let path = editable_path(path)?;
    let mut work = working(store, course_id).await?;
    if let Some(text) = source {
        let text = text.replace("\r\n", "\n");
        work.files.insert(path.clone(), text.into_bytes());
    }
    let source = work
        .files
        .get(&path)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let folder = &work.latest.folder;
    let (tree, errors) = load_folder_lenient(&super::files::course_folder(folder, &work.files)?);
    let all = problems(folder, errors);
    let (problems, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|p| p.path == path);
    let lessons = tree
        .lessons()
        .map(|l| (l.id.clone(), l.texts.title.clone()));
    let preview_html = tree
        .lessons()
        .find(|l| l.source.to_string_lossy() == format!("{folder}/{path}"))
        .map(|l| l.body_html.clone())
        .unwrap_or_default();
    Ok(LessonEditor {
        course_id: course_id.to_string(),
        path,
        source,
        preview_html,
        problems,
        other_problems: others.len(),
        lessons: lessons.collect(),
    })
}
