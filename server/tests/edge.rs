//! The HTTP edge under abuse: bodies too large for any form are refused before a handler reads
//! them, nothing a signed-in person sees may be cached, signing in over someone else's session on a
//! shared phone ends that session, and registrations from one address are paced.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::TestServer;

const PASSWORD: &str = "taozi-2026";

async fn learner(server: &TestServer, login: &str) {
    common::learner_account(server, login, "李大哥", PASSWORD).await;
}

/// Announces a body of `length` bytes but sends none of it: a 413 that comes back anyway was
/// decided from the headers alone, before any handler read a byte. (Sending the megabytes instead
/// races the server closing the connection on them.)
async fn announce_body(server: &TestServer, path: &str, length: usize, kind: &str) -> String {
    let address = server.base.trim_start_matches("http://").to_string();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nOrigin: {}\r\n\
         Content-Type: {kind}\r\nContent-Length: {length}\r\n\r\n",
        server.base
    );
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(&address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream.write_all(request.as_bytes()).expect("send headers");
        let mut status = [0u8; 12];
        stream
            .read_exact(&mut status)
            .expect("the server answers without the body");
        String::from_utf8_lossy(&status).into_owned()
    })
    .await
    .expect("join")
}

async fn post_bytes(server: &TestServer, path: &str, body: Vec<u8>, kind: &str) -> u16 {
    server
        .client()
        .post(format!("{}{path}", server.base))
        .header("origin", &server.base)
        .header("content-type", kind)
        .body(body)
        .send()
        .await
        .expect("post")
        .status()
        .as_u16()
}

#[test]
fn bodies_beyond_the_limit_are_refused_on_every_route() {
    common::run(async {
        let server = common::shared().await;
        let huge = 3 * 1024 * 1024;
        let (json, form) = ("application/json", "application/x-www-form-urlencoded");
        for (path, kind) in [
            ("/api/viewer", json),
            ("/auth/sign-in", form),
            ("/quiz", form),
        ] {
            let status = announce_body(server, path, huge, kind).await;
            assert_eq!(status, "HTTP/1.1 413", "{path}");
        }
        // The control: an ordinary form still gets through to its handler.
        let small = b"login=nobody&password=x".to_vec();
        assert_eq!(post_bytes(server, "/auth/sign-in", small, form).await, 303);
    });
}

#[test]
fn nothing_shown_to_a_signed_in_person_is_cached() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "13900000077").await;
        let cookie = server.session("13900000077", PASSWORD).await;
        for path in ["/", "/me", "/households"] {
            let response = server
                .client()
                .get(format!("{}{path}", server.base))
                .header("cookie", &cookie)
                .send()
                .await
                .expect("page");
            assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        }
    });
}

#[test]
fn signing_in_over_a_session_ends_it() {
    common::run(async {
        let server = common::shared().await;
        learner(server, "13900000078").await;
        learner(server, "13900000079").await;
        let first = server.session("13900000078", PASSWORD).await;
        let reply = server
            .client()
            .post(format!("{}/auth/sign-in", server.base))
            .header("origin", &server.base)
            .header("cookie", &first)
            .form(&[("login", "13900000079"), ("password", PASSWORD)])
            .send()
            .await
            .expect("sign in");
        assert_eq!(reply.status().as_u16(), 303);
        let (_, page) = server.get_with("/me", &[("cookie", &first)]).await;
        assert!(
            !page.contains("李大哥"),
            "the first person's session no longer opens their page"
        );
    });
}

#[test]
fn registrations_from_one_address_are_paced() {
    common::run(async {
        let server = common::shared().await;
        let form = [
            ("code", "NOPE99"),
            ("name", "张三"),
            ("phone", "13800001111"),
            ("password", "zhangsan-2026"),
        ];
        // Every attempt counts, refused ones too: guessing join codes is paced like creating
        // accounts. (No other test of this binary registers from this address.)
        for attempt in 1..=40 {
            let reply = server.send("POST", "/auth/register", None, &form).await;
            let page = server.follow(&reply, None).await;
            assert!(page.contains("邀请码不对"), "attempt {attempt}: {page}");
        }
        let reply = server.send("POST", "/auth/register", None, &form).await;
        let page = server.follow(&reply, None).await;
        assert!(page.contains("试错次数太多"), "{page}");
    });
}
