//! How a failed request looks on a page, with the right HTTP status when rendered on the server.

use leptos::prelude::*;

use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::{t, Msg};

/// Shows `error` to the reader and, on the server, sets the response status to match.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let locale = use_locale();
    set_status(&error);
    let (title, hint) = match &error {
        AppError::NotFound => (
            t(locale, Msg::NotFound),
            t(locale, Msg::NotFoundHint).to_string(),
        ),
        AppError::Invalid(problem) => (t(locale, Msg::ServerTrouble), problem.text(locale)),
        AppError::SignInRequired => (
            t(locale, Msg::SignInRequired),
            t(locale, Msg::SignInRequiredHint).to_string(),
        ),
        AppError::Forbidden => (
            t(locale, Msg::Forbidden),
            t(locale, Msg::ForbiddenHint).to_string(),
        ),
        _ => (t(locale, Msg::ServerTrouble), String::new()),
    };
    let (href, label) = match error {
        AppError::SignInRequired => ("/sign-in", t(locale, Msg::SignIn)),
        _ => ("/", t(locale, Msg::BackHome)),
    };
    view! {
        <section class="notice" role="alert">
            <h1>{title}</h1>
            <p>{hint}</p>
            <p><a class="button" href=href>{label}</a></p>
        </section>
    }
}

/// A short message inside a page (such as a quiz that could not be checked), with the status.
#[component]
pub fn InlineError(error: AppError) -> impl IntoView {
    let locale = use_locale();
    set_status(&error);
    let text = match error {
        AppError::Invalid(problem) => problem.text(locale),
        AppError::NotFound => t(locale, Msg::NotFound).to_string(),
        AppError::SignInRequired => t(locale, Msg::SignInRequired).to_string(),
        _ => t(locale, Msg::ServerTrouble).to_string(),
    };
    view! { <p class="error" role="alert">{text}</p> }
}

#[cfg(feature = "ssr")]
fn set_status(error: &AppError) {
    use http::StatusCode;
    let status = match error {
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::SignInRequired => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Invalid(_) => StatusCode::BAD_REQUEST,
        AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

#[cfg(not(feature = "ssr"))]
fn set_status(_error: &AppError) {}
