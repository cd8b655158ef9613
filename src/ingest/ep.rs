//! EPO publication-server XML (`ep-patent-document`, DTD v1.0–v1.5.1): A and B publications.
//!
//! The bibliographic block (`SDOBI`) uses INID-coded tags: `B110` number, `B130` kind, `B140`
//! publication date, `B210`/`B220` application number and date, `B300` priorities, `B510EP`
//! (IPCR) or `B510` (pre-2006 IPC text), `B520EP` CPC, `B540` titles in de/en/fr, `B711`/`B731`
//! applicants or proprietors, `B721` inventors. The text body has `abstract`, `description`
//! (`heading` and numbered `p`) and one `claims` element per language: grants carry the claims
//! in all three official languages. Claim dependencies come from `claim-ref` when the XML has
//! them, otherwise from the wording ("according to claim 1", "nach Anspruch 1", "selon la
//! revendication 1", "any preceding claim").

use super::xml::Element;
use super::{Record, RecordError};
use crate::model::{
    Claim, ClaimSet, ClassCode, Description, Lang, LangText, Paragraph, PatentNumber, Priority,
    SourceRef,
};
use regex::Regex;
use std::sync::LazyLock;

pub fn parse(root: &Element, src: &SourceRef) -> Result<Record, RecordError> {
    if root.name != "ep-patent-document" {
        return Err(RecordError::wrong_root(&root.name, "an ep-patent-document"));
    }
    let sdobi = root.child("SDOBI");
    let at = |path: &str| sdobi.and_then(|s| s.text_at(path));
    let attr = |name: &str| {
        root.attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };

    let doc_number = at("B100/B110")
        .or_else(|| attr("doc-number"))
        .ok_or(RecordError::missing(
            "no publication number (neither B110 nor a doc-number attribute)",
        ))?;
    let kind = at("B100/B130").or_else(|| attr("kind"));
    let country = attr("country").unwrap_or_else(|| "EP".into());
    let number = PatentNumber::new(&country, &doc_number, kind.as_deref()).map_err(|source| {
        RecordError::UnreadableNumber {
            number: doc_number.clone(),
            source,
        }
    })?;
    let lang = attr("lang")
        .or_else(|| sdobi.and_then(|s| s.attr("lang")).map(String::from))
        .or_else(|| at("B200/B260"))
        .map(|l| Lang::new(&l))
        .unwrap_or_default();

    let mut doc = super::patent_document(number, &lang, src);
    doc.biblio.publication_date = at("B100/B140/date")
        .or_else(|| attr("date-publ"))
        .and_then(|d| super::read_date("publication date", &d));
    doc.biblio.application_number = at("B200/B210");
    doc.biblio.filing_date = at("B200/B220/date").and_then(|d| super::read_date("filing date", &d));

    if let Some(s) = sdobi {
        doc.biblio.titles = titles(s, &lang);
        doc.priorities = priorities(s);
        doc.biblio.applicants = names(s, &["B700/B710/B711", "B700/B730/B731"]);
        doc.biblio.inventors = names(s, &["B700/B720/B721"]);
        doc.biblio.ipc = classes(
            s,
            "IPC code",
            &[
                "B500/B510EP/classification-ipcr/text",
                "B500/B510/B511",
                "B500/B510/B512",
                "B500/B510/B513",
            ],
        );
        doc.biblio.cpc = classes(
            s,
            "CPC code",
            &["B500/B520EP/classifications-cpc/classification-cpc/text"],
        );
    }

    for a in root.children_named("abstract") {
        if let Some(text) = a.text_opt() {
            doc.biblio.abstracts.push(LangText {
                lang: lang_of(a, &lang),
                text,
            });
        }
    }
    for d in root.children_named("description") {
        let mut paragraphs = Vec::new();
        collect_paragraphs(d, &mut paragraphs);
        if !paragraphs.is_empty() {
            doc.description.push(Description {
                lang: lang_of(d, &lang),
                paragraphs,
            });
        }
    }
    for c in root.children_named("claims") {
        let claims = read_claims(c);
        if !claims.is_empty() {
            doc.claims.push(ClaimSet {
                lang: lang_of(c, &lang),
                claims,
            });
        }
    }
    Ok(Record::Doc(Box::new(doc)))
}

