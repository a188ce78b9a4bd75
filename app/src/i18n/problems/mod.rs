//! What can be wrong with what someone sent, as typed values: services return a `Problem`, and
//! the page shows it in the reader's language. No service writes user-facing text itself.

use serde::{Deserialize, Serialize};

use super::Locale;
use crate::codes::RegionLevel;

/// A reason input was refused, with the few values the message needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A form arrived without the fields its page sends.
    FormIncomplete,
    WrongLoginOrPassword,
    TooManyAttempts,
    AnswerSheetIncomplete,
    AnswerCount {
        expected: usize,
        got: usize,
    },
    AnswerNotAChoice {
        question: usize,
    },
    EventIdMissing,
    /// Said by the phone's service worker, not the server: answers kept to send later.
    SavedOffline,
    /// Said by the page when a module test's answers could not reach the server (tests are
    /// checked online only).
    QuizNotSent,
    /// A sync batch that is not JSON of the expected shape.
    SyncBatchUnreadable,
    SyncBatchTooLarge {
        max: usize,
    },
    RevokeReason {
        max: usize,
    },
    AlreadyRevoked,
    UnknownRole,
    RegionRequired,
    LearnersRegisterThemselves,
    NoSuchRegion,
    PasswordsDiffer,
    CurrentPasswordWrong,
    PasswordUnchanged,
    PasswordTooShort {
        min: usize,
    },
    JoinCodeWrong,
    PhoneFormat,
    LoginLength {
        min: usize,
        max: usize,
    },
    LoginTaken,
    NameLength {
        max: usize,
    },
    ChooseClass,
    ChooseClassPlace,
    /// The day of an in-person session is not a real past day (`YYYY-MM-DD`).
    SessionDay,
    /// The course chosen for a class does not exist.
    ClassCourse,
    /// No learner of the trainer's region has this login.
    NoSuchLearnerHere,
    /// No trainer whose region holds the class's place has this login.
    NoSuchTrainerHere,
    /// A class's first or last day is not a date, or the last comes before the first.
    ClassDays,
    /// A learner ticked on an attendance list is not a number.
    AttendanceList,
    ClassName {
        max: usize,
    },
    HouseholdNumbersRequired,
    HouseholdsNotFound {
        numbers: Vec<String>,
    },
    TooManyAccounts {
        max: usize,
        requested: usize,
    },
    RegionLevelUnknown {
        level: String,
    },
    RegionName {
        max: usize,
    },
    RegionCodeFormat {
        code: String,
    },
    RegionCodeTaken {
        code: String,
    },
    RegionCodeConflict {
        code: String,
        name: String,
    },
    ParentCodeMissing {
        code: String,
    },
    CountyHasNoParent,
    ParentLevel {
        level: RegionLevel,
        parent: RegionLevel,
    },
    EmptyFile,
    FileTooLarge {
        max_mb: usize,
    },
    UploadForm,
    UploadBroken,
    ChooseEncoding,
    FileEncoding,
    FileHeader,
    MissingColumns {
        columns: Vec<String>,
    },
    UnreadableLine,
    /// Problems of a file, each with its line.
    Lines(Vec<(usize, Problem)>),
    MonthFormat {
        text: String,
    },
    DateFormat {
        text: String,
    },
    AmountFormat {
        text: String,
    },
    CountFormat {
        text: String,
    },
    UnknownTargetGroup,
    UnknownCourse,
    OutcomeKindUnknown,
    PlatformRequired,
    OutcomeFieldsMissing,
    TextTooLong {
        max: usize,
    },
    DateInFuture,
    AlreadyConfirmed,
    FollowUpResultUnknown,
    NotReplaceable,
    TestCoolDown {
        minutes: usize,
    },
    TestTooManyTries {
        per_day: usize,
    },
    TestNotSubmitted,
    TestDrawUnknown,
    ServerBusy,
    ImportRunning,
    TooManyImports {
        per_hour: usize,
    },
    /// Writing courses in the browser: its own table of messages.
    Authoring(super::authoring::AuthoringProblem),
}

/// Lines shown of a file's problems; the rest are counted.
const LINES_SHOWN: usize = 20;

