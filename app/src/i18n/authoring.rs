//! The strings of writing courses in the browser: the editor, drafts, versions and editors, and
//! what can be wrong with an edit.

use serde::{Deserialize, Serialize};

use super::Locale;

/// Why an edit, a publication or a grant was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthoringProblem {
    /// Someone published the course after this page was opened.
    PublishedMeanwhile,
    /// The course does not pass the content checks; the page lists where.
    ContentProblems {
        count: usize,
    },
    /// A file name is not a plain path inside the course (or not a lesson's `.md`).
    FilePath,
    /// There is no draft to publish.
    NothingToPublish,
    UnknownVersion,
    /// A module or lesson id of this course is already another course's.
    IdOfAnotherCourse {
        id: String,
    },
    /// Grants go to trainers (and admins) only.
    NotATrainer,
    /// A rollback would throw away unpublished edits.
    DraftPending,
    ZipUnreadable,
    /// A zip whose files do not pass the checks: not published, its files are now the draft.
    ZipKeptAsDraft {
        count: usize,
    },
    /// Too many files, or files too large (unpacked).
    ZipTooLarge,
    /// An entry outside the course's one folder, or with a path that is not plain.
    ZipPath {
        path: String,
    },
    /// A picture needs a description for those who cannot see it.
    AltRequired,
    /// The upload is not a JPEG, PNG, WebP or GIF by its content (whatever its name).
    NotAPicture,
    PictureTooLarge {
        max_mb: usize,
    },
    PictureTooManyPixels {
        width: u32,
        height: u32,
    },
    PictureBroken,
    /// Pictures belong to a lesson inside a module folder.
    PictureNeedsLesson,
    /// A new course's id is not 3 to 40 lowercase letters, digits and dashes.
    CourseId,
    CourseExists,
    /// Someone saved the file after this editor opened it: theirs stays, this text is kept
    /// beside it under `path`.
    SavedBeside {
        path: String,
    },
}

