//! The other members of a cited document's patent family, looked up in an index by the
//! family id the document carries, so that the report's family annex needs no index.

use super::FamilyMember;
use crate::index::{tv, CorpusIndex, IndexError};
use crate::model::Document;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// At most this many members are kept per cited document.
pub const MAX_FAMILY_MEMBERS: usize = 50;

/// The documents of `idx` in the family of `doc`, without `doc` itself, sorted by
/// publication date then id; at most `limit`.
pub fn family_members(
    idx: &CorpusIndex,
    doc: &Document,
    limit: usize,
) -> Result<Vec<FamilyMember>, IndexError> {
    let Some(family) = doc.biblio.family_id.as_deref().filter(|f| !f.is_empty()) else {
        return Ok(Vec::new());
    };
    let searcher = idx.reader.searcher();
    let q = TermQuery::new(
        Term::from_field_text(idx.fields.family, family),
        IndexRecordOption::Basic,
    );
    // One more than needed: the cited document itself is among them.
    let top = searcher
        .search(&q, &TopDocs::with_limit(limit + 1))
        .map_err(tv(&idx.dir))?;
    let mut out: Vec<FamilyMember> = Vec::new();
    for (_, addr) in top {
        let d = idx.load(&searcher, addr)?;
        if d.biblio.id == doc.biblio.id || out.iter().any(|m| m.id == d.biblio.id) {
            continue;
        }
        out.push(FamilyMember {
            number: d.biblio.number.as_ref().map(|n| match &n.kind {
                Some(k) => format!("{} {} {k}", n.country, n.serial()),
                None => format!("{} {}", n.country, n.serial()),
            }),
            publication_date: d.biblio.publication_date,
            corpus: idx.name.clone(),
            id: d.biblio.id,
        });
    }
    out.sort_by(|a, b| (a.publication_date, &a.id).cmp(&(b.publication_date, &b.id)));
    out.truncate(limit);
    Ok(out)
}
