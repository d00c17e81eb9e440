//! A small static file server (std only) for `www/`: HTTP/1.1, GET and HEAD,
//! one thread per connection, `Connection: close` after every response.
//!
//! `cargo xtask serve` runs it in the foreground; `cargo xtask test` and
//! `cargo xtask bench --browser` run it on a free port in a background thread
//! ([`Server::spawn`]).

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use codec::percent::decode_strict as percent_decode;

use crate::util::Result;

/// Longest request head we accept (request line plus headers).
const MAX_HEAD: u64 = 64 * 1024;
/// Idle clients (e.g. Chromium's pre-connected sockets) are dropped after this.
const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// A bound listener and the directory it serves, at `/` or under a folder.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    root: PathBuf,
    port: u16,
    mount: String,
}

/// Where the directory is served: its root, and the URL path it answers
/// under (`/`, or a folder such as `/playground/`).
#[derive(Debug)]
struct Site {
    root: PathBuf,
    mount: String,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0 picks a free port) to serve `root`.
    pub fn bind(root: &Path, port: u16) -> Result<Server> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("cannot serve {}: {e}", root.display()))?;
        if !root.is_dir() {
            return Err(format!("cannot serve {}: not a directory", root.display()));
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| {
            if e.kind() == io::ErrorKind::AddrInUse {
                let other = port.checked_add(1).unwrap_or(0);
                format!("port {port} is in use; try `cargo xtask serve --port {other}`")
            } else {
                format!("cannot listen on 127.0.0.1:{port}: {e}")
            }
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| format!("cannot read the listening address: {e}"))?
            .port();
        Ok(Server {
            listener,
            root,
            port,
            mount: "/".to_string(),
        })
    }

    /// Serves the directory under `folder` (e.g. `/playground/`) instead of
    /// at `/`, as a host that gives the site a folder of its own: everything
    /// else is not found. The tests serve it so, to see that the page asks
    /// only for paths relative to itself.
    pub fn mounted(mut self, folder: &str) -> Server {
        let trimmed = folder.trim_matches('/');
        self.mount = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn url(&self) -> String {
        url(self.port, &self.mount)
    }

    fn site(root: PathBuf, mount: String) -> Arc<Site> {
        Arc::new(Site { root, mount })
    }

    /// Serves until the process is stopped, logging every request.
    pub fn run(self) -> Result {
        let stop = AtomicBool::new(false);
        accept_loop(
            &self.listener,
            &Server::site(self.root, self.mount),
            true,
            &stop,
        );
        Err("the server stopped accepting connections".to_string())
    }

    /// Serves in a background thread, quietly, until [`Running::stop`] (or
    /// drop).
    pub fn spawn(self) -> Result<Running> {
        let stop = Arc::new(AtomicBool::new(false));
        let port = self.port;
        let address = self.url();
        let thread = {
            let stop = Arc::clone(&stop);
            let site = Server::site(self.root, self.mount);
            thread::Builder::new()
                .name("static-server".to_string())
                .spawn(move || accept_loop(&self.listener, &site, false, &stop))
                .map_err(|e| format!("cannot start the server thread: {e}"))?
        };
        Ok(Running {
            port,
            address,
            stop,
            thread: Some(thread),
        })
    }
}

fn url(port: u16, mount: &str) -> String {
    format!("http://127.0.0.1:{port}{mount}")
}

