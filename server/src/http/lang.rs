//! `/lang/{tag}?next=/path`: remembers the chosen language in a cookie and returns to the page.

use app::i18n::{Locale, LOCALE_COOKIE};
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch(Path(tag): Path<String>, Query(query): Query<Next>) -> Response {
    let Some(locale) = Locale::from_tag(&tag) else {
        return (
            StatusCode::BAD_REQUEST,
            format!("unknown language `{tag}`; use zh-CN or en"),
        )
            .into_response();
    };
    let target = query
        .next
        .filter(|next| is_local_path(next))
        .unwrap_or_else(|| "/".to_string());
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.tag()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(&target),
        HeaderValue::from_str(&cookie),
    ) {
        headers.insert(header::LOCATION, location);
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Only paths on this site, so the switch cannot be used to send people elsewhere.
pub fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn accepts_site_paths_only() {
        assert!(is_local_path("/lessons/abc"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x=1"));
    }
}
