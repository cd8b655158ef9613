//! The tantivy twin: plain tantivy 0.25 over the same documents, with a schema of the same
//! text fields (title, abstract, claims, description under tantivy's own `en_stem`
//! analyzer), every level of each IPC symbol as a raw token, the publication date, and the
//! id stored. Strategies come in `QueryParser` syntax; `word*` is expanded from the
//! default fields' term dictionaries (at most [`MAX_EXPANSION`] terms), since the parser
//! has no prefix query of its own.

use super::queries::Query;
use super::{Measured, ScaleError};
use std::path::Path;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};
use tantivy::{DateTime, Index, IndexReader, TantivyDocument};
use tisc::model::Document;

/// Terms a truncation may expand to in the twin.
pub const MAX_EXPANSION: usize = 1000;

pub struct TwinFields {
    pub schema: Schema,
    pub id: Field,
    pub title: Field,
    pub abstract_: Field,
    pub claims: Field,
    pub description: Field,
    pub ipc: Field,
    pub pd: Field,
}

impl TwinFields {
    pub fn build() -> TwinFields {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        // The id as tisc keeps it: a fast string column, read back through its dictionary.
        let id = b.add_text_field("id", STRING | STORED | FAST);
        let title = b.add_text_field("title", text.clone());
        let abstract_ = b.add_text_field("abstract", text.clone());
        let claims = b.add_text_field("claims", text.clone());
        let description = b.add_text_field("description", text);
        let ipc = b.add_text_field("ipc", STRING);
        let pd = b.add_date_field("pd", DateOptions::default().set_indexed().set_fast());
        TwinFields {
            schema: b.build(),
            id,
            title,
            abstract_,
            claims,
            description,
            ipc,
            pd,
        }
    }

    /// The twin's document for a document tisc parsed: every language's text in the one
    /// field (the twin has no languages).
    pub fn doc(&self, d: &Document) -> TantivyDocument {
        let mut t = TantivyDocument::default();
        let b = &d.biblio;
        t.add_text(self.id, &b.id);
        for x in &b.titles {
            t.add_text(self.title, &x.text);
        }
        for x in &b.abstracts {
            t.add_text(self.abstract_, &x.text);
        }
        for c in d.claims.iter().flat_map(|s| s.claims.iter()) {
            t.add_text(self.claims, &c.text);
        }
        for p in d.description.iter().flat_map(|x| x.paragraphs.iter()) {
            t.add_text(self.description, &p.text);
        }
        let mut levels: Vec<String> = b.ipc.iter().flat_map(|c| c.levels()).collect();
        levels.sort();
        levels.dedup();
        for l in levels {
            t.add_text(self.ipc, &l);
        }
        if let Some(date) = b.publication_date {
            let secs = date.days_since_epoch() * 86_400;
            t.add_date(self.pd, DateTime::from_timestamp_secs(secs));
        }
        t
    }
}

/// Parse every file with tisc's own parser and index it into a new twin index at `dir`
/// (parse + index timed together by the caller), with `threads` writer threads and a
/// `memory` budget as tisc's.
pub fn ingest(
    files: &[std::path::PathBuf],
    format: tisc::ingest::Format,
    dir: &Path,
    threads: usize,
    memory: usize,
) -> Result<u64, ScaleError> {
    let f = TwinFields::build();
    let index = Index::create_in_dir(dir, f.schema.clone()).map_err(ScaleError::twin(dir))?;
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, memory)
        .map_err(ScaleError::twin(dir))?;
    let mut n = 0;
    for file in files {
        let (docs, _) = tisc::ingest::read_all(file, format)?;
        for d in &docs {
            writer
                .add_document(f.doc(d))
                .map_err(ScaleError::twin(dir))?;
            n += 1;
        }
    }
    writer.commit().map_err(ScaleError::twin(dir))?;
    writer
        .wait_merging_threads()
        .map_err(ScaleError::twin(dir))?;
    Ok(n)
}

/// An open twin index, ready to answer strategies.
pub struct Twin {
    reader: IndexReader,
    f: TwinFields,
    parser: QueryParser,
    /// Free text over the fields tisc's ranking reads, weighted as it weighs them (title 2,
    /// abstract and claims 1, description 0.3).
    ranking: QueryParser,
}

