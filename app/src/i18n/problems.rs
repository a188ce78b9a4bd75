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

/// Messages without values (the match in `text` lists which those are).
fn fixed_text(problem: &Problem) -> (&'static str, &'static str) {
    match problem {
        Problem::WrongLoginOrPassword => ("手机号（用户名）或密码不对，请再试一次。", "Wrong phone number (user name) or password. Please try again."),
        Problem::TooManyAttempts => ("试错次数太多，请15分钟后再试。", "Too many attempts. Please try again in 15 minutes."),
        Problem::FormIncomplete => ("表单不完整，请回到页面重新填写", "The form is incomplete; go back and fill it in again."),
        Problem::AnswerSheetIncomplete => ("这份答卷不完整，请回到课程重新作答", "This answer sheet is incomplete; go back to the course and answer again."),
        Problem::EventIdMissing => ("这次提交缺少有效的编号，请刷新页面再试", "This submission lacks a valid id; reload the page and try again."),
        Problem::SavedOffline => ("没有网络：答案已存在手机上，有网络时会自动发送并评分", "No connection: your answers are kept on this phone and will be sent and checked when the connection returns."),
        Problem::QuizNotSent => ("没有网络，答案没有发出去。请连上网络后再点“看答案”。", "No connection: the answers were not sent. Connect and press “Check answers” again."),
        Problem::SyncBatchUnreadable => ("同步的数据读不懂，请更新应用后再试", "The sync data could not be read; update the app and try again."),
        Problem::AlreadyRevoked => ("这张证书已经撤销过了", "This certificate is already revoked."),
        Problem::UnknownRole => ("角色无法识别，请选 learner、trainer、office 或 admin", "Unknown role; use learner, trainer, office or admin."),
        Problem::RegionRequired => ("帮扶办和培训老师的账号必须选区域", "Offices and trainers need a region."),
        Problem::LearnersRegisterThemselves => ("学员账号请用班级邀请码注册，或由培训老师、乡镇批量创建", "Learners register with a class join code, or are created in bulk by trainers and offices."),
        Problem::NoSuchRegion => ("所选区域不存在", "The chosen region does not exist."),
        Problem::PasswordsDiffer => ("两次输入的新密码不一样", "The two new passwords differ."),
        Problem::CurrentPasswordWrong => ("当前密码不对", "The current password is wrong."),
        Problem::PasswordUnchanged => ("新密码不能和原来的一样", "The new password must differ from the old one."),
        Problem::JoinCodeWrong => ("邀请码不对，请向培训老师核对", "The join code is wrong; check it with your trainer."),
        Problem::PhoneFormat => ("手机号应为11位数字", "A phone number has 11 digits."),
        Problem::LoginTaken => ("这个登录名已经注册过了；忘记密码请找培训老师重置", "This login is already registered; if you forgot the password, ask your trainer to reset it."),
        Problem::ChooseClass => ("请选择一个班级", "Choose a class."),
        Problem::ChooseClassPlace => ("请选择班级所在的乡镇或村", "Choose the township or village of the class."),
        Problem::NoSuchTrainerHere => ("没有找到负责这个地方的培训老师账号，请核对登录名", "No trainer account covering this class's place has this login; check it."),
        Problem::NoSuchLearnerHere => ("本区域没有用这个手机号或登录名注册的学员；还没注册的请用邀请码注册", "No learner of your area has this phone number or login; those not registered yet register with the join code."),
        Problem::ClassCourse => ("所选课程不存在，请从列表里选", "The chosen course does not exist; pick one from the list."),
        Problem::ClassDays => ("开班和结业日期请写成年-月-日，结业日期不能早于开班日期", "Write the first and last day as year-month-day; the last day cannot come before the first."),
        Problem::SessionDay => ("请填写上课日期（年-月-日），不能是将来的日子，也不能早于一年前", "Enter the day of the session (year-month-day): not a future day, and not more than a year ago."),
        Problem::AttendanceList => ("签到名单无法识别，请重新打开页面再勾选", "The attendance list could not be read; reopen the page and tick again."),
        Problem::HouseholdNumbersRequired => ("请填写至少一个户编号", "Enter at least one household number."),
        Problem::CountyHasNoParent => ("县级区域不能有上级", "A county has no parent region."),
        Problem::EmptyFile => ("文件是空的，请选择导出的 CSV 文件", "The file is empty; choose the exported CSV file."),
        Problem::UploadForm => ("请用页面上的表单选择文件上传", "Use the form on the page to choose and upload a file."),
        Problem::UploadBroken => ("上传没有完成，请重新选择文件再试", "The upload did not finish; choose the file again."),
        Problem::ChooseEncoding => ("请选择文件编码：自动、UTF-8 或 GBK", "Choose the file's encoding: automatic, UTF-8 or GBK."),
        Problem::FileEncoding => ("文件不是 UTF-8 或 GBK 编码的 CSV", "The file is not a CSV in UTF-8 or GBK."),
        Problem::FileHeader => ("读不出表头", "The header line cannot be read."),
        Problem::UnreadableLine => ("读不出这一行", "This line cannot be read."),
        Problem::UnknownTargetGroup => ("人员类别无法识别", "Unknown target group."),
        Problem::UnknownCourse => ("没有这门课程", "No such course."),
        Problem::OutcomeKindUnknown => ("请选择要告诉我们的是哪件事", "Choose what you are telling us about."),
        Problem::PlatformRequired => ("请选择在哪个平台开的店", "Choose the platform of the store."),
        Problem::OutcomeFieldsMissing => ("还有要填的内容没有填", "Some fields this report needs are empty."),
        Problem::DateInFuture => ("日期不能在今天以后", "The date cannot be after today."),
        Problem::AlreadyConfirmed => ("这条记录已经确认过了", "This record is already confirmed."),
        Problem::FollowUpResultUnknown => ("请选择联系上了还是没联系上", "Choose whether the learner was reached."),
        Problem::ServerBusy => ("服务器正忙，请过一会儿再试", "The server is busy; please try again in a moment."),
        Problem::ImportRunning => ("您上一个文件还在导入，请等它完成后再上传", "Your last file is still being imported; wait for it to finish before uploading another."),
        Problem::TestNotSubmitted => ("这份测试还没有交", "This test has not been handed in."),
        Problem::TestDrawUnknown => ("这份测试已经失效，请重新打开单元测试", "This test is no longer valid; open the module test again."),
        Problem::NotReplaceable => ("只能更正同一个学员的记录", "Only a record of the same learner can be corrected."),
        _ => ("输入有误，请检查后再试", "Something in the input is wrong; check it and try again."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_come_in_both_languages_with_their_values() {
        let problem = Problem::PasswordTooShort { min: 8 };
        assert_eq!(problem.text(Locale::ZhCn), "密码至少要8位");
        assert_eq!(
            problem.text(Locale::En),
            "The password needs at least 8 characters."
        );
    }

    #[test]
    fn file_problems_name_their_lines_and_count_the_rest() {
        let lines: Vec<_> = (2..30).map(|l| (l, Problem::UnreadableLine)).collect();
        let text = Problem::Lines(lines).text(Locale::ZhCn);
        assert!(text.starts_with("第2行：读不出这一行；第3行"), "{text}");
        assert!(text.ends_with("另有8行有问题"), "{text}");
    }

    #[test]
    fn every_fixed_message_has_its_own_text() {
        let generic = fixed_text(&Problem::Lines(Vec::new()));
        for problem in [
            Problem::FormIncomplete,
            Problem::EmptyFile,
            Problem::LoginTaken,
        ] {
            assert_ne!(fixed_text(&problem), generic, "{problem:?}");
        }
    }
}
