//! The search language: field codes, Boolean operators, phrases, truncation, proximity,
//! dates, classification and history references, as prior-art searchers write them.
//!
//! `parse` turns text into an [`Ast`] (with positioned, teaching errors); [`check`] adds the
//! checks that need no index (run before a search, and by the workbench's live checker);
//! [`lower::Lowering`] turns an `Ast` into a tantivy query over one corpus index;
//! [`explain`] shows both.
//! See `docs/query-language.md`.

pub mod ast;
mod check;
mod classify;
mod expand;
pub mod explain;
pub mod fields;
pub mod grid;
mod history;
mod lex;
pub mod limits;
pub mod lower;
pub mod parser;
pub mod span;
pub mod summed;

pub use ast::{Ast, Cmp, Prox};
pub use check::check;
pub use history::HistoryError;
pub use limits::Limits;
pub use parser::{parse, parse_with, ParseError};
