//! Key files on disk: created once, readable by the server's user only, and refused when anyone
//! else could read them, so a key never sits world-readable beside a backup.

use std::io::Write;
use std::path::{Path, PathBuf};

use aes_gcm::aead::OsRng;

use crate::error::ServerError;

/// Reads a 32-byte secret stored as hex, or creates it. Servers starting together race to
/// create it: each writes its own temporary file and hard-links it into place, which only one
/// can do; the others read the winner's.
pub fn load_or_create_secret(path: &Path) -> Result<[u8; 32], ServerError> {
    if let Some(secret) = read_secret(path)? {
        return Ok(secret);
    }
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let mut fresh = [0u8; 32];
    aes_gcm::aead::rand_core::RngCore::fill_bytes(&mut OsRng, &mut fresh);
    let temporary = temporary_path(path);
    write_private(&temporary, hex::encode(fresh).as_bytes())?;
    let linked = std::fs::hard_link(&temporary, path);
    std::fs::remove_file(&temporary)?;
    match linked {
        Ok(()) => Ok(fresh),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_secret(path)?
            .ok_or_else(|| ServerError::Config(format!("{} is empty", path.display()))),
        Err(e) => Err(e.into()),
    }
}

fn read_secret(path: &Path) -> Result<Option<[u8; 32]>, ServerError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    refuse_if_others_can_read(path)?;
    let bytes = hex::decode(text.trim()).ok().filter(|b| b.len() == 32);
    let bytes = bytes.ok_or_else(|| {
        ServerError::Config(format!(
            "{} must hold 64 hex digits (a 32-byte key); restore it from your backup",
            path.display()
        ))
    })?;
    let mut secret = [0u8; 32];
    secret.copy_from_slice(&bytes);
    Ok(Some(secret))
}

/// A key file other users of the machine can read is as good as published: the server will not
/// start with one, and says how to mend it.
#[cfg(unix)]
fn refuse_if_others_can_read(path: &Path) -> Result<(), ServerError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return Ok(());
    }
    Err(ServerError::Config(format!(
        "{path} can be read by other users of this machine (mode {mode:o}); run `chmod 600 {path}` \
         and `chmod 700` on its folder, and consider the key copied",
        path = path.display()
    )))
}

#[cfg(not(unix))]
fn refuse_if_others_can_read(_path: &Path) -> Result<(), ServerError> {
    Ok(())
}

/// The key folder, created for the server's user only.
fn create_private_dir(dir: &Path) -> Result<(), ServerError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    Ok(())
}

/// Writes `bytes` to `path` for the server's user only, replacing what was there in one step.
pub fn replace_private(path: &Path, bytes: &[u8]) -> Result<(), ServerError> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let temporary = temporary_path(path);
    write_private(&temporary, bytes)?;
    std::fs::rename(&temporary, path)?;
    Ok(())
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{}.tmp", std::process::id()));
    PathBuf::from(name)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ServerError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn keys_are_private_and_a_readable_key_stops_the_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = dir.path().join("keys");
        let path = keys.join("data.key");
        let secret = load_or_create_secret(&path).expect("created");
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode(&keys).ok(), Some(0o700));
        assert_eq!(mode(&path).ok(), Some(0o600));
        assert_eq!(load_or_create_secret(&path).ok(), Some(secret));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let refused = load_or_create_secret(&path).expect_err("world-readable key");
        let message = refused.to_string();
        assert!(
            message.contains("chmod 600") && message.contains("644"),
            "{message}"
        );
    }
}
