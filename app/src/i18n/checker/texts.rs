//! The words of each checker message, Chinese then English, by kind.

use super::{Body, Field, Item, Layout, Limit, Quiz};

impl Limit {
    pub(super) fn texts(&self) -> (String, String) {
        match self {
            Limit::FileSize { kb, max_kb } => (
                format!("文件有 {kb} KB，最多 {max_kb} KB——把这一课分成两课"),
                format!("the file is {kb} KB; at most {max_kb} KB — split the lesson in two"),
            ),
            Limit::Lines { lines, max } => (
                format!("文件有 {lines} 行，最多 {max} 行——把这一课分成两课"),
                format!("the file has {lines} lines; at most {max} — split the lesson in two"),
            ),
            Limit::LineLength { chars, max } => (
                format!("这一行有 {chars} 个字符，最多 {max} 个——分成几句写"),
                format!("the line is {chars} characters long; at most {max} — break it into sentences"),
            ),
            Limit::TableColumns { columns, max } => (
                format!("表格这一行有 {columns} 列，最多 {max} 列——把表格拆开"),
                format!("a table row with {columns} columns; at most {max} — split the table"),
            ),
            Limit::MarkRun { mark, run, max } => (
                format!("连着写了 {run} 个“{mark}”，最多 {max} 个——删掉多余的"),
                format!("{run} '{mark}' in a row; at most {max} — remove the extra ones"),
            ),
            Limit::Nesting { depth, max } => (
                format!("引用和列表套了 {depth} 层，最多 {max} 层——减少层数"),
                format!("quotes and lists nested {depth} deep; at most {max} — flatten them"),
            ),
            Limit::ParagraphMarks { max } => (
                format!("这一段的 *、_、~、[、] 符号超过 {max} 个——把段落拆开或删掉一些"),
                format!("this paragraph has more than {max} '*', '_', '~', '[' and ']'; split it or remove some"),
            ),
        }
    }
}

impl Field {
    pub(super) fn texts(&self) -> (String, String) {
        match self {
            Field::NotOpened => (
                "文件第一行必须是 `---`，文件头从这里开始".into(),
                "the file must start with a line `---` that opens the front matter".into(),
            ),
            Field::NotClosed => (
                "文件头没有结束——在最后一个键后面加一行 `---`".into(),
                "the front matter is never closed; add a line `---` after the last key".into(),
            ),
            Field::NotKeyValue { line } => (
                format!("“{line}”不是“键: 值”的写法——在键后面加英文冒号"),
                format!("`{line}` is not `key: value`; add a colon after the key"),
            ),
            Field::Twice { key } => (
                format!("`{key}` 写了两次——只留一个"),
                format!("`{key}` is given twice; keep one"),
            ),
            Field::Missing { key } => (
                format!("缺少 `{key}`——在文件头里加一行 `{key}: …`"),
                format!("`{key}` is missing; add a line `{key}: …` to the front matter"),
            ),
            Field::Empty { key } => (
                format!("`{key}` 是空的——在冒号后面写上内容"),
                format!("`{key}` is empty; write a value after the colon"),
            ),
            Field::TooLong { key, count, max } => (
                format!("`{key}` 有 {count} 个字，最多 {max} 个——写短一些"),
                format!("`{key}` has {count} characters; shorten it to at most {max}"),
            ),
            Field::BadId { id } => (
                format!("编号 `{id}` 不能用——只能用 3 到 64 个小写字母 a-z、数字和 `-`（`-` 不在开头或结尾），例如 `taobao-kaidian`"),
                format!("id `{id}` is not allowed; use 3–64 lowercase letters a-z, digits and `-` (not first or last), e.g. `taobao-kaidian`"),
            ),
            Field::NumberMissing { key, min, max } => (
                format!("缺少 `{key}`——加一行 `{key}: {min}`（{min} 到 {max} 的整数）"),
                format!("`{key}` is missing; add a line `{key}: {min}` (a whole number {min}–{max})"),
            ),
            Field::NumberRange { key, value, min, max } => (
                format!("`{key}: {value}` 必须是 {min} 到 {max} 的整数"),
                format!("`{key}: {value}` must be a whole number from {min} to {max}"),
            ),
            Field::DateMissing { key } => (
                format!("缺少 `{key}`——加一行 `{key}: 2026-12-01`（核对内容的日期）"),
                format!("`{key}` is missing; add a line `{key}: 2026-12-01` (the date its facts were checked)"),
            ),
            Field::NotADate { key, value } => (
                format!("`{key}: {value}` 不是日期——按“年-月-日”写，例如 2026-12-01"),
                format!("`{key}: {value}` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01"),
            ),
            Field::Unknown { key } => (
                format!("不认识的键 `{key}`——检查拼写（能用的键列在 content/README.md 里）"),
                format!("unknown key `{key}`; check its spelling (allowed keys are listed in content/README.md)"),
            ),
            Field::UnknownLevel { value } => (
                format!("难度 `{value}` 不认识——用 beginner、intermediate 或 advanced"),
                format!("level `{value}` is unknown; use beginner, intermediate or advanced"),
            ),
            Field::UnknownCompletion { value } => (
                format!("结业条件 `{value}` 不认识——用 all、lessons 或 tests"),
                format!("completion `{value}` is unknown; use all, lessons or tests"),
            ),
        }
    }
}