/// A server running in a background thread.
#[derive(Debug)]
pub struct Running {
    port: u16,
    address: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        self.address.clone()
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.stop.store(true, Ordering::SeqCst);
            // Wake the blocking accept() so it sees the flag.
            let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
            let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
            let _ = thread.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(listener: &TcpListener, site: &Arc<Site>, log: bool, stop: &AtomicBool) {
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        match conn {
            Ok(stream) => {
                let site = Arc::clone(site);
                let spawned = thread::Builder::new()
                    .name("static-server-conn".to_string())
                    .spawn(move || handle(&stream, &site, log));
                if let Err(e) = spawned {
                    eprintln!("serve: cannot start a connection thread: {e}");
                }
            }
            Err(e) => {
                // E.g. too many open files: back off a little and go on.
                eprintln!("serve: accept failed: {e}");
                thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// A response ready to be written.
#[derive(Debug)]
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn text(status: u16, message: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {}: {message}\n", reason(status)).into_bytes(),
            location: None,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

fn handle(stream: &TcpStream, site: &Site, log: bool) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let request_line = match read_request_line(stream) {
        Ok(Some(line)) => line,
        // The client closed without a request (pre-connect, shutdown wake-up).
        Ok(None) | Err(_) => return,
    };
    let mut words = request_line.split_whitespace();
    let method = words.next().unwrap_or("");
    let target = words.next().unwrap_or("");
    let head_only = method == "HEAD";
    let response = if method != "GET" && method != "HEAD" {
        Response::text(405, "only GET and HEAD are supported")
    } else {
        match target.strip_prefix(site.mount.as_str()) {
            // The rest of the target, as if the folder were the root.
            Some(rest) => respond(&site.root, &format!("/{rest}"), target),
            None if format!("{target}/") == site.mount => Response {
                location: Some(site.mount.clone()),
                ..Response::text(301, "moved")
            },
            None => Response::text(404, target),
        }
    };
    if log {
        println!(
            "{method} {target} -> {} ({} bytes)",
            response.status,
            response.body.len()
        );
    }
    let _ = write_response(stream, &response, head_only);
    let _ = stream.shutdown(Shutdown::Both);
}

/// Reads the request head and returns its first line; `None` if the client
/// sent nothing. Headers are read (to drain them) but not needed.
fn read_request_line(stream: &TcpStream) -> io::Result<Option<String>> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut first = String::new();
    if reader.read_line(&mut first)? == 0 {
        return Ok(None);
    }
    let mut header = String::new();
    loop {
        header.clear();
        let n = reader.read_line(&mut header)?;
        if n == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    Ok(Some(first.trim_end().to_string()))
}

fn write_response(mut stream: &TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\
         Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if response.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// The policy the page declares in its `<meta>` (a test keeps the two the
/// same), sent as a header too: the page's own files, the wasm compiled from
/// them, data: and blob: pictures, workers from the page, and nothing else.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; object-src 'none'; \
     base-uri 'none'; form-action 'none'";

/// What a request target maps to.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    /// A directory asked for without its trailing slash.
    Redirect(String),
    NotFound,
    Forbidden,
    BadRequest,
}

/// The response to `target` (a path under `root`); `asked` is the request's
/// own target, for messages and redirects.
fn respond(root: &Path, target: &str, asked: &str) -> Response {
    match resolve(root, target) {
        Resolved::File(path) => match fs::read(&path) {
            Ok(body) => Response {
                status: 200,
                content_type: mime_type(&path),
                body,
                location: None,
            },
            Err(e) => Response::text(500, &format!("cannot read {asked}: {e}")),
        },
        // The folder asked for, with its slash (under the mount, as asked).
        Resolved::Redirect(_) => Response {
            location: Some(format!(
                "{}/",
                asked.split(['?', '#']).next().unwrap_or_default()
            )),
            ..Response::text(301, "moved")
        },
        Resolved::NotFound => Response::text(404, asked),
        Resolved::Forbidden => Response::text(403, asked),
        Resolved::BadRequest => Response::text(400, asked),
    }
}

/// Maps a request target (`/path?query`) to a file under `root` (which must be
/// canonical). `..` segments, backslashes and NULs are refused, and so is any
/// file whose real path (after symlinks) is outside `root`.
fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Forbidden,
            s if s.contains(['\\', '\0']) => return Resolved::Forbidden,
            s => relative.push(s),
        }
    }
    let mut full = root.join(&relative);
    if full.is_dir() {
        if !path.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        full.push("index.html");
    }
    match full.canonicalize() {
        Ok(real) if !real.starts_with(root) => Resolved::Forbidden,
        Ok(real) if real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// The Content-Type for a file, by extension.
fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// A fresh directory with an index, a script, a wasm file and a subdir.
    fn fixture() -> Result<PathBuf> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "xtask-serve-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let write = |name: &str, body: &[u8]| -> Result {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            fs::write(path, body).map_err(|e| e.to_string())
        };
        write("index.html", b"<!doctype html><title>t</title>")?;
        write("app.js", b"export const x = 1;")?;
        write("pkg/core_bg.wasm", b"\0asm\x01\0\0\0")?;
        write("sub/index.html", b"sub")?;
        write("with space.txt", b"spaced")?;
        dir.canonicalize().map_err(|e| e.to_string())
    }

