//! A content folder held in memory: every file by its path, whether it came from disk, a zip or
//! the database, so the loader checks a course the same way wherever it is kept.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Files under `root`, keyed by their path relative to it (`/`-separated, no `.` or `..`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folder {
    pub root: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
}

/// Hidden files (`.git`, editor swap files) are not content.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

impl Folder {
    pub fn new(root: impl Into<PathBuf>) -> Folder {
        Folder {
            root: root.into(),
            files: BTreeMap::new(),
        }
    }

    /// Every file under `root` on disk, hidden ones and symbolic links left out.
    pub fn read(root: &Path) -> io::Result<Folder> {
        let mut folder = Folder::new(root);
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir)? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let kind = entry.file_type()?;
                if is_hidden(&name) || kind.is_symlink() {
                    continue;
                }
                if kind.is_dir() {
                    pending.push(entry.path());
                } else if let Some(relative) = relative_key(root, &entry.path()) {
                    folder.files.insert(relative, fs::read(entry.path())?);
                }
            }
        }
        Ok(folder)
    }

    /// Adds a file; `path` must be relative, plain and not hidden (else it is refused).
    pub fn insert(&mut self, path: &str, bytes: Vec<u8>) -> Result<(), String> {
        let key = plain_key(path).ok_or_else(|| format!("`{path}` is not a plain file path"))?;
        self.files.insert(key, bytes);
        Ok(())
    }

    pub fn remove(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }

    /// The files, by relative path.
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }

    /// The files under `dir` (relative), re-rooted there: one course out of a content folder.
    pub fn subfolder(&self, dir: &str) -> Folder {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        Folder {
            root: self.root.join(dir),
            files: self
                .files
                .iter()
                .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?.to_string(), v.clone())))
                .collect(),
        }
    }

    /// The folder's file at `path` (as the loader names it: `root` joined with a relative path).
    pub fn get(&self, path: &Path) -> Option<&[u8]> {
        let key = relative_key(&self.root, path)?;
        self.files.get(&key).map(Vec::as_slice)
    }

    pub fn is_file(&self, path: &Path) -> bool {
        self.get(path).is_some()
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        match relative_key(&self.root, path) {
            Some(key) if key.is_empty() => !self.files.is_empty(),
            Some(key) => {
                let prefix = format!("{key}/");
                self.files.keys().any(|k| k.starts_with(&prefix))
            }
            None => false,
        }
    }

    /// The files and folders directly inside `dir`, sorted by name.
    pub fn entries(&self, dir: &Path) -> Vec<PathBuf> {
        let Some(key) = relative_key(&self.root, dir) else {
            return Vec::new();
        };
        let prefix = if key.is_empty() {
            String::new()
        } else {
            format!("{key}/")
        };
        let mut names: Vec<&str> = self
            .files
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .map(|rest| rest.split('/').next().unwrap_or(rest))
            .collect();
        names.sort_unstable();
        names.dedup();
        names.into_iter().map(|n| dir.join(n)).collect()
    }
}

/// `path` relative to `root` as a map key, if it lies inside it.
fn relative_key(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?.to_string()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// A relative, `/`-separated path with only plain, visible parts (what a zip or a form may add).
pub fn plain_key(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let plain = parts.iter().all(|p| {
        !p.is_empty() && !is_hidden(p) && !p.contains('\\') && !p.contains(':') && *p != ".."
    });
    (plain && path.len() <= 200).then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> Folder {
        let mut f = Folder::new("/c");
        for path in [
            "k/course.md",
            "k/01-m/module.md",
            "k/01-m/img/a.svg",
            "k/01-m/a.md",
        ] {
            f.insert(path, path.as_bytes().to_vec()).expect("plain");
        }
        f
    }

    #[test]
    fn lists_like_a_directory() {
        let f = folder();
        assert_eq!(f.entries(Path::new("/c")), vec![PathBuf::from("/c/k")]);
        assert_eq!(
            f.entries(Path::new("/c/k/01-m")),
            ["a.md", "img", "module.md"].map(|n| PathBuf::from("/c/k/01-m").join(n))
        );
        assert!(f.is_dir(Path::new("/c/k/01-m/img")));
        assert!(!f.is_dir(Path::new("/c/k/01-m/a.md")));
        assert!(f.is_file(Path::new("/c/k/01-m/img/a.svg")));
        assert!(!f.is_file(Path::new("/c/k/../k/course.md")));
        let course = f.subfolder("k");
        assert_eq!(
            course.get(Path::new("/c/k/course.md")),
            Some(&b"k/course.md"[..])
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let mut f = Folder::new("/c");
        for bad in [
            "../x.md",
            "/etc/passwd",
            "a//b",
            ".git/config",
            "a\\b",
            "c:/x",
            "",
        ] {
            assert!(f.insert(bad, Vec::new()).is_err(), "{bad}");
        }
    }
}
