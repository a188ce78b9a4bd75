//! Read-aloud for slow readers: the browser's own speech synthesis reads the lesson text in
//! Chinese, with pause and resume. It needs JavaScript and a voice, so the buttons stay hidden
//! until their island is hydrated on a phone that can speak.

use leptos::prelude::*;

use crate::components::locale::use_locale;
use crate::i18n::{t, Msg};

/// What the reader is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    Stopped,
    Speaking,
    Paused,
}

/// The element whose text is read: the lesson's.
const TARGET: &str = "lesson-text";

/// Reads the lesson text aloud. No props: an island's props travel as JSON, and the reader needs
/// none.
#[island]
pub fn ReadAloud() -> impl IntoView {
    let locale = use_locale();
    let available = RwSignal::new(false);
    let state = RwSignal::new(Reading::Stopped);
    Effect::new(move |_| available.set(platform::available()));
    let on_main = move |_| {
        let next = match state.get_untracked() {
            Reading::Stopped => platform::speak(TARGET, move || state.set(Reading::Stopped)),
            Reading::Speaking => platform::pause(),
            Reading::Paused => platform::resume(),
        };
        state.set(next);
    };
    let on_stop = move |_| {
        platform::stop();
        state.set(Reading::Stopped);
    };
    view! {
        <span class="read-aloud" hidden=move || !available.get()>
            <button type="button" class="read-toggle" aria-pressed=move || (state.get() == Reading::Speaking).to_string() on:click=on_main>
                {move || t(locale, match state.get() {
                    Reading::Stopped => Msg::ReadAloud,
                    Reading::Speaking => Msg::PauseReading,
                    Reading::Paused => Msg::ResumeReading,
                })}
            </button>
            <button type="button" class="read-toggle" hidden=move || state.get() == Reading::Stopped on:click=on_stop>
                {t(locale, Msg::StopReading)}
            </button>
        </span>
    }
}

#[cfg(feature = "hydrate")]
mod platform {
    use super::Reading;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    fn synthesis() -> Option<web_sys::SpeechSynthesis> {
        web_sys::window()?.speech_synthesis().ok()
    }

    pub fn available() -> bool {
        synthesis().is_some()
    }

    /// Starts reading; `on_end` runs when the text is finished.
    pub fn speak(target: &str, on_end: impl Fn() + 'static) -> Reading {
        let text = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(target))
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        let (Some(synthesis), Ok(utterance)) = (
            synthesis(),
            web_sys::SpeechSynthesisUtterance::new_with_text(&text),
        ) else {
            return Reading::Stopped;
        };
        utterance.set_lang("zh-CN");
        utterance.set_rate(0.9);
        let ended = Closure::<dyn Fn()>::new(on_end);
        utterance.set_onend(Some(ended.as_ref().unchecked_ref()));
        // The utterance lives in the browser as long as it speaks; the closure must too.
        ended.forget();
        synthesis.cancel();
        synthesis.speak(&utterance);
        Reading::Speaking
    }

    pub fn pause() -> Reading {
        if let Some(s) = synthesis() {
            s.pause();
        }
        Reading::Paused
    }

    pub fn resume() -> Reading {
        if let Some(s) = synthesis() {
            s.resume();
        }
        Reading::Speaking
    }

    pub fn stop() {
        if let Some(s) = synthesis() {
            s.cancel();
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod platform {
    use super::Reading;

    pub fn available() -> bool {
        false
    }

    pub fn speak(_target: &str, _on_end: impl Fn() + 'static) -> Reading {
        Reading::Stopped
    }

    pub fn pause() -> Reading {
        Reading::Paused
    }

    pub fn resume() -> Reading {
        Reading::Speaking
    }

    pub fn stop() {}
}
