//! Formulas, chemical structures, image tables and images leave a visible placeholder in
//! the text of EP, USPTO and JATS documents instead of vanishing.

use super::xml::{self, FORMULA, IMAGE, TABLE};
use super::{ep, jats, uspto, Record};
use crate::model::{Document, SourceRef};

fn read(
    parse: fn(&xml::Element, &SourceRef) -> Result<Record, super::RecordError>,
    text: &str,
) -> Document {
    let root = xml::parse(text.as_bytes()).unwrap();
    match parse(&root, &SourceRef::default()).unwrap() {
        Record::Doc(d) => *d,
        _ => panic!("not a document"),
    }
}

fn paragraphs(d: &Document) -> Vec<&str> {
    d.description
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text.as_str()))
        .collect()
}

#[test]
fn ep_maths_chemistry_and_image_tables_leave_placeholders() {
    let d = read(
        ep::parse,
        r#"<ep-patent-document lang="en" country="EP" doc-number="0546210" kind="B2">
<description lang="en">
<p id="p0001" num="0001">The compound of formula (I) <chemistry id="chem0001" num="0001"><img id="ib0001" file="imgb0001.tif" wi="50" he="30" img-content="chem" img-format="tif"/></chemistry> is stable.</p>
<p id="p0002" num="0002">The flow obeys <maths id="math0001" num="(1)"><img id="ib0002" file="imgb0002.tif" img-content="math" img-format="tif"/></maths> at rest.</p>
<p id="p0003" num="0003">Written out: <maths id="math0002" num="(2)"><math><mi>Q</mi><mo>=</mo><mi>v</mi><mi>A</mi></math><img id="ib0005" file="imgb0005.tif" img-content="math" img-format="tif"/></maths>.</p>
<p id="p0004" num="0004">Results: <tables id="tabl0001" num="0001"><img id="ib0003" file="imgb0003.tif" img-content="table" img-format="tif"/></tables></p>
</description>
<claims id="claims01" lang="en"><claim id="c-en-0001" num="0001"><claim-text>A salt of the compound <chemistry id="chem0002" num="0002"><img id="ib0004" file="imgb0004.tif"/></chemistry>.</claim-text></claim></claims>
</ep-patent-document>"#,
    );
    assert_eq!(d.biblio.id, "EP0546210B2");
    assert_eq!(
        paragraphs(&d),
        [
            format!("The compound of formula (I) {FORMULA} is stable."),
            format!("The flow obeys {FORMULA} at rest."),
            "Written out: Q=vA .".to_string(),
            format!("Results: {TABLE}"),
        ]
    );
    assert_eq!(
        d.claims[0].claims[0].text,
        format!("A salt of the compound {FORMULA} .")
    );
}

#[test]
fn uspto_chemistry_and_inline_images_leave_placeholders() {
    let d = read(
        uspto::parse,
        r#"<us-patent-grant lang="EN"><us-bibliographic-data-grant><publication-reference><document-id><country>US</country><doc-number>07000001</doc-number><kind>B1</kind><date>20060101</date></document-id></publication-reference><invention-title>Solar pump</invention-title></us-bibliographic-data-grant>
<description id="description"><p id="p-0001" num="0001">A dye of formula <chemistry id="CHEM-US-00001" num="00001"><img id="EMI-C00001" file="US07000001-20060101-C00001.TIF" img-content="chem" img-format="tif"/></chemistry> and a logo <img id="EMI-00001" file="x.TIF"/> here.</p></description>
<claims id="claims"><claim id="CLM-00001" num="00001"><claim-text>1. A pump wherein <maths id="MATH-US-00001" num="00001"><img id="EMI-M00001" file="m.TIF"/></maths> holds.</claim-text></claim></claims>
</us-patent-grant>"#,
    );
    assert_eq!(
        paragraphs(&d),
        [format!(
            "A dye of formula {FORMULA} and a logo {IMAGE} here."
        )]
    );
    assert!(
        d.claims[0].claims[0]
            .text
            .contains(&format!("wherein {FORMULA} holds")),
        "{}",
        d.claims[0].claims[0].text
    );
}

#[test]
fn jats_display_and_inline_formulas_and_graphics_leave_placeholders() {
    let d = read(
        jats::parse,
        r#"<article xmlns:mml="http://www.w3.org/1998/Math/MathML"><front><article-meta><article-id pub-id-type="pmc">PMC9</article-id><title-group><article-title>Flow</article-title></title-group></article-meta></front>
<body><p>Speed <inline-formula><tex-math>v = Q/A</tex-math></inline-formula> is measured.</p>
<disp-formula id="e1"><label>(1)</label><tex-math>Q = vA</tex-math></disp-formula>
<disp-formula id="e2"><label>(2)</label><mml:math><mml:mi>P</mml:mi><mml:mo>=</mml:mo><mml:mi>F</mml:mi></mml:math></disp-formula>
<graphic xlink:href="scheme.tif"/>
<p>End.</p></body></article>"#,
    );
    assert_eq!(
        paragraphs(&d),
        [
            format!("Speed {FORMULA} is measured."),
            format!("{FORMULA} (1)"),
            "P=F (2)".to_string(),
            IMAGE.to_string(),
            "End.".to_string(),
        ]
    );
}
