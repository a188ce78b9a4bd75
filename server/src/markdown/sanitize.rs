//! The allow-list of HTML a lesson may contain. Whatever pulldown-cmark emits passes through
//! here, so raw `<script>`, event-handler attributes and `javascript:` links never reach a page.

use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::Builder;

fn builder() -> &'static Builder<'static> {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .link_rel(Some("noopener noreferrer"))
            .add_tag_attributes("h2", &["id"])
            .add_tag_attributes("h3", &["id"])
            .add_tag_attributes("h4", &["id"])
            .add_tag_attributes("h5", &["id"])
            .add_tag_attributes("h6", &["id"])
            .add_tag_attributes("img", &["loading"]);
        builder
    })
}

/// Sanitizes rendered HTML.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}
