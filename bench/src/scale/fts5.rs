//! SQLite FTS5 through rusqlite (bundled SQLite), built only with the `peers` feature: one
//! row per document in a `porter unicode61` FTS5 table with the columns title, abstract,
//! claims and description, plus the IPC levels (an indexed column) and the publication
//! date as a YYYYMMDD number (unindexed; filtered with `BETWEEN`). Documents are parsed
//! with tisc's own parser and inserted in a transaction per [`BATCH`] rows.

use super::queries::Query;
use super::{Measured, ScaleError};
use rusqlite::{params, Connection};
use std::path::Path;

/// Rows per transaction.
pub const BATCH: usize = 10_000;

const CREATE: &str = "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, abstract, claims, description, ipc, pd UNINDEXED, tokenize = 'porter unicode61')";

fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> ScaleError + '_ {
    move |e| ScaleError::Fts5 {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Parse every file and insert its documents into a new database at `db`.
pub fn ingest(
    files: &[std::path::PathBuf],
    format: tisc::ingest::Format,
    db: &Path,
) -> Result<u64, ScaleError> {
    let e = sql(db);
    let mut conn = Connection::open(db).map_err(&e)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        .map_err(&e)?;
    conn.execute(CREATE, []).map_err(&e)?;
    let mut n = 0u64;
    let mut tx = conn.transaction().map_err(&e)?;
    let mut in_tx = 0;
    for file in files {
        let (docs, _) = tisc::ingest::read_all(file, format)?;
        for d in &docs {
            let b = &d.biblio;
            let join = |v: Vec<&str>| v.join("\n");
            let title = join(b.titles.iter().map(|x| x.text.as_str()).collect());
            let abs = join(b.abstracts.iter().map(|x| x.text.as_str()).collect());
            let claims = join(
                d.claims
                    .iter()
                    .flat_map(|s| s.claims.iter())
                    .map(|c| c.text.as_str())
                    .collect(),
            );
            let desc = join(
                d.description
                    .iter()
                    .flat_map(|x| x.paragraphs.iter())
                    .map(|p| p.text.as_str())
                    .collect(),
            );
            let ipc: Vec<String> = b.ipc.iter().flat_map(|c| c.levels()).collect();
            let pd = b
                .publication_date
                .map(|d| i64::from(d.year) * 10000 + i64::from(d.month) * 100 + i64::from(d.day));
            tx.execute(
                "INSERT INTO docs(id, title, abstract, claims, description, ipc, pd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![b.id, title, abs, claims, desc, ipc.join(" "), pd],
            )
            .map_err(&e)?;
            n += 1;
            in_tx += 1;
            if in_tx == BATCH {
                tx.commit().map_err(&e)?;
                tx = conn.transaction().map_err(&e)?;
                in_tx = 0;
            }
        }
    }
    tx.commit().map_err(&e)?;
    // Merge the b-trees as an optimised index would be served.
    conn.execute("INSERT INTO docs(docs) VALUES('optimize')", [])
        .map_err(&e)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(&e)?;
    Ok(n)
}

/// An open FTS5 database.
pub struct Fts5 {
    conn: Connection,
    path: std::path::PathBuf,
}

impl Fts5 {
    pub fn open(db: &Path) -> Result<Fts5, ScaleError> {
        let conn = Connection::open(db).map_err(sql(db))?;
        Ok(Fts5 {
            conn,
            path: db.to_path_buf(),
        })
    }

    /// Documents in the table.
    pub fn num_docs(&self) -> Result<u64, ScaleError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM docs", [], |r| r.get(0))
            .map_err(sql(&self.path))?;
        Ok(n as u64)
    }

    /// The top `limit` by rank and the count of every match (both timed by the caller).
    pub fn run(&self, q: &Query, limit: usize) -> Result<Measured, ScaleError> {
        let e = sql(&self.path);
        let filter = if q.date.is_some() {
            " AND pd BETWEEN ?2 AND ?3"
        } else {
            // No date limit: the same parameters, unused, keep one statement shape.
            " AND ?2 <= ?3"
        };
        let (lo, hi) = q.date.unwrap_or((0, 1));
        let mut top = self
            .conn
            .prepare_cached(&format!(
                "SELECT rowid FROM docs WHERE docs MATCH ?1{filter} ORDER BY rank LIMIT ?4"
            ))
            .map_err(&e)?;
        let rows = top
            .query_map(params![q.fts5, lo, hi, limit as i64], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(&e)?
            .collect::<Result<Vec<i64>, _>>()
            .map_err(&e)?
            .len();
        let mut count = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM docs WHERE docs MATCH ?1{filter}"
            ))
            .map_err(&e)?;
        let n: i64 = count
            .query_row(params![q.fts5, lo, hi], |r| r.get(0))
            .map_err(&e)?;
        Ok(Measured {
            count: n as u64,
            top: rows,
        })
    }
}
