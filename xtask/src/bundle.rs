//! The single file: `www/index.html` with its stylesheets, its scripts, the
//! wasm-bindgen glue and the wasm (base64) inlined into one HTML file that
//! works opened from disk, with no network.
//!
//! esbuild bundles the JavaScript (pinned with Binaryen in `xtask/tools/`).
//! This file gives it two entries and puts its output into the page:
//! - the engine's worker, `js/app/engine-worker.js`, as one classic script
//!   (Chromium refuses a module worker from a Blob URL of a page opened from
//!   disk), with the glue handed over as `globalThis.backpropPlaygroundCore`;
//! - the page's module script, with the glue initialised on the inlined wasm
//!   before it runs: `main.js` takes the core from
//!   `globalThis.backpropPlaygroundCore` and the compiled module from
//!   `backpropPlaygroundWasm` (see its `loadCore`), and `app/engine.js` starts
//!   the worker from `backpropPlaygroundWorkerSource`, a string.
//!
//! What it assumes of the page, each checked (an error names the file and
//! the line):
//! - index.html loads its code with exactly one `<script type="module" src=…>`
//!   and its styles with `<link rel="stylesheet" href=…>`; anything else it
//!   loads (`<link href>`, `<img src>`, …) is a `data:` URL.
//! - Stylesheets use no `@import` and no `url()` but `data:` ones.
//! - In the worker, `import.meta` is only read for its `url`.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use crate::sha256;
use crate::util::{run, Result};

/// The engine's worker script, relative to www/ (app/engine.js starts it).
const WORKER_ENTRY: &str = "js/app/engine-worker.js";

/// What the build produced.
#[derive(Debug)]
pub struct Bundle {
    pub html: String,
    /// Bytes of the page's script, and of the worker's source within it.
    pub script_bytes: usize,
    pub worker_bytes: usize,
}

/// 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// A start tag: its byte range and attributes (names lower-cased).
#[derive(Debug)]
struct Tag {
    start: usize,
    end: usize,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every `<name …>` start tag of `html` outside comments.
fn start_tags(html: &str, name: &str) -> Vec<Tag> {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let open = format!("<{name}");
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find(&open) {
        let start = at + found;
        at = start + open.len();
        if let Some(comment) = lower[..start].rfind("<!--") {
            if !lower[comment..start].contains("-->") {
                continue;
            }
        }
        if !bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            continue;
        }
        // Attributes up to the closing `>`, quotes respected.
        let mut attrs = Vec::new();
        let mut i = at;
        let end = loop {
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) || bytes.get(i) == Some(&b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => break html.len(),
                Some(b'>') => break i + 1,
                Some(_) => {}
            }
            let name_start = i;
            while bytes
                .get(i)
                .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
            {
                i += 1;
            }
            let attr = lower[name_start..i].to_string();
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let close = html[i + 1..]
                            .find(q as char)
                            .map_or(html.len(), |p| i + 1 + p);
                        value = html[i + 1..close].to_string();
                        i = close + 1;
                    }
                    _ => {
                        let v = i;
                        while bytes
                            .get(i)
                            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                        {
                            i += 1;
                        }
                        value = html[v..i].to_string();
                    }
                }
            }
            attrs.push((attr, value));
        };
        tags.push(Tag { start, end, attrs });
        at = end;
    }
    tags
}

/// `relative` resolved against the folder `base`, without `..` escaping `root`.
fn resolve(root: &Path, base: &Path, relative: &str) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for part in Path::new(relative).components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            _ => return None,
        }
    }
    out.starts_with(root).then_some(out)
}

