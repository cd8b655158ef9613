//! A small element tree for one record (one patent, one citation, one article).
//!
//! Bulk files are split into records by [`super::split`] and each record is small enough to
//! hold as a tree, which keeps the format parsers short and declarative. Entities are decoded
//! here: the XML five, character references, and the named entities of the ISO/HTML sets
//! that patent and journal DTDs declare (see [`super::entities`]).

use quick_xml::events::Event;
use quick_xml::Reader;

/// An element: local name (namespace prefix dropped), attributes, children in order.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Elem(Element),
    Text(String),
}

/// Why a record could not be read as XML, with the byte offset inside the record.
#[derive(Debug, Clone, thiserror::Error)]
#[error("malformed XML at byte {offset} of the record: {message}")]
pub struct XmlError {
    pub offset: u64,
    pub message: String,
    /// The record nests deeper than the limit (not worth a repair).
    pub too_deep: bool,
}

fn local(name: &[u8]) -> String {
    let n = match name.iter().position(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(n).into_owned()
}

fn element_from(e: &quick_xml::events::BytesStart<'_>) -> Element {
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = local(a.key.as_ref());
        let raw = String::from_utf8_lossy(&a.value);
        let value = decode_entities_in(&raw);
        attrs.push((key, value));
    }
    Element {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
    }
}

/// Decode `&…;` references inside an attribute value.
fn decode_entities_in(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let after = rest.get(i + 1..).unwrap_or_default();
        match after.find(';') {
            Some(j) if j <= 32 => {
                out.push_str(&resolve_entity(after.get(..j).unwrap_or_default()));
                rest = after.get(j + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text an entity name (without `&` and `;`) stands for; unknown names are kept as
/// written so that nothing silently disappears.
pub fn resolve_entity(name: &str) -> String {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()
        } else {
            num.parse::<u32>().ok()
        };
        return code
            .and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_else(|| format!("&{name};"));
    }
    match super::entities::lookup(name) {
        Some(s) => s.into_owned(),
        None => format!("&{name};"),
    }
}

/// Parse one record into its root element. The XML declaration, DOCTYPE, comments and
/// processing instructions are skipped; DTDs are never fetched.
///
/// Real publications are not always well-formed: a bare `&` in an address is read as
/// text, and a record that still fails is retried once after [`repair`] escapes a `<` that
/// cannot open a tag (`<heading><First Embodiment</heading>`). A record that fails
/// both ways is reported with the first error.
///
/// Elements may nest [`super::limit::max_xml_depth`] levels deep; a deeper record is an
/// error (the tree is built without recursion, and the limit keeps the recursive walks over
/// it — text, search, drop — within a thread's stack).
pub fn parse(bytes: &[u8]) -> Result<Element, XmlError> {
    parse_with_depth(bytes, super::limit::max_xml_depth())
}

/// [`parse`] with a given nesting limit.
pub fn parse_with_depth(bytes: &[u8], max_depth: usize) -> Result<Element, XmlError> {
    match parse_strict(bytes, max_depth) {
        Ok(e) => Ok(e),
        Err(first) if first.too_deep => Err(first),
        Err(first) => match repair(bytes) {
            Some(fixed) => parse_strict(&fixed, max_depth).map_err(|_| first),
            None => Err(first),
        },
    }
}

/// Escape `<` characters that cannot open a tag because another `<` comes before the next
/// `>` (`<heading><First Embodiment</heading>`). `None` when there is nothing to repair.
pub fn repair(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut changed = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let rest = &bytes[i + 1..];
            let gt = memchr::memchr(b'>', rest);
            let lt = memchr::memchr(b'<', rest);
            if matches!((lt, gt), (Some(l), Some(g)) if l < g) {
                out.extend_from_slice(b"&lt;");
                changed = true;
                continue;
            }
        }
        out.push(b);
    }
    changed.then_some(out)
}