impl Quiz {
    pub(super) fn texts(&self) -> (String, String) {
        match self {
            Quiz::None => (
                "没有小测验——在课文最后加一个 ```quiz 块，写 3 到 5 道题".into(),
                "no quiz; end the lesson with a ```quiz block of 3 to 5 questions".into(),
            ),
            Quiz::NotClosed => (
                "```quiz 块没有结束——在最后一道题后面加一行 ```".into(),
                "the ```quiz block is never closed; add a line ``` after the last question".into(),
            ),
            Quiz::SecondBlock => (
                "一课只能有一个 ```quiz 块——把题目并到第一个里".into(),
                "a lesson has one ```quiz block; merge the questions into the first".into(),
            ),
            Quiz::Size { questions } => (
                format!("小测验有 {questions} 道题，每课要 3 到 5 道"),
                format!("the quiz has {questions} questions; a lesson needs 3 to 5"),
            ),
            Quiz::SecondPrompt => (
                "一道题里有第二行 `? `——题和题之间空一行".into(),
                "a second `? ` line in one question; separate questions with a blank line".into(),
            ),
            Quiz::StrayLine { line } => (
                format!("“{line}”不属于哪一道题——每行用 `? `、`- [ ] `、`- [x] ` 或 `= ` 开头"),
                format!("`{line}` is not part of a question; start lines with `? `, `- [ ] `, `- [x] ` or `= `"),
            ),
            Quiz::NoPrompt => (
                "这道题没有写题目的 `? ` 行".into(),
                "this question has no `? ` line with the question text".into(),
            ),
            Quiz::ChoiceCount { prompt, choices } => (
                format!("题目“{prompt}”有 {choices} 个选项——要写 2 到 6 行 `- [ ] …`"),
                format!("question “{prompt}” has {choices} choices; give 2 to 6 lines `- [ ] …`"),
            ),
            Quiz::RightCount { prompt, right } => (
                format!("题目“{prompt}”标了 {right} 个对的答案——只用 `- [x]` 标一个"),
                format!("question “{prompt}” marks {right} choices right; mark exactly one with `- [x]`"),
            ),
            Quiz::NoExplanation { prompt } => (
                format!("题目“{prompt}”没有解释——加一行 `= …` 说明为什么这个答案对"),
                format!("question “{prompt}” has no explanation; add a line `= …` saying why the answer is right"),
            ),
        }
    }
}

