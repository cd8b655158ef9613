//! Citations: a cited document's reference and snapshot, its PCT search-report categories,
//! the claims it concerns and the passages that matter.
//!
//! The snapshot ([`Snapshot`]) copies the bibliographic data and abstracts of the document when
//! it is cited, so a report never depends on an index that has since changed or disappeared.

use super::{CaseError, Snapshot};
use crate::model::{normalize_ws, Document};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A category of cited document, as in the PCT International Search Report (WIPO ST.14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Particularly relevant taken alone: novelty or inventive step in doubt.
    X,
    /// Particularly relevant combined with other documents: inventive step in doubt.
    Y,
    /// General state of the art, not particularly relevant.
    A,
    /// Published between the priority date claimed and the filing date.
    P,
    /// Earlier application or patent published on or after the filing date.
    E,
    /// Cited in the application itself.
    D,
    /// Cited for another reason (doubt on a priority claim, a date, …).
    L,
    /// Refers to an oral disclosure, use, exhibition or other means.
    O,
    /// Later document cited for the principle or theory underlying the invention.
    T,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::X,
        Category::Y,
        Category::A,
        Category::P,
        Category::E,
        Category::D,
        Category::L,
        Category::O,
        Category::T,
    ];

    pub fn letter(self) -> char {
        match self {
            Category::X => 'X',
            Category::Y => 'Y',
            Category::A => 'A',
            Category::P => 'P',
            Category::E => 'E',
            Category::D => 'D',
            Category::L => 'L',
            Category::O => 'O',
            Category::T => 'T',
        }
    }

    pub fn from_letter(c: char) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|k| k.letter() == c.to_ascii_uppercase())
    }

    /// X, Y and A say how relevant a document is; the others qualify it.
    pub fn is_relevance(self) -> bool {
        matches!(self, Category::X | Category::Y | Category::A)
    }
}

/// One or more categories of a citation, written `X`, `P,X`, `D,Y`… in the user's order.
///
/// At most one of X, Y and A: a document is either particularly relevant alone, relevant in
/// combination, or background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Categories(Vec<Category>);

impl Categories {
    pub fn parse(input: &str) -> Result<Categories, CaseError> {
        let bad = || CaseError::BadCategory(input.to_string());
        let mut out: Vec<Category> = Vec::new();
        for token in input.split([',', ' ', '/', '+']).filter(|t| !t.is_empty()) {
            let mut chars = token.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return Err(bad());
            };
            let cat = Category::from_letter(c).ok_or_else(bad)?;
            if !out.contains(&cat) {
                out.push(cat);
            }
        }
        if out.is_empty() || out.iter().filter(|c| c.is_relevance()).count() > 1 {
            return Err(bad());
        }
        Ok(Categories(out))
    }

    pub fn list(&self) -> &[Category] {
        &self.0
    }

    pub fn contains(&self, c: Category) -> bool {
        self.0.contains(&c)
    }

    /// Sort key for report tables: X first, then Y, then qualifiers alone, A last.
    pub fn rank(&self) -> u8 {
        if self.contains(Category::X) {
            0
        } else if self.contains(Category::Y) {
            1
        } else if self.contains(Category::A) {
            3
        } else {
            2
        }
    }
}

impl fmt::Display for Categories {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}", c.letter())?;
        }
        Ok(())
    }
}

impl Serialize for Categories {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Categories {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Categories, D::Error> {
        let s = String::deserialize(d)?;
        Categories::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Parse claim numbers: `1,3`, `1-4, 7`. Sorted, without repeats.
pub fn parse_claims(input: &str) -> Result<Vec<u32>, CaseError> {
    let bad = || CaseError::BadClaims(input.to_string());
    let mut out = Vec::new();
    for part in input.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a, b),
            None => (part, part),
        };
        let a: u32 = a.trim().parse().map_err(|_| bad())?;
        let b: u32 = b.trim().parse().map_err(|_| bad())?;
        if a == 0 || b < a || b - a > 500 {
            return Err(bad());
        }
        out.extend(a..=b);
    }
    if out.is_empty() {
        return Err(bad());
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Claim numbers written compactly: `[1,2,3,5]` → `1-3, 5`.
pub fn format_claims(claims: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < claims.len() {
        let start = claims[i];
        let mut end = start;
        while i + 1 < claims.len() && claims[i + 1] == end + 1 {
            i += 1;
            end = claims[i];
        }
        parts.push(if end > start {
            format!("{start}-{end}")
        } else {
            start.to_string()
        });
        i += 1;
    }
    parts.join(", ")
}

/// Where in the cited document a passage was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Title,
    Abstract,
    Claims,
    Description,
}

/// A relevant passage: a quotation from the document (located when tisc finds it verbatim)
/// or a locator the searcher wrote, such as `paragraphs [0012]-[0020]; figure 2`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub text: String,
    /// Set when the text was found verbatim in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    /// Claim number of the cited document, when found in a claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<u32>,
    /// Paragraph number as printed in the source (`0012`), when found in a numbered paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
}

impl Passage {
    /// Look `text` up in the document (case and spacing ignored) and record where it is.
    pub fn locate(text: &str, doc: &Document) -> Passage {
        let text = normalize_ws(text);
        let needle = text.to_lowercase();
        let hit =
            |hay: &str| !needle.is_empty() && normalize_ws(hay).to_lowercase().contains(&needle);
        let mut p = Passage {
            text,
            section: None,
            claim: None,
            paragraph: None,
        };
        if let Some(c) = doc
            .claims
            .iter()
            .flat_map(|s| &s.claims)
            .find(|c| hit(&c.text))
        {
            p.section = Some(Section::Claims);
            p.claim = Some(c.num);
        } else if let Some(par) = doc
            .description
            .iter()
            .flat_map(|d| &d.paragraphs)
            .find(|par| hit(&par.text))
        {
            p.section = Some(Section::Description);
            p.paragraph = par.num.clone();
        } else if doc.biblio.abstracts.iter().any(|a| hit(&a.text)) {
            p.section = Some(Section::Abstract);
        } else if doc.biblio.titles.iter().any(|t| hit(&t.text)) {
            p.section = Some(Section::Title);
        }
        p
    }

