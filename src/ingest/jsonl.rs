//! JSON lines: BEIR collections (`{"_id","title","text"}`) and tisc's own document model.

use super::{Record, RecordError};
use crate::model::{Biblio, DocKind, Document, Lang, LangText, SourceRef};

#[derive(serde::Deserialize)]
struct BeirDoc {
    /// Read raw, so that a number keeps its digits as written (`12345678901234567890123`
    /// would become `1.2345678901234568e22` as a JSON number).
    #[serde(rename = "_id")]
    id: Box<serde_json::value::RawValue>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

/// A BEIR corpus line. The `_id` is kept verbatim as the canonical id; the text becomes the
/// abstract. Language is English (BEIR collections are), unless a corpus says otherwise at
/// index time.
pub fn parse_beir(bytes: &[u8], src: &SourceRef) -> Result<Record, RecordError> {
    let d: BeirDoc = serde_json::from_slice(bytes).map_err(RecordError::Json)?;
    let raw = d.id.get();
    let id = if raw.starts_with('"') {
        serde_json::from_str::<String>(raw).map_err(RecordError::BadId)?
    } else if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        raw.to_string()
    } else {
        return Err(RecordError::IdNotStringOrNumber);
    };
    if id.is_empty() {
        return Err(RecordError::EmptyId { key: "_id" });
    }
    let lang = Lang::en();
    let mut doc = Document {
        biblio: Biblio {
            id,
            kind: DocKind::Article,
            lang: lang.clone(),
            ..Biblio::default()
        },
        source: src.clone(),
        ..Document::default()
    };
    let title = crate::model::normalize_ws(&d.title);
    if !title.is_empty() {
        doc.biblio.titles.push(LangText {
            lang: lang.clone(),
            text: title,
        });
    }
    let text = crate::model::normalize_ws(&d.text);
    if !text.is_empty() {
        doc.biblio.abstracts.push(LangText { lang, text });
    }
    Ok(Record::Doc(Box::new(doc)))
}

/// A line of tisc's own model (as written by `serde_json` from [`Document`]).
pub fn parse_tisc(bytes: &[u8], src: &SourceRef) -> Result<Record, RecordError> {
    let mut d: Document = serde_json::from_slice(bytes).map_err(RecordError::Json)?;
    if d.biblio.id.is_empty() {
        return Err(RecordError::EmptyId { key: "id" });
    }
    d.source = src.clone();
    Ok(Record::Doc(Box::new(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beir_line_keeps_id_verbatim() {
        let src = SourceRef::default();
        let line = br#"{"_id": "4983", "title": "Microstructural development", "text": "Alterations of the architecture.", "metadata": {}}"#;
        let Record::Doc(d) = parse_beir(line, &src).unwrap() else {
            panic!("expected a document")
        };
        assert_eq!(d.biblio.id, "4983");
        assert_eq!(d.biblio.title(), "Microstructural development");
        assert_eq!(
            d.biblio.abstract_text(),
            Some("Alterations of the architecture.")
        );
        assert!(parse_beir(b"{not json", &src).is_err());
    }

    #[test]
    fn beir_numeric_ids_keep_every_digit() {
        let src = SourceRef::default();
        for (line, want) in [
            (
                &br#"{"_id": 12345678901234567890123, "text": "x"}"#[..],
                "12345678901234567890123",
            ),
            (br#"{"_id": 4983, "text": "x"}"#, "4983"),
            (br#"{"_id": "a\"b", "text": "x"}"#, "a\"b"),
        ] {
            let Record::Doc(d) = parse_beir(line, &src).unwrap() else {
                panic!("expected a document")
            };
            assert_eq!(d.biblio.id, want);
        }
        assert!(parse_beir(br#"{"_id": [1], "text": "x"}"#, &src).is_err());
        assert!(parse_beir(br#"{"_id": null}"#, &src).is_err());
    }

    #[test]
    fn tisc_model_round_trips() {
        let doc = Document {
            biblio: Biblio {
                id: "X1".into(),
                titles: vec![LangText {
                    lang: Lang::fr(),
                    text: "Pompe solaire".into(),
                }],
                ..Biblio::default()
            },
            ..Document::default()
        };
        let line = serde_json::to_vec(&doc).unwrap();
        let Record::Doc(back) = parse_tisc(&line, &SourceRef::default()).unwrap() else {
            panic!("expected a document")
        };
        assert_eq!(back.biblio.titles, doc.biblio.titles);
    }
}
