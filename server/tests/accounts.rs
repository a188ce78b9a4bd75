//! Signing in and out over HTTP: fresh HttpOnly sessions, throttling that ends, revocation,
//! idle and absolute time-outs (shorter on a shared computer), and the same-origin check on state-changing requests. The tests
//! share one server, so each uses its own accounts.

mod common;

use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::NewAccount;
use common::TestServer;
use server::error::ServerError;
use server::services::accounts::passwords::Passwords;
use server::services::accounts::users::create_account;

const PASSWORD: &str = "taozi-2026";

async fn learner(server: &TestServer, login: &str) {
    common::learner_account(server, login, "王大姐", PASSWORD).await;
}

/// Posts the sign-in form; returns the status, the redirect target and the session cookie.
async fn sign_in(
    server: &TestServer,
    login: &str,
    password: &str,
) -> (u16, String, Option<String>) {
    let reply = sign_in_reply(server, login, password).await;
    (reply.status, reply.location.clone(), reply.session)
}

struct SignInReply {
    status: u16,
    location: String,
    /// The whole `Set-Cookie` of the session, if one was opened.
    session: Option<String>,
    /// The page the browser is sent back to, as it shows with the flash message.
    page: Option<String>,
}

async fn sign_in_reply(server: &TestServer, login: &str, password: &str) -> SignInReply {
    sign_in_form(server, &[("login", login), ("password", password)]).await
}

async fn sign_in_form(server: &TestServer, form: &[(&str, &str)]) -> SignInReply {
    let response = server
        .client()
        .post(format!("{}/auth/sign-in", server.base))
        .header("origin", &server.base)
        .form(form)
        .send()
        .await
        .expect("sign in");
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default();
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("nd_session="))
        .map(str::to_string);
    let flash = common::set_cookies(response.headers())
        .into_iter()
        .find(|c| c.starts_with("nd_flash="));
    let page = match flash {
        Some(flash) => Some(server.get_with(&location, &[("cookie", &flash)]).await.1),
        None => None,
    };
    SignInReply {
        status: response.status().as_u16(),
        location,
        session,
        page,
    }
}

fn token(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_string()
}

async fn signed_in_name(server: &TestServer, cookie: &str) -> bool {
    let (_, html) = server.get_with("/", &[("cookie", cookie)]).await;
    html.contains(r#"<span class="who">王大姐</span>"#)
}

#[test]
fn sign_in_opens_a_fresh_http_only_session() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "13800000001").await;
        let (status, location, cookie) = sign_in(server, " 138 0000 0001 ", PASSWORD).await;
        assert_eq!((status, location.as_str()), (303, "/"));
        let cookie = cookie.expect("session cookie");
        assert!(
            cookie.starts_with("nd_session=")
                && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
        );
        assert!(signed_in_name(server, &token(&cookie)).await);
        let (_, _, second) = sign_in(server, "13800000001", PASSWORD).await;
        assert_ne!(
            token(&second.expect("cookie")),
            token(&cookie),
            "every sign-in gets a new session id"
        );
        assert!(!signed_in_name(server, "nd_session=forged").await);
    });
}

#[test]
fn failures_are_throttled_for_a_while_only() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "13800000002").await;
        for _ in 0..5 {
            let reply = sign_in_reply(server, "13800000002", "wrong-password").await;
            assert_eq!(reply.location, "/sign-in");
            assert!(reply.session.is_none());
            let page = reply.page.expect("the form comes back with a message");
            assert!(page.contains("手机号（用户名）或密码不对"), "{page}");
        }
        let reply = sign_in_reply(server, "13800000002", PASSWORD).await;
        assert!(reply.session.is_none(), "even the right password waits");
        let page = reply.page.expect("message");
        assert!(page.contains("试错次数太多"));
        let (_, html) = server.get("/sign-in?error=试错次数太多，请联系400").await;
        assert!(
            !html.contains("试错次数太多"),
            "no link puts a message on the page"
        );
        sqlx::query("UPDATE sign_in_failures SET failed_at = failed_at - 16 * 60 WHERE login = '13800000002'")
            .execute(server.store.pool())
            .await
            .expect("age failures");
        let (_, location, cookie) = sign_in(server, "13800000002", PASSWORD).await;
        assert_eq!(location, "/");
        assert!(cookie.is_some(), "the lock ends with the window");
    });
}

