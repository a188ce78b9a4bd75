//! `/media/h/<sha256>.<ext>`: the pictures of course content, by the hash of their bytes, from
//! the database's file store. Only files kept as pictures (in an `img/` folder of a published
//! version or a draft) are served, never a lesson's source; the URL changes with the bytes, so
//! browsers and the offline copy may keep them for good.

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::AppState;

const PICTURE_TYPES: [(&str, &str); 5] = [
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("webp", "image/webp"),
];

pub async fn serve(State(state): State<AppState>, UrlPath(path): UrlPath<String>) -> Response {
    let Some((hash, content_type)) = hashed_picture(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.services.store.picture(hash).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                // An SVG opened on its own must not run anything.
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "picture lookup failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The hash and content type of `h/<64 hex digits>.<picture extension>`.
fn hashed_picture(url_path: &str) -> Option<(&str, &'static str)> {
    let (hash, extension) = url_path.strip_prefix("h/")?.split_once('.')?;
    let is_hash = hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    let extension = extension.to_ascii_lowercase();
    let (_, content_type) = PICTURE_TYPES.iter().find(|(ext, _)| *ext == extension)?;
    is_hash.then_some((hash, *content_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_picture_urls_are_looked_up() {
        let hash = "a".repeat(64);
        assert_eq!(
            hashed_picture(&format!("h/{hash}.svg")),
            Some((hash.as_str(), "image/svg+xml"))
        );
        assert_eq!(hashed_picture(&format!("h/{hash}.md")), None);
        assert_eq!(hashed_picture(&format!("h/{}.png", "A".repeat(64))), None);
        assert_eq!(hashed_picture("h/abc.png"), None);
        assert_eq!(hashed_picture("course/01-m/img/a.svg"), None);
        assert_eq!(hashed_picture(&format!("h/../{hash}.svg")), None);
    }
}
