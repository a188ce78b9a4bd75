//! The certificate signing key (Ed25519), kept as `signing.key` in the key folder beside the data
//! key and created on first start; its public half is published for offline verification, under
//! a key id that every payload names. Rotating it (a leaked key, a new office) keeps the public
//! halves of earlier keys, so certificates already printed still verify, online and offline.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use super::files::{load_or_create_secret, replace_private};
use crate::error::ServerError;

const SIGNING_KEY_FILE: &str = "signing.key";
/// The public halves of earlier signing keys (no secret), oldest first.
const RETIRED_KEYS_FILE: &str = "retired-signing-keys.json";

#[derive(Clone)]
pub struct CertificateKey {
    key: SigningKey,
}

impl std::fmt::Debug for CertificateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CertificateKey({})", self.public_key())
    }
}

impl CertificateKey {
    pub fn load_or_create(dir: &Path) -> Result<CertificateKey, ServerError> {
        let seed = load_or_create_secret(&dir.join(SIGNING_KEY_FILE))?;
        Ok(CertificateKey::from_seed(&seed))
    }

    pub fn from_seed(seed: &[u8; 32]) -> CertificateKey {
        CertificateKey {
            key: SigningKey::from_bytes(seed),
        }
    }

    /// The key's id: the first 8 bytes of the SHA-256 of its public half, base64url.
    pub fn key_id(&self) -> String {
        key_id_of(&self.key.verifying_key())
    }

    /// The signature of `payload`, base64url without padding.
    pub fn sign(&self, payload: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.key.sign(payload.as_bytes()).to_bytes())
    }

    /// The public key, base64url without padding (as published).
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.key.verifying_key().to_bytes())
    }

    /// Whether `signature` (base64url) is this key's signature of `payload`.
    pub fn verify(&self, payload: &str, signature: &str) -> bool {
        verify_with(&self.key.verifying_key(), payload, signature)
    }
}

/// Checks a signature against a public key, as an offline verifier would.
pub fn verify_with(key: &VerifyingKey, payload: &str, signature: &str) -> bool {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else {
        return false;
    };
    key.verify(payload.as_bytes(), &Signature::from_bytes(&bytes))
        .is_ok()
}

fn key_id_of(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.to_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..8])
}

/// An earlier signing key: its public half and the day it stopped signing.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RetiredKey {
    pub kid: String,
    pub public_key: String,
    pub retired_on: String,
}

/// The signing key in use and the public halves of the ones before it.
#[derive(Clone, Debug)]
pub struct CertificateKeys {
    pub current: CertificateKey,
    pub retired: Vec<RetiredKey>,
}

impl CertificateKeys {
    pub fn load_or_create(dir: &Path) -> Result<CertificateKeys, ServerError> {
        let current = CertificateKey::load_or_create(dir)?;
        let retired = match std::fs::read_to_string(dir.join(RETIRED_KEYS_FILE)) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                ServerError::Config(format!("{RETIRED_KEYS_FILE} in the key folder: {e}"))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        Ok(CertificateKeys { current, retired })
    }

    /// Retires the current key (keeping its public half) and makes a new one; servers pick it
    /// up when restarted. Returns the new key's id.
    pub fn rotate(dir: &Path, today: &str) -> Result<String, ServerError> {
        let keys = CertificateKeys::load_or_create(dir)?;
        let mut retired = keys.retired;
        retired.push(RetiredKey {
            kid: keys.current.key_id(),
            public_key: keys.current.public_key(),
            retired_on: today.to_string(),
        });
        let list = serde_json::to_string_pretty(&retired)
            .map_err(|e| ServerError::Internal(format!("retired keys: {e}")))?;
        // The old public half is kept before the old key is replaced: a crash between the two
        // leaves the old key signing, never a certificate that cannot be checked.
        replace_private(&dir.join(RETIRED_KEYS_FILE), list.as_bytes())?;
        let mut seed = [0u8; 32];
        aes_gcm::aead::rand_core::RngCore::fill_bytes(&mut aes_gcm::aead::OsRng, &mut seed);
        replace_private(&dir.join(SIGNING_KEY_FILE), hex::encode(seed).as_bytes())?;
        Ok(CertificateKey::from_seed(&seed).key_id())
    }

    /// Whether `signature` is a signature of `payload` by the key the payload names (`kid`);
    /// payloads from before key ids are checked against every key.
    pub fn verify(&self, payload: &str, signature: &str) -> bool {
        let named = serde_json::from_str::<serde_json::Value>(payload)
            .ok()
            .and_then(|v| v.get("kid").and_then(|k| k.as_str()).map(str::to_string));
        let current = (self.current.key_id(), self.current.key.verifying_key());
        let retired = self.retired.iter().filter_map(|r| {
            let bytes = URL_SAFE_NO_PAD.decode(&r.public_key).ok()?;
            let key = VerifyingKey::from_bytes(&<[u8; 32]>::try_from(bytes).ok()?).ok()?;
            Some((r.kid.clone(), key))
        });
        std::iter::once(current)
            .chain(retired)
            .filter(|(kid, _)| named.as_ref().is_none_or(|named| named == kid))
            .any(|(_, key)| verify_with(&key, payload, signature))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_and_tampering_is_caught() {
        let key = CertificateKey::from_seed(&[3; 32]);
        let signature = key.sign(r#"{"course":"a"}"#);
        assert!(key.verify(r#"{"course":"a"}"#, &signature));
        assert!(!key.verify(r#"{"course":"b"}"#, &signature));
        assert!(!key.verify(r#"{"course":"a"}"#, "not-base64!"));
        let other = CertificateKey::from_seed(&[4; 32]);
        assert!(!other.verify(r#"{"course":"a"}"#, &signature));
    }

    #[test]
    fn rotation_keeps_old_certificates_checkable_and_names_the_signer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let before = CertificateKeys::load_or_create(dir.path()).expect("keys");
        let old_kid = before.current.key_id();
        assert_eq!(old_kid.len(), 11);
        let legacy = r#"{"code":"A"}"#.to_string();
        let legacy_signature = before.current.sign(&legacy);
        let named = format!(r#"{{"code":"B","kid":"{old_kid}"}}"#);
        let named_signature = before.current.sign(&named);
        let old_seed = std::fs::read_to_string(dir.path().join(SIGNING_KEY_FILE)).expect("seed");
        let new_kid = CertificateKeys::rotate(dir.path(), "2026-12-04").expect("rotated");
        let after = CertificateKeys::load_or_create(dir.path()).expect("keys");
        assert_eq!(after.current.key_id(), new_kid);
        assert_ne!(new_kid, old_kid);
        assert_eq!(after.retired.len(), 1);
        assert_eq!(after.retired[0].retired_on, "2026-12-04");
        assert!(
            after.verify(&legacy, &legacy_signature),
            "a payload without kid"
        );
        assert!(
            after.verify(&named, &named_signature),
            "a retired key still checks"
        );
        let wrong_kid = named.replace(&old_kid, &new_kid);
        assert!(
            !after.verify(&wrong_kid, &named_signature),
            "only the named key counts"
        );
        let fresh = format!(r#"{{"code":"C","kid":"{new_kid}"}}"#);
        assert!(after.verify(&fresh, &after.current.sign(&fresh)));
        assert!(!after.verify(&fresh, &legacy_signature));
        let text = std::fs::read_to_string(dir.path().join(RETIRED_KEYS_FILE)).expect("file");
        assert!(text.contains(&before.current.public_key()));
        assert!(
            !text.contains(old_seed.trim()),
            "no secret leaves signing.key"
        );
    }
}
