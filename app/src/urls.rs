//! Building links: query values percent-encoded, so a search word or an id cannot break out of
//! its parameter.

/// Percent-encodes everything but unreserved characters and `/`.
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `key=value&…` with both sides encoded.
pub fn query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", url_encode(k.as_ref()), url_encode(v.as_ref())))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_what_would_break_a_query() {
        assert_eq!(url_encode("a&b=c d"), "a%26b%3Dc%20d");
        assert_eq!(url_encode("户1"), "%E6%88%B71");
        assert_eq!(
            query_string(&[("q", "x y"), ("before", "7")]),
            "q=x%20y&before=7"
        );
    }
}
