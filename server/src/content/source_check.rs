//! One lesson's source checked on its own, without a course folder around it: the limits first,
//! then front matter, Markdown and quiz. What the fuzzer drives (`server/fuzz`) and what a browser
//! editor will call; the loader runs the same steps on every file.

use super::{checks, frontmatter, limits, Problem};
use crate::markdown::{self, Context};

/// Every problem of a lesson source; empty when it would load (folder-level checks aside:
/// pictures on disk, links to other lessons, ids unique in the course).
pub fn check_lesson_source(text: &str) -> Vec<Problem> {
    let mut problems = limits::check(text);
    if !problems.is_empty() {
        return problems;
    }
    let Some(front) = frontmatter::parse(text, &mut problems) else {
        return problems;
    };
    let cx = Context {
        first_line: front.body_line,
        media: &|path| format!("/media/check/{path}"),
    };
    let body = text.get(front.body_offset..).unwrap_or_default();
    let mut rendered = markdown::render(body, &cx);
    problems.append(&mut rendered.problems);
    checks::lesson_quiz(&rendered, &mut problems);
    problems
}

#[cfg(test)]
mod tests {
    use super::check_lesson_source;
    use crate::content::fixture;

    #[test]
    fn a_good_lesson_passes_and_a_broken_one_says_where() {
        assert_eq!(check_lesson_source(&fixture::lesson("one", 1)), vec![]);
        let broken = fixture::lesson("one", 1).replace("- [ ] 也错\n", "- [x] 也错\n");
        let problems = check_lesson_source(&broken);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 36);
        let not_opened = app::i18n::checker::Field::NotOpened.into();
        assert_eq!(
            check_lesson_source("no front matter")[0].message,
            not_opened
        );
    }
}
