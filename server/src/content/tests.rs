//! The loader against whole folders, good and bad, asserting the exact messages trainers see.

use std::fs;
use std::path::Path;

use super::fixture;
use super::load;

fn errors_of(root: &Path) -> Vec<String> {
    let errors = load(root).expect_err("content should be rejected");
    errors
        .iter()
        .map(|e| e.to_string().replace(&format!("{}/", root.display()), ""))
        .collect()
}

#[test]
fn loads_a_valid_course_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    fixture::write(dir.path());
    let tree = load(dir.path()).expect("valid content");
    assert_eq!(tree.courses.len(), 1);
    let module = &tree.courses[0].modules[0];
    assert_eq!(
        module
            .lessons
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        vec!["lesson-one", "lesson-two"]
    );
    let lesson = &module.lessons[0];
    assert_eq!(lesson.quiz.len(), 3);
    assert!(lesson.has_practice);
    let picture =
        std::fs::read(dir.path().join("test-course/01-module/img/flow.svg")).expect("svg");
    let url = super::loader::hashed_media_url(&picture, "flow.svg");
    assert!(
        url.starts_with("/media/h/") && url.ends_with(".svg"),
        "{url}"
    );
    assert!(
        lesson
            .body_html
            .contains(&format!(r#"<img src="{url}" alt="订单流程">"#)),
        "{}",
        lesson.body_html
    );
    assert!(
        !lesson.body_html.contains("第一题"),
        "quiz must not be in the prose"
    );
}

#[test]
fn reports_every_problem_with_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    fixture::write(dir.path());
    let module = dir.path().join("test-course/01-module");
    let bad = fixture::lesson("lesson-one", 3)
        .replace("minutes: 8", "minutes: 90")
        .replace("checked: 2026-12-01", "checked: 2026-02-30")
        .replace("## 做一做", "## 练习")
        .replace("img/flow.svg", "img/missing.svg")
        .replace("- [ ] 也错\n", "- [x] 也错\n")
        .replace("王大姐", "看[下一课](lesson:no-such-lesson)，王大姐");
    fs::write(module.join("03-bad.md"), bad).expect("bad lesson");
    assert_eq!(errors_of(dir.path()), vec![
        "test-course/01-module/03-bad.md:9: `minutes: 90` must be a whole number from 1 to 60",
        "test-course/01-module/03-bad.md:10: `checked: 2026-02-30` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01",
        "test-course/01-module/03-bad.md:36: question “第三题？” marks 2 choices right; mark exactly one with `- [x]`",
        "test-course/01-module/03-bad.md:1: no practice task; add a section `## 做一做` with something to do on the phone",
        "test-course/01-module/03-bad.md:17: picture `img/missing.svg` does not exist; add the file or fix the name",
        "test-course/01-module/03-bad.md:15: link to `lesson:no-such-lesson`, but no lesson has that id",
        "test-course/01-module/03-bad.md:1: lesson id `lesson-one` is already used by test-course/01-module/01-one.md; ids must be unique",
    ]);
}

#[test]
fn reports_missing_quiz_and_duplicate_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    fixture::write(dir.path());
    let module = dir.path().join("test-course/01-module");
    let no_quiz = fixture::lesson("lesson-three", 2);
    let no_quiz = &no_quiz[..no_quiz.find("## 小测验").expect("quiz heading")];
    fs::write(module.join("03-three.md"), no_quiz).expect("lesson");
    assert_eq!(errors_of(dir.path()), vec![
        "test-course/01-module/03-three.md:1: no quiz; end the lesson with a ```quiz block of 3 to 5 questions",
        "test-course/01-module/module.md:1: lessons `lesson-two` and `lesson-three` both have `order: 2`; give each its own number",
    ]);
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].ends_with(":1: no course found; a course is a folder with a `course.md` file"),
        "{errors:?}"
    );
}

#[test]
fn a_course_may_say_what_finishing_it_takes() {
    use crate::content::Completion;
    let dir = tempfile::tempdir().expect("tempdir");
    fixture::write(dir.path());
    let tree = load(dir.path()).expect("valid content");
    assert_eq!(tree.courses[0].completion, Completion::All, "the default");
    let course = dir.path().join("test-course/course.md");
    let with_rule = fixture::COURSE.replace(
        "level: beginner\n",
        "level: beginner\ncompletion: lessons\n",
    );
    std::fs::write(&course, with_rule).expect("write");
    assert_eq!(
        load(dir.path()).expect("valid").courses[0].completion,
        Completion::Lessons
    );
    let wrong = fixture::COURSE.replace("level: beginner\n", "level: beginner\ncompletion: most\n");
    std::fs::write(&course, wrong).expect("write");
    let errors = errors_of(dir.path());
    assert!(
        errors
            .iter()
            .any(|e| e
                .ends_with("course.md:9: completion `most` is unknown; use all, lessons or tests")),
        "{errors:?}"
    );
}

#[test]
fn hostile_sources_are_refused_before_parsing_with_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    fixture::write(dir.path());
    let module = dir.path().join("test-course/01-module");
    let nested = fixture::lesson("lesson-nested", 3).replace(
        "王大姐用手机卖腊肉。",
        &format!("王大姐用手机卖腊肉。\n{}太深", "> - ".repeat(200)),
    );
    fs::write(module.join("03-nested.md"), nested).expect("nested lesson");
    let huge = fixture::lesson("lesson-huge", 4) + &"好".repeat(30_000);
    fs::write(module.join("04-huge.md"), huge).expect("huge lesson");
    assert_eq!(errors_of(dir.path()), vec![
        "test-course/01-module/03-nested.md:16: quotes and lists nested 400 deep; at most 6 — flatten them",
        "test-course/01-module/04-huge.md:1: the file is 89 KB; at most 64 KB — split the lesson in two",
    ]);
}
