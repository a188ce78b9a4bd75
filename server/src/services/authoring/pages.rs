//! What the authoring pages read: the courses one may edit, a course's files, draft check,
//! versions and editors, and one Markdown file in the editor with its preview.

use app::backend::{Actor, User};
use app::codes::Role;
use app::i18n::Locale;
use app::model::{
    AuthorCourse, AuthorCourseItem, AuthorFile, EditorItem, FileState, LessonEditor, VersionItem,
};

use super::access::editor;
use super::files::{check_course, check_course_lenient};
use super::publish::{editable_path, problems, working, Working};
use crate::content::ContentTree;
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
    locale: Locale,
    course_id: &str,
) -> Result<AuthorCourse, ServerError> {
    let (_, may_grant) = editor(store, actor, course_id, "courses.edit").await?;
    let work = working(store, course_id).await?;
    let others = store.lesson_ids_outside(course_id).await?;
    let checked = match work.has_draft {
        true => check_course(&work.latest.folder, &work.files, others).await,
        false => Ok(ContentTree::default()),
    };
    let problems = match checked {
        Ok(_) => Vec::new(),
        Err(ServerError::Content(errors)) => problems(&work.latest.folder, errors, locale),
        Err(other) => return Err(other),
    };
    let title = store
        .course(course_id)
        .await?
        .map_or_else(|| course_id.to_string(), |c| c.title);
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
    locale: Locale,
    course_id: &str,
    path: &str,
    source: Option<&str>,
) -> Result<LessonEditor, ServerError> {
    editor(store, actor, course_id, "courses.edit").await?;
    let path = editable_path(path)?;
    let mut work = working(store, course_id).await?;
    let base_hash = super::publish::base_hash(work.files.get(&path).map(Vec::as_slice));
    if let Some(text) = source {
        let text = text.replace("\r\n", "\n");
        work.files.insert(path.clone(), text.into_bytes());
    }
    if !work.files.contains_key(&path) && path.ends_with(".md") && path.contains('/') {
        let today = app::dates::beijing_day(crate::store::now());
        let text = match path.strip_suffix("/module.md") {
            Some(folder) => new_module(folder),
            None => new_lesson(&path, &today),
        };
        work.files.insert(path.clone(), text.into_bytes());
    }
    let source = work
        .files
        .get(&path)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let folder = &work.latest.folder;
    let other_lessons = store.lesson_ids_outside(course_id).await?;
    let (tree, errors) = check_course_lenient(folder, &work.files, other_lessons).await?;
    let all = problems(folder, errors, locale);
    let (mut problems, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|p| p.path == path);
    let lines: Vec<&str> = source.lines().collect();
    for problem in &mut problems {
        let text = problem.line.checked_sub(1).and_then(|i| lines.get(i));
        problem.excerpt = text
            .map(|t| t.chars().take(120).collect())
            .unwrap_or_default();
    }
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
        base_hash,
        preview_html,
        problems,
        other_problems: others.len(),
        lessons: lessons.collect(),
    })
}

/// What a new lesson file starts with: every field the checker asks for, a practice task and a
/// quiz of three questions, for the trainer to fill in (`07-xin-ke.md`: order 7, id `xin-ke`).
pub fn new_lesson(path: &str, today: &str) -> String {
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    let (number, name) = stem.split_once('-').unwrap_or(("1", stem));
    let order: u32 = number.parse().unwrap_or(1);
    let id = if number.parse::<u32>().is_ok() {
        name
    } else {
        stem
    };
    let question =
        "? 问题写在这里？\n- [x] 对的答案\n- [ ] 错的答案\n- [ ] 错的答案\n= 为什么这样答\n";
    format!(
        "---\nid: {id}\ntitle: 新的一课\ntitle_en: New lesson\nsummary: 用一句话写这一课学什么。\n\
         summary_en: What this lesson teaches, in one sentence.\norder: {order}\nlevel: beginner\n\
         minutes: 8\nchecked: {today}\n---\n\n先用一两句话说说为什么要学这一课。\n\n\
         ## 做一做\n\n1. 在手机上打开……\n\n```quiz\n{question}\n{question}\n{question}```\n"
    )
}

/// What a new course's `course.md` starts with.
pub fn new_course(id: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: 新的课程\ntitle_en: New course\nsummary: 用一句话写这门课教什么。\n\
         summary_en: What this course teaches, in one sentence.\norder: 50\nlevel: beginner\n---\n\n\
         这门课是给谁的，学完能做什么。\n"
    )
}

/// What a new module's `module.md` starts with (`03-wuliu/module.md`: order 3, id `wuliu`); it
/// needs a lesson beside it before it publishes.
pub fn new_module(folder: &str) -> String {
    let (number, name) = folder.split_once('-').unwrap_or(("1", folder));
    let order: u32 = number.parse().unwrap_or(1);
    let id = if number.parse::<u32>().is_ok() {
        name
    } else {
        folder
    };
    format!(
        "---\nid: {id}\ntitle: 新的单元\ntitle_en: New module\nsummary: 用一句话写这个单元学什么。\n\
         summary_en: What this module teaches, in one sentence.\norder: {order}\npass_mark: 60\n\
         test_questions: 3\n---\n\n这个单元学完能做什么。\n"
    )
}

#[cfg(test)]
mod tests {
    use super::{new_lesson, new_module};
    use crate::content::source_check::check_lesson_source;

    #[test]
    fn a_new_lesson_starts_out_passing_the_checks() {
        let text = new_lesson("01-m/07-xin-ke.md", "2026-12-04");
        assert!(
            text.contains("id: xin-ke\n") && text.contains("order: 7\n"),
            "{text}"
        );
        assert_eq!(check_lesson_source(&text), vec![]);
        let module = new_module("03-wuliu");
        assert!(
            module.contains("id: wuliu\n") && module.contains("order: 3\n"),
            "{module}"
        );
    }
}