#[test]
fn sign_out_revokes_and_time_outs_end_sessions() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "13800000003").await;
        let session = |c: Option<String>| token(&c.expect("cookie"));
        let first = session(sign_in(server, "13800000003", PASSWORD).await.2);
        let response = server
            .client()
            .post(format!("{}/auth/sign-out", server.base))
            .header("origin", &server.base)
            .header("cookie", &first)
            .send()
            .await
            .expect("sign out");
        assert_eq!(response.status().as_u16(), 303);
        assert!(
            !signed_in_name(server, &first).await,
            "a revoked session is gone"
        );

        let idle = session(sign_in(server, "13800000003", PASSWORD).await.2);
        assert!(signed_in_name(server, &idle).await);
        sqlx::query(
            "UPDATE sessions SET last_seen_at = last_seen_at - 13 * 3600 WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE login = '13800000003')",
        )
        .execute(server.store.pool())
        .await
        .expect("idle");
        assert!(!signed_in_name(server, &idle).await, "idle time-out");

        let old = session(sign_in(server, "13800000003", PASSWORD).await.2);
        sqlx::query(
            "UPDATE sessions SET created_at = created_at - 15 * 86400 WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE login = '13800000003')",
        )
        .execute(server.store.pool())
        .await
        .expect("old");
        assert!(!signed_in_name(server, &old).await, "absolute time-out");
    });
}

#[test]
fn a_session_on_a_shared_computer_ends_with_the_browser_or_after_half_an_hour() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "13800000004").await;
        let form = [
            ("login", "13800000004"),
            ("password", PASSWORD),
            ("shared", "1"),
        ];
        let shared = sign_in_form(server, &form).await.session.expect("cookie");
        assert!(
            !shared.contains("Max-Age"),
            "gone with the browser: {shared}"
        );
        let personal = sign_in(server, "13800000004", PASSWORD)
            .await
            .2
            .expect("cookie");
        assert!(personal.contains("Max-Age="), "{personal}");
        let (shared, personal) = (token(&shared), token(&personal));
        sqlx::query(
            "UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60 WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE login = '13800000004')",
        )
        .execute(server.store.pool())
        .await
        .expect("idle");
        assert!(!signed_in_name(server, &shared).await, "shared: 30 minutes");
        assert!(
            signed_in_name(server, &personal).await,
            "personal: 12 hours"
        );
    });
}

#[test]
fn cross_site_posts_are_refused() {
    common::run(async {
        let server = common::shared().await;
        let post = |path: &str, origin: Option<&str>| {
            let mut request = server
                .client()
                .post(format!("{}{path}", server.base))
                .form(&[("login", "x"), ("password", "y")]);
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            request.send()
        };
        let evil = post("/auth/sign-in", Some("https://evil.example"))
            .await
            .expect("post");
        assert_eq!(evil.status().as_u16(), 403);
        let bare = post("/api/submit-quiz", None).await.expect("post");
        assert_eq!(
            bare.status().as_u16(),
            403,
            "server functions are covered too"
        );
        let ours = post("/auth/sign-in", Some(&server.base))
            .await
            .expect("post");
        assert_eq!(ours.status().as_u16(), 303);
    });
}