    /// True when the passage was found in the document.
    pub fn is_located(&self) -> bool {
        self.section.is_some()
    }
}

/// Which document a citation is: its canonical id, the corpus it was found in, its family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRef {
    pub id: String,
    pub corpus: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
}

/// A member of a cited document's patent family, found in the corpora when it was cited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyMember {
    /// Canonical id in its corpus.
    pub id: String,
    /// Publication number as printed (`EP 1234567 A1`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication_date: Option<crate::model::Date>,
    pub corpus: String,
}

/// A document marked as relevant in a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub doc: DocRef,
    pub categories: Categories,
    /// Claims of the invention this document concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a Y citation: the cited documents (ids) it is relevant in combination with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub combined_with: Vec<String>,
    /// Other members of its patent family found in the corpora (the family annex).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub family: Vec<FamilyMember>,
    /// When it was first cited (RFC 3339, UTC).
    pub cited_at: String,
    /// When the citation was last changed, if it was cited again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    pub snapshot: Snapshot,
}

impl Citation {
    /// A new citation of `doc`, found in `corpus`; passages are located in the document.
    pub fn new(
        doc: &Document,
        corpus: &str,
        categories: Categories,
        claims: Vec<u32>,
        passages: &[String],
        note: Option<String>,
        now: &str,
    ) -> Citation {
        Citation {
            doc: DocRef {
                id: doc.biblio.id.clone(),
                corpus: corpus.to_string(),
                family: doc.biblio.family_id.clone(),
            },
            categories,
            claims,
            passages: passages
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|p| Passage::locate(p, doc))
                .collect(),
            note: note.filter(|n| !n.trim().is_empty()),
            combined_with: Vec::new(),
            family: Vec::new(),
            cited_at: now.to_string(),
            updated_at: None,
            snapshot: Snapshot::of(doc),
        }
    }

    /// Merge a new citation of the same document into this one: categories, claims (when
    /// given) and note (when given) are replaced, passages are added, the snapshot renewed.
    pub fn merge(&mut self, newer: Citation) {
        let still_y = newer.categories.contains(Category::Y);
        self.categories = newer.categories;
        if !newer.claims.is_empty() {
            self.claims = newer.claims;
        }
        for p in newer.passages {
            if !self.passages.contains(&p) {
                self.passages.push(p);
            }
        }
        if newer.note.is_some() {
            self.note = newer.note;
        }
        if !newer.combined_with.is_empty() || !still_y {
            self.combined_with = newer.combined_with;
        }
        if !newer.family.is_empty() {
            self.family = newer.family;
        }
        self.doc = newer.doc;
        self.snapshot = newer.snapshot;
        self.updated_at = Some(newer.cited_at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Biblio, Claim, ClaimSet, Description, Lang, Paragraph};

    #[test]
    fn categories_combine_and_refuse_nonsense() {
        assert_eq!(Categories::parse("P,X").unwrap().to_string(), "P,X");
        assert_eq!(Categories::parse("x").unwrap().to_string(), "X");
        assert_eq!(Categories::parse("D, Y").unwrap().to_string(), "D,Y");
        assert_eq!(Categories::parse("T").unwrap().to_string(), "T");
        for bad in ["", "Z", "XY", "X,A", "X,Y", "P,,Q"] {
            assert!(Categories::parse(bad).is_err(), "{bad}");
        }
        let json = serde_json::to_string(&Categories::parse("E,X").unwrap()).unwrap();
        assert_eq!(json, "\"E,X\"");
        assert!(serde_json::from_str::<Categories>("\"Q\"").is_err());
    }

    #[test]
    fn claims_parse_ranges_and_print_compactly() {
        assert_eq!(parse_claims("1,3").unwrap(), [1, 3]);
        assert_eq!(parse_claims("5, 1-3,2").unwrap(), [1, 2, 3, 5]);
        assert_eq!(format_claims(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        for bad in ["", "0", "a", "3-1", "1-100000"] {
            assert!(parse_claims(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passages_are_located_in_claims_and_numbered_paragraphs() {
        let doc = Document {
            biblio: Biblio {
                id: "US1B2".into(),
                ..Biblio::default()
            },
            claims: vec![ClaimSet {
                lang: Lang::en(),
                claims: vec![Claim {
                    num: 3,
                    text: "A pump driven by a   photovoltaic panel.".into(),
                    depends_on: vec![],
                }],
            }],
            description: vec![Description {
                lang: Lang::en(),
                paragraphs: vec![Paragraph {
                    num: Some("0012".into()),
                    heading: false,
                    text: "The float switch stops the pump.".into(),
                }],
            }],
            ..Document::default()
        };
        let p = Passage::locate("pump driven by a photovoltaic", &doc);
        assert_eq!((p.section, p.claim), (Some(Section::Claims), Some(3)));
        let p = Passage::locate("float SWITCH stops", &doc);
        assert_eq!(p.paragraph.as_deref(), Some("0012"));
        let p = Passage::locate("figure 2", &doc);
        assert!(!p.is_located());
    }
}
