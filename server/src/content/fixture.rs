//! A small valid course written to a temporary folder, for tests here and in the store.

use std::fs;
use std::path::Path;

pub const COURSE: &str = "---\nid: test-course\ntitle: 测试课程\ntitle_en: Test course\nsummary: 用来测试。\nsummary_en: For tests.\norder: 1\nlevel: beginner\n---\n\n课程介绍。\n";

pub const MODULE: &str = "---\nid: test-module\ntitle: 第一单元\ntitle_en: Module one\nsummary: 单元简介。\nsummary_en: About the module.\norder: 1\npass_mark: 80\ntest_questions: 3\n---\n\n单元介绍。\n";

/// A lesson with the given id and order, a practice section and a three-question quiz.
pub fn lesson(id: &str, order: u32) -> String {
    format!(
        "---\nid: {id}\ntitle: 第{order}课\ntitle_en: Lesson {order}\nsummary: 简介。\nsummary_en: Summary.\norder: {order}\nlevel: beginner\nminutes: 8\nchecked: 2026-12-01\n---\n\n## 要点\n\n王大姐用手机卖腊肉。\n\n![订单流程](img/flow.svg)\n\n## 做一做\n\n1. 打开手机。\n\n## 小测验\n\n```quiz\n? 第一题？\n- [x] 对\n- [ ] 错\n= 因为对。\n\n? 第二题？\n- [ ] 错\n- [x] 对\n= 因为对。\n\n? 第三题？\n- [ ] 错\n- [ ] 也错\n- [x] 对\n= 因为对。\n```\n"
    )
}

/// Writes the course with lessons `lesson-one` and `lesson-two` under `root`.
pub fn write(root: &Path) {
    let module = root.join("test-course/01-module");
    fs::create_dir_all(module.join("img")).expect("fixture dirs");
    fs::write(root.join("test-course/course.md"), COURSE).expect("course.md");
    fs::write(module.join("module.md"), MODULE).expect("module.md");
    fs::write(
        module.join("img/flow.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
    )
    .expect("svg");
    fs::write(module.join("01-one.md"), lesson("lesson-one", 1)).expect("lesson one");
    fs::write(module.join("02-two.md"), lesson("lesson-two", 2)).expect("lesson two");
}
