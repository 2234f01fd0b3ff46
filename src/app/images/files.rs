//! The pictures' files in `<data dir>/images/`, named `<sha256>.jpg`. The
//! store holds the truth (the same bytes, in its `images` table); these
//! files are what the server sends, written atomically (temp file, fsync,
//! rename, fsync of the directory) after the change that made them is
//! committed, and re-written from the store when one is missing.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::image::hash_of_file_name;
use crate::files;

/// The directory of the pictures in `data_dir`.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("images")
}

pub fn path(dir: &Path, hash: &str) -> PathBuf {
    dir.join(format!("{hash}.jpg"))
}

/// Writes picture `hash` unless its file is there already (the same name
/// is the same bytes).
pub fn write(dir: &Path, hash: &str, bytes: &[u8]) -> io::Result<()> {
    let path = path(dir, hash);
    if path.is_file() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    files::write_private_atomic(&path, bytes)
}

/// Removes the files of pictures `hashes`; a missing one is no error.
pub fn remove(dir: &Path, hashes: &[String]) -> io::Result<()> {
    let mut removed = false;
    for hash in hashes {
        match std::fs::remove_file(path(dir, hash)) {
            Ok(()) => removed = true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    if removed {
        files::sync_dir(dir)?;
    }
    Ok(())
}

/// What a sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Files written again from the store (e.g. after a restore).
    pub written: usize,
    /// Files of pictures the store does not keep, and temp files left by a
    /// crash, removed.
    pub removed: usize,
}

/// Makes the directory hold exactly the pictures `kept`: writes those
/// missing (their bytes from `load`) and removes the rest of what looks
/// like ours (`<hash>.jpg` and hidden temp files); anything else is left.
pub fn sweep(
    dir: &Path,
    kept: &[String],
    mut load: impl FnMut(&str) -> io::Result<Option<Vec<u8>>>,
) -> io::Result<Swept> {
    let mut swept = Swept::default();
    let wanted: HashSet<&str> = kept.iter().map(String::as_str).collect();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry?;
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                let ours = match hash_of_file_name(name) {
                    Some(hash) => !wanted.contains(hash),
                    None => name.starts_with('.') && name.contains(".jpg.tmp-"),
                };
                if ours && entry.file_type()?.is_file() {
                    std::fs::remove_file(entry.path())?;
                    swept.removed += 1;
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    for hash in kept {
        if !path(dir, hash).is_file() {
            if let Some(bytes) = load(hash)? {
                write(dir, hash, &bytes)?;
                swept.written += 1;
            }
        }
    }
    if swept.removed > 0 {
        files::sync_dir(dir)?;
    }
    Ok(swept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sweep_writes_the_missing_and_removes_the_unused_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = dir(tmp.path());
        let (a, b, c) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
        write(&dir, &a, b"A").unwrap();
        write(&dir, &c, b"C").unwrap();
        std::fs::write(dir.join(format!(".{c}.jpg.tmp-1-2")), b"half").unwrap();
        std::fs::write(dir.join("notes.txt"), b"mine").unwrap();
        let swept = sweep(&dir, &[a.clone(), b.clone()], |h| {
            Ok((h == b).then(|| b"B".to_vec()))
        })
        .unwrap();
        assert_eq!(
            swept,
            Swept {
                written: 1,
                removed: 2
            }
        );
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            vec![format!("{a}.jpg"), format!("{b}.jpg"), "notes.txt".into()]
        );
        assert_eq!(std::fs::read(path(&dir, &b)).unwrap(), b"B");
        // Nothing left to do.
        let again = sweep(&dir, &[a, b], |_| Ok(None)).unwrap();
        assert_eq!(again, Swept::default());
    }
}
