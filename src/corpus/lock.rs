//! One lock per corpus: whatever writes a corpus's index — `tisc index`, `tisc mirror sync`,
//! the workbench's indexing — holds it, so that two runs never write one index at once.
//!
//! The lock is an OS advisory lock (`flock`) on `$TISC_HOME/locks/<corpus>.lock`. The kernel
//! drops it when the holding process ends, however it ends, so a killed run never leaves it
//! stuck. The holder writes its pid and command line into the file once it has the lock, and
//! a refused run names them. Readers (searches) take no lock: the index they open is always
//! complete (see [`crate::index::generation`]).

use super::Workspace;
use fs4::fs_std::FileExt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often a waiting run tries the lock again.
const POLL: Duration = Duration::from_millis(100);

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("corpus `{corpus}` is being changed by another tisc run ({holder}){waited} — let it finish, or pass --wait SECS to wait for it")]
    Held {
        corpus: String,
        /// `pid N: command line`, as the holder wrote it.
        holder: String,
        /// Empty, or how long this run waited.
        waited: String,
    },
    #[error("lock file {}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
}

/// The lock on one corpus, held until dropped.
#[derive(Debug)]
pub struct CorpusLock {
    file: File,
    corpus: String,
}

impl CorpusLock {
    /// Take the lock on corpus `name`. With `wait`, a lock held by another run is tried again
    /// until that much time has passed; without, it is refused at once. The error names the
    /// holder's pid and command line.
    pub fn acquire(
        ws: &Workspace,
        name: &str,
        wait: Option<Duration>,
    ) -> Result<CorpusLock, LockError> {
        Self::acquire_with(ws, name, wait, &|_| {})
    }

    /// As [`CorpusLock::acquire`]; `on_wait` is called once, with the holder, when the lock
    /// is held and this run is going to wait for it.
    pub fn acquire_with(
        ws: &Workspace,
        name: &str,
        wait: Option<Duration>,
        on_wait: &dyn Fn(&str),
    ) -> Result<CorpusLock, LockError> {
        let path = ws.lock_file(name);
        let io = |cause| LockError::Io {
            path: path.clone(),
            cause,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        let started = Instant::now();
        let mut told = false;
        while !FileExt::try_lock_exclusive(&file).map_err(io)? {
            let holder = read_holder(&mut file);
            let waited = started.elapsed();
            match wait {
                Some(limit) if waited < limit => {
                    if !told {
                        on_wait(&holder);
                        told = true;
                    }
                    std::thread::sleep(POLL.min(limit - waited));
                }
                _ => {
                    return Err(LockError::Held {
                        corpus: name.to_string(),
                        holder,
                        waited: wait.map_or_else(String::new, |w| {
                            format!(", still after waiting {} s", w.as_secs_f64().round())
                        }),
                    })
                }
            }
        }
        // Who holds the lock, for the message a refused run shows.
        let me = format!("pid {}: {}\n", std::process::id(), command_line());
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(me.as_bytes()))
            .map_err(io)?;
        Ok(CorpusLock {
            file,
            corpus: name.to_string(),
        })
    }

    /// Who holds the lock on corpus `name` now (`pid N: command`), or `None` when it is
    /// free. Only a hint: the lock may change hands right after.
    pub fn holder(ws: &Workspace, name: &str) -> Option<String> {
        match Self::acquire(ws, name, None) {
            Err(LockError::Held { holder, .. }) => Some(holder),
            _ => None,
        }
    }

    pub fn corpus(&self) -> &str {
        &self.corpus
    }
}

impl Drop for CorpusLock {
    fn drop(&mut self) {
        // The lock goes with the file; the holder's line is cleared first.
        let _ = self.file.set_len(0);
    }
}

/// The holder's line from a lock file, waiting a moment for a holder that has just taken the
/// lock and not yet written it.
fn read_holder(file: &mut File) -> String {
    for _ in 0..10 {
        let mut text = String::new();
        let read = file.rewind().and_then(|()| file.read_to_string(&mut text));
        let line = text.trim();
        if read.is_ok() && !line.is_empty() {
            return line.to_string();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    "pid unknown".to_string()
}

/// This process's command line, program name shortened to its file name.
fn command_line() -> String {
    let mut args = std::env::args_os().map(|a| a.to_string_lossy().into_owned());
    let program = args
        .next()
        .map(|p| {
            Path::new(&p)
                .file_name()
                .map_or(p.clone(), |n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "tisc".into());
    std::iter::once(program)
        .chain(args)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_pid_until_it_lets_go() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        let first = CorpusLock::acquire(&ws, "kc", None).unwrap();
        // flock is per open file: a second open in this process is refused as another
        // process would be.
        let err = CorpusLock::acquire(&ws, "kc", None).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        assert!(msg.contains("--wait"), "{msg}");
        assert!(CorpusLock::holder(&ws, "kc").is_some_and(|h| h.contains("pid")));
        // Another corpus has its own lock.
        let _other = CorpusLock::acquire(&ws, "demo", None).unwrap();
        let told = std::sync::atomic::AtomicBool::new(false);
        let waited = CorpusLock::acquire_with(&ws, "kc", Some(Duration::from_millis(300)), &|_| {
            told.store(true, std::sync::atomic::Ordering::Relaxed)
        })
        .unwrap_err();
        assert!(told.into_inner());
        assert!(waited.to_string().contains("after waiting"), "{waited}");
        drop(first);
        assert_eq!(CorpusLock::holder(&ws, "kc"), None);
        let again = CorpusLock::acquire(&ws, "kc", None).unwrap();
        assert_eq!(again.corpus(), "kc");
    }

    #[test]
    fn a_waiting_run_gets_the_lock_when_the_holder_lets_go() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        let first = CorpusLock::acquire(&ws, "kc", None).unwrap();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(first);
        });
        let second = CorpusLock::acquire(&ws, "kc", Some(Duration::from_secs(20)));
        releaser.join().unwrap();
        assert!(second.is_ok(), "{second:?}");
    }
}
