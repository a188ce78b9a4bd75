//! The strings of reports, outcomes and follow-ups, in zh-CN and en: shared by the report pages
//! and the server's CSV and XLSX exports, so a file says what the screen says.

use super::Locale;
use crate::codes::{FollowUpStatus, OutcomeKind, StorePlatform, TargetGroup};
use crate::model::{FunnelStage, LearnerStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum R {
    Report,
    ReportHint,
    AllRegions,
    Period,
    From,
    To,
    Course,
    Class,
    TargetGroup,
    AnyOption,
    Apply,
    Produced,
    Villages,
    Households,
    PoorHouseholds,
    Enrolled,
    Active,
    Completed,
    Certified,
    StoreOpened,
    FirstSale,
    Employed,
    SalesYuan,
    Funnel,
    FunnelHint,
    OfPrevious,
    OfEnrolled,
    ByRegion,
    ByClass,
    ByGroup,
    ByMonth,
    Month,
    Name,
    NoRegion,
    NoClass,
    UpOneLevel,
    DownloadCsv,
    DownloadXlsx,
    Print,
    SignatureLine,
    Figure,
    Value,
    Learners,
    LearnersHint,
    Search,
    Status,
    Village,
    Phone,
    LessonsDone,
    LastActive,
    Household,
    NextPage,
    FirstPage,
    NoneFound,
    Outcomes,
    OutcomesHint,
    ThanksReported,
    ReportOutcome,
    Confirm,
    Confirmed,
    NotConfirmed,
    Replaced,
    ReportedBy,
    Platform,
    StoreName,
    Date,
    AmountYuan,
    Orders,
    Employer,
    JobKind,
    Local,
    Away,
    Note,
    Save,
    FollowUps,
    FollowUpsHint,
    MonthsAfter,
    DueOn,
    Reached,
    Unreachable,
    NextTry,
    NothingDue,
    Correct,
    ChartFunnel,
    ChartMonths,
    ChartRegions,
    ChartDescription,
}

/// A report string in the reader's language.
pub fn tr(locale: Locale, key: R) -> &'static str {
    let (zh, en) = text(key);
    locale.pick(zh, en)
}