#[test]
fn accounts_are_checked_before_they_are_created() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "wangdajie").await;
        let passwords = Passwords::new(1);
        let attempt = |login: &'static str, role: &'static str, password: &'static str| {
            let new = NewAccount {
                login: login.into(),
                name: "李".into(),
                role: role.into(),
                password: password.into(),
                region_id: None,
            };
            let passwords = &passwords;
            async move { create_account(&server.store, passwords, &new).await }
        };
        let problem = |r: Result<i64, ServerError>| match r.expect_err("refused") {
            ServerError::App(AppError::Invalid(problem)) => problem,
            other => panic!("not a problem with the input: {other:?}"),
        };
        assert_eq!(
            problem(attempt("WangDaJie", "learner", PASSWORD).await),
            Problem::LoginTaken
        );
        assert_eq!(
            problem(attempt("lisi", "learner", "short").await),
            Problem::PasswordTooShort { min: 8 }
        );
        assert_eq!(
            problem(attempt("lisi", "boss", PASSWORD).await),
            Problem::UnknownRole
        );
        assert_eq!(
            problem(attempt("lisi", "trainer", PASSWORD).await),
            Problem::RegionRequired
        );
        assert!(attempt("lisi", "admin", PASSWORD).await.is_ok());
    });
}

#[test]
fn over_https_the_session_cookie_is_host_only_and_plain_http_pages_cannot_post() {
    common::run(async {
        let server = common::start_published("https://nongdian.example.gov.cn").await;
        learner(&server, "13800000031").await;
        let https_host = server.base.replacen("http://", "https://", 1);
        let reply = server
            .client()
            .post(format!("{}/auth/sign-in", server.base))
            .header("origin", &https_host)
            .form(&[("login", "13800000031"), ("password", PASSWORD)])
            .send()
            .await
            .expect("sign in");
        assert_eq!(reply.status().as_u16(), 303);
        let cookie = whole_set_cookies(reply.headers())
            .into_iter()
            .find(|c| c.contains("nd_session="))
            .expect("session cookie");
        assert!(
            cookie.starts_with("__Host-nd_session=") && cookie.ends_with("; Secure"),
            "{cookie}"
        );
        assert!(signed_in_name(&server, &token(&cookie)).await);
        let planted = token(&cookie).replacen("__Host-", "", 1);
        assert!(
            !signed_in_name(&server, &planted).await,
            "a cookie without the prefix (a sibling subdomain could set one) is not a session"
        );
        let post_from = |origin: String| {
            server
                .client()
                .post(format!("{}/auth/sign-out", server.base))
                .header("origin", origin)
                .header("cookie", token(&cookie))
                .send()
        };
        let plain = post_from(server.base.clone()).await.expect("post");
        assert_eq!(
            plain.status().as_u16(),
            403,
            "an http:// page is another origin"
        );
        let ours = post_from(https_host).await.expect("post");
        assert_eq!(ours.status().as_u16(), 303);
        let cleared = whole_set_cookies(ours.headers()).join("\n");
        assert!(
            cleared.contains("__Host-nd_session=;") && cleared.contains("Max-Age=0; Secure"),
            "{cleared}"
        );
    });
}

/// Every `Set-Cookie` of a response with its attributes.
fn whole_set_cookies(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    let values = headers.get_all("set-cookie").iter();
    values
        .filter_map(|v| v.to_str().ok())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_pending_password_change_blocks_the_certificate_server_function() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "13800000032").await;
        let (user, _) = server
            .store
            .user_for_sign_in("13800000032")
            .await
            .expect("look-up")
            .expect("user");
        let new = server::store::learning::NewCertificate {
            code: "PENDING-CHANGE-1",
            user_id: user.id,
            course_id: "nongcun-dianshang",
            course_version: "test",
            payload: "{}",
            signature: "",
            region_id: None,
        };
        server.store.issue_certificate(new, 1).await.expect("issue");
        let cookie = server.session("13800000032", PASSWORD).await;
        let form = [("code", "PENDING-CHANGE-1")];
        let before = server
            .send("POST", "/api/certificate", Some(&cookie), &form)
            .await;
        assert_eq!(before.status, 200, "{}", before.body);
        server
            .store
            .require_password_change(user.id)
            .await
            .expect("reset");
        let after = server
            .send("POST", "/api/certificate", Some(&cookie), &form)
            .await;
        assert_ne!(after.status, 200, "{}", after.body);
        assert!(!after.body.contains("王大姐"), "{}", after.body);
    });
}
