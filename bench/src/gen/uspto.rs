//! A [`Document`] written as a USPTO grant (`us-patent-grant`, DTD v4.5), the way the weekly
//! Red Book bulk files carry them: each document its own `<?xml?>` declaration and DOCTYPE,
//! documents concatenated in one file.

use std::fmt::Write as _;
use tisc::model::{Date, Document};

/// Escape text for element content and double-quoted attributes.
fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn ymd(d: Option<Date>) -> String {
    d.map(|d| format!("{:04}{:02}{:02}", d.year, d.month, d.day))
        .unwrap_or_default()
}

/// One grant, appended to `out`. The document must be a patent with a US number.
pub fn write_grant(out: &mut String, doc: &Document) {
    let number = doc.biblio.number.as_ref();
    let digits = number.map_or("", |n| n.number.as_str());
    let kind = number.and_then(|n| n.kind.as_deref()).unwrap_or("B2");
    let lang = doc.biblio.lang.as_str().to_ascii_uppercase();
    let publ = ymd(doc.biblio.publication_date);
    let produced = ymd(doc
        .biblio
        .publication_date
        .and_then(|d| Date::from_days_since_epoch(d.days_since_epoch() - 15)));
    // Infallible: `write!` to a String cannot fail.
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<!DOCTYPE us-patent-grant SYSTEM \"us-patent-grant-v45-2014-04-03.dtd\" [ ]>\n\
<us-patent-grant lang=\"{lang}\" dtd-version=\"v4.5 2014-04-03\" file=\"US{digits}-{publ}.XML\" status=\"PRODUCTION\" id=\"us-patent-grant\" country=\"US\" date-produced=\"{produced}\" date-publ=\"{publ}\">\n\
<us-bibliographic-data-grant>\n\
<publication-reference>\n<document-id>\n<country>US</country>\n<doc-number>{digits}</doc-number>\n<kind>{kind}</kind>\n<date>{publ}</date>\n</document-id>\n</publication-reference>\n"
    );
    let app = doc.biblio.application_number.as_deref().unwrap_or("");
    let series = app.chars().take(2).collect::<String>();
    let _ = write!(
        out,
        "<application-reference appl-type=\"utility\">\n<document-id>\n<country>US</country>\n<doc-number>{app}</doc-number>\n<date>{}</date>\n</document-id>\n</application-reference>\n\
<us-application-series-code>{series}</us-application-series-code>\n",
        ymd(doc.biblio.filing_date)
    );
    if !doc.priorities.is_empty() {
        out.push_str("<priority-claims>\n");
        for (i, p) in doc.priorities.iter().enumerate() {
            let _ = write!(
                out,
                "<priority-claim sequence=\"{:02}\" kind=\"national\">\n<country>{}</country>\n<doc-number>",
                i + 1,
                p.country
            );
            esc(out, &p.number);
            let _ = write!(
                out,
                "</doc-number>\n<date>{}</date>\n</priority-claim>\n",
                ymd(p.date)
            );
        }
        out.push_str("</priority-claims>\n");
    }
    if !doc.biblio.ipc.is_empty() {
        out.push_str("<classifications-ipcr>\n");
        for c in &doc.biblio.ipc {
            let _ = write!(
                out,
                "<classification-ipcr>\n<ipc-version-indicator><date>20060101</date></ipc-version-indicator>\n<classification-level>A</classification-level>\n\
<section>{}</section>\n<class>{}</class>\n<subclass>{}</subclass>\n<main-group>{}</main-group>\n<subgroup>{}</subgroup>\n\
<symbol-position>F</symbol-position>\n<classification-value>I</classification-value>\n<action-date><date>{publ}</date></action-date>\n\
<generating-office><country>US</country></generating-office>\n<classification-status>B</classification-status>\n<classification-data-source>H</classification-data-source>\n</classification-ipcr>\n",
                c.section,
                c.class.as_deref().unwrap_or(""),
                c.subclass.map(String::from).unwrap_or_default(),
                c.main_group.as_deref().unwrap_or(""),
                c.subgroup.as_deref().unwrap_or("")
            );
        }
        out.push_str("</classifications-ipcr>\n");
    }
    out.push_str("<invention-title id=\"d2e53\">");
    esc(out, doc.biblio.title());
    out.push_str("</invention-title>\n");
    let claims = doc.claims.first().map_or(&[][..], |c| &c.claims[..]);
    let _ = write!(
        out,
        "<number-of-claims>{}</number-of-claims>\n<us-exemplary-claim>1</us-exemplary-claim>\n",
        claims.len()
    );
    parties(out, doc);
    out.push_str("</us-bibliographic-data-grant>\n");
    if let Some(a) = doc.biblio.abstract_text() {
        out.push_str("<abstract id=\"abstract\">\n<p id=\"p-0001\" num=\"0000\">");
        esc(out, a);
        out.push_str("</p>\n</abstract>\n");
    }
    if let Some(desc) = doc.description.first() {
        out.push_str("<description id=\"description\">\n");
        let (mut h, mut p) = (0, 1);
        for para in &desc.paragraphs {
            if para.heading {
                h += 1;
                let _ = write!(out, "<heading id=\"h-{h:04}\" level=\"1\">");
                esc(out, &para.text);
                out.push_str("</heading>\n");
            } else {
                p += 1;
                let _ = write!(
                    out,
                    "<p id=\"p-{p:04}\" num=\"{}\">",
                    para.num.as_deref().unwrap_or("")
                );
                esc(out, &para.text);
                out.push_str("</p>\n");
            }
        }
        out.push_str("</description>\n");
    }
    if !claims.is_empty() {
        let word = super::lang::claim_word(doc.biblio.lang.as_str());
        out.push_str("<claims id=\"claims\">\n");
        for c in claims {
            let _ = write!(
                out,
                "<claim id=\"CLM-{:05}\" num=\"{:05}\">\n<claim-text>{}. ",
                c.num, c.num, c.num
            );
            // A dependent claim's reference is marked up, as the office does.
            let reference = c.depends_on.first().map(|d| (d, format!("{word} {d}")));
            match reference
                .as_ref()
                .and_then(|(d, r)| c.text.split_once(r.as_str()).map(|s| (d, r, s)))
            {
                Some((d, r, (before, after))) => {
                    esc(out, before);
                    let _ = write!(out, "<claim-ref idref=\"CLM-{d:05}\">{r}</claim-ref>");
                    esc(out, after);
                }
                None => esc(out, &c.text),
            }
            out.push_str("</claim-text>\n</claim>\n");
        }
        out.push_str("</claims>\n");
    }
    out.push_str("</us-patent-grant>\n");
}

