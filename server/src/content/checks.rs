//! Checks on content that span more than one line of one file: quizzes, pictures, ordering and
//! the uniqueness of ids across the whole tree.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
            problems.push(Problem::at(
                image.line,
                format!(
                    "picture `{}` must be in the module's `img/` folder: write `img/name.svg`",
                    image.path
                ),
            ));
        } else if !folder.is_file(&dir.join(&image.path)) {
            problems.push(Problem::at(
                image.line,
                format!(
                    "picture `{}` does not exist; add the file or fix the name",
                    image.path
                ),
            ));
        }
        if image.alt.trim().is_empty() {
            problems.push(Problem::at(
                image.line,
                format!(
                    "picture `{}` has no alt text; describe it: `![what it shows]({})`",
                    image.path, image.path
                ),
            ));
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
        0 => problems.push(Problem::at(
            1,
            "no quiz; end the lesson with a ```quiz block of 3 to 5 questions",
        )),
        1 if quiz_is_well_formed && !(3..=5).contains(&questions.len()) => {
            problems.push(Problem::at(
                rendered.quiz_blocks[0].1,
                format!(
                    "the quiz has {} questions; a lesson needs 3 to 5",
                    questions.len()
                ),
            ))
        }
        1 => {}
        _ => problems.push(Problem::at(
            rendered.quiz_blocks[1].1 - 1,
            "a lesson has one ```quiz block; merge the questions into the first",
        )),
    }
    questions
}

/// Siblings may not share an `order`.
pub fn order<'a>(
    items: impl Iterator<Item = (i64, &'a str)>,
    kind: &str,
    problems: &mut Vec<Problem>,
) {
    let mut by_position: HashMap<i64, &str> = HashMap::new();
    for (position, id) in items {
        if let Some(other) = by_position.insert(position, id) {
            problems.push(Problem::at(1, format!("{kind}s `{other}` and `{id}` both have `order: {position}`; give each its own number")));
        }
    }
}

/// Ids used twice among courses, modules or lessons: (file, message) for each later use.
pub fn duplicate_ids(tree: &ContentTree) -> Vec<(PathBuf, String)> {
    let mut seen: HashMap<(&str, &str), &Path> = HashMap::new();
    let courses = tree
        .courses
        .iter()
        .map(|c| ("course", c.id.as_str(), Path::new("course.md")));
    let modules = tree.courses.iter().flat_map(|c| &c.modules);
    let modules = modules.map(|m| ("module", m.id.as_str(), Path::new("module.md")));
    let lessons = tree
        .lessons()
        .map(|l| ("lesson", l.id.as_str(), l.source.as_path()));
    let mut duplicates = Vec::new();
    for (kind, id, source) in courses.chain(modules).chain(lessons) {
        if let Some(first) = seen.insert((kind, id), source) {
            let message = format!(
                "{kind} id `{id}` is already used by {}; ids must be unique",
                first.display()
            );
            duplicates.push((source.to_path_buf(), message));
        }
    }
    duplicates
}
