//! Configuration from the environment, with defaults that run a county's single server on SQLite.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use crate::error::ServerError;

#[derive(Clone)]
pub struct Config {
    /// `sqlite://data/nongdian.db` (default) or `postgres://…`.
    pub database_url: String,
    /// The folder of course content imported at start.
    pub content_dir: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// The folder cargo-leptos built the site into (`pkg/` with wasm, JS and CSS).
    pub site_root: PathBuf,
    /// The folder of secret keys (created on first start; back it up apart from the database):
    /// `keys`, beside `data/` rather than in it, so a copy of `data/` holds no key.
    pub key_dir: PathBuf,
    /// The address learners reach the site at, printed into certificate QR codes.
    pub public_url: String,
    /// The reverse proxies in front of the server (nginx): only when the peer is one of them is
    /// its `X-Forwarded-For` believed, so throttling and the audit log see the real client.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Config {
    /// Reads `DATABASE_URL`, `NONGDIAN_CONTENT_DIR`, `NONGDIAN_KEY_DIR`, `NONGDIAN_PUBLIC_URL`,
    /// `NONGDIAN_TRUSTED_PROXIES`, `LEPTOS_SITE_ADDR` and `LEPTOS_SITE_ROOT`.
    pub fn from_env() -> Result<Config, ServerError> {
        let var =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
        let addr_text = var("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
        let addr: SocketAddr = addr_text.parse().map_err(|_| {
            ServerError::Config(format!(
                "LEPTOS_SITE_ADDR `{addr_text}` is not an address such as 127.0.0.1:3000"
            ))
        })?;
        Ok(Config {
            database_url: var("DATABASE_URL", "sqlite://data/nongdian.db?mode=rwc"),
            content_dir: var("NONGDIAN_CONTENT_DIR", "content").into(),
            addr,
            site_root: var("LEPTOS_SITE_ROOT", "target/site").into(),
            key_dir: key_dir(std::env::var("NONGDIAN_KEY_DIR").ok(), Path::new("."))?,
            public_url: var("NONGDIAN_PUBLIC_URL", &format!("http://{addr}")),
            trusted_proxies: parse_proxies(&var("NONGDIAN_TRUSTED_PROXIES", ""))?,
        })
    }
}

/// Before December 2026 the keys defaulted to `data/keys`. A server that finds keys there and
/// none at the new default refuses to start rather than make new keys that cannot open the
/// data the old ones sealed.
fn key_dir(setting: Option<String>, base: &Path) -> Result<PathBuf, ServerError> {
    if let Some(dir) = setting {
        return Ok(dir.into());
    }
    let (old, new) = (Path::new("data/keys"), Path::new("keys"));
    if base.join(old).join("data.key").exists() && !base.join(new).join("data.key").exists() {
        return Err(ServerError::Config(
            "the keys are in data/keys, where a copy of data/ would carry them with the database; \
             move them with `mv data/keys keys` (and back up keys/ apart from data/), or keep \
             them where they are with NONGDIAN_KEY_DIR=data/keys"
                .into(),
        ));
    }
    Ok(new.into())
}

/// `127.0.0.1, ::1` → the addresses; an empty setting trusts no proxy.
fn parse_proxies(text: &str) -> Result<Vec<IpAddr>, ServerError> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse().map_err(|_| {
                ServerError::Config(format!(
                    "NONGDIAN_TRUSTED_PROXIES: `{part}` is not an IP address such as 127.0.0.1"
                ))
            })
        })
        .collect()
}

/// The database URL may hold a password: logs and panics show it redacted.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_password(&self.database_url))
            .field("content_dir", &self.content_dir)
            .field("addr", &self.addr)
            .field("site_root", &self.site_root)
            .field("key_dir", &self.key_dir)
            .field("public_url", &self.public_url)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_passwords_never_reach_the_log() {
        let config = Config {
            database_url: "postgres://nd:s3cret@db.local/nongdian".into(),
            content_dir: "content".into(),
            addr: "127.0.0.1:3000".parse().expect("address"),
            site_root: "target/site".into(),
            key_dir: "data/keys".into(),
            public_url: "http://127.0.0.1:3000".into(),
            trusted_proxies: Vec::new(),
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(
            shown.contains("postgres://nd:***@db.local/nongdian"),
            "{shown}"
        );
        assert_eq!(redact_password("sqlite://data/n.db"), "sqlite://data/n.db");
    }

    #[test]
    fn keys_live_apart_from_data_and_old_keys_are_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path();
        assert_eq!(key_dir(None, base).ok(), Some(PathBuf::from("keys")));
        let set = Some("/etc/nongdian/keys".to_string());
        assert_eq!(key_dir(set, base).ok(), Some("/etc/nongdian/keys".into()));
        std::fs::create_dir_all(base.join("data/keys")).expect("old dir");
        std::fs::write(base.join("data/keys/data.key"), "00").expect("old key");
        let refused = key_dir(None, base).expect_err("old keys found");
        assert!(
            refused.to_string().contains("mv data/keys keys"),
            "{refused}"
        );
        std::fs::create_dir_all(base.join("keys")).expect("new dir");
        std::fs::write(base.join("keys/data.key"), "00").expect("moved key");
        assert_eq!(key_dir(None, base).ok(), Some(PathBuf::from("keys")));
    }
}
