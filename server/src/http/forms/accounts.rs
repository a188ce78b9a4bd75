//! Form posts of the accounts area: sign-in and sign-out, registration, password changes, staff
//! accounts, password resets, bulk learner accounts and password sheets.

use app::backend::{AccountsApi, Actor, SignInRefused};
use app::i18n::problems::Problem;
use app::model::{BulkAccounts, NewAccount, PasswordChange, Registration, SignIn};
use app::urls::query_string;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;

use crate::http::client::ClientAddress;
use crate::http::lang::is_local_path;
use crate::http::respond::{redirect, referer_path, FormData, FormError, OrBack};
use crate::http::AppState;

pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    FormData(form): FormData<SignIn>,
) -> Result<Response, FormError> {
    let outcome = state.services.sign_in(&form, &address).await;
    let problem = match outcome.or_back("/sign-in")? {
        Ok(token) => {
            // A session left on a shared phone ends when the next person signs in over it.
            if let Some(previous) = state.session_cookie.token(&headers) {
                state
                    .services
                    .sign_out(&previous)
                    .await
                    .or_back("/sign-in")?;
            }
            let shared = form.on_shared_computer();
            let cookie = state.session_cookie.set(&token.0, &headers, shared);
            let target = form.next.filter(|n| is_local_path(n));
            let target = target.as_deref().unwrap_or("/");
            return Ok(redirect(target, Some(cookie)));
        }
        Err(SignInRefused::WrongLoginOrPassword) => Problem::WrongLoginOrPassword,
        Err(SignInRefused::TooManyAttempts) => Problem::TooManyAttempts,
    };
    let back = match form.next.filter(|n| is_local_path(n)) {
        Some(next) => format!("/sign-in?{}", query_string(&[("next", next)])),
        None => "/sign-in".to_string(),
    };
    Err(FormError::new(back, problem))
}

pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, FormError> {
    if let Some(token) = state.session_cookie.token(&headers) {
        state.services.sign_out(&token).await.or_back("/")?;
    }
    let cleared = state.session_cookie.clear(&headers);
    Ok(redirect("/", Some(cleared)))
}

pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    FormData(form): FormData<Registration>,
) -> Result<Response, FormError> {
    let back = format!("/register?{}", query_string(&[("code", &form.code)]));
    let token = state
        .services
        .register(&form, &address)
        .await
        .or_back(&back)?;
    Ok(redirect(
        "/",
        Some(state.session_cookie.set(&token.0, &headers, false)),
    ))
}

pub async fn change_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormData(form): FormData<PasswordChange>,
) -> Result<Response, FormError> {
    let back = "/account/password";
    state
        .services
        .change_password(&actor, &form)
        .await
        .or_back(back)?;
    Ok(redirect("/?password=changed", None))
}

pub async fn create_staff(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormData(form): FormData<NewAccount>,
) -> Result<Response, FormError> {
    let back = "/staff/users";
    state
        .services
        .create_staff(&actor, &form)
        .await
        .or_back(back)?;
    Ok(redirect(back, None))
}

/// Resets someone's password and shows the one-time password sheet.
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Path(user_id): Path<i64>,
) -> Result<Response, FormError> {
    let back = referer_path(&headers, "/staff");
    let sheet = state
        .services
        .reset_password(&actor, user_id)
        .await
        .or_back(&back)?;
    Ok(redirect(&format!("/sheets/{sheet}"), None))
}

pub async fn bulk_accounts(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    FormData(form): FormData<BulkAccounts>,
) -> Result<Response, FormError> {
    let back = referer_path(&headers, "/staff");
    let sheet = state
        .services
        .bulk_accounts(&actor, &form)
        .await
        .or_back(&back)?;
    Ok(redirect(&format!("/sheets/{sheet}"), None))
}

pub async fn discard_sheet(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
) -> Result<Response, FormError> {
    state
        .services
        .discard_sheet(&actor, &id)
        .await
        .or_back("/staff")?;
    Ok(redirect("/staff", None))
}
