//! Search reports: a case rendered for the inventor and recognisable to an examiner.
//!
//! [`Report::build`] turns a [`Case`] into the report model — part 1 laid out like a PCT
//! International Search Report, part 2 a plain-language summary generated from the
//! citations' categories, claims and notes, and an appendix of bibliographic data and
//! abstracts from the citation snapshots (no index needed). The model is the JSON format
//! (`docs/report-format.md`); [`markdown`] and [`html`] render it in the report language.

mod bidi;
mod css;
pub mod html;
pub mod markdown;
pub mod strings;
mod strings_ar;
mod strings_pt;
mod summary;
pub mod view;

use view::combination_named;
pub use view::{
    claims_cell, claims_phrase, combination, count, coverage_line, disclosure_shown, join_list,
    strategy_hits, strategy_hits_line, typo,
};

use crate::case::{Case, Categories, Citation, ClaimsKind, Coverage, Note, ReportLang, Strategy};
use crate::model::{ClassCode, Date, DocKind};
use serde::{Deserialize, Serialize};

/// Value of the `format` field of a JSON report.
pub const REPORT_FORMAT: &str = "tisc-report";
/// Version of the JSON report layout.
/// Version 2: `collections[].hits` lists each strategy's own count (no longer a sum), and the
/// claims, completion date, searcher, organisation, coverage and family members appear.
pub const REPORT_FORMAT_VERSION: u32 = 2;

/// Disclosures longer than this many characters are shortened at the top of a report and
/// given whole in the appendix.
pub const DISCLOSURE_SHOWN: usize = 1500;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// The case fields a report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseInfo {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<Date>,
    #[serde(default)]
    pub priority_date: Option<Date>,
    #[serde(default)]
    pub filing_date: Option<Date>,
    pub created_at: String,
    pub updated_at: String,
}

/// Where the classification shown comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClassSource {
    /// Given for the case (`tisc case new --ipc`).
    Given,
    /// The most frequent symbols of the cited documents.
    Suggested,
    /// Neither given nor found on the cited documents.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub ipc: Vec<ClassCode>,
    pub source: ClassSource,
    /// The symbols searched: those named in the strategies (`ipc:`, `cpc:`) and the case's
    /// IPC, in that order, each once.
    #[serde(default)]
    pub searched: Vec<SearchedSymbol>,
}

/// A classification symbol searched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchedSymbol {
    /// `ipc` or `cpc`.
    pub scheme: String,
    /// As normalised by the classification parser (`F04B17/00`), or as written when it is
    /// not a whole symbol.
    pub symbol: String,
    /// The strategies naming it.
    #[serde(default)]
    pub strategies: Vec<u32>,
    /// It is among the case's own IPC (`tisc case new --ipc`).
    #[serde(default)]
    pub given: bool,
}

/// The hits of one strategy in one collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyHits {
    pub strategy: u32,
    pub hits: u64,
}

/// One collection consulted: what it covered, the strategies run on it and their hits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    pub corpus: String,
    /// The corpus definition's description, as recorded when a strategy ran.
    #[serde(default)]
    pub description: Option<String>,
    /// What the corpus held when the latest strategy on it ran (as recorded in the case).
    #[serde(default)]
    pub coverage: Option<Coverage>,
    /// The strategy whose recorded coverage is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_of: Option<u32>,
    /// The coverage recorded differs between the strategies run on it (re-indexed between).
    #[serde(default)]
    pub coverage_changed: bool,
    /// History numbers of the strategies run on it.
    pub strategies: Vec<u32>,
    /// Each strategy's own hits in it (never summed: strategies overlap).
    pub hits: Vec<StrategyHits>,
}

/// One claim (or key feature) of the invention and the citations that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimCoverage {
    pub number: u32,
    pub text: String,
    /// Ids of every citation naming it, any category, most relevant first.
    pub documents: Vec<String>,
    /// An X or Y citation names it.
    pub covered: bool,
}

/// A cited document as reported: the citation with the checks made against the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cited {
    #[serde(flatten)]
    pub citation: Citation,
    /// Published on or after the case's cutoff date.
    #[serde(default)]
    pub after_cutoff: bool,
    /// Category P given while the case has no filing date to check it against.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub p_without_filing_date: bool,
    /// Claim numbers it names that the case's claims do not have (replaced claims).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale_claims: Vec<u32>,
}

impl std::ops::Deref for Cited {
    type Target = Citation;
    fn deref(&self) -> &Citation {
        &self.citation
    }
}

/// A cited document in part 2, with the reasons it matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Closest {
    pub id: String,
    pub title: String,
    pub categories: Categories,
    /// Generated from the categories and claims, in the report language.
    pub reasons: Vec<String>,
    /// The searcher's note on the citation, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Part 2: the plain-language summary for the inventor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub closest: Vec<Closest>,
    pub appears_new: Vec<String>,
    pub next_steps: Vec<String>,
}

