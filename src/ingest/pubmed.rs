//! Placeholder: being written.
use super::Record;
use crate::ingest::xml::Element;
use crate::model::SourceRef;

pub fn parse(_root: &Element, _src: &SourceRef) -> Result<Record, String> {
    Err("pubmed parser not written yet".into())
}
