//! The learner's pages over HTTP: rendered completely on the server, in the reader's language,
//! with the right status codes, and without leaking quiz answers.

mod common;

const FIRST_LESSON: &str = "/lessons/shouji-anzhuang-app";

#[test]
fn catalogue_lists_the_course_in_chinese_by_default() {
    common::run(async {
        let server = common::shared().await;
        let (status, html) = server.get("/").await;
        assert_eq!(status, 200);
        assert!(
            html.contains(r#"<html lang="zh-CN""#),
            "{}",
            &html[..300.min(html.len())]
        );
        assert!(html.contains("农村电商：从用好手机到开店赚钱"));
        assert!(html.contains(r#"href="/courses/nongcun-dianshang""#));
        assert!(html.contains("/pkg/nongdian.css"));
    });
}

#[test]
fn english_is_chosen_by_cookie_or_accept_language() {
    common::run(async {
        let server = common::shared().await;
        let (_, html) = server.get_with("/", &[("cookie", "lang=en")]).await;
        assert!(html.contains(r#"<html lang="en""#));
        assert!(html.contains("Rural e-commerce: from your phone to your own online store"));
        let (_, html) = server
            .get_with("/", &[("accept-language", "en-US,en;q=0.9")])
            .await;
        assert!(html.contains("All courses"));
    });
}

#[test]
fn language_switch_sets_a_cookie_and_returns_to_the_page() {
    common::run(async {
        let server = common::shared().await;
        let response = server
            .client()
            .get(format!("{}/lang/en?next={FIRST_LESSON}", server.base))
            .send()
            .await
            .expect("switch");
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"], FIRST_LESSON);
        assert!(response.headers()["set-cookie"]
            .to_str()
            .expect("cookie")
            .starts_with("lang=en;"));
        let response = server
            .client()
            .get(format!("{}/lang/en?next=//evil.example/", server.base))
            .send()
            .await
            .expect("switch");
        assert_eq!(response.headers()["location"], "/");
        let response = server
            .client()
            .get(format!("{}/lang/fr", server.base))
            .send()
            .await
            .expect("switch");
        assert_eq!(response.status().as_u16(), 400);
    });
}

#[test]
fn course_page_lists_every_module_and_lesson_in_order() {
    common::run(async {
        let server = common::shared().await;
        let (status, html) = server.get("/courses/nongcun-dianshang").await;
        assert_eq!(status, 200);
        let modules = [
            "手机基础",
            "开淘宝店",
            "微信小店与社群",
            "商品与品牌",
            "物流",
            "支付与资金",
            "售后与客服",
            "店铺运营",
            "创业与带动",
        ];
        let positions: Vec<usize> = modules
            .iter()
            .map(|m| html.find(m).unwrap_or_else(|| panic!("module {m} missing")))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "modules out of order: {positions:?}"
        );
        assert!(html.contains(&format!(r#"href="{FIRST_LESSON}""#)));
    });
}

#[test]
fn lesson_page_has_rendered_markdown_quiz_and_pager_but_no_answers() {
    common::run(async {
        let server = common::shared().await;
        let (status, html) = server.get(FIRST_LESSON).await;
        assert_eq!(status, 200);
        assert!(
            html.contains(r#"<h2 id="h-做一做">做一做</h2>"#),
            "practice heading with anchor"
        );
        assert!(html.contains(r#"class="quiz""#));
        assert!(html.contains(r#"type="radio""#));
        assert!(html.contains(r#"rel="next""#));
        assert!(!html.contains("```quiz"));
        assert!(
            !html.contains("\"correct\""),
            "answers must not be sent before submitting"
        );
        assert!(
            !html.contains("explanation"),
            "explanations must not be sent before submitting"
        );
    });
}

#[test]
fn quiz_is_graded_on_the_server_for_a_plain_form_get() {
    common::run(async {
        let server = common::shared().await;
        let (status, html) = server
            .get(&format!(
                "{FIRST_LESSON}?kind=lesson&target=shouji-anzhuang-app&check=1&q0=0&q1=1"
            ))
            .await;
        assert_eq!(status, 200);
        assert!(html.contains(r#"class="score""#), "score shown");
        assert!(html.contains("question right") || html.contains("question wrong"));
        assert!(html.contains("没有选"), "unanswered questions are marked");
    });
}

#[test]
fn unknown_pages_are_404_with_a_way_home() {
    common::run(async {
        let server = common::shared().await;
        let (status, html) = server.get("/lessons/no-such-lesson").await;
        assert_eq!(status, 404);
        assert!(html.contains("找不到这个页面"));
        let (status, _) = server.get("/courses/no-such-course").await;
        assert_eq!(status, 404);
        let (status, _) = server.get("/nothing/here").await;
        assert_eq!(status, 404);
    });
}

/// The lesson that shows `06-zhifu-zijin/img/dingdan-liucheng.svg`.
const LESSON_WITH_PICTURE: &str = "zhifu-danbao";

#[test]
fn content_pictures_are_served_by_hash_for_good_and_nothing_else_from_content() {
    common::run(async {
        let server = common::shared().await;
        let course = common::content_dir().join("nongcun-dianshang");
        let svg =
            std::fs::read(course.join("06-zhifu-zijin/img/dingdan-liucheng.svg")).expect("svg");
        let url = server::content::loader::hashed_media_url(&svg, "dingdan-liucheng.svg");
        let response = server
            .client()
            .get(format!("{}{url}", server.base))
            .send()
            .await
            .expect("get");
        assert_eq!(response.status().as_u16(), 200);
        let cache = response.headers()["cache-control"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(cache.contains("immutable"), "{cache}");
        assert_eq!(
            response.bytes().await.expect("bytes").as_ref(),
            svg.as_slice()
        );
        let (lesson, _) = server
            .store
            .lesson(LESSON_WITH_PICTURE)
            .await
            .expect("query")
            .expect("lesson");
        assert!(
            lesson.body_html.contains(&url),
            "the lesson links the hashed URL"
        );
        // A lesson's source sits in the same store but is no picture.
        let source = std::fs::read(course.join("course.md")).expect("course.md");
        let disguised = server::content::loader::hashed_media_url(&source, "course.svg");
        assert_eq!(server.get(&disguised).await.0, 404);
        for path in [
            "/media/nongcun-dianshang/course.md",
            "/media/nongcun-dianshang/06-zhifu-zijin/img/dingdan-liucheng.svg",
        ] {
            assert_eq!(server.get(path).await.0, 404, "{path}");
        }
    });
}

#[test]
fn responses_carry_security_headers() {
    common::run(async {
        let server = common::shared().await;
        let response = server
            .client()
            .get(format!("{}/sign-in", server.base))
            .send()
            .await
            .expect("get");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert_eq!(response.headers()["x-frame-options"], "DENY");
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .expect("csp")
            .to_string();
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a script nonce")
            .to_string();
        let html = response.text().await.expect("body");
        // Scripts from this site's files (`src=`) are allowed by 'self'; inline ones need the nonce.
        let inline_scripts = html.matches("<script").count() - html.matches("<script src=").count();
        assert!(inline_scripts > 0);
        assert!(
            html.contains("<script src=\"/offline.js\" defer"),
            "the offline helper loads"
        );
        assert_eq!(
            html.matches(&format!("nonce=\"{nonce}\"")).count(),
            inline_scripts,
            "every script carries this response's nonce"
        );
        let (_, again) = server.get("/sign-in").await;
        assert!(!again.contains(&nonce), "a nonce is never reused");
    });
}

/// What the page cache serves an anonymous visitor: the same page twice (no per-response nonce in
/// it), its inline scripts allowed by exactly their hashes, and never to a signed-in learner.
#[test]
fn public_pages_are_served_once_rendered_with_hashed_scripts() {
    use base64::Engine as _;
    use sha2::Digest as _;
    common::run(async {
        let server = common::shared().await;
        let response = server
            .client()
            .get(format!("{}{FIRST_LESSON}", server.base))
            .send()
            .await
            .expect("get");
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .expect("csp")
            .to_string();
        let html = response.text().await.expect("body");
        assert!(!policy.contains("'nonce-"), "{policy}");
        assert!(!html.contains(" nonce="), "no nonce left in a shared page");
        let crossorigin: Vec<&str> = html
            .split("crossorigin=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(
            crossorigin
                .iter()
                .all(|v| v.is_empty() || *v == "anonymous"),
            "no per-response value left in a shared page: {crossorigin:?}"
        );
        let inline: Vec<&str> = html
            .split("<script")
            .skip(1)
            .filter_map(|rest| rest.split_once('>'))
            .filter(|(tag, _)| !tag.contains("src="))
            .filter_map(|(_, body)| body.split_once("</script>").map(|(text, _)| text))
            .filter(|text| !text.is_empty())
            .collect();
        assert!(!inline.is_empty(), "the hydration script is inline");
        for text in inline {
            let digest = sha2::Sha256::digest(text.as_bytes());
            let hash = base64::engine::general_purpose::STANDARD.encode(digest);
            assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
        }
        let again = server
            .client()
            .get(format!("{}{FIRST_LESSON}", server.base))
            .send()
            .await
            .expect("get");
        assert!(
            again.headers().contains_key("age"),
            "the second visitor gets the kept page"
        );
        assert_eq!(again.text().await.expect("body"), html);
        let (_, english) = server
            .get_with(FIRST_LESSON, &[("cookie", "lang=en")])
            .await;
        assert!(english.contains(r#"<html lang="en""#), "kept per language");
        common::learner_account(server, "cache-reader", "读者", "cache-pass-1").await;
        let session = server.session("cache-reader", "cache-pass-1").await;
        let (_, signed_in) = server.get_with(FIRST_LESSON, &[("cookie", &session)]).await;
        assert!(
            signed_in.contains(" nonce="),
            "signed-in pages are rendered for them"
        );
        assert_ne!(signed_in, html);
    });
}

#[test]
fn module_tests_are_for_signed_in_learners_only() {
    common::run(async {
        let server = common::shared().await;
        let (status, html) = server.get("/modules/shouji-jichu/test").await;
        assert_eq!(status, 401);
        assert!(html.contains("请先登录"));
        let sheet = "/modules/shouji-jichu/test?kind=module&target=shouji-jichu&check=1&q0=0";
        let (status, html) = server.get(sheet).await;
        assert_eq!(status, 401, "no verdict, so no keys, for a visitor");
        assert!(!html.contains("正确答案"));
    });
}

#[test]
fn last_lesson_of_a_module_leads_to_its_test() {
    common::run(async {
        let server = common::shared().await;
        let (_, html) = server.get("/lessons/shouji-fang-zhapian").await;
        assert!(html.contains(r#"href="/modules/shouji-jichu/test""#));
        let (_, html) = server.get(FIRST_LESSON).await;
        assert!(!html.contains(r#"href="/modules/shouji-jichu/test""#));
    });
}

#[test]
fn quiz_server_function_grades_json_and_explains_bad_input() {
    common::run(async {
        let server = common::shared().await;
        let url = format!("{}/api/review-quiz", server.base);
        let body = r#"{"sheet":{"target":{"Lesson":"shouji-anzhuang-app"},"page_event":"p-00000001","answers":[0,null,null,null]}}"#;
        let response = server
            .client()
            .post(&url)
            .header("content-type", "application/json")
            .header("origin", &server.base)
            .body(body)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status().as_u16(), 200);
        let text = response.text().await.expect("body");
        assert!(text.contains("\"question_count\":4"), "{text}");
        let long = r#"{"sheet":{"target":{"Lesson":"shouji-anzhuang-app"},"page_event":"p-00000001","answers":[0,0,0,0,0,0]}}"#;
        let response = server
            .client()
            .post(&url)
            .header("content-type", "application/json")
            .header("origin", &server.base)
            .body(long)
            .send()
            .await
            .expect("post");
        let text = response.text().await.expect("body");
        assert!(
            text.contains(r#""AnswerCount":{"expected":4,"got":6}"#),
            "{text}"
        );
    });
}

#[test]
fn only_pages_with_islands_load_the_wasm_bundle() {
    common::run(async {
        let server = common::shared().await;
        let (_, lesson) = server.get("/lessons/shouji-anzhuang-app").await;
        assert!(lesson.contains("/pkg/nongdian.js"), "a lesson has islands");
        for island in ["CheckInPlace", "TextSizeToggle", "ReadAloud"] {
            assert!(
                lesson.contains(&format!("data-component=\"{island}_")),
                "{island} is an island of the lesson page"
            );
        }
        for path in [
            "/",
            "/courses/nongcun-dianshang",
            "/sign-in",
            "/staff",
            "/households",
            "/classes",
            "/households/import",
            "/me",
            "/verify/none",
        ] {
            let (_, html) = server.get(path).await;
            assert!(html.contains("<h1>"), "{path} renders on the server");
            assert!(
                !html.contains("nongdian.js"),
                "{path} loads no wasm: {html}"
            );
        }
    });
}

#[test]
fn every_learner_page_has_one_description_lessons_and_courses_their_own() {
    common::run(async {
        let server = common::shared().await;
        let tagline = "学会用手机开网店，把农产品卖出去";
        for path in [
            "/",
            "/sign-in",
            "/courses/nongcun-dianshang",
            "/lessons/shouji-anzhuang-app",
        ] {
            let (_, html) = server.get(path).await;
            assert_eq!(
                html.matches("name=\"description\"").count(),
                1,
                "{path} has one description"
            );
            let tag = html
                .split("<meta")
                .find(|tag| tag.contains("name=\"description\""))
                .unwrap_or_default();
            let content = tag
                .split("content=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default();
            assert!(!content.is_empty(), "{path}: {tag}");
            let own = path.starts_with("/courses/") || path.starts_with("/lessons/");
            assert_eq!(content == tagline, !own, "{path}: {content}");
        }
    });
}

#[test]
fn the_home_screen_guide_gives_the_menu_steps_and_inside_wechat_says_how_to_leave_it() {
    common::run(async {
        let server = common::shared().await;
        let (status, html) = server.get("/install").await;
        assert_eq!(status, 200);
        assert!(html.contains("添加到桌面"), "{html}");
        assert!(
            html.contains("data-install hidden"),
            "the button waits for the browser"
        );
        assert!(!html.contains("在浏览器打开"), "not in WeChat: {html}");
        let wechat = "Mozilla/5.0 (Linux; Android 12) MicroMessenger/8.0.49.2600 NetType/4G";
        let (_, html) = server.get_with("/install", &[("user-agent", wechat)]).await;
        assert!(html.contains("在浏览器打开"), "{html}");
        assert!(html.contains("添加到桌面"), "{html}");
    });
}
