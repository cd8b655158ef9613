//! Turning a corpus's remote source into the list of files to fetch: explicit URLs, plus the
//! links of listing pages (a web server's directory index) whose file names match a glob.

use super::fetch::Fetcher;
use crate::corpus::RemoteSource;
use reqwest::Url;
use std::collections::HashSet;
use std::sync::Arc;

/// One remote file and the local name it is stored under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFile {
    pub url: String,
    pub name: String,
    /// Where its published checksum is, when the source names a companion suffix.
    pub checksum_url: Option<String>,
}

/// Listing pages are read up to this size.
const LISTING_LIMIT: u64 = 32 << 20;

/// The local file name for a URL: its last path segment, percent-decoded, when that is a
/// plain file name (no separators, not `.`/`..`, not one of tisc's own `.tisc*` files).
pub fn file_name(url: &Url) -> Option<String> {
    let last = url.path_segments()?.next_back()?;
    let decoded = percent_decode(last)?;
    let plain = !decoded.is_empty()
        && decoded != "."
        && decoded != ".."
        && !decoded.starts_with(".tisc")
        && !decoded.contains(['/', '\\', '\0']);
    plain.then_some(decoded)
}

/// Strict percent-decoding: a `%` not followed by two hex digits refuses the whole name. (The
/// `percent-encoding` crate passes such a sequence through as it is, which would let a
/// malformed link through as a file name; this is the one reason for the few lines here.)
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A URL tisc cannot fetch from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// The URL parser's reason.
    #[error("{0}")]
    Malformed(String),
    #[error("scheme `{0}` (use http or https)")]
    Scheme(String),
}

/// Parse an http(s) URL.
pub fn parse_url(s: &str) -> Result<Url, UrlError> {
    let url = Url::parse(s.trim()).map_err(|e| UrlError::Malformed(e.to_string()))?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        other => Err(UrlError::Scheme(other.to_string())),
    }
}

/// The targets of `href` attributes in an HTML page, resolved against `base`.
pub fn links(base: &Url, html: &str) -> Vec<Url> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower.get(at..).unwrap_or_default().find("href") {
        let start = at + i + 4;
        at = start;
        let rest = html.get(start..).unwrap_or_default().trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let (quote, rest) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), rest.get(1..).unwrap_or_default()),
            _ => (None, rest),
        };
        let end = match quote {
            Some(q) => rest.find(q),
            None => rest.find(|c: char| c.is_whitespace() || c == '>'),
        };
        let Some(end) = end else { continue };
        let target = rest.get(..end).unwrap_or_default().replace("&amp;", "&");
        if target.contains('?') || target.starts_with('#') {
            continue;
        }
        if let Ok(u) = base.join(&target) {
            out.push(u);
        }
    }
    out
}

/// The files of a remote source, and what stood in the way of listing them all.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<RemoteFile>,
    /// Listing pages that could not be read (not found, an error status, unreachable),
    /// each naming the URL and the cause.
    pub listing_errors: Vec<String>,
    /// Other problems: a bad URL or pattern, a listing without matching files, two URLs
    /// with the same file name.
    pub problems: Vec<String>,
}

