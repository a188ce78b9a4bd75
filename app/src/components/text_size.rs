//! The large-text switch for readers with weak eyes. It needs JavaScript, so it stays hidden
//! until its island is hydrated, and the choice is remembered on the phone.

use leptos::prelude::*;

use crate::components::locale::use_locale;
use crate::i18n::{t, Msg};

#[island]
pub fn TextSizeToggle() -> impl IntoView {
    let locale = use_locale();
    let hydrated = RwSignal::new(false);
    let large = RwSignal::new(false);
    Effect::new(move |_| {
        large.set(platform::remembered());
        hydrated.set(true);
    });
    Effect::new(move |_| {
        if hydrated.get() {
            platform::apply(large.get());
        }
    });
    view! {
        <button
            type="button"
            class="text-toggle"
            hidden=move || !hydrated.get()
            aria-pressed=move || large.get().to_string()
            on:click=move |_| large.update(|value| *value = !*value)
        >
            {move || if large.get() { t(locale, Msg::NormalText) } else { t(locale, Msg::LargerText) }}
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod platform {
    const STORAGE_KEY: &str = "nongdian.large-text";
    const LARGE_CLASS: &str = "large-text";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn remembered() -> bool {
        storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .as_deref()
            == Some("1")
    }

    pub fn apply(large: bool) {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.class_list().toggle_with_force(LARGE_CLASS, large);
        }
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, if large { "1" } else { "0" });
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod platform {
    pub fn remembered() -> bool {
        false
    }

    pub fn apply(_large: bool) {}
}
