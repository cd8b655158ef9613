//! The tantivy schema: one field per field code of the query language, per-language text
//! fields with a stemmed and an unstemmed copy, exact-term fields for numbers and
//! classification, date fields, and the stored document.

use super::analysis::{IndexLang, RAW_ANALYZER};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, STORED, STRING,
};

/// Bumped whenever the schema or the analysis changes; checked when an index is opened.
/// 2: the placeholders of formulas, tables and images (`[formula]`) are no longer indexed
/// as words.
/// 3: Arabic spelling is normalised (alef forms, alef maksura, teh marbuta, tatweel,
/// Arabic-Indic and Persian digits) in every analyzer.
/// 4: a document whose source states no language has it guessed from its own text at ingest
/// (before the corpus's default), so its text is stemmed in that language.
/// 5: an Arabic word ending in heh (teh marbuta, normalised) reaches the stemmer with teh
/// marbuta when it is four letters or more without its article, so المضخة finds مضخة.
pub const SCHEMA_VERSION: u32 = 5;

/// The text field codes that exist per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextCode {
    /// Title.
    Ti,
    /// Abstract.
    Ab,
    /// Claims (one value per claim).
    Cl,
    /// Description (one value per paragraph).
    De,
}

impl TextCode {
    pub const ALL: [TextCode; 4] = [TextCode::Ti, TextCode::Ab, TextCode::Cl, TextCode::De];

    pub fn code(self) -> &'static str {
        match self {
            TextCode::Ti => "ti",
            TextCode::Ab => "ab",
            TextCode::Cl => "cl",
            TextCode::De => "de",
        }
    }

    fn idx(self) -> usize {
        self as usize
    }
}

/// Handles to every field of a tisc index.
#[derive(Clone)]
pub struct Fields {
    pub schema: Schema,
    /// Canonical id (exact, stored, fast).
    pub id: Field,
    /// Source file the document came from (exact), for replacing a file's documents.
    pub src: Field,
    /// `patent` or `article`.
    pub kind: Field,
    pub kind_code: Field,
    /// Publication numbers: canonical, and without kind code.
    pub pn: Field,
    /// Office / country code.
    pub cc: Field,
    /// Every language the document has text in.
    pub lang: Field,
    pub doi: Field,
    pub pmid: Field,
    pub family: Field,
    /// Classification symbols at every level.
    pub ipc: Field,
    pub cpc: Field,
    /// Applicants, inventors, authors, journal (words, unstemmed).
    pub pa: Field,
    pub inventor: Field,
    pub au: Field,
    pub jo: Field,
    /// Publication, filing and priority dates.
    pub pd: Field,
    pub ad: Field,
    pub pr: Field,
    /// The whole document as JSON, for display and snapshots.
    pub doc: Field,
    /// `[code][lang]` → (stemmed, unstemmed).
    text: Vec<Vec<(Field, Field)>>,
}

fn text_opts(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn date_opts() -> DateOptions {
    DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds)
}

impl Fields {
    /// The schema of a new index.
    pub fn build() -> Fields {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED | FAST);
        let src = b.add_text_field("src", STRING);
        let kind = b.add_text_field("kind", STRING);
        let kind_code = b.add_text_field("kind_code", STRING);
        let pn = b.add_text_field("pn", STRING);
        let cc = b.add_text_field("cc", STRING);
        let lang = b.add_text_field("lang", STRING);
        let doi = b.add_text_field("doi", STRING);
        let pmid = b.add_text_field("pmid", STRING);
        let family = b.add_text_field("family", STRING | FAST);
        let ipc = b.add_text_field("ipc", STRING);
        let cpc = b.add_text_field("cpc", STRING);
        let pa = b.add_text_field("pa", text_opts(RAW_ANALYZER));
        let inventor = b.add_text_field("in", text_opts(RAW_ANALYZER));
        let au = b.add_text_field("au", text_opts(RAW_ANALYZER));
        let jo = b.add_text_field("jo", text_opts(RAW_ANALYZER));
        let pd = b.add_date_field("pd", date_opts());
        let ad = b.add_date_field("ad", date_opts());
        let pr = b.add_date_field("pr", date_opts());
        let doc = b.add_text_field("doc", STORED);
        let mut text = Vec::new();
        for code in TextCode::ALL {
            let mut per_lang = Vec::new();
            for l in IndexLang::ALL {
                let stem = b.add_text_field(
                    &format!("{}_{}", code.code(), l.code()),
                    text_opts(&l.analyzer()),
                );
                let raw = b.add_text_field(
                    &format!("{}_{}_raw", code.code(), l.code()),
                    text_opts(RAW_ANALYZER),
                );
                per_lang.push((stem, raw));
            }
            text.push(per_lang);
        }
        Fields {
            schema: b.build(),
            id,
            src,
            kind,
            kind_code,
            pn,
            cc,
            lang,
            doi,
            pmid,
            family,
            ipc,
            cpc,
            pa,
            inventor,
            au,
            jo,
            pd,
            ad,
            pr,
            doc,
            text,
        }
    }

    /// Field handles of an existing index (its schema must be the one [`Fields::build`] makes).
    pub fn from_schema(schema: &Schema) -> Result<Fields, FieldDiffers> {
        let expected = Fields::build();
        for (field, entry) in expected.schema.fields() {
            match schema.get_field(entry.name()) {
                Ok(f) if f == field => {}
                _ => return Err(FieldDiffers(entry.name().to_string())),
            }
        }
        Ok(Fields {
            schema: schema.clone(),
            ..expected
        })
    }

    /// The stemmed field for a text code in a language.
    pub fn text(&self, code: TextCode, lang: IndexLang) -> Field {
        self.text[code.idx()][lang_idx(lang)].0
    }

    /// The unstemmed copy.
    pub fn raw(&self, code: TextCode, lang: IndexLang) -> Field {
        self.text[code.idx()][lang_idx(lang)].1
    }
}

/// An index whose schema is not the one this tisc writes: the first field that differs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field `{0}` differs")]
pub struct FieldDiffers(pub String);

fn lang_idx(l: IndexLang) -> usize {
    IndexLang::ALL
        .iter()
        .position(|x| *x == l)
        .unwrap_or(IndexLang::ALL.len() - 1)
}
