//! Starts the real server on port 0 against a temporary SQLite file and the real content folder.
// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::LazyLock;

use server::config::Config;

pub struct TestServer {
    pub base: String,
    pub store: server::store::Store,
    /// The server's key folder, for tests that seal personal data the way it does.
    pub key_dir: PathBuf,
    _dir: tempfile::TempDir,
}

/// What a request got back.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub location: String,
    pub body: String,
    /// Every `Set-Cookie` as `name=value`.
    pub cookies: Vec<String>,
}

impl Reply {
    /// The one-time message a refused form left for the page it sent the browser back to.
    pub fn flash(&self) -> Option<&str> {
        self.cookies
            .iter()
            .find(|c| c.starts_with("nd_flash=") && c.len() > "nd_flash=".len())
            .map(String::as_str)
    }
}

/// `name=value` of every `Set-Cookie` of a response.
pub fn set_cookies(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
        .collect()
}

/// One runtime for every test of a binary, as in production: one runtime, many requests.
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("test runtime")
});

/// Runs a test body on the shared runtime.
pub fn run<F: Future>(test: F) -> F::Output {
    // `RUST_LOG=error cargo test` shows what a 500 hid.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .try_init();
    RUNTIME.block_on(test)
}

pub fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

pub async fn start() -> TestServer {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = server::store::scratch::database_url(dir.path())
        .await
        .expect("scratch database");
    let keys = dir.path().join("keys");
    start_on(dir, &url, keys, None).await
}

/// A server on a fresh database whose public address is `public_url` (an `https://` one, say),
/// while it still listens on plain HTTP as it does behind its TLS proxy.
pub async fn start_published(public_url: &str) -> TestServer {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = server::store::scratch::database_url(dir.path())
        .await
        .expect("scratch database");
    let keys = dir.path().join("keys");
    start_on(dir, &url, keys, Some(public_url)).await
}

/// One server shared by the read-only tests of a binary, started on first use. Starting servers
/// while other servers in the same process render pages occasionally left a Leptos render hanging
/// (1 in ~8 runs of 12 parallel tests; never seen with one server under load, as in production),
/// so tests start servers once and then only send requests.
pub async fn shared() -> &'static TestServer {
    static SERVER: tokio::sync::OnceCell<TestServer> = tokio::sync::OnceCell::const_new();
    SERVER.get_or_init(start).await
}

/// Two servers on one database, started at the same moment, as behind a load balancer.
pub async fn start_pair() -> (TestServer, TestServer) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = server::store::scratch::database_url(dir.path())
        .await
        .expect("scratch database");
    let (a, b) = (
        tempfile::tempdir_in(dir.path()).expect("tempdir"),
        tempfile::tempdir_in(dir.path()).expect("tempdir"),
    );
    let keys = dir.path().join("keys");
    let pair = tokio::join!(
        start_on(a, &url, keys.clone(), None),
        start_on(b, &url, keys, None)
    );
    // The database file must outlive both servers; the OS removes the folder at exit.
    std::mem::forget(dir);
    pair
}

async fn start_on(
    dir: tempfile::TempDir,
    database_url: &str,
    key_dir: PathBuf,
    public_url: Option<&str>,
) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind port 0");
    let addr: SocketAddr = listener.local_addr().expect("local addr");
    let config = Config {
        database_url: database_url.to_string(),
        content_dir: content_dir(),
        addr,
        site_root: dir.path().join("site"),
        key_dir: key_dir.clone(),
        public_url: public_url.map_or_else(|| format!("http://{addr}"), str::to_string),
        trusted_proxies: Vec::new(),
    };
    let prepared = server::prepare(&config).await.expect("server prepares");
    let store = prepared.store.clone();
    tokio::spawn(async move {
        let service = prepared
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service).await.expect("server runs");
    });
    TestServer {
        base: format!("http://{addr}"),
        store,
        key_dir,
        _dir: dir,
    }
}

impl TestServer {
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("client")
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let mut request = self.client().get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }
}

impl TestServer {
    /// Signs in through the form; returns the `Cookie` header value of the new session.
    pub async fn session(&self, login: &str, password: &str) -> String {
        let reply = self
            .client()
            .post(format!("{}/auth/sign-in", self.base))
            .header("origin", &self.base)
            .form(&[("login", login), ("password", password)])
            .send()
            .await
            .expect("sign in");
        let cookie = reply
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{login} could not sign in"));
        cookie.split(';').next().unwrap_or_default().to_string()
    }

    /// Sends a same-origin request as a browser form would, with an optional session.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> Reply {
        let url = format!("{}{path}", self.base);
        let mut request = match method {
            "GET" => self.client().get(url),
            _ => self.client().post(url).form(form),
        };
        request = request.header("origin", &self.base);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        reply_of(request).await
    }

    /// How many rows of `table` belong to learner `user`.
    pub async fn rows_of(&self, table: &str, user: i64) -> i64 {
        let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE user_id = $1");
        let row = sqlx::query(&sql)
            .bind(user)
            .fetch_one(self.store.pool())
            .await
            .expect("count");
        sqlx::Row::try_get(&row, "n").expect("n")
    }

    /// Posts JSON as a learner's app does: same origin, with an optional session.
    pub async fn post_json(&self, path: &str, cookie: Option<&str>, json: &str) -> Reply {
        let mut request = self
            .client()
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .header("content-type", "application/json")
            .body(json.to_string());
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        reply_of(request).await
    }

    /// The page a form's redirect leads to, as the browser gets it: with the session and the
    /// form's flash message.
    pub async fn follow(&self, reply: &Reply, session: Option<&str>) -> String {
        let cookie = [session, reply.flash()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ");
        let (_, body) = self.get_with(&reply.location, &[("cookie", &cookie)]).await;
        body
    }
}

async fn reply_of(request: reqwest::RequestBuilder) -> Reply {
    reply_of_response(request.send().await.expect("request")).await
}

/// A response as a `Reply` (status, redirect, body, cookies).
pub async fn reply_of_response(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let cookies = set_cookies(response.headers());
    Reply {
        status,
        location,
        body: response.text().await.expect("body"),
        cookies,
    }
}

/// A self-registered learner without a region, named `name`, with password `password`.
pub async fn learner_account(server: &TestServer, login: &str, name: &str, password: &str) {
    let new = app::model::NewAccount {
        login: login.into(),
        name: name.into(),
        role: "learner".into(),
        password: password.into(),
        region_id: None,
    };
    let passwords = server::services::accounts::passwords::Passwords::new(2);
    server::services::accounts::users::create_account(&server.store, &passwords, &new)
        .await
        .expect("account");
}
