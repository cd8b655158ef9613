//! tisc — a prior-art search workbench.
//!
//! The library holds everything testable; `main.rs` only parses the command line and calls in.
//! See `docs/architecture.md` for the module map and data flow.

// Product code never slices text by byte offsets: a slice inside a character panics, and
// document and user text holds any character (tests may slice their own fixed text).
// Where an offset is known to fall on a character boundary, a local
// `#[expect(clippy::string_slice, reason = "…")]` says why.
#![cfg_attr(not(test), deny(clippy::string_slice))]
// Nor does it unwrap: a failure is an error the caller reports (tests may unwrap).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod case;
pub mod cli;
pub mod columns;
pub mod config;
pub mod corpus;
pub mod eval;
pub mod export;
pub mod fail;
pub mod fsutil;
pub mod index;
pub mod ingest;
pub mod lang;
pub mod mirror;
pub mod model;
pub mod query;
pub mod report;
pub mod resources;
pub mod sanitize;
pub mod search;
pub mod semantic;
pub mod tui;
pub mod workshop;