/// Resolve a remote source into its files. Problems are returned beside the files that
/// could be planned.
pub fn plan(remote: &RemoteSource, fetcher: &Fetcher<'_>) -> Plan {
    let mut urls: Vec<Url> = Vec::new();
    let mut problems = Vec::new();
    let mut listing_errors = Vec::new();
    for u in &remote.urls {
        match parse_url(u) {
            Ok(url) => urls.push(url),
            Err(e) => problems.push(format!("{u}: {e}")),
        }
    }
    let mut lists = Vec::new();
    if let Some(l) = &remote.list_url {
        lists.push((
            l.clone(),
            remote.pattern.clone().unwrap_or_else(|| "*".into()),
        ));
    }
    lists.extend(
        remote
            .lists
            .iter()
            .map(|l| (l.url.clone(), l.pattern.clone())),
    );
    for (list, pattern) in lists {
        let glob = match glob::Pattern::new(&pattern) {
            Ok(g) => g,
            Err(e) => {
                problems.push(format!("pattern `{pattern}`: {e}"));
                continue;
            }
        };
        let base = match parse_url(&list) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{list}: {e}"));
                continue;
            }
        };
        (fetcher.events)(super::Event::Listing { url: list.clone() });
        let label: Arc<str> = Arc::from(list.as_str());
        match fetcher.get_small(base.as_str(), &label, LISTING_LIMIT) {
            Ok(Some(body)) => {
                let html = String::from_utf8_lossy(&body);
                let mut found: Vec<Url> = links(&base, &html)
                    .into_iter()
                    .filter(|u| file_name(u).is_some_and(|n| glob.matches(&n)))
                    .collect();
                if found.is_empty() {
                    problems.push(format!("listing {list}: no file matches `{pattern}`"));
                }
                urls.append(&mut found);
            }
            Ok(None) => listing_errors.push(format!("listing {list}: HTTP 404 Not Found")),
            Err(e) => listing_errors.push(format!("listing {list}: {e}")),
        }
    }
    let mut seen_urls = HashSet::new();
    let mut names: std::collections::HashMap<String, String> = Default::default();
    let mut files = Vec::new();
    for url in urls {
        if !seen_urls.insert(url.as_str().to_string()) {
            continue;
        }
        let Some(name) = file_name(&url) else {
            problems.push(format!("{url}: no file name to store it under"));
            continue;
        };
        if let Some(first) = names.get(&name) {
            problems.push(format!(
                "{url}: same file name `{name}` as {first}; not fetched"
            ));
            continue;
        }
        names.insert(name.clone(), url.to_string());
        let checksum_url = remote
            .checksum_suffix
            .as_ref()
            .filter(|s| !s.is_empty())
            .map(|s| format!("{url}{s}"));
        files.push(RemoteFile {
            url: url.to_string(),
            name,
            checksum_url,
        });
    }
    Plan {
        files,
        listing_errors,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_index_links_resolve_and_filter() {
        let base = Url::parse("https://example.org/pubmed/baseline/").unwrap();
        let html = r#"<html><a href="?C=N;O=D">Name</a> <a href="../">Parent</a>
            <a href="pubmed24n0001.xml.gz">pubmed24n0001.xml.gz</a>
            <a HREF='pubmed24n0001.xml.gz.md5'>md5</a>
            <a href=pubmed24n0002.xml.gz>2</a>
            <a href="https://example.org/other/x.zip">x</a></html>"#;
        let got: Vec<String> = links(&base, html).iter().map(Url::to_string).collect();
        assert_eq!(
            got,
            [
                "https://example.org/pubmed/",
                "https://example.org/pubmed/baseline/pubmed24n0001.xml.gz",
                "https://example.org/pubmed/baseline/pubmed24n0001.xml.gz.md5",
                "https://example.org/pubmed/baseline/pubmed24n0002.xml.gz",
                "https://example.org/other/x.zip",
            ]
        );
        let glob = glob::Pattern::new("pubmed24n*.xml.gz").unwrap();
        let names: Vec<String> = links(&base, html)
            .iter()
            .filter_map(file_name)
            .filter(|n| glob.matches(n))
            .collect();
        assert_eq!(names, ["pubmed24n0001.xml.gz", "pubmed24n0002.xml.gz"]);
    }

    #[test]
    fn file_names_are_plain_or_refused() {
        let name = |s: &str| file_name(&Url::parse(s).unwrap());
        assert_eq!(
            name("http://h/a/ipg240102.zip").as_deref(),
            Some("ipg240102.zip")
        );
        assert_eq!(
            name("http://h/a/my%20file.xml").as_deref(),
            Some("my file.xml")
        );
        assert_eq!(name("http://h/a/"), None);
        assert_eq!(name("http://h/a/..%2Fx"), None);
        assert_eq!(name("http://h/.tisc-manifest.json"), None);
        assert!(parse_url("ftp://h/x").is_err());
    }
}