fn display(root: &Path, path: &Path) -> String {
    let name = root
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let rel = path.strip_prefix(root).unwrap_or(path);
    format!("{name}/{}", rel.to_string_lossy())
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A stylesheet, checked: nothing in it may load another file.
fn checked_css(name: &str, css: &str) -> Result<String> {
    let lower = css.to_ascii_lowercase();
    if let Some(at) = lower.find("@import") {
        return Err(format!(
            "{name}:{}: @import cannot be inlined into the single file: link the stylesheet \
             from index.html instead",
            line_of(css, at)
        ));
    }
    let mut from = 0;
    while let Some(found) = lower[from..].find("url(") {
        let at = from + found;
        let value = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !value.starts_with("data:") {
            return Err(format!(
                "{name}:{}: url() loads a file, which the single file cannot; use a data: URL",
                line_of(css, at)
            ));
        }
        from = at + 4;
    }
    if lower.contains("</style") {
        return Err(format!(
            "{name}: contains `</style`, which would end the inlined <style>"
        ));
    }
    Ok(css.to_string())
}

/// index.html, read and checked: its stylesheets as inline `<style>`s, and
/// the module script esbuild starts from.
#[derive(Debug)]
pub struct Page {
    html: String,
    /// The `<script type="module" src>` element's byte range, replaced by the bundle.
    script: (usize, usize),
    /// The module it loads.
    entry: PathBuf,
    /// (start, end, `<style>` element) for each stylesheet link.
    styles: Vec<(usize, usize, String)>,
    /// Each stylesheet's `href` and file, in order.
    pub stylesheets: Vec<(String, PathBuf)>,
}

impl Page {
    pub fn read(www: &Path) -> Result<Page> {
        let index = www.join("index.html");
        let html = read_text(&index)?;
        let name = display(www, &index);
        let at_line = |at: usize| format!("{name}:{}", line_of(&html, at));
        let mut styles = Vec::new();
        let mut stylesheets = Vec::new();

        for tag in start_tags(&html, "link") {
            let href = tag.attr("href").unwrap_or("");
            let stylesheet = tag.attr("rel").is_some_and(|rel| {
                rel.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("stylesheet"))
            });
            if stylesheet {
                let path = resolve(www, www, href)
                    .filter(|p| p.is_file())
                    .ok_or_else(|| {
                        format!(
                            "{}: stylesheet `{href}` is not a file in {}",
                            at_line(tag.start),
                            www.display()
                        )
                    })?;
                let css = checked_css(&display(www, &path), &read_text(&path)?)?;
                styles.push((
                    tag.start,
                    tag.end,
                    format!("<style>/* {href} */\n{css}</style>"),
                ));
                stylesheets.push((href.to_owned(), path));
            } else if !href.is_empty() && !href.starts_with("data:") {
                return Err(format!(
                    "{}: <link href=\"{href}\"> loads a file, which the single file cannot; use a \
                     data: URL",
                    at_line(tag.start)
                ));
            }
        }

        let mut entry: Option<(PathBuf, usize, usize)> = None;
        for tag in start_tags(&html, "script") {
            let Some(src) = tag.attr("src") else { continue };
            if tag.attr("type") != Some("module") {
                return Err(format!(
                    "{}: <script src=\"{src}\"> is not a module script; the single-file build \
                     bundles ES modules",
                    at_line(tag.start)
                ));
            }
            if entry.is_some() {
                return Err(format!(
                    "{}: a second <script type=\"module\" src>; the single-file build expects \
                     one entry module",
                    at_line(tag.start)
                ));
            }
            let close = html[tag.end..]
                .to_ascii_lowercase()
                .find("</script>")
                .map(|p| tag.end + p + "</script>".len())
                .ok_or_else(|| format!("{}: <script> without </script>", at_line(tag.start)))?;
            let path = resolve(www, www, src)
                .filter(|p| p.is_file())
                .ok_or_else(|| {
                    format!(
                        "{}: script `{src}` is not a file in {}",
                        at_line(tag.start),
                        www.display()
                    )
                })?;
            entry = Some((path, tag.start, close));
        }
        let Some((entry, start, end)) = entry else {
            return Err(format!(
                "{name}: no <script type=\"module\" src=…> to bundle"
            ));
        };

        for element in [
            "img", "source", "video", "audio", "iframe", "embed", "object", "track", "input",
        ] {
            for tag in start_tags(&html, element) {
                for attr in ["src", "srcset", "data", "poster"] {
                    if let Some(value) = tag.attr(attr) {
                        if !value.is_empty()
                            && !value.starts_with("data:")
                            && !value.starts_with('#')
                        {
                            return Err(format!(
                                "{}: <{element} {attr}=\"{value}\"> loads a file, which the \
                                 single file cannot; use a data: URL",
                                at_line(tag.start)
                            ));
                        }
                    }
                }
            }
        }
        Ok(Page {
            html,
            script: (start, end),
            entry,
            styles,
            stylesheets,
        })
    }

    /// The page with its stylesheets and `script` (esbuild's bundle) inline,
    /// and its Content-Security-Policy allowing them by hash.
    fn with_script(self, script: &str) -> Result<String> {
        let script = format!(
            "<script type=\"module\">\n{}</script>",
            inline_safe(script)?
        );
        // The page's policy allows its own files; the single file's inlined
        // script and styles are allowed by their hashes instead.
        let inline_hash = |element: &str| {
            let body = element
                .split_once('>')
                .and_then(|(_, rest)| rest.rsplit_once("</"))
                .map_or("", |(body, _)| body);
            format!("'sha256-{}'", base64(&sha256::digest(body.as_bytes())))
        };
        let style_hashes: Vec<String> = self
            .styles
            .iter()
            .map(|(_, _, style)| inline_hash(style))
            .collect();
        let script_hash = inline_hash(&script);
        let mut edits = self.styles;
        edits.push((self.script.0, self.script.1, script));
        for tag in start_tags(&self.html, "meta") {
            let csp = tag
                .attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"));
            if let (true, Some(policy)) = (csp, tag.attr("content")) {
                let policy = single_file_policy(policy, &script_hash, &style_hashes);
                edits.push((
                    tag.start,
                    tag.end,
                    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"),
                ));
            }
        }

        edits.sort_by_key(|e| e.0);
        let html = &self.html;
        let mut out =
            String::with_capacity(html.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
        let mut at = 0;
        for (start, end, replacement) in edits {
            out.push_str(&html[at..start]);
            out.push_str(&replacement);
            at = end;
        }
        out.push_str(&html[at..]);
        let note = "\n<!-- Backprop Playground in one file (cargo xtask dist): open it from disk, no network needed. -->";
        match out.find('>') {
            Some(doctype) if out[..doctype].to_ascii_lowercase().starts_with("<!doctype") => {
                out.insert_str(doctype + 1, note);
            }
            _ => out.insert_str(0, note.trim_start()),
        }
        Ok(out)
    }
}

/// JavaScript that can sit inside an inline `<script>`. esbuild writes
/// `</script` in strings, templates and regexes as `<\/script`; `<!--` would
/// change how the HTML parser reads the element.
fn inline_safe(js: &str) -> Result<&str> {
    let lower = js.to_ascii_lowercase();
    for (text, why) in [
        ("</script", "would end the inline <script>"),
        (
            "<!--",
            "changes how the HTML parser reads an inline <script>",
        ),
    ] {
        if let Some(at) = lower.find(text) {
            return Err(format!(
                "the bundled script has `{text}` at line {}, which {why}",
                line_of(js, at)
            ));
        }
    }
    Ok(js)
}

/// `path` as a JavaScript string literal, for an import esbuild resolves.
pub fn import_path(path: &Path) -> Result<String> {
    let absolute =
        std::path::absolute(path).map_err(|e| format!("cannot resolve {}: {e}", path.display()))?;
    let text = absolute
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", absolute.display()))?;
    Ok(format!("\"{}\"", js_string(text)))
}

/// What the worker's bundle runs first: the glue, which the worker
/// initialises on the module the page sends (`loadCore` in engine-worker.js).
fn worker_core(glue: &Path) -> Result<String> {
    Ok(format!(
        "// The engine's core in its worker (written by cargo xtask dist).\n\
         import * as core from {glue};\n\
         globalThis.backpropPlaygroundCore = core;\n",
        glue = import_path(glue)?
    ))
}

/// What the page's bundle runs first: the glue initialised on the inlined
/// wasm, and the worker's bundle as text.
pub fn page_core(glue: &Path, wasm: &[u8], worker: &Path) -> Result<String> {
    Ok(format!(
        "// The core and the engine's worker, inlined (written by cargo xtask dist).\n\
         import * as core from {glue};\n\
         import workerSource from {worker} with {{ type: \"text\" }};\n\
         const wasm = new WebAssembly.Module(Uint8Array.from(atob(\"{wasm}\"), (c) => c.charCodeAt(0)));\n\
         core.initSync({{ module: wasm }});\n\
         globalThis.backpropPlaygroundCore = core;\n\
         globalThis.backpropPlaygroundWasm = wasm;\n\
         globalThis.backpropPlaygroundWorkerSource = workerSource;\n",
        glue = import_path(glue)?,
        worker = import_path(worker)?,
        wasm = base64(wasm),
    ))
}

/// `esbuild entry --bundle` with `first` injected (it runs before the
/// entry's modules), into `out`.
pub fn esbuild(tool: &Path, entry: &Path, first: &Path, out: &Path, options: &[&str]) -> Result {
    let mut command = Command::new(tool);
    command
        .arg(entry)
        .args(["--bundle", "--charset=utf8"])
        .arg(format!("--inject:{}", first.display()))
        .arg(format!("--outfile={}", out.display()))
        // A name imported from a module that does not export it is an error,
        // not an undefined value at run time.
        .arg("--log-override:import-is-undefined=error")
        .args(options);
    run(&mut command)
}

/// The engine's worker as one classic script with the glue inside, into
/// `work` (`engine-worker.js`): the single files inline it, the element's
/// bundle puts it beside itself (`element.rs`). The page sends it the
/// compiled wasm.
pub fn classic_worker(www: &Path, glue: &Path, tool: &Path, work: &Path) -> Result<PathBuf> {
    fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let first = work.join("worker-core.js");
    fs::write(&first, worker_core(glue)?)
        .map_err(|e| format!("cannot write {}: {e}", first.display()))?;
    let worker = work.join("engine-worker.js");
    esbuild(
        tool,
        &www.join(WORKER_ENTRY),
        &first,
        &worker,
        &[
            "--format=iife",
            // The worker runs from a Blob URL or a file of its own, which is
            // all `import.meta.url` can be there; the lines that read it never
            // run in the bundles.
            "--define:import.meta.url=self.location.href",
            "--log-override:empty-import-meta=error",
        ],
    )?;
    Ok(worker)
}

/// Builds the single file from the site in `www` (its `index.html`), the
/// wasm-bindgen glue `glue` (`--target web`) and the wasm bytes `wasm`, with
/// the esbuild binary `tool`; its intermediate files go to `work`.
pub fn single_file(
    www: &Path,
    glue: &Path,
    wasm: &[u8],
    tool: &Path,
    work: &Path,
) -> Result<Bundle> {
    let page = Page::read(www)?;
    fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let write = |name: &str, text: &str| {
        let path = work.join(name);
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok::<PathBuf, String>(path)
    };

    let worker = classic_worker(www, glue, tool, work)?;
    let script = work.join("page.js");
    esbuild(
        tool,
        &page.entry,
        &write("page-core.js", &page_core(glue, wasm, &worker)?)?,
        &script,
        &["--format=esm"],
    )?;
    let script = read_text(&script)?;
    let worker_bytes = fs::metadata(&worker).map_or(0, |m| m.len() as usize);
    Ok(Bundle {
        script_bytes: script.len(),
        worker_bytes,
        html: page.with_script(&script)?,
    })
}

/// The site's two scripts as esbuild bundles, written over their sources'
/// paths in `site` (a copy of `www`): the page's module script and the
/// engine's worker, each one ES module with everything it imports, minified,
/// with a source map beside it. The wasm-bindgen glue stays a file of its
/// own (both load it at run time, relative to themselves), and so does
/// everything else the page loads. The sources' other modules are removed
/// from `site`: nothing loads them any more.
///
/// A page of ~90 modules becomes two requests: on a quiet machine the page
/// is ready in ~0.7 s instead of ~1.2 s from localhost, more over a network.
pub fn site_scripts(www: &Path, site: &Path, tool: &Path) -> Result<Vec<(PathBuf, u64)>> {
    let page = Page::read(www)?;
    let entries = [page.entry.clone(), www.join(WORKER_ENTRY)];
    let scripts = site.join("js");
    fs::remove_dir_all(&scripts)
        .map_err(|e| format!("cannot remove {}: {e}", scripts.display()))?;
    let mut written = Vec::new();
    for entry in entries {
        let relative = entry
            .strip_prefix(www)
            .map_err(|_| format!("{} is outside {}", entry.display(), www.display()))?;
        let out = site.join(relative);
        let mut command = Command::new(tool);
        command
            .arg(&entry)
            .args(["--bundle", "--format=esm", "--minify", "--sourcemap"])
            .args(["--charset=utf8", "--log-level=warning"])
            .arg(format!("--outfile={}", out.display()))
            .arg("--log-override:import-is-undefined=error");
        run(&mut command)?;
        let bytes = fs::metadata(&out).map_or(0, |m| m.len());
        written.push((out, bytes));
    }
    Ok(written)
}

/// `text` as the inside of a double-quoted JavaScript string.
pub fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 with padding (`data:` URLs, CSP hashes).
pub fn base64(data: &[u8]) -> String {
    codec::base64::encode(data, codec::base64::Alphabet::Standard)
}

/// The page's policy with the single file's inline script and styles allowed
/// by hash: appended to `script-src` and `style-src`, every other directive
/// as it was.
fn single_file_policy(policy: &str, script_hash: &str, style_hashes: &[String]) -> String {
    policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|directive| match directive.split_whitespace().next() {
            Some("script-src") => format!("{directive} {script_hash}"),
            Some("style-src") => format!("{directive} {}", style_hashes.join(" ")),
            _ => directive.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A scratch site in the temp folder, removed on drop.
    struct Site(PathBuf);

    impl Site {
        fn new(files: &[(&str, &str)]) -> Result<Site> {
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "bp-bundle-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            for (name, text) in files {
                let path = dir.join("www").join(name);
                fs::create_dir_all(path.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
                fs::write(&path, text).map_err(|e| e.to_string())?;
            }
            Ok(Site(dir))
        }
        fn www(&self) -> PathBuf {
            self.0.join("www")
        }
        fn page(&self) -> Result<Page> {
            Page::read(&self.www())
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    const INDEX: &str = "<!doctype html>\n<html><head>\n\
                         <link rel=\"icon\" href=\"data:image/svg+xml,x\">\n\
                         <link rel=\"stylesheet\" href=\"style.css\">\n\
                         <!-- <script src=\"old.js\"></script> -->\n\
                         <script type=\"module\" src=\"js/main.js\"></script>\n\
                         </head><body><img src=\"data:image/png;base64,AA\"></body></html>\n";

    fn site(extra: &[(&str, &str)]) -> Result<Site> {
        let mut files = vec![
            ("index.html", INDEX),
            (
                "style.css",
                "body { background: url(\"data:image/png;base64,AA\"); }\n",
            ),
            ("js/main.js", "console.log(1);\n"),
        ];
        files.retain(|(name, _)| !extra.iter().any(|(e, _)| e == name));
        files.extend_from_slice(extra);
        Site::new(&files)
    }

    #[test]
    fn inlines_the_stylesheets_and_puts_the_bundle_in_place_of_the_script() -> Result {
        let site = site(&[])?;
        let page = site.page()?;
        assert_eq!(page.entry, site.www().join("js/main.js"));
        let html = page.with_script("console.log(1);\n")?;
        assert!(html.starts_with("<!doctype html>\n<!-- Backprop Playground in one file"));
        assert!(html.contains("<style>/* style.css */\nbody { background"));
        assert!(!html.contains("href=\"style.css\""));
        assert!(!html.contains("src=\"js/main.js\""));
        assert!(html.contains("<script type=\"module\">\nconsole.log(1);\n</script>\n</head>"));
        assert!(
            html.contains("<!-- <script src=\"old.js\"></script> -->"),
            "comments are left alone"
        );
        Ok(())
    }

    #[test]
    fn the_policy_allows_the_inlined_script_and_styles_by_their_hashes() -> Result {
        let policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
        let index = INDEX.replace(
            "<head>\n",
            &format!(
                "<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n"
            ),
        );
        let html = site(&[("index.html", &index)])?
            .page()?
            .with_script("console.log('a');\n")?;
        let body = |open: &str, close: &str| {
            let start = html.find(open).expect("inlined") + open.len();
            let end = start + html[start..].find(close).expect("closed");
            format!(
                "'sha256-{}'",
                base64(&sha256::digest(&html.as_bytes()[start..end]))
            )
        };
        let script = body("<script type=\"module\">", "</script>");
        let style = body("<style>", "</style>");
        assert!(
            html.contains(&format!(
                "content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {script}; style-src 'self' {style}\""
            )),
            "{}",
            &html[..400]
        );
        Ok(())
    }

    #[test]
    fn refuses_what_would_not_work_from_disk_naming_file_and_line() -> Result {
        let script = "<script type=\"module\" src=\"js/main.js\"></script>";
        let cases = [
            (
                "style.css",
                "\n\na { background: url(img.png) }".to_string(),
                "www/style.css:3: url() loads a file",
            ),
            (
                "style.css",
                "@import 'more.css';".to_string(),
                "www/style.css:1: @import cannot be inlined",
            ),
            (
                "index.html",
                format!("<!doctype html>\n<link rel=\"manifest\" href=\"app.json\">\n{script}"),
                "www/index.html:2: <link href=\"app.json\">",
            ),
            (
                "index.html",
                format!("<!doctype html>\n{script}\n<img src=\"logo.png\">"),
                "www/index.html:3: <img src=\"logo.png\">",
            ),
            (
                "index.html",
                "<!doctype html>\n<script src=\"js/main.js\"></script>".to_string(),
                "www/index.html:2: <script src=\"js/main.js\"> is not a module script",
            ),
            (
                "index.html",
                format!("{script}\n{script}"),
                "www/index.html:2: a second <script type=\"module\" src>",
            ),
            (
                "index.html",
                "<!doctype html>\n<script type=\"module\" src=\"js/gone.js\"></script>".to_string(),
                "www/index.html:2: script `js/gone.js` is not a file",
            ),
            (
                "index.html",
                "<!doctype html>\n".to_string(),
                "www/index.html: no <script type=\"module\" src=…>",
            ),
        ];
        for (file, text, expected) in cases {
            match site(&[(file, &text)])?.page() {
                Ok(_) => panic!("{file} = {text:?} was accepted"),
                Err(message) => assert!(
                    message.contains(expected),
                    "{message:?} does not contain {expected:?}"
                ),
            }
        }
        Ok(())
    }

    #[test]
    fn refuses_a_bundle_that_would_end_or_change_the_inline_script() {
        assert_eq!(
            inline_safe("const s = '<\\/script>';"),
            Ok("const s = '<\\/script>';")
        );
        let ends = inline_safe("a();\nconst s = '</SCRIPT>';").unwrap_err();
        assert!(ends.contains("`</script` at line 2"), "{ends}");
        assert!(inline_safe("const s = '<!--';").is_err());
    }

    #[test]
    fn the_cores_hand_over_the_glue_the_wasm_and_the_worker() -> Result {
        let page = page_core(
            Path::new("/w/pkg/core.js"),
            b"\0asm",
            Path::new("/t/\"w\".js"),
        )?;
        for line in [
            "import * as core from \"/w/pkg/core.js\";",
            "import workerSource from \"/t/\\\"w\\\".js\" with { type: \"text\" };",
            "const wasm = new WebAssembly.Module(Uint8Array.from(atob(\"AGFzbQ==\"), (c) => c.charCodeAt(0)));",
            "core.initSync({ module: wasm });",
            "globalThis.backpropPlaygroundCore = core;",
            "globalThis.backpropPlaygroundWasm = wasm;",
            "globalThis.backpropPlaygroundWorkerSource = workerSource;",
        ] {
            assert!(page.lines().any(|l| l == line), "{line} not in\n{page}");
        }
        let worker = worker_core(Path::new("/w/pkg/core.js"))?;
        assert!(worker.contains("import * as core from \"/w/pkg/core.js\";\nglobalThis.backpropPlaygroundCore = core;\n"));
        assert!(
            !worker.contains("wasm"),
            "the page sends the worker its module"
        );
        Ok(())
    }
}
