//! What an index keeps besides the stemmed words, and how: the two settings a user can
//! trade for disk and indexing time (`tisc index --stems-only`, `--store-compression`; the
//! corpus keys `stems_only` and `store_compression`).
//!
//! By default every text is indexed twice — stemmed, and as its words unstemmed (lower case,
//! accents folded) — and every document is kept whole in tantivy's document store,
//! compressed with LZ4. The unstemmed copy is what truncation reads (`pump*` finds
//! `pumping`, `runn*` finds `running`); with `stems_only` it is not written, and truncation
//! matches the beginning of the stems instead (see `query::lower`). The store may instead be
//! compressed with zstd in larger blocks: smaller, slower to read a document back.

use serde::{Deserialize, Serialize};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::IndexSettings;

/// The zstd level of a `zstd` store (zstd's own default). Level 9 in 64 KiB blocks, measured
/// first, made the index 4 % smaller than this but indexing a fifth slower.
pub const ZSTD_LEVEL: i32 = 3;

/// The document store's block size with zstd: a larger window compresses repeated
/// vocabulary across documents, at the price of decompressing more to read one document.
pub const ZSTD_BLOCK: usize = 32 * 1024;

/// How the document store is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum StoreCompression {
    /// LZ4 in 16 KiB blocks (tantivy's default): fast to write and to read back.
    #[default]
    Lz4,
    /// zstd (level 3) in 32 KiB blocks: a smaller store, slower to open a document.
    Zstd,
}

impl StoreCompression {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreCompression::Lz4 => "lz4",
            StoreCompression::Zstd => "zstd",
        }
    }

    /// LZ4, the store's compression unless a corpus asks otherwise (not written down).
    pub fn is_default(&self) -> bool {
        *self == StoreCompression::Lz4
    }
}

/// The layout of one index: recorded in its `tisc-index.json`, so that an update in place
/// writes what the index already holds and a change of setting rebuilds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Layout {
    /// No unstemmed copy of the texts.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stems_only: bool,
    #[serde(default, skip_serializing_if = "StoreCompression::is_default")]
    pub store_compression: StoreCompression,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Layout {
    /// The tantivy settings of a new index with this layout.
    pub fn settings(&self) -> IndexSettings {
        match self.store_compression {
            StoreCompression::Lz4 => IndexSettings::default(),
            StoreCompression::Zstd => IndexSettings {
                docstore_compression: Compressor::Zstd(ZstdCompressor {
                    compression_level: Some(ZSTD_LEVEL),
                }),
                docstore_blocksize: ZSTD_BLOCK,
                ..IndexSettings::default()
            },
        }
    }

    /// What differs from `other`, in words (for the reason a rebuild gives).
    pub fn differences(&self, other: &Layout) -> Vec<String> {
        let mut out = Vec::new();
        if self.stems_only != other.stems_only {
            out.push(if self.stems_only {
                "the index has no unstemmed copy of the texts and the corpus asks for one"
                    .to_string()
            } else {
                "the index has an unstemmed copy of the texts and the corpus asks for stems only"
                    .to_string()
            });
        }
        if self.store_compression != other.store_compression {
            out.push(format!(
                "the document store is compressed with {} and the corpus asks for {}",
                self.store_compression.as_str(),
                other.store_compression.as_str()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_layout_writes_nothing_into_the_metadata() {
        let json = serde_json::to_string(&Layout::default()).unwrap();
        assert_eq!(json, "{}");
        let back: Layout = serde_json::from_str("{}").unwrap();
        assert_eq!(back, Layout::default());
    }

    #[test]
    fn a_changed_layout_is_recorded_and_read_back() {
        let l = Layout {
            stems_only: true,
            store_compression: StoreCompression::Zstd,
        };
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, r#"{"stems_only":true,"store_compression":"zstd"}"#);
        assert_eq!(serde_json::from_str::<Layout>(&json).unwrap(), l);
        assert_eq!(l.differences(&Layout::default()).len(), 2);
        assert!(l.differences(&l).is_empty());
    }

    #[test]
    fn zstd_sets_the_store_compressor_and_block_size() {
        let s = Layout {
            stems_only: false,
            store_compression: StoreCompression::Zstd,
        }
        .settings();
        assert_eq!(s.docstore_blocksize, ZSTD_BLOCK);
        assert!(matches!(s.docstore_compression, Compressor::Zstd(_)));
        assert!(matches!(
            Layout::default().settings().docstore_compression,
            Compressor::Lz4
        ));
    }
}