/// The `lang` attribute of `el`, or the document language.
fn lang_of(el: &Element, fallback: &Lang) -> Lang {
    el.attr("lang")
        .filter(|l| !l.trim().is_empty())
        .map(Lang::new)
        .unwrap_or_else(|| fallback.clone())
}

/// Add `item` to `out` unless it is already there.
pub(crate) fn push_new<T: PartialEq>(out: &mut Vec<T>, item: Option<T>) {
    if let Some(x) = item.filter(|x| !out.contains(x)) {
        out.push(x);
    }
}

/// `B540` holds `B541` (language) / `B542` (title) pairs in sequence.
fn titles(sdobi: &Element, main: &Lang) -> Vec<LangText> {
    let mut out = Vec::new();
    for b540 in sdobi.find_all("B500/B540") {
        let mut lang = main.clone();
        for e in b540.elements() {
            match e.name.as_str() {
                "B541" => lang = e.text_opt().map_or(main.clone(), |l| Lang::new(&l)),
                "B542" => {
                    let text = e.text_opt();
                    push_new(
                        &mut out,
                        text.map(|text| LangText {
                            lang: lang.clone(),
                            text,
                        }),
                    );
                }
                _ => {}
            }
        }
    }
    out
}

/// `B300` holds `B310` (number), `B320` (date), `B330` (country) triples in sequence.
fn priorities(sdobi: &Element) -> Vec<Priority> {
    let mut out: Vec<Priority> = Vec::new();
    for e in sdobi.children_named("B300").flat_map(Element::elements) {
        let text = |child: &str| e.text_at(child).or_else(|| e.text_opt());
        match (e.name.as_str(), out.last_mut()) {
            ("B310", _) => out.push(Priority {
                country: String::new(),
                number: e.text(),
                date: None,
            }),
            ("B320", Some(p)) => {
                p.date = text("date").and_then(|d| super::read_date("priority date", &d))
            }
            ("B330", Some(p)) => p.country = text("ctry").unwrap_or_default(),
            _ => {}
        }
    }
    out.retain(|p| !p.number.is_empty());
    out
}

/// Party names (`snm`, else `name` or `orgname`) at `paths`, without repeats.
fn names(sdobi: &Element, paths: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for party in paths.iter().flat_map(|p| sdobi.find_all(p)) {
        let name = ["snm", "name", "orgname"]
            .iter()
            .find_map(|n| party.text_at(n));
        push_new(&mut out, name);
    }
    out
}

fn classes(sdobi: &Element, what: &'static str, paths: &[&str]) -> Vec<ClassCode> {
    let mut out = Vec::new();
    for e in paths.iter().flat_map(|p| sdobi.find_all(p)) {
        push_new(&mut out, class_noted(what, &e.text()));
    }
    out
}

/// [`class_from_text`], noting text that holds no readable symbol as an unreadable `what`.
pub(crate) fn class_noted(what: &'static str, text: &str) -> Option<ClassCode> {
    let code = class_from_text(text);
    if code.is_none() {
        super::note_unreadable(what, text);
    }
    code
}

/// A classification symbol from the text forms EPO XML uses: IPCR/CPC lines
/// (`A61M  15/08  20060101AFI20171009BHEP`: the symbol before the version date) and pre-2006
/// IPC lines with the edition in front and a main/secondary flag behind (` 7C 07C  29/44   A`,
/// `2A 01N 43/08 -`).
pub(crate) fn class_from_text(text: &str) -> Option<ClassCode> {
    let symbol: String = text
        .split_whitespace()
        .take_while(|t| !(t.len() >= 8 && t.chars().take(8).all(|c| c.is_ascii_digit())))
        .collect();
    let symbol = symbol.trim_start_matches('/');
    let symbol = symbol.trim_start_matches(|c: char| c.is_ascii_digit());
    let symbol = if symbol.contains('/') {
        symbol.trim_end_matches(|c: char| !c.is_ascii_digit())
    } else {
        symbol
    };
    if symbol.is_empty() {
        return None;
    }
    ClassCode::parse(symbol).ok()
}

/// Headings and numbered paragraphs in document order, looking inside wrapper elements.
fn collect_paragraphs(el: &Element, out: &mut Vec<Paragraph>) {
    for e in el.elements() {
        match e.name.as_str() {
            "p" | "heading" => {
                if let Some(text) = e.text_opt() {
                    out.push(Paragraph {
                        num: e
                            .attr("num")
                            .map(str::trim)
                            .filter(|n| !n.is_empty())
                            .map(String::from),
                        heading: e.name == "heading",
                        text,
                    });
                }
            }
            _ => collect_paragraphs(e, out),
        }
    }
}

