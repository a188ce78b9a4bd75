//! How the no-JavaScript form routes answer: a redirect (post, redirect, get), or a `FormError`
//! that sends the browser back to the form with a one-time flash message. Handlers return
//! `Result<Response, FormError>` and use `?`.

use app::backend::ExportFile;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::i18n::{Locale, LOCALE_COOKIE};
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::lang::is_local_path;
use app::urls::query_string;

/// A 303 to `target`, with a cookie to set if any.
pub fn redirect(target: &str, cookie: Option<String>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(target) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// A form that could not be done: where to send the browser back to, and why.
#[derive(Debug)]
pub struct FormError {
    pub back: String,
    pub error: AppError,
}

/// The flash a `FormError` asks for; the flash middleware signs it into a cookie.
#[derive(Clone, Debug)]
pub struct PendingFlash {
    pub path: String,
    pub problem: Problem,
}

impl FormError {
    pub fn new(back: impl Into<String>, error: impl Into<AppError>) -> Self {
        FormError {
            back: back.into(),
            error: error.into(),
        }
    }
}

impl IntoResponse for FormError {
    fn into_response(self) -> Response {
        match self.error {
            AppError::Invalid(problem) => {
                let mut response = redirect(&self.back, None);
                response.extensions_mut().insert(PendingFlash {
                    path: self.back,
                    problem,
                });
                response
            }
            AppError::SignInRequired => {
                let next = query_string(&[("next", self.back.as_str())]);
                redirect(&format!("/sign-in?{next}"), None)
            }
            AppError::Forbidden => notice(StatusCode::FORBIDDEN, "没有权限", "Not allowed"),
            AppError::NotFound => notice(StatusCode::NOT_FOUND, "找不到这一页", "Not found"),
            AppError::Internal | AppError::Transport(_) => notice(
                StatusCode::INTERNAL_SERVER_ERROR,
                "服务器出了点问题，请稍后再试",
                "Something went wrong on the server; please try again later",
            ),
        }
    }
}

/// A small page for a refused form: the same words as the app's notices, in both languages.
fn notice(status: StatusCode, zh: &str, en: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{zh}</title><link rel=\"stylesheet\" href=\"/pkg/nongdian.css\"></head>\
         <body><main id=\"main\"><section class=\"notice\" role=\"alert\"><h1>{zh}</h1>\
         <p lang=\"en\">{en}</p><p><a class=\"button\" href=\"/\">返回首页 · Home</a></p>\
         </section></main></body></html>"
    );
    (status, Html(body)).into_response()
}

/// Sends a service's refusal back to the form at `back`.
pub trait OrBack<T> {
    fn or_back(self, back: &str) -> Result<T, FormError>;
}

impl<T> OrBack<T> for Result<T, AppError> {
    fn or_back(self, back: &str) -> Result<T, FormError> {
        self.map_err(|error| FormError::new(back, error))
    }
}

/// Services called straight from a form: internals are logged and shown as a plain failure.
impl<T> OrBack<T> for Result<T, crate::error::ServerError> {
    fn or_back(self, back: &str) -> Result<T, FormError> {
        self.map_err(AppError::from).or_back(back)
    }
}

/// A form body read into `T`; a body that does not fit sends the browser back to the page it
/// came from with a message, instead of a bare 422.
pub struct FormData<T>(pub T);

impl<S, T> FromRequest<S> for FormData<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = FormError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let back = referer_path(request.headers(), "/");
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(value)) => Ok(FormData(value)),
            Err(_) => Err(FormError::new(back, Problem::FormIncomplete)),
        }
    }
}

/// The language of a download: the reader's choice (cookie), else the browser's.
pub fn request_locale(headers: &HeaderMap) -> Locale {
    let language =
        super::cookies::cookie(headers, LOCALE_COOKIE).map(|tag| format!("{LOCALE_COOKIE}={tag}"));
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Locale::negotiate(language.as_deref(), accept)
}

/// An exported file as a download that no cache keeps.
pub fn file_response(file: ExportFile) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The path of the page a form was sent from (same-origin is already checked), for going back;
/// `otherwise` when the browser sent none.
pub fn referer_path(headers: &HeaderMap, otherwise: &str) -> String {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .map(|path| path.split(['?', '#']).next().unwrap_or("/").to_string())
        .filter(|path| is_local_path(path))
        .unwrap_or_else(|| otherwise.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_goes_back_to_the_form_with_a_flash() {
        let response = FormError::new("/classes", Problem::ChooseClassPlace).into_response();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/classes");
        let flash = response.extensions().get::<PendingFlash>().expect("flash");
        assert_eq!(flash.problem, Problem::ChooseClassPlace);
    }

    #[test]
    fn refusals_render_a_page_with_their_status() {
        let response = FormError::new("/x", AppError::Forbidden).into_response();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let response = FormError::new("/x?a=1", AppError::SignInRequired).into_response();
        assert_eq!(
            response.headers()[header::LOCATION],
            "/sign-in?next=/x%3Fa%3D1"
        );
    }
}
