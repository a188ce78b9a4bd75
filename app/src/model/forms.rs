//! How form fields become typed values: selects and text boxes send empty strings for "none".

use serde::{Deserialize, Deserializer};

/// `""` or missing is `None`; anything else must be a whole number.
pub fn optional_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => value
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("`{value}` is not an id"))),
    }
}

/// `""` (after trimming) or missing is `None`.
pub fn optional_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    Ok(text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()))
}