    fn request(url_base: &str, raw: &str) -> Result<String> {
        let addr = url_base
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
        stream
            .write_all(raw.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .map_err(|e| e.to_string())?;
        Ok(response)
    }

    #[test]
    fn resolves_paths_safely() -> Result {
        let root = fixture()?;
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/app.js?v=3"),
            Resolved::File(root.join("app.js"))
        );
        assert_eq!(
            resolve(&root, "/with%20space.txt"),
            Resolved::File(root.join("with space.txt"))
        );
        assert_eq!(resolve(&root, "/sub"), Resolved::Redirect("/sub/".into()));
        assert_eq!(
            resolve(&root, "/sub/"),
            Resolved::File(root.join("sub/index.html"))
        );
        assert_eq!(resolve(&root, "/../etc/passwd"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/%2e%2e/etc/passwd"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/pkg/..%2f..%2fx"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/a\\b"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/missing.js"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/%2E%2E/etc/passwd"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/sub/%2e%2e%5c..%5cx"), Resolved::Forbidden);
        // Absolute paths and encoded slashes stay under the root.
        assert_eq!(resolve(&root, "//etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/%2Fetc%2Fpasswd"), Resolved::NotFound);
        assert_eq!(
            resolve(&root, "http://example.test/../x"),
            Resolved::BadRequest
        );
        assert_eq!(resolve(&root, "/%00"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/%zz"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "index.html"), Resolved::BadRequest);
        let _ = fs::remove_dir_all(root);
        Ok(())
    }

    #[test]
    fn serves_get_and_head_with_mime_types() -> Result {
        let root = fixture()?;
        let server = Server::bind(&root, 0)?.spawn()?;
        let base = server.url();

        let index = request(&base, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")?;
        assert!(index.starts_with("HTTP/1.1 200 OK\r\n"), "{index}");
        assert!(index.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(index.contains("Cache-Control: no-cache\r\n"));
        assert!(index.ends_with("<!doctype html><title>t</title>"));

        let wasm = request(&base, "HEAD /pkg/core_bg.wasm HTTP/1.1\r\n\r\n")?;
        assert!(
            wasm.contains("Content-Type: application/wasm\r\n"),
            "{wasm}"
        );
        assert!(wasm.contains("Content-Length: 8\r\n"));
        assert!(wasm.ends_with("\r\n\r\n"), "HEAD must not send a body");

        let js = request(&base, "GET /app.js HTTP/1.1\r\n\r\n")?;
        assert!(js.contains("Content-Type: text/javascript"), "{js}");

        let missing = request(&base, "GET /nope.css HTTP/1.1\r\n\r\n")?;
        assert!(
            missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
            "{missing}"
        );

        let traversal = request(&base, "GET /../../etc/passwd HTTP/1.1\r\n\r\n")?;
        assert!(traversal.starts_with("HTTP/1.1 403 "), "{traversal}");

        let post = request(&base, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")?;
        assert!(post.starts_with("HTTP/1.1 405 "), "{post}");
        assert!(post.contains("Allow: GET, HEAD\r\n"));

        server.stop();
        let _ = fs::remove_dir_all(root);
        Ok(())
    }

    #[test]
    fn a_mounted_site_answers_only_under_its_folder() -> Result {
        let root = fixture()?;
        let server = Server::bind(&root, 0)?.mounted("playground").spawn()?;
        let base = server.url();
        assert!(base.ends_with("/playground/"), "{base}");
        let addr = base.trim_end_matches("playground/");
        let get = |path: &str| request(addr, &format!("GET {path} HTTP/1.1\r\n\r\n"));

        let index = get("/playground/")?;
        assert!(
            index.ends_with("<!doctype html><title>t</title>"),
            "{index}"
        );
        assert!(get("/playground/app.js")?.starts_with("HTTP/1.1 200 "));
        assert!(get("/app.js")?.starts_with("HTTP/1.1 404 "));
        let folder = get("/playground")?;
        assert!(folder.contains("Location: /playground/\r\n"), "{folder}");
        let sub = get("/playground/sub?x=1")?;
        assert!(sub.contains("Location: /playground/sub/\r\n"), "{sub}");
        assert!(get("/playground/../app.js")?.starts_with("HTTP/1.1 403 "));
        assert!(get("/playground/%2e%2e/%2e%2e/etc/passwd")?.starts_with("HTTP/1.1 403 "));

        server.stop();
        let _ = fs::remove_dir_all(root);
        Ok(())
    }

    #[test]
    fn reports_a_port_in_use() -> Result {
        let root = fixture()?;
        let first = Server::bind(&root, 0)?;
        let port = first.port;
        let Err(message) = Server::bind(&root, port) else {
            return Err("binding a used port succeeded".into());
        };
        assert_eq!(
            message,
            format!(
                "port {port} is in use; try `cargo xtask serve --port {}`",
                port + 1
            )
        );
        let _ = fs::remove_dir_all(root);
        Ok(())
    }

    #[test]
    fn the_header_policy_is_the_one_the_page_declares() -> Result {
        let index = fs::read_to_string(crate::util::repo_root().join("www/index.html"))
            .map_err(|e| format!("cannot read www/index.html: {e}"))?;
        let meta = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
        );
        assert!(index.contains(&meta), "www/index.html lacks {meta}");
        Ok(())
    }

    #[test]
    fn mime_types() {
        assert_eq!(
            mime_type(Path::new("a.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("a.CSV")), "text/csv; charset=utf-8");
        assert_eq!(mime_type(Path::new("a.svg")), "image/svg+xml");
        assert_eq!(mime_type(Path::new("a.ico")), "image/x-icon");
        assert_eq!(mime_type(Path::new("a.png")), "image/png");
        assert_eq!(mime_type(Path::new("noext")), "application/octet-stream");
    }
}