/// The trailing run of digits of `s` as a number (`0001` → 1, `c-en-01-0003` → 3).
fn trailing_number(s: &str) -> Option<u32> {
    let t = s.trim();
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i)?;
    t.get(start..).unwrap_or_default().parse().ok()
}

fn read_claims(claims: &Element) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for (i, c) in claims.children_named("claim").enumerate() {
        let num = super::claim_number(c, i, trailing_number);
        let text = strip_own_number(&c.text(), num);
        if text.is_empty() {
            continue;
        }
        let refs = c.descendants("claim-ref");
        let mut depends_on: Vec<u32> = if refs.is_empty() {
            referenced_claims(&text, num)
        } else {
            refs.iter()
                .filter_map(|r| {
                    r.attr("idref")
                        .and_then(trailing_number)
                        .or_else(|| trailing_number(&r.text()))
                })
                .filter(|n| *n != num && *n > 0)
                .collect()
        };
        depends_on.sort_unstable();
        depends_on.dedup();
        out.push(Claim {
            num,
            text,
            depends_on,
        });
    }
    out
}

/// Old publications repeat the claim number in the text (`1.) Tetrahydrofuran-Derivate…`).
fn strip_own_number(text: &str, num: u32) -> String {
    let n = num.to_string();
    if let Some(rest) = text.strip_prefix(&n) {
        for sep in [".)", ".", ")"] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r.trim_start().to_string();
            }
        }
    }
    text.to_string()
}

/// "claim 1", "claims 1 to 3", "Ansprüche 8 bis 10", "revendications 7 à 10", "1 or 2"…
static CLAIM_REF: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:claims?|anspr(?:uch|üch|uech)(?:e|en|s|es)?|revendications?)\s+(\d+(?:\s*(?:,|;|-|–|to|through|or|and|and/or|bis|oder|und|sowie|à|a|ou|et)\s*\d+)*)",
    )
    .ok()
});

/// "any preceding claim", "einem der vorstehenden Ansprüche", "revendications précédentes";
/// with a definite article and in the singular ("the preceding claim") only the claim before.
static PRECEDING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(the|dem|la)\s+)?(?:\b(?:preceding|previous|foregoing)\s+claims?|\bvor(?:her|an)?(?:gehenden|stehenden|gegangenen|igen)\s+anspr(?:uch|üch|uech)(?:e|en)?|\brevendications?\s+pr[ée]c[ée]\w*)",
    )
    .ok()
});

static NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\d+").ok());