fn text(key: R) -> (&'static str, &'static str) {
    use R::*;
    match key {
        Report => ("培训成效报表", "Training outcomes report"),
        ReportHint => (
            "按报名时间选人，统计他们到期末为止走到了哪一步。",
            "Learners enrolled in the period, and how far they had come by its end.",
        ),
        AllRegions => ("全部县", "All counties"),
        Period => ("报名时间", "Enrolled"),
        From => ("从（年-月）", "From (year-month)"),
        To => ("到（年-月）", "To (year-month)"),
        Course => ("课程", "Course"),
        Class => ("班级", "Class"),
        TargetGroup => ("人员类别", "Target group"),
        AnyOption => ("全部", "All"),
        Apply => ("查看", "Show"),
        Produced => ("生成时间", "Produced"),
        Villages => ("覆盖村数", "Villages covered"),
        Households => ("覆盖户数", "Households covered"),
        PoorHouseholds => ("其中建档立卡户", "of them registered poor"),
        Enrolled => ("报名学员", "Learners enrolled"),
        Active => ("近30天学习", "Active, last 30 days"),
        Completed => ("学完课程", "Completed"),
        Certified => ("取得证书", "Certified"),
        StoreOpened => ("开了网店", "Opened a store"),
        FirstSale => ("卖出第一单", "Made a first sale"),
        Employed => ("找到工作", "Found work"),
        SalesYuan => ("报告销售额（元）", "Reported sales (yuan)"),
        Funnel => ("从报名到第一单", "From enrolment to a first sale"),
        FunnelHint => (
            "每一步的人数，占上一步和占报名人数的比例。",
            "How many reached each step, as a share of the step before and of enrolment.",
        ),
        OfPrevious => ("占上一步", "of step before"),
        OfEnrolled => ("占报名", "of enrolled"),
        ByRegion => ("分地区", "By region"),
        ByClass => ("分班级", "By class"),
        ByGroup => ("分人员类别", "By target group"),
        ByMonth => ("分月份", "By month"),
        Month => ("月份", "Month"),
        Name => ("名称", "Name"),
        NoRegion => ("（未分到下级）", "(not in a sub-region)"),
        NoClass => ("（未进班级）", "(in no class)"),
        UpOneLevel => ("回到上一级", "Up one level"),
        DownloadCsv => ("下载 CSV（Excel 可打开）", "Download CSV (opens in Excel)"),
        DownloadXlsx => ("下载 Excel 表格", "Download Excel workbook"),
        Print => ("打印版（A4）", "Printable (A4)"),
        SignatureLine => (
            "负责人签字：＿＿＿＿＿＿　日期：＿＿＿＿＿＿",
            "Signed: ____________   Date: ____________",
        ),
        Figure => ("指标", "Figure"),
        Value => ("数值", "Value"),
        Learners => ("学员名单", "Learners"),
        LearnersHint => (
            "本辖区的全部学员。电话只显示部分数字。",
            "Every learner of your region. Phone numbers are shown in part.",
        ),
        Search => ("姓名或电话", "Name or phone"),
        Status => ("学习情况", "Status"),
        Village => ("村", "Village"),
        Phone => ("电话", "Phone"),
        LessonsDone => ("学完课数", "Lessons done"),
        LastActive => ("最近学习", "Last active"),
        Household => ("所在户", "Household"),
        NextPage => ("下一页", "Next page"),
        FirstPage => ("第一页", "First page"),
        NoneFound => ("没有找到", "None found"),
        Outcomes => ("开店和收入", "Store and income"),
        OutcomesHint => (
            "开了店、卖出东西、找到工作，都可以在这里告诉培训老师。",
            "Opened a store, sold something, found work? Tell your trainer here.",
        ),
        ThanksReported => (
            "谢谢！已经收到，培训老师确认后就会计入统计。",
            "Thank you! It is recorded and will count once your trainer confirms it.",
        ),
        ReportOutcome => ("告诉我们", "Tell us"),
        Confirm => ("确认", "Confirm"),
        Confirmed => ("已确认", "Confirmed"),
        NotConfirmed => ("待确认", "Not yet confirmed"),
        Replaced => ("已更正", "Corrected"),
        ReportedBy => ("填报人", "Reported by"),
        Platform => ("在哪个平台", "Platform"),
        StoreName => ("店名或链接", "Store name or link"),
        Date => ("日期", "Date"),
        AmountYuan => ("金额（元）", "Amount (yuan)"),
        Orders => ("订单数", "Orders"),
        Employer => ("在哪里工作", "Where"),
        JobKind => ("做什么工作", "What work"),
        Local => ("在本地", "Locally"),
        Away => ("在外地", "Away from home"),
        Note => ("备注", "Note"),
        Save => ("保存", "Save"),
        FollowUps => ("回访待办", "Follow-up calls"),
        FollowUpsHint => (
            "取得证书后第3、6、12个月，打电话问问学员开店和收入的情况。",
            "Call certified learners 3, 6 and 12 months on about their store and income.",
        ),
        MonthsAfter => ("证书后第几个月", "Months after certificate"),
        DueOn => ("应回访日期", "Due"),
        Reached => ("联系上了", "Reached"),
        Unreachable => ("没联系上", "Not reachable"),
        NextTry => ("下次再联系", "Try again on"),
        NothingDue => ("现在没有要回访的学员。", "No calls are due."),
        Correct => ("更正", "Correct"),
        ChartFunnel => (
            "报名到第一单的人数",
            "Learners from enrolment to first sale",
        ),
        ChartMonths => ("每月报名和取得证书人数", "Enrolled and certified per month"),
        ChartRegions => (
            "各下级地区取得证书人数",
            "Certified learners per sub-region",
        ),
        ChartDescription => (
            "图下的表格列出了同样的数字。",
            "The table below the chart lists the same numbers.",
        ),
    }
}

