//! The strings of a trainer's class page beyond the basics in `staff`: the progress table, its
//! sorting and files, and the attendance of in-person sessions.

use super::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum C {
    ClassProgress,
    ProgressHint,
    Name,
    Login,
    LessonsDone,
    CurrentLesson,
    LastActive,
    SessionsAttended,
    Certified,
    Yes,
    SortedBy,
    Sessions,
    NoSessions,
    Present,
    RecordAttendance,
    SessionDay,
    AttendanceHint,
    Save,
    DownloadCsv,
    DownloadXlsx,
    Course,
    AnyCourse,
    FirstDay,
    LastDay,
    AddLearner,
    Trainers,
    AddTrainer,
    Add,
}

/// `key` in `locale`.
pub fn tc(locale: Locale, key: C) -> &'static str {
    let (zh, en) = text(key);
    locale.pick(zh, en)
}

fn text(key: C) -> (&'static str, &'static str) {
    use C::*;
    match key {
        ClassProgress => ("学习进度", "Progress"),
        ProgressHint => (
            "点表头可以排序：学得最少的、最久没来的排在前面，先联系他们。",
            "Tap a column title to sort: those furthest behind or away longest come first; call them first.",
        ),
        Name => ("姓名", "Name"),
        Login => ("登录名", "Login"),
        LessonsDone => ("学完课数", "Lessons done"),
        CurrentLesson => ("正在学", "On lesson"),
        LastActive => ("最近学习", "Last active"),
        SessionsAttended => ("到课次数", "Sessions attended"),
        Certified => ("已结业", "Certified"),
        Yes => ("是", "yes"),
        SortedBy => ("排序：", "Sorted by: "),
        Sessions => ("线下课签到", "In-person sessions"),
        NoSessions => ("还没有记录线下课。", "No session recorded yet."),
        Present => ("到课", "present"),
        RecordAttendance => ("记录一次线下课", "Record a session"),
        SessionDay => ("上课日期", "Day of the session"),
        AttendanceHint => (
            "勾选来上课的学员。同一天再记一次会替换原来的记录。",
            "Tick the learners who came. Recording the same day again replaces the earlier record.",
        ),
        Save => ("保存签到", "Save attendance"),
        DownloadCsv => ("下载 CSV（Excel 可打开）", "Download CSV (opens in Excel)"),
        DownloadXlsx => ("下载 Excel 表格", "Download Excel workbook"),
        Course => ("课程", "Course"),
        AnyCourse => ("（不指定）", "(not set)"),
        FirstDay => ("开班日期", "First day"),
        LastDay => ("结业日期", "Last day"),
        AddLearner => ("加入已注册的学员（手机号或登录名）", "Add a registered learner (phone number or login)"),
        Add => ("加入", "Add"),
        Trainers => ("培训老师：", "Trainers: "),
        AddTrainer => ("添加一起带班的培训老师（登录名）", "Add a fellow trainer (login)"),
    }
}
