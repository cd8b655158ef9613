//! A small HTTP/1.1 file server on 127.0.0.1 for the mirror's tests and benchmark: files
//! held in memory, directory listings, ETag / Last-Modified, conditional and Range requests,
//! forward-proxy requests, an optional bandwidth cap — and faults on demand (an error
//! status, a connection dropped or stalled mid-body, Range ignored, a slow trickle, a login
//! page instead of the file, a body without end, a Content-Length that lies, a redirect).
//!
//! It binds the loopback address only, serves until dropped, and every wait in it is
//! bounded, so a test that forgets it cannot hang.

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tisc::mirror::Throttle;

/// A fault for the next request of a path (queued; each request takes one).
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Answer with this status and a short body.
    Status(u16),
    /// Send the headers and this many body bytes, then drop the connection.
    DropAfter(u64),
    /// Send this many body bytes, then send nothing more (until the client gives up).
    StallAfter(u64),
    /// Answer 200 with a short HTML login page instead of the file.
    LoginPage,
    /// Answer 200 without Content-Length and stream bytes without end (until the client
    /// hangs up, [`ENDLESS_MAX`] bytes or 30 s have passed).
    Endless,
    /// Announce a Content-Length this many bytes short of the file, send the whole file,
    /// and close the connection.
    ShortLength(u64),
    /// Answer 302 with this `Location`.
    Redirect(String),
}

/// The login page of [`Fault::LoginPage`].
pub const LOGIN_PAGE: &str =
    "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form action=\"/login\" method=\"post\">User <input name=\"u\"> Password <input name=\"p\" type=\"password\"></form></body></html>\n";

/// Most bytes an endless body sends before the server gives up on the client.
pub const ENDLESS_MAX: u64 = 4 << 30;

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub path: String,
    pub range: Option<String>,
    pub if_range: Option<String>,
    /// It carried `If-None-Match` or `If-Modified-Since`.
    pub conditional: bool,
    /// It came in proxy form (`GET http://host/path`).
    pub proxied: bool,
    pub status: u16,
}

struct Resource {
    body: Arc<Vec<u8>>,
    etag: String,
    last_modified: String,
}

#[derive(Default)]
struct Behaviour {
    ignore_range: bool,
    trickle: Option<(usize, Duration)>,
    faults: VecDeque<Fault>,
}

#[derive(Default)]
struct State {
    files: Mutex<HashMap<String, Resource>>,
    behaviour: Mutex<HashMap<String, Behaviour>>,
    log: Mutex<Vec<Request>>,
    throttle: Mutex<Option<Arc<Throttle>>>,
    version: AtomicU64,
    stop: AtomicBool,
}

/// The server; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
    accept: Option<JoinHandle<()>>,
}

/// Longest a stalled response or an idle connection is held.
const MAX_HOLD: Duration = Duration::from_secs(30);

