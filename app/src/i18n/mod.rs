//! The interface's two languages (zh-CN first, en second): which one a request wants, and every
//! user-visible string of the UI. Course text carries its own translations in the content files.

pub mod authoring;
#[cfg(feature = "ssr")]
pub mod checker;
pub mod classes;
pub mod import_rows;
pub mod install;
pub mod problems;
pub mod reports;
pub mod staff;

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

/// Name of the cookie that remembers the learner's choice of language.
pub const LOCALE_COOKIE: &str = "lang";

impl Locale {
    /// The BCP 47 tag, for `<html lang>` and the language cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a tag such as `zh-CN`, `zh`, `en-GB`; anything unknown is `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The language a request asks for: the cookie first, then `Accept-Language`, else zh-CN.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
        let from_cookie = cookie_header.and_then(|header| {
            header.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                (name.trim() == LOCALE_COOKIE)
                    .then(|| Locale::from_tag(value))
                    .flatten()
            })
        });
        let from_accept = || {
            accept_language.and_then(|header| {
                header
                    .split(',')
                    .find_map(|item| Locale::from_tag(item.split(';').next().unwrap_or("")))
            })
        };
        from_cookie.or_else(from_accept).unwrap_or_default()
    }

    /// The other language, offered by the language switch.
    pub fn other(self) -> Locale {
        match self {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        }
    }

    /// Chooses between a Chinese and an English text, such as a course title.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::En if !en.is_empty() => en,
            _ => zh,
        }
    }
}

/// Every string of the interface. Adding a key without both translations does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    AppName,
    Tagline,
    SwitchLanguage,
    Catalogue,
    CatalogueIntro,
    NoCourses,
    Minutes,
    LessonsCount,
    ModulesCount,
    StartCourse,
    Module,
    Previous,
    Next,
    BackToCourse,
    Quiz,
    QuizIntro,
    CheckAnswers,
    YourScore,
    Correct,
    Wrong,
    RightAnswerIs,
    Unanswered,
    LargerText,
    NormalText,
    NotFound,
    NotFoundHint,
    ServerTrouble,
    BackHome,
    Loading,
    LevelBeginner,
    LevelIntermediate,
    LevelAdvanced,
    SkipToContent,
    TakeModuleTest,
    ModuleTest,
    ModuleTestIntro,
    PassMark,
    TestPassed,
    TestFailed,
    SignIn,
    SignOut,
    LoginLabel,
    PasswordLabel,
    SignInHint,
    SharedComputer,
    FactsChecked,
    SignInRequired,
    SignInRequiredHint,
    Forbidden,
    ForbiddenHint,
    MarkDone,
    LessonDone,
    OfflineTitle,
    OfflineExplain,
    OfflineSaved,
    WaitingToSend,
    SaveForOffline,
    SavedForOffline,
    RemoveSaved,
    MyLearning,
    ContinueLearning,
    NothingYet,
    Certificates,
    Certificate,
    QuizResults,
    Percent,
    CertificateOf,
    IssuedOn,
    IssuedBy,
    CertificateCode,
    ScanToVerify,
    Verification,
    OfflineCheckTitle,
    OfflineCheckExplain,
    OfflineCheckRevocation,
    OfflineCheckNeedsScript,
    OfflineCheckLink,
    OfflineCheckButton,
    OfflineCheckUnreadable,
    OfflineCheckHow,
    Valid,
    Revoked,
    SignatureValid,
    SignatureInvalid,
    Learner,
    Course,
    DownloadBadge,
    ReadAloud,
    PauseReading,
    ResumeReading,
    StopReading,
}

/// The text of `msg` in `locale`.
pub fn t(locale: Locale, msg: Msg) -> &'static str {
    let (zh, en) = texts(msg);
    locale.pick(zh, en)
}

