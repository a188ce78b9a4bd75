//! The quiz island: the quiz is server-rendered children, and once hydrated a submitted answer
//! sheet is posted in the background (the same `/quiz` post as without JavaScript) and the quiz
//! replaced by the one in the page the server answers with, verdict included. Only this submit
//! handler reaches the wasm, no quiz data and no JSON.

use leptos::prelude::*;

#[island]
pub fn CheckInPlace(children: Children) -> impl IntoView {
    view! { <div class="quiz-frame" on:submit=browser::check_in_place>{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::ev::SubmitEvent;
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DomParser, HtmlFormElement, Response, SupportedType};

    /// Posts the submitted quiz form in the background instead of loading a page.
    pub fn check_in_place(event: SubmitEvent) {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(body) = web_sys::FormData::new_with_form(&form)
            .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data))
        else {
            return;
        };
        event.prevent_default();
        let action = form.action();
        leptos::task::spawn_local(async move {
            match post(&action, &String::from(body.to_string())).await {
                Ok(Posted::Page { url, html }) => show(&url, &html),
                Ok(Posted::KeptOffline) => reveal("[data-quiz-saved]"),
                // The service worker refuses what it cannot keep (a module test) when offline.
                Err(_) => reveal("[data-quiz-unsent]"),
            }
        });
    }

    enum Posted {
        /// The page the post ended on (after the server's redirect) and its HTML.
        Page { url: String, html: String },
        /// The offline worker kept the answers to send later (a lesson quiz).
        KeptOffline,
    }

    async fn post(action: &str, body: &str) -> Result<Posted, JsValue> {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(body));
        let headers = web_sys::Headers::new()?;
        headers.set("content-type", "application/x-www-form-urlencoded")?;
        init.set_headers(&headers);
        let response: Response = JsFuture::from(window().fetch_with_str_and_init(action, &init))
            .await?
            .dyn_into()?;
        if response.status() == 202 && response.headers().has("x-nongdian-queued")? {
            return Ok(Posted::KeptOffline);
        }
        let html = JsFuture::from(response.text()?).await?;
        Ok(Posted::Page {
            url: response.url(),
            html: html.as_string().unwrap_or_default(),
        })
    }

    /// Puts the returned page's quiz in place of this one; a page without a quiz (the server
    /// sent the learner elsewhere) is opened instead.
    fn show(url: &str, html: &str) {
        let fresh = DomParser::new()
            .and_then(|parser| parser.parse_from_string(html, SupportedType::TextHtml))
            .ok()
            .and_then(|page| page.get_element_by_id("quiz"));
        let current = document().get_element_by_id("quiz");
        match (current, fresh) {
            (Some(current), Some(fresh)) => {
                current.set_inner_html(&fresh.inner_html());
                if let Ok(history) = window().history() {
                    let address = format!("{url}#quiz");
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address));
                }
            }
            _ => {
                let _ = window().location().assign(url);
            }
        }
    }

    fn reveal(selector: &str) {
        if let Ok(Some(notice)) = document().query_selector(selector) {
            let _ = notice.remove_attribute("hidden");
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn check_in_place(_event: leptos::ev::SubmitEvent) {}
}
