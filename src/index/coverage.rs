//! What an index covers, read cheaply for a case's record of a search: its document count,
//! the range of publication dates (the date column's bounds, no document read) and the
//! patent offices present (the country-code term dictionary).

use super::{tv, CorpusIndex, IndexError};
use crate::model::Date;

/// Facts about an index (or a corpus's shards together) at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexCoverage {
    pub documents: u64,
    /// Earliest and latest publication date. Deleted documents not yet merged away may
    /// still count here.
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
    /// Country codes of the patent documents, sorted.
    pub offices: Vec<String>,
    /// Whether the index holds articles.
    pub has_articles: bool,
}

fn to_date(d: tantivy::DateTime) -> Option<Date> {
    Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400))
}

/// The coverage of `shards`, the tantivy indexes of one corpus.
pub fn coverage(shards: &[&CorpusIndex]) -> Result<IndexCoverage, IndexError> {
    let mut out = IndexCoverage::default();
    let mut offices = std::collections::BTreeSet::new();
    for idx in shards {
        let searcher = idx.reader.searcher();
        out.documents += searcher.num_docs();
        let pd = idx.fields.schema.get_field_name(idx.fields.pd).to_string();
        for seg in searcher.segment_readers() {
            if seg.num_docs() == 0 {
                continue;
            }
            let column = seg.fast_fields().date(&pd).map_err(tv(&idx.dir))?;
            if column.values.num_vals() > 0 {
                let (lo, hi) = (to_date(column.min_value()), to_date(column.max_value()));
                out.first_date = match (out.first_date, lo) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                out.last_date = match (out.last_date, hi) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            for (field, kind_terms) in [(idx.fields.cc, false), (idx.fields.kind, true)] {
                let inv = seg.inverted_index(field).map_err(tv(&idx.dir))?;
                let mut terms = inv.terms().stream().map_err(|e| IndexError::Io {
                    dir: idx.dir.clone(),
                    cause: e,
                })?;
                while terms.advance() {
                    let t = String::from_utf8_lossy(terms.key()).into_owned();
                    if kind_terms {
                        out.has_articles |= t == "article";
                    } else {
                        offices.insert(t.to_ascii_uppercase());
                    }
                }
            }
        }
    }
    out.offices = offices.into_iter().collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{shards, IndexBuilder, Layout};
    use crate::model::{Document, PatentNumber};

    fn doc(id: &str, cc: Option<&str>, date: Option<&str>) -> Document {
        let mut d = Document::default();
        d.biblio.id = id.into();
        if let Some(cc) = cc {
            d.biblio.number = PatentNumber::parse(id).ok();
            assert_eq!(
                d.biblio.number.as_ref().map(|n| n.country.as_str()),
                Some(cc)
            );
        } else {
            d.biblio.kind = crate::model::DocKind::Article;
        }
        d.biblio.publication_date = date.map(|s| Date::parse(s).unwrap());
        d
    }

    #[test]
    fn documents_dates_and_offices_over_every_shard() {
        let dir = tempfile::tempdir().unwrap();
        let b =
            IndexBuilder::create_sharded("c", dir.path(), 60 << 20, 2, Layout::default()).unwrap();
        for d in [
            doc("EP3000001A1", Some("EP"), Some("2015-06-01")),
            doc("US9000001B2", Some("US"), Some("2016-01-05")),
            doc("WO2014000001A1", Some("WO"), Some("1999-12-31")),
            doc("PMID:1", None, Some("2021-02-03")),
            doc("PMID:2", None, None),
        ] {
            b.add(&d).unwrap();
        }
        b.finish(0).unwrap();
        let opened = shards::open(dir.path(), "c").unwrap();
        assert_eq!(opened.len(), 2);
        let refs: Vec<&CorpusIndex> = opened.iter().collect();
        let c = coverage(&refs).unwrap();
        assert_eq!(c.documents, 5);
        assert_eq!(
            c.first_date.map(|d| d.to_string()).as_deref(),
            Some("1999-12-31")
        );
        assert_eq!(
            c.last_date.map(|d| d.to_string()).as_deref(),
            Some("2021-02-03")
        );
        assert_eq!(c.offices, ["EP", "US", "WO"]);
        assert!(c.has_articles);
        // Each shard alone covers its part.
        let parts: u64 = refs
            .iter()
            .map(|r| coverage(&[*r]).unwrap().documents)
            .sum();
        assert_eq!(parts, 5);

        // An index without any date has no range.
        let dir = tempfile::tempdir().unwrap();
        let b = IndexBuilder::create("d", dir.path(), 30 << 20).unwrap();
        b.add(&doc("PMID:3", None, None)).unwrap();
        b.finish(0).unwrap();
        let idx = CorpusIndex::open(dir.path(), "d").unwrap();
        let c = coverage(&[&idx]).unwrap();
        assert_eq!((c.documents, c.first_date, c.last_date), (1, None, None));
        assert!(c.offices.is_empty());
    }
}