fn texts(msg: Msg) -> (&'static str, &'static str) {
    use Msg::*;
    match msg {
        AppName => ("农店学堂", "Nongdian"),
        Tagline => (
            "学会用手机开网店，把农产品卖出去",
            "Learn to sell your produce online",
        ),
        SwitchLanguage => ("English", "中文"),
        Catalogue => ("全部课程", "All courses"),
        CatalogueIntro => (
            "免费学习。每节课约十分钟，手机上就能学。",
            "Free to learn. Each lesson takes about ten minutes on your phone.",
        ),
        NoCourses => ("还没有课程。", "There are no courses yet."),
        Minutes => ("分钟", "min"),
        LessonsCount => ("节课", "lessons"),
        ModulesCount => ("个单元", "modules"),
        StartCourse => ("开始学习", "Start learning"),
        Module => ("单元", "Module"),
        Previous => ("上一课", "Previous"),
        Next => ("下一课", "Next"),
        BackToCourse => ("回到课程目录", "Back to the course"),
        Quiz => ("小测验", "Quiz"),
        QuizIntro => (
            "选好答案，再点“看答案”。",
            "Choose your answers, then press “Check answers”.",
        ),
        CheckAnswers => ("看答案", "Check answers"),
        YourScore => ("答对", "Correct answers"),
        Correct => ("答对了", "Correct"),
        Wrong => ("答错了", "Not quite"),
        RightAnswerIs => ("正确答案：", "Right answer: "),
        Unanswered => ("没有选", "Not answered"),
        LargerText => ("大字", "Larger text"),
        NormalText => ("正常字号", "Normal text"),
        NotFound => ("找不到这个页面", "Page not found"),
        NotFoundHint => (
            "这一页可能已经搬走了。请回到首页重新找。",
            "This page may have moved. Please start again from the home page.",
        ),
        ServerTrouble => (
            "服务器出了点问题，请稍后再试。",
            "Something went wrong on the server. Please try again later.",
        ),
        BackHome => ("回到首页", "Home"),
        Loading => ("正在加载…", "Loading…"),
        LevelBeginner => ("入门", "Beginner"),
        LevelIntermediate => ("进阶", "Intermediate"),
        LevelAdvanced => ("提高", "Advanced"),
        SkipToContent => ("跳到正文", "Skip to content"),
        TakeModuleTest => ("做单元测试", "Take the module test"),
        ModuleTest => ("单元测试", "Module test"),
        ModuleTestIntro => (
            "这些题目来自本单元的各节课。做完后点“看答案”。",
            "These questions come from this module's lessons. Press “Check answers” when done.",
        ),
        PassMark => ("及格线：答对", "Pass mark: correct answers"),
        TestPassed => ("通过了！", "Passed!"),
        TestFailed => (
            "还没通过，复习一下再试。",
            "Not passed yet: review and try again.",
        ),
        SignIn => ("登录", "Sign in"),
        SignOut => ("退出", "Sign out"),
        LoginLabel => ("手机号或用户名", "Phone number or user name"),
        PasswordLabel => ("密码", "Password"),
        SharedComputer => (
            "这是公用电脑（关掉浏览器就退出，30分钟不用也退出）",
            "This is a shared computer (signed out when the browser closes, or after 30 minutes unused)",
        ),
        SignInHint => (
            "忘记密码？请找培训老师或乡镇工作人员重置。",
            "Forgot your password? Ask your trainer or the township office to reset it.",
        ),
        FactsChecked => ("本课内容核对日期：", "Facts in this lesson checked on"),
        SignInRequired => ("请先登录", "Please sign in"),
        SignInRequiredHint => (
            "这一页需要登录后才能看。",
            "You need to sign in to see this page.",
        ),
        MarkDone => ("这一课学完了", "I have finished this lesson"),
        LessonDone => ("这一课已学完", "Lesson completed"),
        OfflineTitle => ("现在没有网络", "No connection right now"),
        OfflineExplain => (
            "看过的课在没有网络时也能打开。学完和答题会先存在手机上，有网络时自动发送。",
            "Lessons you have opened can be read without a connection. Finished lessons and quiz answers are kept on the phone and sent when the connection returns.",
        ),
        OfflineSaved => (
            "已存在手机上，有网络时会自动发送。",
            "Saved on this phone; it will be sent when the connection returns.",
        ),
        WaitingToSend => ("等待发送的记录：", "Records waiting to be sent:"),
        SaveForOffline => ("保存本单元，没网也能看", "Save this module to read offline"),
        SavedForOffline => ("已保存在手机上，占用", "Saved on this phone, using"),
        RemoveSaved => ("删除", "Remove"),
        MyLearning => ("我的学习", "My learning"),
        ContinueLearning => ("继续学习", "Continue learning"),
        NothingYet => ("还没有开始。", "Not started yet."),
        Certificates => ("我的结业证书", "My certificates"),
        Certificate => ("结业证书", "Certificate"),
        QuizResults => ("测验成绩", "Quiz results"),
        Percent => ("完成", "done"),
        CertificateOf => ("兹证明", "This certifies that"),
        IssuedOn => ("发证日期", "Issued on"),
        IssuedBy => ("发证单位", "Issued by"),
        CertificateCode => ("证书编号", "Certificate number"),
        ScanToVerify => ("扫码核验", "Scan to verify"),
        Verification => ("证书核验", "Certificate check"),
        OfflineCheckTitle => ("没有网络时核验证书", "Check a certificate without a connection"),
        OfflineCheckExplain => (
            "用手机扫描证书上的二维码，或把二维码里的链接粘贴到下面。手机用农店学堂公开的密钥检查签名，不需要网络。",
            "Scan the QR code on the certificate, or paste the link it holds below. The phone checks the signature with Nongdian's published key, with no connection.",
        ),
        OfflineCheckRevocation => (
            "证书有没有被撤销，只有联网才能查到。",
            "Whether a certificate has been revoked can only be checked with a connection.",
        ),
        OfflineCheckNeedsScript => (
            "没有网络时核验需要浏览器打开 JavaScript。有网络时直接打开二维码里的链接就能核验。",
            "Checking without a connection needs JavaScript in the browser. With a connection, open the link in the QR code to check.",
        ),
        OfflineCheckLink => ("二维码里的链接", "The link in the QR code"),
        OfflineCheckButton => ("核验", "Check"),
        OfflineCheckUnreadable => (
            "这不是结业证书二维码里的链接。",
            "This is not the link from a certificate's QR code.",
        ),
        OfflineCheckHow => (
            "没有网络时怎样核验证书",
            "How to check a certificate without a connection",
        ),
        Valid => ("有效", "Valid"),
        Revoked => ("已撤销", "Revoked"),
        SignatureValid => (
            "二维码里的签名正确，内容没有被改过。",
            "The signature in the QR code is correct: nothing was changed.",
        ),
        SignatureInvalid => (
            "二维码里的签名不对，证书内容可能被改过。",
            "The signature in the QR code is wrong: the certificate may have been altered.",
        ),
        Learner => ("学员", "Learner"),
        Course => ("课程", "Course"),
        DownloadBadge => (
            "下载电子徽章（Open Badges 3.0）",
            "Download the digital badge (Open Badges 3.0)",
        ),
        ReadAloud => ("读给我听", "Read aloud"),
        PauseReading => ("暂停", "Pause"),
        ResumeReading => ("继续读", "Resume"),
        StopReading => ("停止", "Stop"),
        Forbidden => ("没有权限", "Not allowed"),
        ForbiddenHint => (
            "您的账号不能查看这一页。如有需要，请联系管理员。",
            "Your account may not see this page. Ask an administrator if you need it.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_over_accept_language() {
        let locale = Locale::negotiate(Some("a=1; lang=en"), Some("zh-CN,zh;q=0.9"));
        assert_eq!(locale, Locale::En);
    }

    #[test]
    fn accept_language_is_used_without_cookie() {
        assert_eq!(Locale::negotiate(None, Some("en-GB,en;q=0.8")), Locale::En);
        assert_eq!(
            Locale::negotiate(None, Some("fr-FR,zh;q=0.5")),
            Locale::ZhCn
        );
    }

    #[test]
    fn default_is_simplified_chinese() {
        assert_eq!(Locale::negotiate(None, None), Locale::ZhCn);
        assert_eq!(Locale::negotiate(Some("lang=xx"), Some("de")), Locale::ZhCn);
    }

    #[test]
    fn english_falls_back_to_chinese_when_missing() {
        assert_eq!(Locale::En.pick("标题", ""), "标题");
        assert_eq!(Locale::En.pick("标题", "Title"), "Title");
    }
}
