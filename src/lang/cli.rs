//! The phrases with a count that the command line prints (in English, its only language).
//!
//! Each is a [`Plural`], so that "1 citation" and "2 citations" come from one rule and a test
//! can render every phrase with 0, 1 and 2. A message built around a count takes its phrase
//! from here rather than adding an `s` by hand.

use super::Plural;

/// The claims a citation names (`{n}` is the list: `1`, `1,3-4`, `—`).
pub const CLAIMS: Plural = Plural::new("claim {n}", "claims {n}");
pub const CITATIONS: Plural = Plural::new("{n} citation", "{n} citations");
pub const STRATEGIES: Plural = Plural::new("{n} strategy", "{n} strategies");
pub const HITS: Plural = Plural::new("{n} hit", "{n} hits");
pub const TERMS_SELECTED: Plural = Plural::new("{n} term selected", "{n} terms selected");
/// Why a disclosure's language was not guessed (query by example).
pub const TOO_FEW_CONTENT_WORDS: Plural = Plural::new(
    "fewer than {n} content word to guess from",
    "fewer than {n} content words to guess from",
);
pub const DOCUMENTS: Plural = Plural::new("{n} document", "{n} documents");
pub const DOCUMENTS_ADDED: Plural = Plural::new("{n} document added", "{n} documents added");
pub const FILES: Plural = Plural::new("{n} file", "{n} files");
pub const FILES_READ: Plural = Plural::new("{n} file read", "{n} files read");
pub const FILES_CHECKED: Plural = Plural::new("{n} file checked", "{n} files checked");
pub const NEW_FILES: Plural = Plural::new("{n} new file", "{n} new files");
pub const FILES_NOT_READ: Plural = Plural::new("{n} file not read", "{n} files not read");
pub const DAMAGED_FILES: Plural = Plural::new("{n} damaged file", "{n} damaged files");
pub const FILES_NOT_FETCHED: Plural = Plural::new(
    "{n} file not fetched or refused",
    "{n} files not fetched or refused",
);
pub const FILES_NOT_INGESTED: Plural =
    Plural::new("{n} file not ingested", "{n} files not ingested");
pub const FILES_MISMATCHED: Plural = Plural::new(
    "{n} file does not match what was received",
    "{n} files do not match what was received",
);
pub const FILES_REFUSED: Plural = Plural::new(
    "{n} file could not be brought up to date: its last download was refused",
    "{n} files could not be brought up to date: their last download was refused",
);
pub const FILES_UNSAFE: Plural = Plural::new(
    "{n} input file refused as unsafe, nothing of it indexed",
    "{n} input files refused as unsafe, nothing of them indexed",
);
pub const FILES_WITHOUT_DOCUMENTS: Plural = Plural::new(
    "skipped {n} file that holds no documents tisc reads:",
    "skipped {n} files that hold no documents tisc reads:",
);
pub const MALFORMED_RECORDS: Plural = Plural::new("{n} malformed record", "{n} malformed records");
pub const RECORDS_SKIPPED: Plural = Plural::new(
    "{n} record skipped at ingest",
    "{n} records skipped at ingest",
);
pub const RECORDS: Plural = Plural::new("{n} record", "{n} records");
pub const MALFORMED_DOCUMENTS: Plural = Plural::new(
    "skipped {n} malformed document; the first ones:",
    "skipped {n} malformed documents; the first ones:",
);
pub const DUPLICATES: Plural = Plural::new(
    "duplicates: {n} document had an id seen before (the version from the later file is kept)",
    "duplicates: {n} documents had an id seen before (the version from the later file is kept)",
);
pub const DELETED_IDS: Plural = Plural::new(
    "deleted: {n} id removed by delete records",
    "deleted: {n} ids removed by delete records",
);
pub const TERMS: Plural = Plural::new("{n} term", "{n} terms");
pub const WORDS: Plural = Plural::new("{n} word", "{n} words");
pub const ENTRIES: Plural = Plural::new("{n} entry", "{n} entries");
pub const SHARDS: Plural = Plural::new("{n} shard", "{n} shards");
pub const FAMILY_MEMBERS: Plural = Plural::new("{n} family member", "{n} family members");
pub const OTHER_PROBLEMS: Plural = Plural::new("{n} other problem", "{n} other problems");
pub const FILES_SKIPPED: Plural = Plural::new("{n} file skipped", "{n} files skipped");
pub const STRATEGY_PROBLEMS: Plural = Plural::new(
    "{n} problem left strategies without their hits",
    "{n} problems left strategies without their hits",
);
pub const EXERCISES: Plural = Plural::new("{n} exercise", "{n} exercises");
pub const ERRORS: Plural = Plural::new("{n} error", "{n} errors");
pub const WARNINGS: Plural = Plural::new("{n} warning", "{n} warnings");
pub const QUERIES_JUDGED: Plural = Plural::new("{n} query judged", "{n} queries judged");
pub const PACKS_UNREADABLE: Plural =
    Plural::new("{n} pack cannot be read:", "{n} packs cannot be read:");