impl Problem {
    /// The message in the reader's language.
    pub fn text(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        let pick = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        match self {
            Problem::Authoring(problem) => authoring_text(problem, locale),
            Problem::Lines(lines) => lines_text(lines, locale),
            Problem::AnswerCount { expected, got } => pick(
                format!("答案数目不对：应有{expected}个，收到{got}个"),
                format!("expected {expected} answers, got {got}"),
            ),
            Problem::AnswerNotAChoice { question } => pick(
                format!("第{question}题的答案不是它的选项之一"),
                format!("answer to question {question} is not one of its choices"),
            ),
            Problem::RevokeReason { max } => pick(
                format!("请写明撤销原因（最多{max}字）"),
                format!("Give the reason for revoking (at most {max} characters)."),
            ),
            Problem::PasswordTooShort { min } => pick(
                format!("密码至少要{min}位"),
                format!("The password needs at least {min} characters."),
            ),
            Problem::LoginLength { min, max } => pick(
                format!("登录名（手机号或用户名）应为{min}到{max}个字符"),
                format!("The login (phone number or user name) needs {min} to {max} characters."),
            ),
            Problem::NameLength { max } => pick(
                format!("姓名不能为空，最多{max}个字"),
                format!("Enter a name of at most {max} characters."),
            ),
            Problem::ClassName { max } => pick(
                format!("班级名称不能为空，最多{max}个字"),
                format!("Enter a class name of at most {max} characters."),
            ),
            Problem::RegionName { max } => pick(
                format!("名称不能为空，最多{max}个字"),
                format!("Enter a name of at most {max} characters."),
            ),
            Problem::HouseholdsNotFound { numbers } => pick(
                format!("这些户编号在您的辖区里找不到：{}", numbers.join("、")),
                format!(
                    "These household numbers are not in your region: {}",
                    numbers.join(", ")
                ),
            ),
            Problem::TooManyAccounts { max, requested } => pick(
                format!("一次最多创建{max}个账号，这次有{requested}个"),
                format!("At most {max} accounts at a time; this would create {requested}."),
            ),
            Problem::RegionLevelUnknown { level } => pick(
                format!("级别“{level}”无法识别，请填 县、乡镇 或 村"),
                format!("Level “{level}” is unknown; use county, township or village."),
            ),
            Problem::RegionCodeFormat { code } => pick(
                format!("行政区划代码“{code}”应为6到12位数字"),
                format!("Administrative code “{code}” must be 6 to 12 digits."),
            ),
            Problem::RegionCodeTaken { code } => pick(
                format!("行政区划代码“{code}”已经有了"),
                format!("Administrative code “{code}” already exists."),
            ),
            Problem::RegionCodeConflict { code, name } => pick(
                format!("代码{code}已经是“{name}”，与这一行不同"),
                format!("Code {code} is already “{name}”, which differs from this line."),
            ),
            Problem::ParentCodeMissing { code } => pick(
                format!("上级代码{code}找不到；上级要写在下级前面"),
                format!("Parent code {code} not found; list parents before their children."),
            ),
            Problem::ParentLevel { level, parent } => pick(
                format!("{}的上级必须是已有的{}", level.label(), parent.label()),
                format!(
                    "A {} must belong to an existing {}.",
                    level.code(),
                    parent.code()
                ),
            ),
            Problem::FileTooLarge { max_mb } => pick(
                format!("文件超过 {max_mb}MB，请分成几个文件导入"),
                format!("The file is larger than {max_mb} MB; split it into several files."),
            ),
            Problem::MonthFormat { text } => pick(
                format!("“{text}”不是年月，请写成 2026-03 这样"),
                format!("“{text}” is not a month; write it like 2026-03"),
            ),
            Problem::DateFormat { text } => pick(
                format!("“{text}”不是日期，请写成 2026-03-15 这样"),
                format!("“{text}” is not a date; write it like 2026-03-15"),
            ),
            Problem::AmountFormat { text } => pick(
                format!("“{text}”不是金额，请只写数字，比如 1280 或 1280.50"),
                format!("“{text}” is not an amount; write digits only, like 1280 or 1280.50"),
            ),
            Problem::CountFormat { text } => pick(
                format!("“{text}”不是整数，请只写数字"),
                format!("“{text}” is not a whole number; write digits only"),
            ),
            Problem::TextTooLong { max } => pick(
                format!("填写的内容太长了，最多{max}个字"),
                format!("The text is too long: at most {max} characters"),
            ),
            Problem::TestCoolDown { minutes } => pick(
                format!("上次测试没通过。先复习一下，{minutes}分钟后再来做"),
                format!("The last attempt did not pass. Review the lessons and try again in {minutes} minutes."),
            ),
            Problem::TestTooManyTries { per_day } => pick(
                format!("今天已经做了{per_day}次，明天再来做这个测试"),
                format!("You took this test {per_day} times today; come back tomorrow."),
            ),
            Problem::SyncBatchTooLarge { max } => pick(
                format!("一次最多同步{max}条记录，请分几次发送"),
                format!("At most {max} records can be synced at once; send them in several batches."),
            ),
            Problem::TooManyImports { per_hour } => pick(
                format!("一小时内最多导入或检查{per_hour}个文件，请过一会儿再试"),
                format!("At most {per_hour} files can be imported or checked in an hour; please try again later."),
            ),
            Problem::MissingColumns { columns } => pick(
                format!("缺少列：{}", columns.join("、")),
                format!("Missing columns: {}", columns.join(", ")),
            ),
            Problem::FormIncomplete
            | Problem::WrongLoginOrPassword
            | Problem::TooManyAttempts
            | Problem::AnswerSheetIncomplete
            | Problem::EventIdMissing
            | Problem::SyncBatchUnreadable
            | Problem::SavedOffline
            | Problem::QuizNotSent
            | Problem::AlreadyRevoked
            | Problem::UnknownRole
            | Problem::RegionRequired
            | Problem::LearnersRegisterThemselves
            | Problem::NoSuchRegion
            | Problem::PasswordsDiffer
            | Problem::CurrentPasswordWrong
            | Problem::PasswordUnchanged
            | Problem::JoinCodeWrong
            | Problem::PhoneFormat
            | Problem::LoginTaken
            | Problem::ChooseClass
            | Problem::ChooseClassPlace
            | Problem::SessionDay
            | Problem::ClassCourse
            | Problem::NoSuchLearnerHere
            | Problem::NoSuchTrainerHere
            | Problem::ClassDays
            | Problem::AttendanceList
            | Problem::HouseholdNumbersRequired
            | Problem::CountyHasNoParent
            | Problem::EmptyFile
            | Problem::UploadForm
            | Problem::UploadBroken
            | Problem::ChooseEncoding
            | Problem::FileEncoding
            | Problem::FileHeader
            | Problem::UnreadableLine
            | Problem::UnknownTargetGroup
            | Problem::UnknownCourse
            | Problem::OutcomeKindUnknown
            | Problem::PlatformRequired
            | Problem::OutcomeFieldsMissing
            | Problem::DateInFuture
            | Problem::AlreadyConfirmed
            | Problem::FollowUpResultUnknown
            | Problem::NotReplaceable
            | Problem::TestNotSubmitted
            | Problem::TestDrawUnknown
            | Problem::ImportRunning
            | Problem::ServerBusy => {
                let (zh_text, en_text) = fixed_text(self);
                pick(zh_text.to_string(), en_text.to_string())
            }
        }
    }
}

