//! The certificate signing key (Ed25519), kept as `signing.key` in the key folder beside the data
//! key and created on first start; its public half is published for offline verification.

use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use super::load_or_create_secret;
use crate::error::ServerError;

const SIGNING_KEY_FILE: &str = "signing.key";

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
}