pub const DOCUMENTS_EMBEDDED: Plural =
    Plural::new("{n} document embedded", "{n} documents embedded");
pub const OTHER_LANGUAGE: Plural = Plural::new(
    "{n} document in another language (ranked by BM25 alone)",
    "{n} documents in another language (ranked by BM25 alone)",
);
pub const VECTORS_REMOVED: Plural = Plural::new(
    "{n} vector of a removed document dropped",
    "{n} vectors of removed documents dropped",
);
pub const EMBED_FAILED: Plural = Plural::new(
    "{n} document could not be embedded",
    "{n} documents could not be embedded",
);

/// Every phrase above, for the test that renders each with 0, 1 and 2.
pub const ALL: &[(&str, Plural)] = &[
    ("CLAIMS", CLAIMS),
    ("CITATIONS", CITATIONS),
    ("STRATEGIES", STRATEGIES),
    ("HITS", HITS),
    ("TERMS_SELECTED", TERMS_SELECTED),
    ("TOO_FEW_CONTENT_WORDS", TOO_FEW_CONTENT_WORDS),
    ("DOCUMENTS", DOCUMENTS),
    ("DOCUMENTS_ADDED", DOCUMENTS_ADDED),
    ("FILES", FILES),
    ("FILES_READ", FILES_READ),
    ("FILES_CHECKED", FILES_CHECKED),
    ("NEW_FILES", NEW_FILES),
    ("FILES_NOT_READ", FILES_NOT_READ),
    ("DAMAGED_FILES", DAMAGED_FILES),
    ("FILES_NOT_FETCHED", FILES_NOT_FETCHED),
    ("FILES_NOT_INGESTED", FILES_NOT_INGESTED),
    ("FILES_MISMATCHED", FILES_MISMATCHED),
    ("FILES_REFUSED", FILES_REFUSED),
    ("FILES_UNSAFE", FILES_UNSAFE),
    ("FILES_WITHOUT_DOCUMENTS", FILES_WITHOUT_DOCUMENTS),
    ("MALFORMED_RECORDS", MALFORMED_RECORDS),
    ("RECORDS_SKIPPED", RECORDS_SKIPPED),
    ("RECORDS", RECORDS),
    ("MALFORMED_DOCUMENTS", MALFORMED_DOCUMENTS),
    ("DUPLICATES", DUPLICATES),
    ("DELETED_IDS", DELETED_IDS),
    ("TERMS", TERMS),
    ("WORDS", WORDS),
    ("ENTRIES", ENTRIES),
    ("SHARDS", SHARDS),
    ("FAMILY_MEMBERS", FAMILY_MEMBERS),
    ("OTHER_PROBLEMS", OTHER_PROBLEMS),
    ("FILES_SKIPPED", FILES_SKIPPED),
    ("STRATEGY_PROBLEMS", STRATEGY_PROBLEMS),
    ("EXERCISES", EXERCISES),
    ("ERRORS", ERRORS),
    ("WARNINGS", WARNINGS),
    ("QUERIES_JUDGED", QUERIES_JUDGED),
    ("PACKS_UNREADABLE", PACKS_UNREADABLE),
    ("DOCUMENTS_EMBEDDED", DOCUMENTS_EMBEDDED),
    ("OTHER_LANGUAGE", OTHER_LANGUAGE),
    ("VECTORS_REMOVED", VECTORS_REMOVED),
    ("EMBED_FAILED", EMBED_FAILED),
];