/// Authoring problems are only shown by server-rendered pages: the wasm bundle learners download
/// leaves their texts out (an island never receives one).
#[cfg(feature = "ssr")]
fn authoring_text(problem: &super::authoring::AuthoringProblem, locale: Locale) -> String {
    problem.text(locale)
}

#[cfg(not(feature = "ssr"))]
fn authoring_text(_: &super::authoring::AuthoringProblem, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => "请刷新页面再试".into(),
        Locale::En => "Reload the page and try again.".into(),
    }
}

fn lines_text(lines: &[(usize, Problem)], locale: Locale) -> String {
    let shown: Vec<String> = lines
        .iter()
        .take(LINES_SHOWN)
        .map(|(line, problem)| match locale {
            Locale::ZhCn => format!("第{line}行：{}", problem.text(locale)),
            Locale::En => format!("line {line}: {}", problem.text(locale)),
        })
        .collect();
    let more = lines.len().saturating_sub(LINES_SHOWN);
    let tail = match (more, locale) {
        (0, _) => String::new(),
        (n, Locale::ZhCn) => format!("；另有{n}行有问题"),
        (n, Locale::En) => format!("; {n} more lines have problems"),
    };
    let separator = if locale == Locale::ZhCn { "；" } else { "; " };
    shown.join(separator) + &tail
}

mod fixed;
#[cfg(test)]
mod tests;

use fixed::fixed_text;
