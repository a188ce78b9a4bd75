//! Plain form posts for everything that changes people's data (they work without JavaScript):
//! each handler reads the form, calls one service with the acting user, and redirects to the
//! result — or back to the form with the service's message.

use app::backend::Actor;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use super::auth::{redirect, session_cookie};
use super::AppState;
use crate::error::ServerError;
use crate::services::accounts::{self, NewAccount, Registration};
use crate::services::regions::{self, NewRegion};
use crate::services::{auth, classes, sheets};
use crate::store::now;

/// Where a failed form goes back to: the form's page with the message, or a status page.
pub fn failure(back: &str, error: ServerError) -> Response {
    match AppError::from(error) {
        AppError::Invalid(message) => {
            let message: String = message.chars().take(600).collect();
            let separator = if back.contains('?') { '&' } else { '?' };
            let query = serde_urlencoded_pair("error", &message);
            redirect(&format!("{back}{separator}{query}"), None)
        }
        AppError::SignInRequired => redirect(
            &format!("/sign-in?{}", serde_urlencoded_pair("next", back)),
            None,
        ),
        AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden").into_response(),
        AppError::NotFound => (StatusCode::NOT_FOUND, "not found").into_response(),
        _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub fn serde_urlencoded_pair(key: &str, value: &str) -> String {
    url_encode(key) + "=" + &url_encode(value)
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    password: String,
}

pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<RegisterForm>,
) -> Response {
    let services = &state.services;
    let registration = Registration {
        join_code: &form.code,
        name: &form.name,
        phone: &form.phone,
        password: &form.password,
    };
    let back = format!("/register?{}", serde_urlencoded_pair("code", &form.code));
    let result = async {
        let id = accounts::register(&services.store, &services.passwords, registration).await?;
        auth::open_session(&services.store, id, now()).await
    };
    match result.await {
        Ok(token) => redirect("/", Some(session_cookie(&token, &headers))),
        Err(error) => failure(&back, error),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(form): Form<PasswordForm>,
) -> Response {
    let services = &state.services;
    let change = accounts::PasswordChange {
        current: &form.current,
        new: &form.new,
        confirm: &form.confirm,
    };
    match accounts::change_password(&services.store, &services.passwords, &actor, change).await {
        Ok(()) => redirect("/?password=changed", None),
        Err(error) => failure("/account/password", error),
    }
}

#[derive(Deserialize)]
pub struct RegionForm {
    parent_id: Option<String>,
    #[serde(default)]
    level: String,
    #[serde(default)]
    name: String,
    code: Option<String>,
}

pub async fn create_region(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(form): Form<RegionForm>,
) -> Response {
    let parent_id = form.parent_id.as_deref().and_then(|p| p.parse().ok());
    let new = NewRegion {
        parent_id,
        level: &form.level,
        name: &form.name,
        code: form.code.as_deref(),
    };
    match regions::create(&state.services.store, &actor, new).await {
        Ok(_) => redirect("/staff/regions", None),
        Err(error) => failure("/staff/regions", error),
    }
}

#[derive(Deserialize)]
pub struct StaffForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    region_id: Option<String>,
    #[serde(default)]
    password: String,
}

pub async fn create_staff(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(form): Form<StaffForm>,
) -> Response {
    let region_id = form.region_id.as_deref().and_then(|p| p.parse().ok());
    let new = NewAccount {
        login: &form.login,
        display_name: &form.name,
        role: &form.role,
        password: &form.password,
        region_id,
    };
    let services = &state.services;
    match accounts::create_staff(&services.store, &services.passwords, &actor, new).await {
        Ok(_) => redirect("/staff/users", None),
        Err(error) => failure("/staff/users", error),
    }
}

/// Resets someone's password and shows the one-time password sheet.
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Path(user_id): Path<i64>,
) -> Response {
    match sheets::reset_password(&state.services.sheet_context(), &actor, user_id).await {
        Ok(sheet) => redirect(&format!("/sheets/{sheet}"), None),
        Err(error) => failure(&referer_path(&headers), error),
    }
}

#[derive(Deserialize)]
pub struct BulkForm {
    #[serde(default)]
    households: String,
    class_id: Option<String>,
}

pub async fn bulk_accounts(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Form(form): Form<BulkForm>,
) -> Response {
    let class_id = form.class_id.as_deref().and_then(|c| c.parse().ok());
    let numbers = [form.households];
    match sheets::bulk_accounts(&state.services.sheet_context(), &actor, &numbers, class_id).await {
        Ok(sheet) => redirect(&format!("/sheets/{sheet}"), None),
        Err(error) => failure(&referer_path(&headers), error),
    }
}

pub async fn discard_sheet(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
) -> Response {
    match sheets::discard_sheet(&state.services.store, &actor, &id).await {
        Ok(()) => redirect("/staff", None),
        Err(error) => failure("/staff", error),
    }
}

#[derive(Deserialize)]
pub struct ClassForm {
    #[serde(default)]
    name: String,
    region_id: Option<String>,
}

pub async fn create_class(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(form): Form<ClassForm>,
) -> Response {
    let Some(region_id) = form.region_id.as_deref().and_then(|r| r.parse().ok()) else {
        return failure(
            "/classes",
            AppError::Invalid("请选择班级所在的乡镇或村".into()).into(),
        );
    };
    match classes::create(&state.services.store, &actor, &form.name, region_id).await {
        Ok(id) => redirect(&format!("/classes/{id}"), None),
        Err(error) => failure("/classes", error),
    }
}

/// The path of the page a form was sent from (same-origin is already checked), for going back.
fn referer_path(headers: &HeaderMap) -> String {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .map(|path| path.split(['?', '#']).next().unwrap_or("/").to_string())
        .filter(|path| super::lang::is_local_path(path))
        .unwrap_or_else(|| "/staff".to_string())
}
