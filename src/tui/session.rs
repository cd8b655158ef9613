//! The workbench session a restart reopens: which case was open and on which screen,
//! kept in `$TISC_HOME/session.json` and written atomically when the workbench ends.
//!
//! The file is small JSON (`{"version": 1, "case": "pump", "screen": "case"}`). A file
//! that cannot be read, is not that JSON, or names an unknown version or screen is refused
//! with a [`SessionError`] naming it; the workbench then says so and starts afresh.

use super::state::Screen;
use std::path::{Path, PathBuf};

/// The file's name under `$TISC_HOME`.
pub const FILE: &str = "session.json";
const VERSION: u32 = 1;

/// What a restart reopens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The open case; `None` is a scratch session.
    pub case: Option<String>,
    pub screen: Screen,
    /// The strategy whose results were on show (results and document screens).
    pub results: Option<String>,
    /// The document open in the viewer (document screen): corpus and id.
    pub document: Option<(String, String)>,
    /// The trainer's folder an exercise was last submitted to.
    pub submit_dir: Option<String>,
}

/// Why the session file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {reason}", path.display())]
    Damaged { path: PathBuf, reason: String },
}

impl SessionError {
    /// The session file.
    pub fn path(&self) -> &Path {
        match self {
            SessionError::Io { path, .. } | SessionError::Damaged { path, .. } => path,
        }
    }

    /// What is wrong with it, without its path.
    pub fn reason(&self) -> String {
        match self {
            SessionError::Io { source, .. } => source.to_string(),
            SessionError::Damaged { reason, .. } => reason.clone(),
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OnDisk {
    version: u32,
    #[serde(default)]
    case: Option<String>,
    screen: String,
    #[serde(default)]
    results: Option<String>,
    #[serde(default)]
    document: Option<DocOnDisk>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    submit_dir: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DocOnDisk {
    corpus: String,
    id: String,
}

fn screen_name(s: Screen) -> &'static str {
    match s {
        Screen::Query => "query",
        Screen::Results => "results",
        Screen::Document => "document",
        Screen::Cases => "cases",
        Screen::Case => "case",
        Screen::Report => "report",
        Screen::Corpora => "corpora",
    }
}

/// Read the session kept under `home`; `Ok(None)` when there is none.
pub fn load(home: &Path) -> Result<Option<Session>, SessionError> {
    let path = home.join(FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(SessionError::Io { path, source }),
    };
    let damaged = |reason: String| SessionError::Damaged {
        path: path.clone(),
        reason,
    };
    let disk: OnDisk = serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
    if disk.version != VERSION {
        return Err(damaged(format!(
            "version {} is not the version {VERSION} this tisc writes",
            disk.version
        )));
    }
    let screen = Screen::CYCLE
        .into_iter()
        .find(|s| screen_name(*s) == disk.screen)
        .ok_or_else(|| damaged(format!("`{}` is not a screen", disk.screen)))?;
    if let Some(id) = &disk.case {
        crate::case::check_id(id).map_err(|e| damaged(e.to_string()))?;
    }
    Ok(Some(Session {
        case: disk.case,
        screen,
        results: disk.results,
        document: disk.document.map(|d| (d.corpus, d.id)),
        submit_dir: disk.submit_dir,
    }))
}

/// Keep `session` under `home` (atomically: a crash leaves the old file or the new).
pub fn save(home: &Path, session: &Session) -> Result<(), SessionError> {
    let path = home.join(FILE);
    let disk = OnDisk {
        version: VERSION,
        case: session.case.clone(),
        screen: screen_name(session.screen).to_string(),
        results: session.results.clone(),
        document: session
            .document
            .clone()
            .map(|(corpus, id)| DocOnDisk { corpus, id }),
        submit_dir: session.submit_dir.clone(),
    };
    let bytes = serde_json::to_vec_pretty(&disk).map_err(|e| SessionError::Damaged {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    crate::fsutil::write_atomic(&path, &bytes).map_err(|source| SessionError::Io { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_round_trips_and_a_damaged_one_is_refused_by_name() {
        let home = tempfile::tempdir().expect("temp dir");
        assert!(load(home.path()).expect("no file is no session").is_none());
        let s = Session {
            case: Some("pump".into()),
            screen: Screen::Document,
            results: Some("solar\nAND pump*".into()),
            document: Some(("demo".into(), "US6920979B2".into())),
            submit_dir: Some("/srv/course/submissions".into()),
        };
        save(home.path(), &s).expect("saved");
        assert_eq!(load(home.path()).expect("read"), Some(s));
        for bad in [
            "{\"version\": 1, \"screen\": \"nowhere\"}",
            "{\"version\": 9, \"screen\": \"query\"}",
            "{\"version\": 1, \"case\": \"../x\", \"screen\": \"case\"}",
            "{\"version\": 1,",
        ] {
            std::fs::write(home.path().join(FILE), bad).expect("write");
            let e = load(home.path()).expect_err(bad);
            assert!(e.to_string().contains(FILE), "{e}");
        }
    }
}