fn parse_strict(bytes: &[u8], max_depth: usize) -> Result<Element, XmlError> {
    let mut reader = Reader::from_reader(bytes);
    let cfg = reader.config_mut();
    cfg.check_end_names = true;
    cfg.expand_empty_elements = false;
    cfg.allow_dangling_amp = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut buf = Vec::new();
    let err = |reader: &Reader<&[u8]>, message: String| XmlError {
        offset: reader.buffer_position(),
        message,
        too_deep: false,
    };
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| err(&reader, e.to_string()))?;
        match ev {
            Event::Start(e) => {
                if stack.len() >= max_depth {
                    return Err(XmlError {
                        too_deep: true,
                        ..err(
                            &reader,
                            format!(
                                "elements nested deeper than {max_depth} levels (limit {})",
                                super::limit::ENV_XML_DEPTH
                            ),
                        )
                    });
                }
                stack.push(element_from(&e))
            }
            Event::Empty(e) => {
                let el = element_from(&e);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Elem(el)),
                    None => return Ok(el),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(err(&reader, "end tag without a start tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Elem(done)),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    push_text(top, &String::from_utf8_lossy(t.as_ref()));
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    push_text(top, &String::from_utf8_lossy(t.as_ref()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                    push_text(top, &resolve_entity(&name));
                }
            }
            Event::Eof => {
                return Err(err(
                    &reader,
                    if stack.is_empty() {
                        "no element found".into()
                    } else {
                        format!(
                            "document ends inside <{}>",
                            stack.last().map(|e| e.name.as_str()).unwrap_or("")
                        )
                    },
                ))
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
        buf.clear();
    }
}

fn push_text(el: &mut Element, s: &str) {
    if let Some(Node::Text(prev)) = el.children.last_mut() {
        prev.push_str(s);
    } else {
        el.children.push(Node::Text(s.to_string()));
    }
}

/// Elements whose content is a separate block of text (a space is put around them). MathML
/// token elements (`mi`, `mn`, `mo`) stay inline so that `VO2max` reads as one word.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "heading"
            | "claim-text"
            | "td"
            | "th"
            | "tr"
            | "entry"
            | "row"
            | "li"
            | "list-item"
            | "br"
            | "title"
            | "sec"
            | "div"
            | "para"
            | "caption"
            | "label"
            | "abstract"
            | "AbstractText"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tbody"
            | "thead"
            | "tgroup"
            | "mtd"
            | "mtr"
            | "mtable"
            | "math"
            | "chemistry"
            | "maths"
            | "tables"
            | "claim"
            | "figref"
            | "article-title"
            | "disp-formula"
            | "inline-formula"
            | "def"
            | "term"
            | "fn"
            | "boxed-text"
            | "statement"
            | "verse-line"
            | "event"
            | "description-of-drawings"
            | "ArticleTitle"
            | "Abstract"
    )
}

/// Elements whose content is not readable text (images, TeX source, MathML annotations).
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "img"
            | "graphic"
            | "inline-graphic"
            | "tex-math"
            | "annotation"
            | "annotation-xml"
            | "media"
            | "object-id"
            | "alt-text"
    )
}

/// Shown in the text where a formula (`maths`, `chemistry`, `disp-formula`,
/// `inline-formula`) has no readable text of its own — it is an image or TeX source.
pub const FORMULA: &str = "[formula]";
/// Shown where a table (`tables`) is only an image.
pub const TABLE: &str = "[table]";
/// Shown where an image (`img`, `inline-graphic`) stands in running text.
pub const IMAGE: &str = "[image]";
/// Every placeholder: the index does not take their words as words of the document (a
/// search for `formula` does not find every document with a formula), and the workbench and
/// reports word them in their language.
pub const PLACEHOLDERS: [&str; 3] = [FORMULA, TABLE, IMAGE];

/// The placeholder an element leaves in the text, when it is an image or a formula or
/// table with no readable text (a formula written in MathML keeps its text instead).
fn placeholder(e: &Element) -> Option<&'static str> {
    match e.name.as_str() {
        "img" | "inline-graphic" => Some(IMAGE),
        "maths" | "chemistry" | "disp-formula" | "inline-formula" => {
            (!e.has_readable_text()).then_some(FORMULA)
        }
        "tables" => (!e.has_readable_text()).then_some(TABLE),
        _ => None,
    }
}

