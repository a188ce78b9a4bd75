//! `/media/…`: the pictures of course content, and nothing else from the content folder.

use std::path::{Component, Path, PathBuf};

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
    let Some((file, content_type)) = picture_path(&state.content_dir, &path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=86400"),
                // An SVG opened on its own must not run anything.
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The file for a URL path, if it is a picture inside some `img/` folder of the content.
fn picture_path(root: &Path, url_path: &str) -> Option<(PathBuf, &'static str)> {
    let relative = Path::new(url_path);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let in_img_folder = relative
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "img");
    let extension = relative.extension()?.to_str()?.to_ascii_lowercase();
    let (_, content_type) = PICTURE_TYPES.iter().find(|(ext, _)| *ext == extension)?;
    (plain && in_img_folder).then(|| (root.join(relative), *content_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_pictures_in_img_folders_only() {
        let root = Path::new("/c");
        assert_eq!(
            picture_path(root, "course/01-m/img/a.svg"),
            Some((PathBuf::from("/c/course/01-m/img/a.svg"), "image/svg+xml"))
        );
        assert_eq!(picture_path(root, "course/01-m/lesson.md"), None);
        assert_eq!(picture_path(root, "course/../img/a.svg"), None);
        assert_eq!(picture_path(root, "course/01-m/img/a.exe"), None);
        assert_eq!(picture_path(root, "/etc/img/a.png"), None);
    }
}
