//! Which language this page is in: negotiated from the request on the server, read back from
//! `<html lang>` in the browser so that hydration renders the same text.

use leptos::prelude::*;

use crate::i18n::Locale;

/// The locale of the current request (server) or page (browser).
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        let parts = use_context::<http::request::Parts>();
        let header = |name: http::header::HeaderName| {
            parts
                .as_ref()
                .and_then(|p| p.headers.get(name))
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let cookie = header(http::header::COOKIE);
        let accept = header(http::header::ACCEPT_LANGUAGE);
        Locale::negotiate(cookie.as_deref(), accept.as_deref())
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default()
    }
}

/// The locale the `App` provided; an island hydrating in the browser has no such context and
/// reads the page's.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(request_locale)
}
