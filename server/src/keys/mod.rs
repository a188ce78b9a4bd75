//! The server's secret keys, kept as files in the key folder (`NONGDIAN_KEY_DIR`): created on
//! first start, never in the database, so a stolen database or backup holds no readable identity
//! numbers. Every server of a deployment must share the same folder's files.

use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::ServerError;

mod files;
mod signing;
pub use files::load_or_create_secret;
pub use signing::{verify_with, CertificateKey, CertificateKeys, RetiredKey};

const DATA_KEY_FILE: &str = "data.key";
/// The prefix of everything the current data key seals.
const KEY_VERSION: &str = "v1:";

/// Encrypts personal data, makes keyed look-up hashes of it, and tags what the server hands the
/// browser to bring back (flash messages), so it cannot be forged.
#[derive(Clone)]
pub struct DataKey {
    cipher: Aes256Gcm,
    lookup: [u8; 32],
    tags: [u8; 32],
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    /// Loads the data key from `dir`, creating it (and the folder) on first start.
    pub fn load_or_create(dir: &Path) -> Result<DataKey, ServerError> {
        let master = load_or_create_secret(&dir.join(DATA_KEY_FILE))?;
        Ok(DataKey::from_master(&master))
    }

    /// Separate keys for encryption, look-up and tags, so one never serves as another.
    pub fn from_master(master: &[u8; 32]) -> DataKey {
        let encryption = derive(master, b"nongdian/personal-data/encryption/v1");
        let lookup = derive(master, b"nongdian/personal-data/lookup/v1");
        let tags = derive(master, b"nongdian/browser-tags/v1");
        DataKey {
            cipher: Aes256Gcm::new(&encryption.into()),
            lookup,
            tags,
        }
    }

    /// An HMAC-SHA-256 tag (hex) proving this server wrote `text`.
    pub fn tag(&self, text: &str) -> String {
        hex::encode(derive(&self.tags, text.as_bytes()))
    }

    /// Whether `tag` is this server's tag of `text` (compared in constant time).
    pub fn check_tag(&self, text: &str, tag: &str) -> bool {
        let Ok(bytes) = hex::decode(tag) else {
            return false;
        };
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.tags).expect("HMAC takes any key length");
        mac.update(text.as_bytes());
        mac.verify_slice(&bytes).is_ok()
    }

    /// AES-256-GCM with a fresh random nonce: `v1:` (the key version, so a later data key can
    /// be told apart) and the base64 of nonce followed by ciphertext.
    pub fn encrypt(&self, plain: &str) -> Result<String, ServerError> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, plain.as_bytes())
            .map_err(|_| ServerError::Internal("encryption failed".into()))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!("{KEY_VERSION}{}", BASE64.encode(bytes)))
    }

    /// Opens what `encrypt` sealed; fails on any tampering or a different key.
    pub fn decrypt(&self, sealed: &str) -> Result<String, ServerError> {
        let broken = || ServerError::Internal("stored personal data does not decrypt".into());
        // Values sealed before key versions existed carry no prefix; they are version 1.
        let body = sealed.strip_prefix(KEY_VERSION).unwrap_or(sealed);
        let bytes = BASE64.decode(body).map_err(|_| broken())?;
        if bytes.len() < 12 {
            return Err(broken());
        }
        let (nonce, body) = bytes.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), body)
            .map_err(|_| broken())?;
        String::from_utf8(plain).map_err(|_| broken())
    }

    /// HMAC-SHA-256 (hex): equal values give equal hashes, but nobody without the key can
    /// test guesses against the database (identity numbers have too few possible values for a
    /// plain hash to hide them).
    pub fn lookup_hash(&self, value: &str) -> String {
        hex::encode(derive(&self.lookup, value.as_bytes()))
    }
}

fn derive(key: &[u8; 32], label: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypts_with_fresh_nonces_and_detects_tampering() {
        let key = DataKey::from_master(&[7; 32]);
        let (a, b) = (
            key.encrypt("450103199001011234").unwrap(),
            key.encrypt("450103199001011234").unwrap(),
        );
        assert_ne!(a, b, "the same number must not encrypt the same way twice");
        assert_eq!(key.decrypt(&a).unwrap(), "450103199001011234");
        let mut tampered = BASE64.decode(a.trim_start_matches("v1:")).unwrap();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(key.decrypt(&BASE64.encode(tampered)).is_err());
        let other = DataKey::from_master(&[8; 32]);
        assert!(other.decrypt(&a).is_err());
    }

    #[test]
    fn sealed_values_name_their_key_version_and_older_values_still_open() {
        let key = DataKey::from_master(&[7; 32]);
        let sealed = key.encrypt("450103199001011234").unwrap();
        assert!(sealed.starts_with("v1:"), "{sealed}");
        let unversioned = sealed.trim_start_matches("v1:");
        assert_eq!(key.decrypt(unversioned).unwrap(), "450103199001011234");
        assert!(key.decrypt(&sealed.replacen("v1:", "v2:", 1)).is_err());
    }

    #[test]
    fn lookup_hashes_are_keyed_and_stable() {
        let key = DataKey::from_master(&[7; 32]);
        let other = DataKey::from_master(&[8; 32]);
        assert_eq!(key.lookup_hash("x"), key.lookup_hash("x"));
        assert_ne!(key.lookup_hash("x"), key.lookup_hash("y"));
        assert_ne!(key.lookup_hash("x"), other.lookup_hash("x"));
    }

    #[test]
    fn tags_prove_who_wrote_a_text() {
        let key = DataKey::from_master(&[7; 32]);
        let tag = key.tag("flash");
        assert!(key.check_tag("flash", &tag));
        assert!(!key.check_tag("flash!", &tag));
        assert!(!key.check_tag("flash", "not hex"));
        assert!(!DataKey::from_master(&[8; 32]).check_tag("flash", &tag));
        assert_ne!(
            tag,
            key.lookup_hash("flash"),
            "tags and look-ups use separate keys"
        );
    }

    #[test]
    fn a_key_file_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/data.key");
        let first = load_or_create_secret(&path).unwrap();
        assert_eq!(load_or_create_secret(&path).unwrap(), first);
        std::fs::write(&path, "short").unwrap();
        let error = load_or_create_secret(&path).unwrap_err().to_string();
        assert!(error.contains("64 hex digits"), "{error}");
    }
}