impl Twin {
    pub fn open(dir: &Path) -> Result<Twin, ScaleError> {
        let index = Index::open_in_dir(dir).map_err(ScaleError::twin(dir))?;
        let f = TwinFields::build();
        let reader = index.reader().map_err(ScaleError::twin(dir))?;
        let parser = QueryParser::for_index(&index, vec![f.title, f.abstract_, f.claims]);
        let mut ranking =
            QueryParser::for_index(&index, vec![f.title, f.abstract_, f.claims, f.description]);
        ranking.set_field_boost(f.title, 2.0);
        ranking.set_field_boost(f.description, 0.3);
        Ok(Twin {
            reader,
            f,
            parser,
            ranking,
        })
    }

    /// `word*` expanded to `(t1 t2 …)` of the default fields' terms with that prefix (the
    /// prefix itself when no term has it).
    pub fn expand(&self, q: &str) -> Result<String, tantivy::TantivyError> {
        let searcher = self.reader.searcher();
        let mut out = String::new();
        for tok in q.split(' ') {
            let lead: String = tok.chars().take_while(|c| "+-(".contains(*c)).collect();
            let rest = tok.trim_start_matches(['+', '-', '(']);
            let Some(prefix) = rest.strip_suffix('*') else {
                out.push_str(tok);
                out.push(' ');
                continue;
            };
            let mut terms: Vec<String> = Vec::new();
            for field in [self.f.title, self.f.abstract_, self.f.claims] {
                for seg in searcher.segment_readers() {
                    let inv = seg.inverted_index(field)?;
                    let mut s = inv.terms().range().ge(prefix.as_bytes()).into_stream()?;
                    while s.advance() && terms.len() < MAX_EXPANSION {
                        let Ok(word) = std::str::from_utf8(s.key()) else {
                            continue;
                        };
                        if !word.starts_with(prefix) {
                            break;
                        }
                        if !terms.iter().any(|t| t == word) {
                            terms.push(word.to_string());
                        }
                    }
                }
            }
            if terms.is_empty() {
                terms.push(prefix.to_string());
            }
            out.push_str(&format!("{lead}({})", terms.join(" ")));
            out.push(' ');
        }
        Ok(out.trim_end().to_string())
    }

    /// Parse (expanding prefixes), collect the top `limit` and count every match.
    pub fn run(&self, q: &Query, limit: usize) -> Result<Measured, ScaleError> {
        let text = if q.twin.contains('*') {
            self.expand(&q.twin).map_err(ScaleError::TwinQuery)?
        } else {
            q.twin.clone()
        };
        let parser = if q.class == super::queries::Class::FreeText {
            &self.ranking
        } else {
            &self.parser
        };
        let (query, _) = parser.parse_query_lenient(&text);
        let searcher = self.reader.searcher();
        let (top, count) = searcher
            .search(&*query, &(TopDocs::with_limit(limit), Count))
            .map_err(ScaleError::TwinQuery)?;
        // A result names its documents: the ids of the top, as tisc returns them.
        let ids = ids_of(&searcher, &top).map_err(ScaleError::TwinQuery)?;
        Ok(Measured {
            count: count as u64,
            top: ids.len(),
        })
    }

    /// Documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

/// The ids of `top` from the id column, a segment's dictionary read once in ordinal order
/// (as tisc reads its own).
fn ids_of(
    searcher: &tantivy::Searcher,
    top: &[(f32, tantivy::DocAddress)],
) -> tantivy::Result<Vec<String>> {
    let mut ids = vec![String::new(); top.len()];
    let mut by_segment: std::collections::BTreeMap<u32, Vec<(u64, usize)>> =
        std::collections::BTreeMap::new();
    for (i, (_, addr)) in top.iter().enumerate() {
        by_segment.entry(addr.segment_ord).or_default().push((0, i));
    }
    for (segment, mut slots) in by_segment {
        let Some(column) = searcher.segment_reader(segment).fast_fields().str("id")? else {
            continue;
        };
        for (ord, i) in &mut slots {
            *ord = column.term_ords(top[*i].1.doc_id).next().unwrap_or(0);
        }
        slots.sort_unstable();
        let mut names = Vec::with_capacity(slots.len());
        column
            .dictionary()
            .sorted_ords_to_term_cb(slots.iter().map(|s| s.0), |bytes| {
                names.push(String::from_utf8_lossy(bytes).into_owned());
                Ok(())
            })
            .map_err(tantivy::TantivyError::from)?;
        for ((_, i), name) in slots.iter().zip(names) {
            ids[*i] = name;
        }
    }
    Ok(ids)
}