impl Body {
    pub(super) fn texts(&self) -> (String, String) {
        match self {
            Body::Html => (
                "课文里不能写 HTML——请用 Markdown（HTML 会从页面上去掉）".into(),
                "HTML is not allowed in lessons; write Markdown instead (it is removed from the page)".into(),
            ),
            Body::TitleHeading => (
                "小标题请用 `##` 或 `###`——只有课文标题用 `#`".into(),
                "use `##` or `###` for headings; the lesson title is the only `#` heading".into(),
            ),
            Body::PictureOutsideImg { path } => (
                format!("图片 `{path}` 要放在单元的 `img/` 文件夹里：写成 `img/名字.svg`"),
                format!("picture `{path}` must be in the module's `img/` folder: write `img/name.svg`"),
            ),
            Body::PictureMissing { path } => (
                format!("图片 `{path}` 不存在——上传这张图片，或改正名字"),
                format!("picture `{path}` does not exist; add the file or fix the name"),
            ),
            Body::PictureNoAlt { path } => (
                format!("图片 `{path}` 没有文字说明——写上图上是什么：`![图上是什么]({path})`"),
                format!("picture `{path}` has no alt text; describe it: `![what it shows]({path})`"),
            ),
            Body::NoPractice { heading } => (
                format!("没有练习——加一节 `## {heading}`，写一件在手机上动手做的事"),
                format!("no practice task; add a section `## {heading}` with something to do on the phone"),
            ),
            Body::TooManyChars { chars, max } => (
                format!("这一课有 {chars} 个汉字，最多 {max} 个——删短一些或分成两课"),
                format!("the lesson has {chars} Chinese characters; shorten it to at most {max} or split it in two"),
            ),
            Body::UnknownLessonLink { target } => (
                format!("链接到 `lesson:{target}`，但没有哪一课用这个编号"),
                format!("link to `lesson:{target}`, but no lesson has that id"),
            ),
        }
    }
}

impl Layout {
    pub(super) fn texts(&self) -> (String, String) {
        match self {
            Layout::FolderUnreadable { error } => (
                format!("读不了课程文件夹：{error}"),
                format!("cannot read the content folder: {error}"),
            ),
            Layout::NotUtf8 { error } => (
                format!("这个文件不是 UTF-8 文本（{error}）——请另存为 UTF-8"),
                format!("cannot read the file as UTF-8 text: {error}"),
            ),
            Layout::FileMissing => ("文件不存在".into(), "the file is missing".into()),
            Layout::NoCourse => (
                "没有找到课程——一门课是一个带 `course.md` 文件的文件夹".into(),
                "no course found; a course is a folder with a `course.md` file".into(),
            ),
            Layout::NoModule => (
                "这门课还没有单元——加一个带 `module.md` 文件的文件夹".into(),
                "this course has no module; add a folder with a `module.md` file".into(),
            ),
            Layout::NoLesson => (
                "这个单元还没有课文——在它的文件夹里加一个课文 `.md` 文件".into(),
                "this module has no lesson; add a lesson `.md` file to its folder".into(),
            ),
            Layout::TestQuestions { asked, total } => (
                format!("`test_questions: {asked}` 比各课小测验一共的 {total} 道题还多——改小一些"),
                format!("`test_questions: {asked}` is more than the {total} quiz questions its lessons have; lower it"),
            ),
            Layout::SameOrder { item, other, id, position } => (
                format!("{}`{other}` 和 `{id}` 都写了 `order: {position}`——各用一个不同的数", item.zh()),
                format!("{}s `{other}` and `{id}` both have `order: {position}`; give each its own number", item.en()),
            ),
            Layout::DuplicateId { item, id, first } => (
                format!("{}编号 `{id}` 已经被 {first} 用了——编号不能重复", item.zh()),
                format!("{} id `{id}` is already used by {first}; ids must be unique", item.en()),
            ),
        }
    }
}

impl Item {
    fn zh(self) -> &'static str {
        match self {
            Item::Course => "课程",
            Item::Module => "单元",
            Item::Lesson => "课文",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Item::Course => "course",
            Item::Module => "module",
            Item::Lesson => "lesson",
        }
    }
}