pub fn stage_label(locale: Locale, stage: FunnelStage) -> &'static str {
    tr(
        locale,
        match stage {
            FunnelStage::Enrolled => R::Enrolled,
            FunnelStage::Completed => R::Completed,
            FunnelStage::Certified => R::Certified,
            FunnelStage::StoreOpened => R::StoreOpened,
            FunnelStage::FirstSale => R::FirstSale,
        },
    )
}

pub fn group_label(locale: Locale, group: TargetGroup) -> &'static str {
    match (locale, group) {
        (Locale::ZhCn, group) => group.label(),
        (Locale::En, TargetGroup::PoorHousehold) => "Registered poor household",
        (Locale::En, TargetGroup::Returnee) => "Returnee",
        (Locale::En, TargetGroup::VillageOfficial) => "Village official",
        (Locale::En, TargetGroup::RuralYouth) => "Rural youth",
        (Locale::En, TargetGroup::Other) => "Other",
    }
}

pub fn platform_label(locale: Locale, platform: StorePlatform) -> &'static str {
    match (locale, platform) {
        (Locale::ZhCn, platform) => platform.label(),
        (Locale::En, StorePlatform::Taobao) => "Taobao",
        (Locale::En, StorePlatform::WeixinShop) => "WeChat Shop",
        (Locale::En, StorePlatform::Pinduoduo) => "Pinduoduo",
        (Locale::En, StorePlatform::Douyin) => "Douyin",
        (Locale::En, StorePlatform::Kuaishou) => "Kuaishou",
        (Locale::En, StorePlatform::Other) => "Other",
    }
}

pub fn outcome_label(locale: Locale, kind: OutcomeKind) -> &'static str {
    let (zh, en) = match kind {
        OutcomeKind::StoreOpened => ("我开店了", "I opened a store"),
        OutcomeKind::FirstSale => ("我卖出了第一单", "I made my first sale"),
        OutcomeKind::MonthlySales => ("这个月卖了多少", "What I sold this month"),
        OutcomeKind::Employment => ("我找到工作了", "I found work"),
        OutcomeKind::IncomeChange => ("收入有变化", "My income changed"),
    };
    if locale == Locale::ZhCn {
        zh
    } else {
        en
    }
}

pub fn status_label(locale: Locale, status: LearnerStatus) -> &'static str {
    let (zh, en) = match status {
        LearnerStatus::NotStarted => ("还没开始", "Not started"),
        LearnerStatus::InProgress => ("正在学", "In progress"),
        LearnerStatus::Completed => ("学完了", "Completed"),
        LearnerStatus::Certified => ("有证书", "Certified"),
    };
    if locale == Locale::ZhCn {
        zh
    } else {
        en
    }
}

pub fn follow_up_label(locale: Locale, status: FollowUpStatus) -> &'static str {
    tr(
        locale,
        match status {
            FollowUpStatus::Due => R::DueOn,
            FollowUpStatus::Reached => R::Reached,
            FollowUpStatus::Unreachable => R::Unreachable,
        },
    )
}

/// Fen as yuan with two decimals: `128050` → `1280.50`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", (fen / 100).abs(), (fen % 100).abs())
}

/// Tenths of a percent as `75.0%`.
pub fn percent(tenths: Option<i64>) -> String {
    match tenths {
        Some(t) => format!("{}.{}%", t / 10, t % 10),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_rates_are_written_as_people_read_them() {
        assert_eq!(yuan(128_050), "1280.50");
        assert_eq!(yuan(-5), "-0.05");
        assert_eq!(percent(Some(753)), "75.3%");
        assert_eq!(percent(None), "—");
    }
}