impl Server {
    /// Listen on an ephemeral port of 127.0.0.1.
    pub fn start() -> io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::default());
        let st = state.clone();
        let accept = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.stop.load(Ordering::Relaxed) {
                    break;
                }
                if let Ok(stream) = conn {
                    let st = st.clone();
                    std::thread::spawn(move || {
                        let _ = serve_connection(stream, &st);
                    });
                }
            }
        });
        Ok(Server {
            addr,
            state,
            accept: Some(accept),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }

    /// Serve `bytes` at `path` (replacing what was there, with new validators).
    pub fn put(&self, path: &str, bytes: Vec<u8>) {
        let v = self.state.version.fetch_add(1, Ordering::Relaxed) + 1;
        let r = Resource {
            etag: format!("\"{:x}-{v}\"", bytes.len()),
            last_modified: http_date(1_700_000_000 + v as i64 * 60),
            body: Arc::new(bytes),
        };
        if let Ok(mut f) = self.state.files.lock() {
            f.insert(key(path), r);
        }
    }

    pub fn remove(&self, path: &str) {
        if let Ok(mut f) = self.state.files.lock() {
            f.remove(&key(path));
        }
    }

    fn behave(&self, path: &str, f: impl FnOnce(&mut Behaviour)) {
        if let Ok(mut b) = self.state.behaviour.lock() {
            f(b.entry(key(path)).or_default());
        }
    }

    /// Queue a fault for the next request of `path`.
    pub fn fault(&self, path: &str, fault: Fault) {
        self.behave(path, |b| b.faults.push_back(fault));
    }

    /// Answer every request of `path` in full, ignoring Range.
    pub fn ignore_range(&self, path: &str) {
        self.behave(path, |b| b.ignore_range = true);
    }

    /// Send `path` in chunks of `chunk` bytes with `pause` between them.
    pub fn trickle(&self, path: &str, chunk: usize, pause: Duration) {
        self.behave(path, |b| b.trickle = Some((chunk.max(1), pause)));
    }

    /// Cap the bandwidth of all responses together (bytes per second), or lift the cap.
    pub fn set_rate(&self, bytes_per_sec: Option<u64>) {
        if let Ok(mut t) = self.state.throttle.lock() {
            *t = bytes_per_sec.map(|r| Arc::new(Throttle::new(r)));
        }
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.state.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The requests of one path.
    pub fn requests_for(&self, path: &str) -> Vec<Request> {
        let k = key(path);
        self.requests()
            .into_iter()
            .filter(|r| r.path == k)
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

fn key(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

/// An HTTP date (`Tue, 14 Nov 2023 22:13:20 GMT`) for a Unix time (empty past the year 9999).
pub fn http_date(secs: i64) -> String {
    tisc::model::time::Timestamp::from_unix(secs).map_or_else(String::new, |t| t.http_date())
}

struct Parsed {
    method: String,
    path: String,
    proxied: bool,
    headers: HashMap<String, String>,
}

fn read_request(r: &mut BufReader<TcpStream>) -> io::Result<Option<Parsed>> {
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (path, proxied) = match target.strip_prefix("http://") {
        Some(rest) => (
            rest.find('/').map_or("/".to_string(), |i| {
                rest.get(i..).unwrap_or_default().to_string()
            }),
            true,
        ),
        None => (target, false),
    };
    Ok(Some(Parsed {
        method,
        path,
        proxied,
        headers,
    }))
}

fn serve_connection(stream: TcpStream, st: &State) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    let opened = Instant::now();
    while !st.stop.load(Ordering::Relaxed) && opened.elapsed() < MAX_HOLD * 10 {
        let req = match read_request(&mut reader) {
            Ok(Some(r)) => r,
            Ok(None) => return Ok(()),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                continue
            }
            Err(e) => return Err(e),
        };
        if !respond(&mut out, &req, st)? {
            let _ = out.shutdown(Shutdown::Both);
            return Ok(());
        }
    }
    Ok(())
}

fn log(st: &State, req: &Parsed, status: u16) {
    let h = |k: &str| req.headers.get(k).cloned();
    if let Ok(mut l) = st.log.lock() {
        l.push(Request {
            path: req.path.clone(),
            range: h("range"),
            if_range: h("if-range"),
            conditional: h("if-none-match").is_some() || h("if-modified-since").is_some(),
            proxied: req.proxied,
            status,
        });
    }
}

fn head(out: &mut TcpStream, status: u16, extra: &[(&str, String)], len: u64) -> io::Result<()> {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut h = format!("HTTP/1.1 {status} {reason}\r\nContent-Length: {len}\r\n");
    for (k, v) in extra {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    h.push_str("\r\n");
    out.write_all(h.as_bytes())
}

/// Answer one request; `Ok(false)` closes the connection.
fn respond(out: &mut TcpStream, req: &Parsed, st: &State) -> io::Result<bool> {
    let fault = st
        .behaviour
        .lock()
        .ok()
        .and_then(|mut b| b.get_mut(&req.path).and_then(|b| b.faults.pop_front()));
    match &fault {
        Some(Fault::Status(code)) => {
            log(st, req, *code);
            let body = format!("injected {code}\n");
            head(out, *code, &[], body.len() as u64)?;
            out.write_all(body.as_bytes())?;
            return Ok(true);
        }
        Some(Fault::LoginPage) => {
            log(st, req, 200);
            let extra = [("Content-Type", "text/html".to_string())];
            head(out, 200, &extra, LOGIN_PAGE.len() as u64)?;
            out.write_all(LOGIN_PAGE.as_bytes())?;
            return Ok(true);
        }
        Some(Fault::Redirect(location)) => {
            log(st, req, 302);
            head(out, 302, &[("Location", location.clone())], 0)?;
            return Ok(true);
        }
        Some(Fault::Endless) => {
            log(st, req, 200);
            out.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")?;
            let chunk = vec![b'x'; 64 << 10];
            let started = Instant::now();
            let mut sent = 0;
            while sent < ENDLESS_MAX
                && started.elapsed() < MAX_HOLD
                && !st.stop.load(Ordering::Relaxed)
            {
                out.write_all(&chunk)?;
                sent += chunk.len() as u64;
            }
            return Ok(false);
        }
        _ => {}
    }
    if req.path.ends_with('/') {
        let html = listing(st, &req.path);
        log(st, req, 200);
        head(
            out,
            200,
            &[("Content-Type", "text/html".into())],
            html.len() as u64,
        )?;
        out.write_all(html.as_bytes())?;
        return Ok(true);
    }
    let found = st.files.lock().ok().and_then(|f| {
        f.get(&req.path)
            .map(|r| (r.body.clone(), r.etag.clone(), r.last_modified.clone()))
    });
    let Some((body, etag, last_modified)) = found else {
        log(st, req, 404);
        head(out, 404, &[], 10)?;
        out.write_all(b"not found\n")?;
        return Ok(true);
    };
    let (ignore_range, trickle) = st
        .behaviour
        .lock()
        .ok()
        .and_then(|b| b.get(&req.path).map(|b| (b.ignore_range, b.trickle)))
        .unwrap_or((false, None));
    let h = |k: &str| req.headers.get(k).map(String::as_str);
    let validators = [
        ("ETag", etag.clone()),
        ("Last-Modified", last_modified.clone()),
    ];
    let len = body.len() as u64;
    let range_start = h("range")
        .filter(|_| !ignore_range)
        .filter(|_| h("if-range").is_none_or(|v| v == etag || v == last_modified))
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.split_once('-'))
        .and_then(|(a, _)| a.trim().parse::<u64>().ok());
    let not_modified = h("range").is_none()
        && (h("if-none-match") == Some(etag.as_str())
            || h("if-modified-since") == Some(last_modified.as_str()));
    if not_modified {
        log(st, req, 304);
        head(out, 304, &validators, 0)?;
        return Ok(true);
    }
    let (status, start) = match range_start {
        Some(s) if s >= len => {
            log(st, req, 416);
            head(out, 416, &[("Content-Range", format!("bytes */{len}"))], 0)?;
            return Ok(true);
        }
        Some(s) => (206, s),
        None => (200, 0),
    };
    log(st, req, status);
    let mut extra = validators.to_vec();
    extra.push((
        "Accept-Ranges",
        if ignore_range { "none" } else { "bytes" }.into(),
    ));
    if status == 206 {
        extra.push(("Content-Range", format!("bytes {start}-{}/{len}", len - 1)));
    }
    let announced = match fault {
        Some(Fault::ShortLength(n)) => (len - start).saturating_sub(n),
        _ => len - start,
    };
    head(out, status, &extra, announced)?;
    if req.method == "HEAD" {
        return Ok(true);
    }
    let stop_at = match fault {
        Some(Fault::DropAfter(n)) | Some(Fault::StallAfter(n)) => (start + n).min(len),
        _ => len,
    };
    let throttle = st.throttle.lock().ok().and_then(|t| t.clone());
    let chunk = match (trickle, &throttle) {
        (Some((c, _)), _) => c,
        (None, Some(_)) => 16 << 10,
        (None, None) => 256 << 10,
    };
    let mut at = start as usize;
    while at < stop_at as usize {
        let end = (at + chunk).min(stop_at as usize);
        if let Some(t) = &throttle {
            t.take(end - at);
        }
        out.write_all(&body[at..end])?;
        at = end;
        if let Some((_, pause)) = trickle {
            std::thread::sleep(pause);
        }
    }
    match fault {
        Some(Fault::DropAfter(_)) | Some(Fault::ShortLength(_)) => Ok(false),
        Some(Fault::StallAfter(_)) => {
            let held = Instant::now();
            while !st.stop.load(Ordering::Relaxed) && held.elapsed() < MAX_HOLD {
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(false)
        }
        _ => Ok(true),
    }
}

fn listing(st: &State, dir: &str) -> String {
    let mut names: Vec<String> = st
        .files
        .lock()
        .map(|f| {
            f.keys()
                .filter_map(|k| k.strip_prefix(dir))
                .filter(|rest| !rest.contains('/'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut html = format!(
        "<html><head><title>Index of {dir}</title></head><body><h1>Index of {dir}</h1>\n\
         <a href=\"?C=M;O=A\">Last modified</a> <a href=\"../\">Parent Directory</a><br>\n"
    );
    for n in names {
        html.push_str(&format!("<a href=\"{n}\">{n}</a><br>\n"));
    }
    html.push_str("</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates_are_rfc_7231() {
        assert_eq!(super::http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            super::http_date(1_700_000_000),
            "Tue, 14 Nov 2023 22:13:20 GMT"
        );
    }
}