impl Element {
    /// Whether the element holds any visible character outside skipped elements and images.
    pub fn has_readable_text(&self) -> bool {
        self.children.iter().any(|n| match n {
            Node::Text(t) => t.chars().any(|c| !c.is_whitespace()),
            Node::Elem(e) => {
                !is_skipped(&e.name) && placeholder(e).is_none() && e.has_readable_text()
            }
        })
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All child elements named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    /// Follow a `/`-separated path of child names; the first match at each step.
    pub fn find(&self, path: &str) -> Option<&Element> {
        let mut cur = self;
        for step in path.split('/').filter(|s| !s.is_empty()) {
            cur = cur.child(step)?;
        }
        Some(cur)
    }

    /// Every element reached by a `/`-separated path of child names (all branches).
    pub fn find_all(&self, path: &str) -> Vec<&Element> {
        let mut cur: Vec<&Element> = vec![self];
        for step in path.split('/').filter(|s| !s.is_empty()) {
            cur = cur
                .into_iter()
                .flat_map(|e| e.elements().filter(move |c| c.name == step))
                .collect();
        }
        cur
    }

    /// The first descendant (depth first, self excluded) named `name`.
    pub fn descendant(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(d) = e.descendant(name) {
                return Some(d);
            }
        }
        None
    }

    /// Every descendant named `name`, in document order, not looking inside a match.
    pub fn descendants(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.collect_descendants(name, &mut out);
        out
    }