/// A whole report; serialised as is for `--format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    pub format_version: u32,
    pub generator: String,
    /// When the file was written; not the date of the report (that is `completed_on`).
    pub generated_at: String,
    pub lang: ReportLang,
    /// Date the search was completed; `null`: the report is a draft.
    pub completed_on: Option<Date>,
    /// Who made the search (`[report] searcher`, `--searcher`).
    pub searcher: Option<String>,
    /// For whom (`[report] organisation`, `--organisation`).
    pub organisation: Option<String>,
    pub case: CaseInfo,
    /// Whether `claims` are claims or key features.
    pub claims_kind: ClaimsKind,
    /// The invention's claims or features and the citations bearing on each.
    pub claims: Vec<ClaimCoverage>,
    pub classification: Classification,
    pub collections: Vec<Collection>,
    pub strategies: Vec<Strategy>,
    /// Most relevant first: X, then Y, then other categories, A last.
    pub citations: Vec<Cited>,
    pub summary: Summary,
    pub notes: Vec<Note>,
}

/// The most frequent classification symbols of the cited documents (X and Y ones when
/// there are any), at most five.
fn suggested_ipc(citations: &[Citation]) -> Vec<ClassCode> {
    let strong: Vec<&Citation> = citations
        .iter()
        .filter(|c| c.categories.rank() < 2)
        .collect();
    let pool: Vec<&Citation> = if strong.is_empty() {
        citations.iter().collect()
    } else {
        strong
    };
    let mut counts: Vec<(ClassCode, usize)> = Vec::new();
    for code in pool.iter().flat_map(|c| &c.snapshot.biblio.ipc) {
        match counts.iter_mut().find(|(c, _)| c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code.clone(), 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().take(5).map(|(c, _)| c).collect()
}

/// The position of `corpus` in the list, added if absent.
fn collection_index(collections: &mut Vec<Collection>, corpus: &str) -> usize {
    if let Some(i) = collections.iter().position(|c| c.corpus == corpus) {
        return i;
    }
    collections.push(Collection {
        corpus: corpus.to_string(),
        description: None,
        coverage: None,
        coverage_of: None,
        coverage_changed: false,
        strategies: Vec::new(),
        hits: Vec::new(),
    });
    collections.len() - 1
}

/// Every collection consulted, in order of first use: those the strategies ran on (with the
/// coverage recorded by the latest of them), then the case's other corpora and those of
/// cited documents.
fn collections(case: &Case, citations: &[Citation]) -> Vec<Collection> {
    let mut out: Vec<Collection> = Vec::new();
    for s in &case.history {
        for h in &s.hits {
            let i = collection_index(&mut out, &h.corpus);
            let c = &mut out[i];
            c.strategies.push(s.number);
            c.hits.push(StrategyHits {
                strategy: s.number,
                hits: h.hits,
            });
            if let Some(cov) = &h.coverage {
                if c.coverage.as_ref().is_some_and(|prev| prev != cov) {
                    c.coverage_changed = true;
                }
                c.description.clone_from(&cov.description);
                c.coverage = Some(cov.clone());
                c.coverage_of = Some(s.number);
            }
        }
    }
    for c in &case.corpora {
        collection_index(&mut out, c);
    }
    for c in citations {
        collection_index(&mut out, &c.doc.corpus);
    }
    out
}

/// The classification symbols searched: those the strategies name, then the case's IPC.
fn searched_symbols(case: &Case) -> Vec<SearchedSymbol> {
    let mut out: Vec<SearchedSymbol> = Vec::new();
    let mut add = |scheme: &str, symbol: String, strategy: Option<u32>, given: bool| match out
        .iter_mut()
        .find(|s| s.scheme == scheme && s.symbol == symbol)
    {
        Some(s) => {
            if let Some(n) = strategy.filter(|n| !s.strategies.contains(n)) {
                s.strategies.push(n);
            }
            s.given |= given;
        }
        None => out.push(SearchedSymbol {
            scheme: scheme.to_string(),
            symbol,
            strategies: strategy.into_iter().collect(),
            given,
        }),
    };
    for s in &case.history {
        // A strategy that no longer parses (written by another version) names no symbol.
        let Ok(ast) = crate::query::parse(&s.query) else {
            continue;
        };
        for (scheme, text) in crate::query::explain::classification_symbols(&ast) {
            let symbol = ClassCode::parse(&text).map_or(text, |c| c.to_string());
            add(&scheme, symbol, Some(s.number), false);
        }
    }
    for c in &case.ipc {
        add("ipc", c.to_string(), None, true);
    }
    out
}

/// Each claim with the citations naming it (`citations` most relevant first).
fn claim_coverage(case: &Case, citations: &[Citation]) -> Vec<ClaimCoverage> {
    case.claims
        .iter()
        .map(|claim| {
            let naming: Vec<&Citation> = citations
                .iter()
                .filter(|c| c.claims.contains(&claim.number))
                .collect();
            ClaimCoverage {
                number: claim.number,
                text: claim.text.clone(),
                documents: naming.iter().map(|c| c.doc.id.clone()).collect(),
                covered: naming.iter().any(|c| c.categories.rank() < 2),
            }
        })
        .collect()
}

/// Published on or after the case's cutoff date.
pub(crate) fn is_after_cutoff(case: &Case, c: &Citation) -> bool {
    crate::search::after_cutoff(c.snapshot.biblio.publication_date, case.cutoff) == Some(true)
}

impl Report {
    /// Build the report of `case` in `lang`, stamped `now` (RFC 3339).
    pub fn build(case: &Case, lang: ReportLang, now: &str) -> Report {
        let mut citations = case.citations.clone();
        citations.sort_by_key(|c| c.categories.rank());
        let classification = if !case.ipc.is_empty() {
            Classification {
                ipc: case.ipc.clone(),
                source: ClassSource::Given,
                searched: Vec::new(),
            }
        } else {
            let ipc = suggested_ipc(&citations);
            let source = if ipc.is_empty() {
                ClassSource::None
            } else {
                ClassSource::Suggested
            };
            Classification {
                ipc,
                source,
                searched: Vec::new(),
            }
        };
        let classification = Classification {
            searched: searched_symbols(case),
            ..classification
        };
        let collections = collections(case, &citations);
        let summary = summary::build(case, &citations, lang);
        let claims = claim_coverage(case, &citations);
        let cited = citations
            .into_iter()
            .map(|c| Cited {
                after_cutoff: is_after_cutoff(case, &c),
                p_without_filing_date: c.categories.contains(crate::case::Category::P)
                    && case.filing_date.is_none(),
                stale_claims: if case.claims.is_empty() {
                    Vec::new()
                } else {
                    c.claims
                        .iter()
                        .copied()
                        .filter(|n| case.claim(*n).is_none())
                        .collect()
                },
                citation: c,
            })
            .collect();
        Report {
            format: REPORT_FORMAT.to_string(),
            format_version: REPORT_FORMAT_VERSION,
            generator: format!("tisc {}", env!("CARGO_PKG_VERSION")),
            generated_at: now.to_string(),
            lang,
            completed_on: case.completed_on,
            searcher: None,
            organisation: None,
            case: CaseInfo {
                id: case.id.clone(),
                title: case.title.clone(),
                client: case.client.clone(),
                disclosure: case.disclosure.clone(),
                cutoff: case.cutoff,
                priority_date: case.priority_date,
                filing_date: case.filing_date,
                created_at: case.created_at.clone(),
                updated_at: case.updated_at.clone(),
            },
            claims_kind: case.claims_kind,
            claims,
            classification,
            collections,
            strategies: case.history.clone(),
            citations: cited,
            summary,
            notes: case.notes.clone(),
        }
    }

    /// The same report, signed by `searcher` for `organisation` (blank ones are left out).
    pub fn signed(mut self, searcher: Option<String>, organisation: Option<String>) -> Report {
        let given = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        self.searcher = given(searcher);
        self.organisation = given(organisation);
        self
    }

    /// The cited document with this id, if cited.
    pub fn cited(&self, id: &str) -> Option<&Cited> {
        self.citations.iter().find(|c| c.doc.id == id)
    }

    /// How a cited document is named in the report: its number as printed, or its id when
    /// it is not cited (any more).
    pub fn doc_name(&self, id: &str) -> String {
        self.cited(id).map_or(id.to_string(), |c| number_display(c))
    }

    /// Render in a format.
    pub fn render(&self, format: Format) -> Result<String, serde_json::Error> {
        Ok(match format {
            // The renderers never write control characters of their own: any in the text came
            // from a document or a user, and is made visible here.
            Format::Markdown => {
                let text = markdown::render(self);
                crate::sanitize::escape_controls(&text).into_owned()
            }
            Format::Html => html::render(self),
            Format::Json => {
                let mut s = crate::sanitize::json_c1(serde_json::to_string_pretty(self)?);
                s.push('\n');
                s
            }
        })
    }
}

/// A classification symbol as printed on search reports: `F04B 17/00`.
/// The bibliographic lines of a cited document in the appendix, as (label, value), empty
/// values left out; every format renders these same lines.
pub fn biblio_fields<'a>(c: &Citation, l: &'a strings::Labels) -> Vec<(&'a str, String)> {
    let s = &c.snapshot.biblio;
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let fields = [
        (l.applicants, s.applicants.join("; ")),
        (l.inventors, s.inventors.join("; ")),
        (l.authors, s.authors.join("; ")),
        (l.journal, s.journal.clone().unwrap_or_default()),
        (l.publication_date, date(s.publication_date)),
        (l.filing_date, date(s.filing_date)),
        (l.priority_date, date(c.snapshot.priority_date)),
        (
            l.ipc,
            s.ipc.iter().map(ipc_display).collect::<Vec<_>>().join("; "),
        ),
        (l.family, s.family_id.clone().unwrap_or_default()),
        ("PMID", s.pmid.clone().unwrap_or_default()),
        ("DOI", s.doi.clone().unwrap_or_default()),
        (l.found_in, c.doc.corpus.clone()),
        (
            l.public_page,
            crate::export::public_url(s).unwrap_or_default(),
        ),
    ];
    fields.into_iter().filter(|(_, v)| !v.is_empty()).collect()
}

pub fn ipc_display(c: &ClassCode) -> String {
    let s = c.to_string();
    if c.main_group.is_some() && s.len() > 4 {
        format!(
            "{} {}",
            s.get(..4).unwrap_or_default(),
            s.get(4..).unwrap_or_default()
        )
    } else {
        s
    }
}

/// A publication number spaced as on search reports: `US 7000001 B2`.
pub fn number_display(c: &Citation) -> String {
    match &c.snapshot.biblio.number {
        Some(n) => match &n.kind {
            Some(k) => format!("{} {} {k}", n.country, n.serial()),
            None => format!("{} {}", n.country, n.serial()),
        },
        None => c.doc.id.clone(),
    }
}

/// The citation line of part 1 (plain text, not escaped): for a patent the number, the
/// applicant and the publication date; for an article the authors, title, journal, date
/// and identifiers.
pub fn citation_line(c: &Citation, lang: ReportLang) -> String {
    let s = &c.snapshot.biblio;
    let date = s.publication_date.map(|d| d.to_string());
    // Each piece of document text closes the bidirectional controls it opens, so that a
    // stray U+202E in a title cannot reverse the date or number printed after it.
    let iso = |t: &str| crate::sanitize::close_bidi(t).into_owned();
    let title = iso(s.title_in(&lang.as_lang()).unwrap_or(""));
    match s.kind {
        DocKind::Patent => {
            let mut out = number_display(c);
            if let Some(a) = s.applicants.first() {
                out.push_str(&format!(" ({})", iso(&a.to_uppercase())));
            }
            if let Some(d) = date {
                out.push_str(&format!(" {d}"));
            }
            if !title.is_empty() {
                out.push_str(&format!(" — {title}"));
            }
            out
        }
        DocKind::Article => {
            let mut parts = Vec::new();
            let authors = match s.authors.len() {
                0 => String::new(),
                1..=3 => s
                    .authors
                    .iter()
                    .map(|a| iso(a))
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => format!(
                    "{} et al.",
                    s.authors
                        .iter()
                        .take(3)
                        .map(|a| iso(a))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let mut head = authors;
            if !title.is_empty() {
                if !head.is_empty() {
                    head.push_str(": ");
                }
                head.push_str(&format!("\"{title}\""));
            }
            parts.push(head);
            if let Some(j) = &s.journal {
                parts.push(iso(j));
            }
            if let Some(d) = date {
                parts.push(d);
            }
            if let Some(p) = &s.pmid {
                parts.push(format!("PMID:{p}"));
            }
            if let Some(d) = &s.doi {
                parts.push(format!("DOI: {d}"));
            }
            if parts.len() == 1 && parts[0].is_empty() {
                return c.doc.id.clone();
            }
            parts.retain(|p| !p.is_empty());
            parts.join(", ")
        }
    }
}

/// Where a passage is, in words of the report language (`claim 3`, `paragraph [0012]`).
pub fn passage_place(p: &crate::case::Passage, l: &strings::Labels) -> Option<String> {
    use crate::case::Section;
    if let Some(n) = p.claim {
        return Some(format!("{} {n}", l.claim));
    }
    if let Some(n) = &p.paragraph {
        return Some(format!("{} [{n}]", l.paragraph));
    }
    p.section.map(|s| {
        match s {
            Section::Title => l.section_title,
            Section::Abstract => l.section_abstract,
            Section::Claims => l.section_claims,
            Section::Description => l.section_description,
        }
        .to_string()
    })
}

/// The first `max` characters of a long text, cut at a word, with `…`.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut.get(..at).unwrap_or_default().trim_end())
}

#[cfg(test)]
mod tests;
