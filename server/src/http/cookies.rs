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

/// The session cookie as the site is reached (`NONGDIAN_PUBLIC_URL`). Over HTTPS it is always
/// `Secure` and named with the `__Host-` prefix, so a sibling subdomain (another county app on
/// the same domain) cannot plant a session for fixation; over plain HTTP (a LAN or a test) it is
/// `Secure` only when the TLS proxy says the request came over HTTPS.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SessionCookie {
    https: bool,
}

/// Every name a session cookie may have: a page request carrying either is not anonymous.
pub const SESSION_COOKIE_NAMES: [&str; 2] = ["__Host-nd_session", "nd_session"];

impl SessionCookie {
    pub fn for_public_url(public_url: &str) -> SessionCookie {
        SessionCookie {
            https: is_https_url(public_url),
        }
    }

    /// Whether the site is published over HTTPS.
    pub fn https(self) -> bool {
        self.https
    }

    pub fn name(self) -> &'static str {
        SESSION_COOKIE_NAMES[usize::from(!self.https)]
    }

    /// The session token the request carries under this site's cookie name (only that one).
    pub fn token(self, headers: &HeaderMap) -> Option<String> {
        cookie(headers, self.name())
    }

    /// The `Set-Cookie` value of a new session: kept for the session's lifetime, or, on a shared
    /// computer, only until the browser closes.
    pub fn set(self, token: &str, headers: &HeaderMap, shared: bool) -> String {
        let lifetime = if shared {
            String::new()
        } else {
            format!("; Max-Age={ABSOLUTE_TIMEOUT_SECS}")
        };
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax{lifetime}{}",
            self.name(),
            self.secure_suffix(headers)
        )
    }

    /// The `Set-Cookie` value that ends the session cookie in the browser.
    pub fn clear(self, headers: &HeaderMap) -> String {
        format!("{}{}", expired(self.name()), self.secure_suffix(headers))
    }

    fn secure_suffix(self, headers: &HeaderMap) -> &'static str {
        if self.https || forwarded_https(headers) {
            "; Secure"
        } else {
            ""
        }
    }
}

/// The `Set-Cookie` value that ends cookie `name` in the browser.
pub fn expired(name: &str) -> String {
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// Whether the TLS proxy in front says the request came over HTTPS.
pub fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"))
}

fn is_https_url(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
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
        assert_eq!(cookie(&map, "nd_session").as_deref(), Some("abc123"));
        assert_eq!(cookie(&HeaderMap::new(), "nd_session"), None);
    }

    #[test]
    fn over_https_the_session_is_secure_and_host_only_by_name() {
        let plain = SessionCookie::for_public_url("http://10.0.0.5:3000");
        let tls = SessionCookie::for_public_url("HTTPS://nongdian.example.gov.cn");
        let no_proxy = HeaderMap::new();
        assert_eq!(
            plain.set("t", &no_proxy, true),
            "nd_session=t; Path=/; HttpOnly; SameSite=Lax"
        );
        let proxied = request_with("x=1");
        let mut proxied = proxied;
        proxied.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(plain.set("t", &proxied, true).ends_with("; Secure"));
        let set = tls.set("t", &no_proxy, false);
        assert!(set.starts_with("__Host-nd_session=t; Path=/;"), "{set}");
        assert!(
            set.ends_with("; Secure") && !set.contains("Domain"),
            "{set}"
        );
        assert!(tls.clear(&no_proxy).starts_with("__Host-nd_session=;"));
        assert!(tls.clear(&no_proxy).ends_with("; Secure"));
        let planted = request_with("nd_session=planted-by-a-sibling");
        assert_eq!(tls.token(&planted), None, "only the prefixed name counts");
        assert_eq!(
            plain.token(&planted).as_deref(),
            Some("planted-by-a-sibling")
        );
    }
}