impl AuthoringProblem {
    pub fn text(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        let pick = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        match self {
            AuthoringProblem::PublishedMeanwhile => pick(
                "这门课刚被别人发布了新版本，请重新打开页面再发布".into(),
                "Someone published this course meanwhile; reopen the page and publish again.".into(),
            ),
            AuthoringProblem::ContentProblems { count } => pick(
                format!("还有{count}处问题，改好后才能发布（见下面的列表）"),
                format!("{count} problem(s) left; fix them before publishing (see the list below)."),
            ),
            AuthoringProblem::FilePath => pick(
                "文件名只能用字母、数字、短横线，课文以 .md 结尾，放在单元文件夹里".into(),
                "A file name may hold letters, digits and dashes; a lesson ends in .md and sits in a module folder.".into(),
            ),
            AuthoringProblem::NothingToPublish => pick(
                "没有未发布的修改".into(),
                "There are no unpublished changes.".into(),
            ),
            AuthoringProblem::UnknownVersion => pick(
                "没有这个版本".into(),
                "There is no such version.".into(),
            ),
            AuthoringProblem::IdOfAnotherCourse { id } => pick(
                format!("编号“{id}”已经被另一门课使用，请换一个"),
                format!("The id “{id}” belongs to another course; choose another."),
            ),
            AuthoringProblem::DraftPending => pick(
                "有未发布的草稿：先发布或放弃草稿，再退回旧版本".into(),
                "There is an unpublished draft: publish or discard it before rolling back.".into(),
            ),
            AuthoringProblem::ZipUnreadable => pick(
                "读不出这个zip文件，请重新导出再上传".into(),
                "This zip file cannot be read; export it again and upload that.".into(),
            ),
            AuthoringProblem::ZipKeptAsDraft { count } => pick(
                format!("zip里还有{count}处问题，没有发布：它的文件已放进草稿，按下面列出的问题改好后再发布"),
                format!("The zip has {count} problem(s) and was not published: its files are now the draft; fix what the list below names, then publish."),
            ),
            AuthoringProblem::ZipTooLarge => pick(
                "zip里的文件太多或太大（最多2000个文件，每个不超过5MB）".into(),
                "The zip holds too many or too large files (at most 2,000 files of 5 MB each).".into(),
            ),
            AuthoringProblem::ZipPath { path } => pick(
                format!("zip里的“{path}”不在课程的文件夹里，或者名字不合规"),
                format!("“{path}” in the zip is not inside the course's one folder, or its name is not plain."),
            ),
            AuthoringProblem::AltRequired => pick(
                "请写一句话说明图片上是什么（看不见图的人靠它）".into(),
                "Describe what the picture shows in one sentence (for those who cannot see it).".into(),
            ),
            AuthoringProblem::NotAPicture => pick(
                "这个文件不是图片，请选 JPG、PNG、WebP 或 GIF 照片".into(),
                "This file is not a picture; choose a JPG, PNG, WebP or GIF photo.".into(),
            ),
            AuthoringProblem::PictureTooLarge { max_mb } => pick(
                format!("图片超过{max_mb}MB，请选小一点的"),
                format!("The picture is larger than {max_mb} MB; choose a smaller one."),
            ),
            AuthoringProblem::PictureTooManyPixels { width, height } => pick(
                format!("图片有{width}×{height}像素，太大了，请先缩小"),
                format!("The picture is {width}×{height} pixels, too large; shrink it first."),
            ),
            AuthoringProblem::PictureBroken => pick(
                "图片文件坏了或没传完整，请重新上传".into(),
                "The picture file is damaged or incomplete; upload it again.".into(),
            ),
            AuthoringProblem::PictureNeedsLesson => pick(
                "图片要放在某个单元里的一课上".into(),
                "Pictures go into a lesson inside a module folder.".into(),
            ),
            AuthoringProblem::CourseId => pick(
                "课程编号用3到40个小写字母、数字或短横线，比如 weixin-xiaodian".into(),
                "A course id has 3 to 40 lowercase letters, digits or dashes, such as weixin-shop.".into(),
            ),
            AuthoringProblem::CourseExists => pick(
                "已经有这个编号的课程了，请换一个".into(),
                "A course with this id exists; choose another.".into(),
            ),
            AuthoringProblem::SavedBeside { path } => pick(
                format!("你打开以后，别人也改了这个文件。下面是别人的版本；你的内容另存为 {path}，请对照后合并"),
                format!("Someone else changed this file after you opened it. Theirs is shown below; yours is saved as {path}: compare and merge."),
            ),
            AuthoringProblem::NotATrainer => pick(
                "只能授权给培训老师".into(),
                "Editing can be granted to trainers only.".into(),
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum A {
    Authoring,
    AuthoringHint,
    NoCourses,
    Files,
    Changed,
    Deleted,
    Edit,
    NewLesson,
    NewLessonHint,
    FileName,
    Source,
    Preview,
    SaveDraft,
    PreviewHint,
    Problems,
    NoProblems,
    Line,
    Publish,
    PublishNote,
    DiscardDraft,
    Versions,
    Version,
    Origin,
    PublishedBy,
    PublishedAt,
    RollBack,
    Editors,
    Grant,
    GrantHint,
    Owner,
    ExportZip,
    ImportZip,
    Toolbar,
    Heading,
    List,
    Bold,
    Picture,
    LessonLink,
    QuizQuestion,
    DraftSaved,
    Published,
    RolledBack,
    Granted,
    Current,
    NewCourse,
    CourseIdHint,
    Start,
    AddPicture,
    PictureFile,
    PictureAlt,
    PictureHint,
}

/// `key` in `locale`.
pub fn ta(locale: Locale, key: A) -> &'static str {
    let (zh, en) = text(key);
    match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    }
}

fn text(key: A) -> (&'static str, &'static str) {
    match key {
        A::Authoring => ("编写课程", "Write courses"),
        A::AuthoringHint => ("改好后先存草稿、看预览，满意了再发布。学员只看到发布的版本。", "Save a draft and preview it; publish when it is right. Learners see published versions only."),
        A::NoCourses => ("还没有可以编辑的课程。请管理员授权。", "No course to edit yet; ask an admin to grant you one."),
        A::Files => ("文件", "Files"),
        A::Changed => ("已修改，未发布", "changed, not published"),
        A::Deleted => ("已删除，未发布", "deleted, not published"),
        A::Edit => ("编辑", "Edit"),
        A::NewLesson => ("新建一课", "New lesson"),
        A::NewLessonHint => ("写单元文件夹和文件名，比如 01-shouji-jichu/07-xin-ke.md", "Module folder and file name, such as 01-shouji-jichu/07-new.md"),
        A::FileName => ("文件", "File"),
        A::Source => ("内容（Markdown）", "Content (Markdown)"),
        A::Preview => ("预览", "Preview"),
        A::SaveDraft => ("存草稿", "Save draft"),
        A::PreviewHint => ("学员在手机上看到的样子：", "As a learner sees it on a phone:"),
        A::Problems => ("要改的问题", "Problems to fix"),
        A::NoProblems => ("检查通过，可以发布", "All checks pass; ready to publish"),
        A::Line => ("行", "line"),
        A::Publish => ("发布", "Publish"),
        A::PublishNote => ("这次改了什么（可不写）", "What changed (optional)"),
        A::DiscardDraft => ("放弃草稿", "Discard draft"),
        A::Versions => ("发布记录", "Versions"),
        A::Version => ("版本", "Version"),
        A::Origin => ("来源", "From"),
        A::PublishedBy => ("发布人", "By"),
        A::PublishedAt => ("时间", "When"),
        A::RollBack => ("退回到这个版本", "Roll back to this version"),
        A::Editors => ("可以编辑的人", "Editors"),
        A::Grant => ("授权编辑", "Grant editing"),
        A::GrantHint => ("填培训老师的登录名", "The trainer's login"),
        A::Owner => ("负责人", "owner"),
        A::ExportZip => ("下载整门课（zip）", "Download the course (zip)"),
        A::ImportZip => ("上传整门课（zip）", "Upload the course (zip)"),
        A::Toolbar => ("插入", "Insert"),
        A::Heading => ("标题", "Heading"),
        A::List => ("列表", "List"),
        A::Bold => ("加粗", "Bold"),
        A::Picture => ("图片", "Picture"),
        A::LessonLink => ("链接到一课", "Link to a lesson"),
        A::QuizQuestion => ("测验题", "Quiz question"),
        A::DraftSaved => ("草稿已保存", "Draft saved"),
        A::Published => ("已发布", "Published"),
        A::RolledBack => ("已退回，作为新版本发布", "Rolled back, published as a new version"),
        A::Granted => ("已授权", "Granted"),
        A::Current => ("当前", "current"),
        A::NewCourse => ("新开一门课", "Start a course"),
        A::CourseIdHint => ("课程编号（小写字母和短横线），比如 weixin-xiaodian", "Course id (lowercase letters and dashes), such as weixin-shop"),
        A::Start => ("开始编写", "Start writing"),
        A::AddPicture => ("加一张图片", "Add a picture"),
        A::PictureFile => ("照片", "Photo"),
        A::PictureAlt => ("图片上是什么（必填）", "What it shows (required)"),
        A::PictureHint => ("照片会缩小到100KB以内，去掉拍摄地点等信息，放在测验前面。", "The photo is shrunk under 100 KB, stripped of location and other data, and placed before the quiz."),
    }
}

impl From<AuthoringProblem> for super::problems::Problem {
    fn from(problem: AuthoringProblem) -> Self {
        super::problems::Problem::Authoring(problem)
    }
}

impl From<AuthoringProblem> for crate::error::AppError {
    fn from(problem: AuthoringProblem) -> Self {
        crate::error::AppError::Invalid(problem.into())
    }
}