/// Applicants and inventors (`us-parties`), and the assignee organisation (`assignees`).
fn parties(out: &mut String, doc: &Document) {
    let person = |out: &mut String, name: &str| {
        let (last, first) = name.split_once(", ").unwrap_or((name, ""));
        out.push_str("<addressbook>\n<last-name>");
        esc(out, last);
        out.push_str("</last-name>\n<first-name>");
        esc(out, first);
        out.push_str(
            "</first-name>\n<address>\n<country>US</country>\n</address>\n</addressbook>\n",
        );
    };
    out.push_str("<us-parties>\n<us-applicants>\n");
    for (i, name) in doc.biblio.inventors.iter().enumerate() {
        let _ = writeln!(
            out,
            "<us-applicant sequence=\"{:03}\" app-type=\"applicant-inventor\" designation=\"us-only\">",
            i + 1
        );
        person(out, name);
        out.push_str("<residence>\n<country>US</country>\n</residence>\n</us-applicant>\n");
    }
    out.push_str("</us-applicants>\n<inventors>\n");
    for (i, name) in doc.biblio.inventors.iter().enumerate() {
        let _ = writeln!(
            out,
            "<inventor sequence=\"{:03}\" designation=\"us-only\">",
            i + 1
        );
        person(out, name);
        out.push_str("</inventor>\n");
    }
    out.push_str("</inventors>\n</us-parties>\n");
    let orgs: Vec<&String> = doc
        .biblio
        .applicants
        .iter()
        .filter(|a| !doc.biblio.inventors.contains(a))
        .collect();
    if !orgs.is_empty() {
        out.push_str("<assignees>\n");
        for org in orgs {
            out.push_str("<assignee>\n<addressbook>\n<orgname>");
            esc(out, org);
            out.push_str(
                "</orgname>\n<role>02</role>\n<address>\n<country>US</country>\n</address>\n</addressbook>\n</assignee>\n",
            );
        }
        out.push_str("</assignees>\n");
    }
}