/// The claims a claim's wording refers back to (numbers below its own only).
fn referenced_claims(text: &str, own: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let (Some(claim_ref), Some(number)) = (CLAIM_REF.as_ref(), NUMBER.as_ref()) else {
        return out;
    };
    for cap in claim_ref.captures_iter(text) {
        let Some(list) = cap.get(1).map(|m| m.as_str()) else {
            continue;
        };
        let mut prev: Option<(u32, usize)> = None;
        for m in number.find_iter(list) {
            let Ok(n) = m.as_str().parse::<u32>() else {
                continue;
            };
            let ranged = prev.and_then(|(p, end)| {
                let sep = list
                    .get(end..m.start())
                    .unwrap_or_default()
                    .trim()
                    .to_lowercase();
                let is_range = ["-", "–", "to", "through", "bis", "à", "a"].contains(&sep.as_str());
                (is_range && p < n && n - p <= 1000).then_some(p)
            });
            match ranged {
                Some(p) => out.extend(p + 1..=n),
                None => out.push(n),
            }
            prev = Some((n, m.end()));
        }
    }
    if let Some(preceding) = PRECEDING.as_ref() {
        for cap in preceding.captures_iter(text) {
            let phrase = cap
                .get(0)
                .map(|m| m.as_str().to_lowercase())
                .unwrap_or_default();
            let plural = phrase.ends_with("claims")
                || phrase.ends_with("che")
                || phrase.ends_with("chen")
                || phrase.contains("revendications");
            if cap.get(1).is_some() && !plural {
                out.push(own.saturating_sub(1));
            } else {
                out.extend(1..own);
            }
        }
    }
    out.retain(|n| *n > 0 && *n < own);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{detect, read_all, xml, Format};
    use crate::model::{Date, Document};
    use std::path::PathBuf;

    fn data_dir() -> Option<PathBuf> {
        crate::ingest::shared_test_data("epo-ep-patent-xml")
    }

    fn one(rel: &str) -> Option<Document> {
        let path = data_dir()?.join(rel);
        let (mut docs, report) = read_all(&path, Format::Ep).unwrap();
        assert!(report.malformed.is_empty(), "{:?}", report.malformed);
        assert_eq!(docs.len(), 1, "{rel}");
        docs.pop()
    }

    fn title<'a>(d: &'a Document, l: &str) -> &'a str {
        d.biblio.title_in(&Lang::new(l)).unwrap_or("")
    }

    fn ipc(s: &str) -> ClassCode {
        ClassCode::parse(s).unwrap()
    }

    fn starts(text: &str, prefix: &str) {
        assert!(
            text.starts_with(prefix),
            "{text:?} should start with {prefix:?}"
        );
    }

    #[test]
    fn grant_v15_reads_biblio_and_three_claim_languages() {
        let Some(d) = one("grant/v1-5-B1.xml") else {
            return;
        };
        assert_eq!(d.biblio.id, "EP3404678B1");
        assert_eq!(d.biblio.kind_code(), Some("B1"));
        assert_eq!(d.biblio.lang, Lang::en());
        assert_eq!(
            title(&d, "en"),
            "HIGH VOLTAGE ASSEMBLY AND METHOD TO OPERATE THE HIGH VOLTAGE ASSEMBLY"
        );
        assert_eq!(
            title(&d, "de"),
            "HOCHSPANNUNGSANORDNUNG UND VERFAHREN ZUM BETREIBEN DER HOCHSPANNUNGSANORDNUNG"
        );
        assert!(title(&d, "fr").starts_with("ENSEMBLE À HAUTE TENSION"));
        assert_eq!(d.biblio.applicants, ["General Electric Technology GmbH"]);
        assert_eq!(d.biblio.inventors, ["HARTHUM, Jörg", "STIRL, Tobias"]);
        assert_eq!(d.biblio.ipc, [ipc("H01F 27/14"), ipc("H01F 27/40")]);
        assert_eq!(d.biblio.publication_date, Date::new(2021, 6, 30));
        assert_eq!(d.biblio.filing_date, Date::new(2017, 5, 17));
        assert_eq!(d.biblio.application_number.as_deref(), Some("17171508.9"));
        assert!(
            d.biblio.abstracts.is_empty(),
            "EP B documents carry no abstract"
        );

        let langs: Vec<&str> = d.claims.iter().map(|c| c.lang.as_str()).collect();
        assert_eq!(langs, ["en", "de", "fr"]);
        let en = &d.claims[0].claims;
        assert!(d.claims.iter().all(|c| c.claims.len() == 12));
        assert_eq!(en[0].num, 1);
        starts(&en[0].text, "A high voltage assembly (2) comprising:");
        assert!(en[0].is_independent());
        assert_eq!(en[1].depends_on, [1]);
        assert_eq!(en[2].depends_on, [1, 2]); // "according to claim 1 or 2"
        assert_eq!(en[4].depends_on, [1, 2, 3, 4]); // "according to any preceding claim"
        assert_eq!(en[5].depends_on, [5]);
        let fr = &d.claims[2].claims;
        starts(&fr[0].text, "Ensemble haute tension (2) comprenant :");
        assert_eq!(fr[2].depends_on, [1, 2]);
        assert_eq!(fr[4].depends_on, [1, 2, 3, 4]); // "selon une quelconque revendication précédente"
        let de = &d.claims[1].claims;
        assert_eq!(de[1].depends_on, [1]); // "nach Anspruch 1"
        assert_eq!(de[4].depends_on, [1, 2, 3, 4]); // "nach einem vorstehenden Anspruch"
        for set in &d.claims {
            let independent = set.claims.iter().filter(|c| c.is_independent());
            assert_eq!(independent.map(|c| c.num).collect::<Vec<_>>(), [1, 7]);
        }

        let desc = &d.description[0];
        assert_eq!(desc.lang, Lang::en());
        assert!(desc.paragraphs[0].heading);
        assert_eq!(desc.paragraphs[0].text, "FIELD OF THE INVENTION");
        assert_eq!(desc.paragraphs[1].num.as_deref(), Some("0001"));
        starts(&desc.paragraphs[1].text, "The present invention relates");
    }

    #[test]
    fn german_grant_and_old_ipc_text() {
        if let Some(d) = one("grant/v1-5-B2.xml") {
            assert_eq!(d.biblio.lang, Lang::de());
            assert_eq!(d.claims[0].lang, Lang::de());
            assert_eq!(d.description[0].lang, Lang::de());
            starts(&d.claims[0].claims[0].text, "Druckmaschine (102)");
            starts(&d.claims[2].claims[0].text, "Machine d'impression (102)");
        }
        if let Some(d) = one("application/v1-0-A1.xml") {
            assert_eq!(d.biblio.id, "EP1325900A1");
            assert_eq!(d.biblio.ipc, [ipc("C07C 29/44"), ipc("C07C 31/38")]);
            assert_eq!(
                d.biblio.title_in(&Lang::en()),
                Some("PROCESS FOR PRODUCING FLUOROALKANOL")
            );
            assert_eq!(d.biblio.applicants, ["ASAHI GLASS COMPANY LTD."]);
            assert_eq!(
                d.priorities,
                [Priority {
                    country: "JP".into(),
                    number: "2000273711".into(),
                    date: Date::new(2000, 9, 8),
                }]
            );
            assert_eq!(d.biblio.abstracts[0].lang, Lang::en());
            starts(
                &d.biblio.abstracts[0].text,
                "A process for producing a fluoroalkanol",
            );
            assert!(d.biblio.abstracts[0]
                .text
                .contains("CHR1R2OH, a radical initiator and CF2=CFRf"));
        }
        if let Some(d) = one("application/v1-1-A1.xml") {
            assert_eq!(d.biblio.id, "EP0000002A1");
            assert_eq!(d.biblio.lang, Lang::de());
            assert!(d.biblio.ipc.contains(&ipc("C07D 307/12")));
            assert!(d.biblio.ipc.contains(&ipc("A01N 43/08")));
            // num="" on the claim: the number comes from its id; the "1.)" prefix is dropped.
            let first = &d.claims[0].claims[0];
            assert_eq!(first.num, 1);
            starts(&first.text, "Tetrahydrofuran-Derivate");
        }
        if let Some(d) = one("application/v1-2-A2.xml") {
            let nums: Vec<&str> = d.priorities.iter().map(|p| p.number.as_str()).collect();
            assert_eq!(nums, ["102006031298", "102006031299"]);
            assert!(d.priorities.iter().all(|p| p.country == "DE"));
            assert_eq!(d.earliest_priority(), Date::new(2006, 6, 29));
        }
        if let Some(d) = one("grant/v1-5-1-B2.xml") {
            assert_eq!(d.biblio.cpc, [ipc("A24C 5/20")]);
        }
    }

    #[test]
    fn every_sample_parses_and_is_detected() {
        let Some(dir) = data_dir() else {
            return;
        };
        let mut files = 0;
        for sub in ["application", "grant"] {
            for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
                let path = entry.unwrap().path();
                assert_eq!(detect(&path).unwrap(), Format::Ep, "{}", path.display());
                let (docs, report) = read_all(&path, Format::Ep).unwrap();
                files += 1;
                assert!(report.malformed.is_empty(), "{:?}", report.malformed);
                assert_eq!(docs.len(), 1, "{}", path.display());
                let d = &docs[0];
                assert!(d.biblio.id.starts_with("EP"), "{}", d.biblio.id);
                assert_eq!(
                    d.biblio.titles.len(),
                    3,
                    "{}: {:?}",
                    d.biblio.id,
                    d.biblio.titles
                );
                assert!(d.biblio.publication_date.is_some(), "{}", d.biblio.id);
                assert!(!d.biblio.inventors.is_empty(), "{}", d.biblio.id);
                if sub == "grant" {
                    assert_eq!(d.claims.len(), 3, "{}", d.biblio.id);
                    assert!(d.claims.iter().all(|c| !c.claims.is_empty()));
                }
            }
        }
        assert_eq!(files, 33);
    }

    #[test]
    fn fixture_claim_refs_languages_and_missing_data() {
        let xml = br#"<?xml version="1.0"?><!DOCTYPE ep-patent-document SYSTEM "x.dtd">
<ep-patent-document lang="en" country="EP" doc-number="1234567" kind="B1">
<SDOBI><B100><B110>1234567</B110><B130>B1</B130><B140><date>20200101</date></B140></B100>
<B500><B540><B541>en</B541><B542>Widget</B542><B541>fr</B541><B542>Bidule</B542></B540></B500></SDOBI>
<claims lang="en"><claim id="c-en-0001" num="0001"><claim-text>A widget.</claim-text></claim>
<claim id="c-en-0002" num="0002"><claim-text>The widget of <claim-ref idref="c-en-0001">claim 1</claim-ref>, red.</claim-text></claim>
<claim id="c-en-0003" num="0003"><claim-text>The widget of claims <claim-ref idref="c-en-0001">1</claim-ref> or <claim-ref idref="c-en-0002">2</claim-ref>, with H<sub>2</sub>O.</claim-text></claim></claims>
<claims lang="fr"><claim id="c-fr-0001" num="0001"><claim-text>Un bidule.</claim-text></claim>
<claim id="c-fr-0002" num="0002"><claim-text>Bidule selon la revendication 1.</claim-text></claim></claims>
</ep-patent-document>"#;
        let root = xml::parse(xml).unwrap();
        let Record::Doc(d) = parse(&root, &SourceRef::default()).unwrap() else {
            panic!("not a document");
        };
        assert_eq!(d.biblio.id, "EP1234567B1");
        assert_eq!(d.biblio.title_in(&Lang::fr()), Some("Bidule"));
        assert_eq!(d.claims.len(), 2);
        let en = &d.claims[0].claims;
        assert!(en[0].is_independent());
        assert_eq!(en[1].depends_on, [1]);
        assert_eq!(en[2].depends_on, [1, 2]);
        assert_eq!(en[2].text, "The widget of claims 1 or 2, with H2O.");
        assert_eq!(d.claims[1].lang, Lang::fr());
        assert_eq!(d.claims[1].claims[1].depends_on, [1]);
        assert!(
            d.biblio.ipc.is_empty()
                && d.biblio.applicants.is_empty()
                && d.biblio.filing_date.is_none()
        );

        // Number from the root attributes when B110 is missing; none at all is an error.
        let root = xml::parse(br#"<ep-patent-document doc-number="0000002" kind="A1"/>"#).unwrap();
        let Record::Doc(d) = parse(&root, &SourceRef::default()).unwrap() else {
            panic!("not a document");
        };
        assert_eq!(d.biblio.id, "EP0000002A1");
        crate::ingest::assert_no_number(
            parse,
            br#"<ep-patent-document lang="en"><SDOBI/></ep-patent-document>"#,
            "no publication number (neither B110 nor a doc-number attribute)",
        );
    }

    #[test]
    fn wording_references_and_class_text() {
        let cases: &[(&str, u32, &[u32])] = &[
            ("Method of claims 1 to 3.", 5, &[1, 2, 3]),
            ("einem der Ansprüche 8 bis 10", 11, &[8, 9, 10]),
            ("l'une des revendications 7 à 10", 11, &[7, 8, 9, 10]),
            ("nach Anspruch 7, 8 oder 9", 10, &[7, 8, 9]),
            ("any of claims 1-5 or claim 9", 10, &[1, 2, 3, 4, 5, 9]),
            ("einem der vorstehenden Ansprüche", 4, &[1, 2, 3]),
            ("nach einem vorstehenden Anspruch", 3, &[1, 2]),
            ("der voranstehenden Ansprüche", 3, &[1, 2]),
            ("une quelconque revendication précédente", 3, &[1, 2]),
            ("according to the preceding claim", 3, &[2]),
            ("selon la revendication précédente", 3, &[2]),
            ("as claimed herein, see claim 4.", 2, &[]),
        ];
        for (text, own, want) in cases {
            let mut got = referenced_claims(text, *own);
            got.sort_unstable();
            got.dedup();
            assert_eq!(&got, want, "{text}");
        }
        let classes = [
            (" 7C 07C  29/44   A", "C07C 29/44"),
            ("2A 01N 43/08 -", "A01N 43/08"),
            ("A61M  15/08        20060101AFI20171009BHEP", "A61M 15/08"),
            ("B60K  17/28        20130101 LA20210830BHEP", "B60K 17/28"),
            ("A61K2800/10", "A61K 2800/10"),
            ("// A01N43/08", "A01N 43/08"),
        ];
        for (text, want) in classes {
            assert_eq!(class_from_text(text), Some(ipc(want)), "{text}");
        }
        assert_eq!(class_from_text("  "), None);
    }
}
