//! Checks on content that span more than one line of one file: quizzes, pictures, ordering and
//! the uniqueness of ids across the whole tree.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use app::i18n::checker::{Body, Item, Layout, Quiz};

use super::folder::Folder;
use super::{quiz, ContentTree, Problem};
use crate::markdown;

/// Problems with the pictures a lesson shows: outside `img/`, missing, or without alt text.
pub fn images(
    folder: &Folder,
    lesson: &Path,
    images: &[markdown::Image],
    problems: &mut Vec<Problem>,
) {
    let dir = lesson.parent().unwrap_or(Path::new("."));
    for image in images {
        let inside_img = image.path.starts_with("img/") && !image.path.contains("..");
        if !inside_img {
            let path = image.path.clone();
            problems.push(Problem::at(image.line, Body::PictureOutsideImg { path }));
        } else if !folder.is_file(&dir.join(&image.path)) {
            let path = image.path.clone();
            problems.push(Problem::at(image.line, Body::PictureMissing { path }));
        }
        if image.alt.trim().is_empty() {
            let path = image.path.clone();
            problems.push(Problem::at(image.line, Body::PictureNoAlt { path }));
        }
    }
}

/// The lesson's questions; exactly one quiz block of 3 to 5 well-formed questions is required.
pub fn lesson_quiz(
    rendered: &markdown::Rendered,
    problems: &mut Vec<Problem>,
) -> Vec<quiz::Question> {
    let problems_before = problems.len();
    let questions: Vec<quiz::Question> = rendered
        .quiz_blocks
        .iter()
        .flat_map(|(text, line)| quiz::parse(text, *line, problems))
        .collect();
    let quiz_is_well_formed = problems.len() == problems_before;
    match rendered.quiz_blocks.len() {
        0 => problems.push(Problem::at(1, Quiz::None)),
        1 if quiz_is_well_formed && !(3..=5).contains(&questions.len()) => {
            let size = Quiz::Size {
                questions: questions.len(),
            };
            problems.push(Problem::at(rendered.quiz_blocks[0].1, size))
        }
        1 => {}
        _ => problems.push(Problem::at(
            rendered.quiz_blocks[1].1 - 1,
            Quiz::SecondBlock,
        )),
    }
    questions
}

/// Siblings may not share an `order`.
pub fn order<'a>(
    items: impl Iterator<Item = (i64, &'a str)>,
    item: Item,
    problems: &mut Vec<Problem>,
) {
    let mut by_position: HashMap<i64, &str> = HashMap::new();
    for (position, id) in items {
        if let Some(other) = by_position.insert(position, id) {
            let (other, id) = (other.to_string(), id.to_string());
            let same = Layout::SameOrder {
                item,
                other,
                id,
                position,
            };
            problems.push(Problem::at(1, same));
        }
    }
}

/// Ids used twice among courses, modules or lessons: (file, message) for each later use.
pub fn duplicate_ids(tree: &ContentTree) -> Vec<(PathBuf, Layout)> {
    let mut seen: HashMap<(Item, &str), &Path> = HashMap::new();
    let courses = tree
        .courses
        .iter()
        .map(|c| (Item::Course, c.id.as_str(), Path::new("course.md")));
    let modules = tree.courses.iter().flat_map(|c| &c.modules);
    let modules = modules.map(|m| (Item::Module, m.id.as_str(), Path::new("module.md")));
    let lessons = tree
        .lessons()
        .map(|l| (Item::Lesson, l.id.as_str(), l.source.as_path()));
    let mut duplicates = Vec::new();
    for (item, id, source) in courses.chain(modules).chain(lessons) {
        if let Some(first) = seen.insert((item, id), source) {
            let message = Layout::DuplicateId {
                item,
                id: id.to_string(),
                first: first.display().to_string(),
            };
            duplicates.push((source.to_path_buf(), message));
        }
    }
    duplicates
}