    fn collect_descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            } else {
                e.collect_descendants(name, out);
            }
        }
    }

    /// Readable text of the element: entities decoded, block elements separated by spaces,
    /// inline markup (`<sub>`, `<i>`, `<b>`) joined, images and TeX dropped, whitespace
    /// collapsed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut pending = false;
        self.collect_text(&mut out, &mut pending, true);
        out
    }

    /// Like [`Element::text`] but `None` when the result is empty.
    pub fn text_opt(&self) -> Option<String> {
        Some(self.text()).filter(|t| !t.is_empty())
    }

    /// Text of the element at `path`, if any and not empty.
    pub fn text_at(&self, path: &str) -> Option<String> {
        self.find(path).and_then(Element::text_opt)
    }

    /// Append the readable text, collapsing whitespace as it goes (`pending`: a space is due
    /// before the next visible character). With `images` false, images leave no placeholder:
    /// inside a formula written out in MathML an image is only its picture.
    fn collect_text(&self, out: &mut String, pending: &mut bool, images: bool) {
        for n in &self.children {
            match n {
                Node::Text(t) => {
                    for c in t.chars() {
                        if c.is_whitespace() {
                            *pending = !out.is_empty();
                        } else {
                            if *pending {
                                out.push(' ');
                                *pending = false;
                            }
                            out.push(c);
                        }
                    }
                }
                Node::Elem(e) => {
                    let image = matches!(e.name.as_str(), "img" | "inline-graphic");
                    if let Some(mark) = placeholder(e).filter(|_| images || !image) {
                        if !out.is_empty() {
                            out.push(' ');
                        }
                        out.push_str(mark);
                        *pending = true;
                        continue;
                    }
                    if is_skipped(&e.name) {
                        continue;
                    }
                    let block = is_block(&e.name);
                    if block {
                        *pending = !out.is_empty();
                    }
                    let formula = matches!(
                        e.name.as_str(),
                        "maths" | "chemistry" | "disp-formula" | "inline-formula"
                    );
                    e.collect_text(out, pending, images && !formula);
                    if block {
                        *pending = !out.is_empty();
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_markup_and_whitespace_become_readable_text() {
        let xml = br#"<?xml version="1.0"?><!DOCTYPE x SYSTEM "x.dtd"><doc a="caf&#xe9; &amp; co">
            <p>H<sub>2</sub>O &lsquo;quoted&rsquo; &#x000e9;t&eacute;</p><p>next<img file="x.tif"/></p>
            <math><mi>x</mi><mo>=</mo><mn>2</mn></math><tex-math>\alpha</tex-math></doc>"#;
        let root = parse(xml).unwrap();
        assert_eq!(root.attr("a"), Some("café & co"));
        assert_eq!(
            root.text(),
            "H2O \u{2018}quoted\u{2019} été next [image] x=2"
        );
    }

    #[test]
    fn prefixes_are_dropped_and_paths_found() {
        let xml =
            b"<exch:doc><exch:b><c>1</c><c>2</c></exch:b><exch:b><c>3</c></exch:b></exch:doc>";
        let root = parse(xml).unwrap();
        assert_eq!(root.name, "doc");
        assert_eq!(root.text_at("b/c").as_deref(), Some("1"));
        let all: Vec<String> = root.find_all("b/c").iter().map(|e| e.text()).collect();
        assert_eq!(all, ["1", "2", "3"]);
        assert_eq!(root.descendants("c").len(), 3);
    }

    #[test]
    fn broken_xml_reports_an_error_not_a_panic() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"").is_err());
    }

    #[test]
    fn stray_ampersands_and_less_than_signs_are_repaired() {
        let root = parse(b"<a><n>Dummett Copp & Co.</n><h><First Embodiment</h></a>").unwrap();
        assert_eq!(root.text_at("n").as_deref(), Some("Dummett Copp & Co."));
        assert_eq!(root.text_at("h").as_deref(), Some("<First Embodiment"));
        assert!(
            parse(b"<a><b>x</a>").is_err(),
            "a real nesting error is not papered over"
        );
    }

    /// What the recursive walks over a tree (text, descendants, the format parsers, drop)
    /// need at the deepest nesting allowed must fit a worker thread's 2 MiB stack; a deeper
    /// record is refused without building it.
    #[test]
    fn deep_nesting_is_safe_on_a_2_mib_stack() {
        use crate::ingest::limit::MAX_XML_DEPTH_CAP;
        use crate::ingest::{parse_record, Format};
        let worker = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let nest = |depth: usize, inner: &str| {
                    format!("{}{inner}{}", "<i>".repeat(depth), "</i>".repeat(depth))
                };
                // At the cap (minus the record's own levels): parsed and walked.
                let deep = nest(MAX_XML_DEPTH_CAP - 10, "pump");
                let root = parse_with_depth(deep.as_bytes(), MAX_XML_DEPTH_CAP).unwrap();
                assert_eq!(root.text(), "pump");
                assert!(root.descendant("none").is_none());
                drop(root);
                let records = [
                    (Format::Pubmed, format!("<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>{deep}</ArticleTitle></Article></MedlineCitation></PubmedArticle>")),
                    (Format::Uspto, format!("<us-patent-grant><us-bibliographic-data-grant>{deep}</us-bibliographic-data-grant><abstract>{deep}</abstract></us-patent-grant>")),
                    (Format::Ep, format!("<ep-patent-document><SDOBI>{deep}</SDOBI><description>{deep}</description></ep-patent-document>")),
                    (Format::Docdb, format!("<exchange-document><bibliographic-data>{deep}</bibliographic-data></exchange-document>")),
                    (Format::Jats, format!("<article><front>{deep}</front><body>{deep}</body></article>")),
                ];
                for (format, xml) in &records {
                    let src = crate::model::SourceRef::default();
                    let parsed = crate::ingest::parse_xml_record_at(*format, xml.as_bytes(), &src, MAX_XML_DEPTH_CAP);
                    drop(parsed);
                }
                // Far past it: an error, nothing built.
                let hostile = nest(25_000, "x");
                let e = parse_with_depth(hostile.as_bytes(), MAX_XML_DEPTH_CAP).unwrap_err();
                assert!(e.message.contains("nested deeper than"), "{e}");
                assert!(parse_record(Format::Pubmed, hostile.as_bytes(), &Default::default()).is_err());
            })
            .unwrap();
        assert!(worker.join().is_ok(), "the worker thread survived");
    }

    #[test]
    fn unknown_entities_are_kept_visible() {
        let root = parse(b"<a>x &nosuch; y</a>").unwrap();
        assert_eq!(root.text(), "x &nosuch; y");
    }
}
