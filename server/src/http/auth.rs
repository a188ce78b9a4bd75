//! Sign-in and sign-out as plain form posts (they work without JavaScript), the middleware that
//! turns the session cookie into the request's acting user, and the same-origin check that
//! protects every state-changing request (forms and server functions alike) from CSRF.

use std::net::SocketAddr;

use app::backend::Actor;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use super::AppState;
use crate::services::auth::{self, SignInRefused, ABSOLUTE_TIMEOUT_SECS};
use crate::store::now;

pub const SESSION_COOKIE: &str = "nd_session";

#[derive(Deserialize)]
pub struct SignInForm {
    login: String,
    password: String,
    next: Option<String>,
}

pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<SignInForm>,
) -> Response {
    let address = client_address(connect);
    let services = &state.services;
    let result = auth::sign_in(
        &services.store,
        &services.passwords,
        &form.login,
        &form.password,
        &address,
        now(),
    )
    .await;
    match result {
        Ok(Ok(token)) => {
            let target = form
                .next
                .filter(|n| super::lang::is_local_path(n))
                .unwrap_or_else(|| "/".into());
            redirect(&target, Some(session_cookie(&token, &headers)))
        }
        Ok(Err(SignInRefused::WrongLoginOrPassword)) => redirect("/sign-in?error=invalid", None),
        Ok(Err(SignInRefused::TooManyAttempts)) => redirect("/sign-in?error=throttled", None),
        Err(error) => {
            tracing::error!(%error, "sign-in failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        if let Err(error) = auth::sign_out(&state.services.store, &token, now()).await {
            tracing::error!(%error, "sign-out failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let expired = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    redirect("/", Some(expired))
}

/// The `Set-Cookie` value of a new session.
pub fn session_cookie(token: &str, headers: &HeaderMap) -> String {
    let max_age = ABSOLUTE_TIMEOUT_SECS;
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        secure_suffix(headers)
    )
}

fn client_address(connect: Option<Extension<ConnectInfo<SocketAddr>>>) -> String {
    connect
        .map(|Extension(ConnectInfo(addr))| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Puts the acting user of the session cookie (or `Actor::Anonymous`) into the request. Someone
/// whose password was reset is sent to choose a new one before any other page.
pub async fn resolve_actor(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = client_address(connect);
    let store = &state.services.store;
    let actor = match cookie(request.headers(), SESSION_COOKIE) {
        Some(token) => match auth::actor_for_token(store, &token, &address, now()).await {
            Ok(actor) => actor,
            Err(error) => {
                tracing::error!(%error, "session look-up failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
        None => Actor::Anonymous,
    };
    let must_change = matches!(&actor, Actor::User(user) if user.must_change_password);
    let path = request.uri().path();
    let exempt = ["/account/password", "/auth/", "/api/", "/lang/", "/media/"];
    if must_change && request.method() == Method::GET && !exempt.iter().any(|p| path.starts_with(p))
    {
        return redirect("/account/password", None);
    }
    request.extensions_mut().insert(actor);
    next.run(request).await
}

/// Refuses state-changing requests whose `Origin` (or, lacking it, `Referer`) is another site.
pub async fn same_origin(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    let value = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let Some(host) = value(header::HOST) else {
        return false;
    };
    let Some(source) = value(header::ORIGIN).or_else(|| value(header::REFERER)) else {
        return false;
    };
    let without_scheme = source.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    without_scheme.split('/').next() == Some(host)
}

/// The value of cookie `name`, if the request carries it.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_needs_a_matching_origin_or_referer() {
        assert!(is_same_origin(&headers(&[
            ("host", "a.cn"),
            ("origin", "https://a.cn")
        ])));
        assert!(is_same_origin(&headers(&[
            ("host", "a.cn:3000"),
            ("referer", "http://a.cn:3000/x")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.cn"),
            ("origin", "https://evil.cn")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.cn"),
            ("origin", "https://a.cn.evil.cn")
        ])));
        assert!(!is_same_origin(&headers(&[("host", "a.cn")])));
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let map = headers(&[("cookie", "lang=en; nd_session=abc123; x=1")]);
        assert_eq!(cookie(&map, SESSION_COOKIE).as_deref(), Some("abc123"));
        assert_eq!(cookie(&headers(&[]), SESSION_COOKIE), None);
    }
}
