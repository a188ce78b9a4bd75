//! The cookies the server sets: the session, and the one-time flash message a failed form leaves
//! for the page it returns to (signed, typed, read once), so no link can put text on our pages.

use app::components::loaded::Flash;
use app::i18n::problems::Problem;
use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::keys::DataKey;
use crate::services::accounts::sessions::ABSOLUTE_TIMEOUT_SECS;

pub const SESSION_COOKIE: &str = "nd_session";
pub const FLASH_COOKIE: &str = "nd_flash";
/// A flash not read by then (the page was never opened) is forgotten.
const FLASH_SECS: i64 = 300;

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// The `Set-Cookie` value of a new session.
/// The session cookie: kept for the session's lifetime, or, on a shared computer, only until
/// the browser closes.
pub fn session_cookie(token: &str, headers: &HeaderMap, shared: bool) -> String {
    let lifetime = if shared {
        String::new()
    } else {
        format!("; Max-Age={ABSOLUTE_TIMEOUT_SECS}")
    };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{lifetime}{}",
        secure_suffix(headers)
    )
}

/// The `Set-Cookie` value that ends cookie `name` in the browser.
pub fn expired(name: &str) -> String {
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// Cookies are `Secure` when the TLS proxy in front says the request came over HTTPS.
fn secure_suffix(headers: &HeaderMap) -> &'static str {
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    if https {
        "; Secure"
    } else {
        ""
    }
}

/// What a flash cookie carries: the page it is for and the problem to show there.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct FlashBody {
    path: String,
    problem: Problem,
}

/// The `Set-Cookie` value of a flash for page `path` (its query is ignored).
pub fn flash_cookie(key: &DataKey, path: &str, problem: &Problem) -> Option<String> {
    let body = FlashBody {
        path: path_only(path).to_string(),
        problem: problem.clone(),
    };
    let json = serde_json::to_string(&body).ok()?;
    let value = URL_SAFE_NO_PAD.encode(json.as_bytes());
    let tag = key.tag(&value);
    Some(format!(
        "{FLASH_COOKIE}={value}.{tag}; Path=/; HttpOnly; SameSite=Lax; Max-Age={FLASH_SECS}"
    ))
}

/// The flash a request carries for its own page, if the server wrote it.
pub fn read_flash(key: &DataKey, headers: &HeaderMap, path: &str) -> Option<Flash> {
    let raw = cookie(headers, FLASH_COOKIE)?;
    let (value, tag) = raw.rsplit_once('.')?;
    if !key.check_tag(value, tag) {
        return None;
    }
    let json = URL_SAFE_NO_PAD.decode(value).ok()?;
    let body: FlashBody = serde_json::from_slice(&json).ok()?;
    (body.path == path_only(path)).then_some(Flash(body.problem))
}

fn path_only(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn request_with(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.insert(header::COOKIE, value);
        }
        headers
    }

    #[test]
    fn a_flash_is_read_back_on_its_own_page_only() {
        let key = DataKey::from_master(&[3; 32]);
        let set = flash_cookie(&key, "/register?code=AB", &Problem::PhoneFormat).expect("cookie");
        let pair = set.split(';').next().expect("pair");
        let headers = request_with(&format!("lang=en; {pair}"));
        assert_eq!(
            read_flash(&key, &headers, "/register"),
            Some(Flash(Problem::PhoneFormat))
        );
        assert_eq!(read_flash(&key, &headers, "/households"), None);
    }

    #[test]
    fn a_forged_or_foreign_flash_is_ignored() {
        let key = DataKey::from_master(&[3; 32]);
        let set = flash_cookie(&key, "/x", &Problem::EmptyFile).expect("cookie");
        let pair = set.split(';').next().expect("pair").to_string();
        let other = DataKey::from_master(&[4; 32]);
        assert_eq!(read_flash(&other, &request_with(&pair), "/x"), None);
        let forged = pair.replacen("nd_flash=", "nd_flash=e30", 1);
        assert_eq!(read_flash(&key, &request_with(&forged), "/x"), None);
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let map = request_with("lang=en; nd_session=abc123; x=1");
        assert_eq!(cookie(&map, SESSION_COOKIE).as_deref(), Some("abc123"));
        assert_eq!(cookie(&HeaderMap::new(), SESSION_COOKIE), None);
    }
}
