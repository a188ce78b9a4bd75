//! The shipped curriculum: every module the course promises exists, and every lesson has a quiz
//! and a practice task.

const MODULES: [(&str, &str); 14] = [
    ("shouji-jichu", "手机基础"),
    ("taobao-kaidian", "开淘宝店"),
    ("weixin-xiaodian", "微信小店与社群"),
    ("xin-pingtai", "抖音、快手和拼多多开店"),
    ("shangpin-pinpai", "商品与品牌"),
    ("wuliu", "物流"),
    ("zhifu-zijin", "支付与资金"),
    ("shouhou-kefu", "售后与客服"),
    ("dianpu-yunying", "店铺运营"),
    ("duanshipin-zhibo", "短视频与直播"),
    ("chuangye-daidong", "创业与带动"),
    ("fagui-hegui", "法规与合规"),
    ("caigou-suyuan", "采购与溯源"),
    ("bangfu-lvyou", "832平台、消费帮扶与乡村旅游"),
];

#[test]
fn every_promised_module_exists_in_order_with_complete_lessons() {
    let tree = server::content::load(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content"),
    )
    .unwrap_or_else(|errors| {
        panic!(
            "content has problems:\n{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let course = tree
        .courses
        .iter()
        .find(|c| c.id == "nongcun-dianshang")
        .expect("the e-commerce course");
    let found: Vec<(&str, &str)> = course
        .modules
        .iter()
        .map(|m| (m.id.as_str(), m.texts.title.as_str()))
        .collect();
    assert_eq!(found, MODULES.to_vec());
    let lessons: Vec<_> = course.modules.iter().flat_map(|m| &m.lessons).collect();
    assert!(lessons.len() >= 40, "only {} lessons", lessons.len());
    for lesson in lessons {
        assert!(
            (3..=5).contains(&lesson.quiz.len()),
            "{} has {} questions",
            lesson.id,
            lesson.quiz.len()
        );
        assert!(lesson.has_practice, "{} has no 做一做", lesson.id);
        assert!(
            !lesson.texts.title_en.is_empty() && !lesson.texts.summary_en.is_empty(),
            "{} lacks English",
            lesson.id
        );
    }
}

/// The course's quizzes cannot be passed by picking a position or the longest choice.
#[test]
fn answers_are_spread_over_positions_and_not_given_away_by_length() {
    let tree = server::content::load(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content"),
    )
    .expect("content");
    let stats = server::content::stats::QuizStats::of(&tree);
    for (position, count) in stats.at_position.iter().enumerate().take(4) {
        let share = stats.percent(*count);
        assert!(
            (15.0..=35.0).contains(&share),
            "{share:.1}% of right answers at position {position}: {stats}"
        );
    }
    assert!(
        stats.percent(stats.uniquely_longest) <= 30.0,
        "the longest choice gives the answer away too often: {stats}"
    );
}
