//! The single-file build: `www/index.html` with its stylesheets, every ES
//! module its script imports, the wasm-bindgen glue and the wasm (base64)
//! inlined into one HTML file that works opened from disk, with no network.
//!
//! What it assumes, each checked (an error names the file and the line):
//! - index.html loads its code with exactly one `<script type="module" src=…>`
//!   and its styles with `<link rel="stylesheet" href=…>`; anything else it
//!   loads (`<link href>`, `<img src>`, …) is a `data:` URL.
//! - Stylesheets use no `@import` and no `url()` but `data:` ones.
//! - The modules are found by following the static imports from that script,
//!   whatever files there are; their import and export forms are those of
//!   [`crate::js`]. Each runs in its own function scope, in dependency order,
//!   so top-level names of different modules never clash.
//! - The core is the wasm-bindgen glue (`--target web`): the bundle runs its
//!   `initSync({ module })` on the inlined wasm and hands the module to the
//!   page as `globalThis.backpropPlaygroundCore`, which `main.js` takes
//!   instead of importing `../pkg/` (see its `loadCore`).

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::js::{self, Binding, Checks};
use crate::sha256;
use crate::util::Result;

/// The engine's worker script, relative to www/ (app/engine.js starts it).
const WORKER_ENTRY: &str = "js/app/engine-worker.js";

/// What the build produced.
#[derive(Debug)]
pub struct Bundle {
    pub html: String,
    /// The modules inlined, in the order they run (paths relative to www/).
    pub modules: Vec<String>,
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

/// One module of the graph.
#[derive(Debug)]
struct Node {
    name: String,
    module: js::Module,
    /// The node index each import resolves to, in import order.
    deps: Vec<usize>,
}

/// Loads `path` and everything it imports (depth first); returns its index.
/// `order` receives every module after its dependencies.
struct Graph<'a> {
    root: &'a Path,
    nodes: Vec<Node>,
    index: HashMap<PathBuf, usize>,
    /// Modules being loaded, for the cycle check.
    stack: Vec<PathBuf>,
}

impl Graph<'_> {
    fn load(&mut self, path: &Path, checks: Checks) -> Result<usize> {
        if let Some(&done) = self.index.get(path) {
            return Ok(done);
        }
        let name = display(self.root, path);
        if let Some(at) = self.stack.iter().position(|p| p == path) {
            let cycle: Vec<String> = self.stack[at..]
                .iter()
                .chain(std::iter::once(&path.to_path_buf()))
                .map(|p| display(self.root, p))
                .collect();
            return Err(format!(
                "import cycle: {} (the single-file build runs each module once, after its \
                 imports)",
                cycle.join(" → ")
            ));
        }
        let source = read_text(path)?;
        let module = js::parse_module(&name, &source, checks)?;
        self.stack.push(path.to_path_buf());
        let base = path.parent().unwrap_or(self.root).to_path_buf();
        let mut deps = Vec::new();
        for import in &module.imports {
            let spec = &import.specifier;
            let at = format!("{name}:{}", import.line);
            if !(spec.starts_with("./") || spec.starts_with("../")) {
                return Err(format!(
                    "{at}: imports `{spec}`: only relative paths (./ or ../) can be bundled"
                ));
            }
            if !(spec.ends_with(".js") || spec.ends_with(".mjs")) {
                return Err(format!(
                    "{at}: imports `{spec}`: only .js and .mjs modules can be bundled"
                ));
            }
            let target = resolve(self.root, &base, spec).ok_or_else(|| {
                format!(
                    "{at}: imports `{spec}`, which is outside {}",
                    self.root.display()
                )
            })?;
            if !target.is_file() {
                return Err(format!("{at}: imports `{spec}`, which does not exist"));
            }
            deps.push(self.load(&target, checks)?);
        }
        self.stack.pop();
        // Every imported name must be exported by its module.
        for (import, &dep) in module.imports.iter().zip(&deps) {
            for binding in &import.bindings {
                if let Binding::Named { imported, .. } = binding {
                    let target = &self.nodes[dep];
                    if !target.module.exports.iter().any(|(e, _)| e == imported) {
                        return Err(format!(
                            "{name}:{}: imports `{imported}` from `{}`, which does not export it",
                            import.line, import.specifier
                        ));
                    }
                }
            }
        }
        self.nodes.push(Node { name, module, deps });
        let id = self.nodes.len() - 1;
        self.index.insert(path.to_path_buf(), id);
        Ok(id)
    }
}

fn module_var(id: usize) -> String {
    format!("__bp_m{id}")
}

/// One module as a statement: its imports read from the modules before it,
/// its body in a function scope, its exports returned.
fn emit_module(id: usize, node: &Node) -> Result<String> {
    let mut head = String::new();
    for (import, &dep) in node.module.imports.iter().zip(&node.deps) {
        let from = module_var(dep);
        let mut named = Vec::new();
        for binding in &import.bindings {
            match binding {
                Binding::Namespace { local } => head.push_str(&format!("const {local} = {from}; ")),
                Binding::Named { imported, local } if imported == local => {
                    named.push(local.clone());
                }
                Binding::Named { imported, local } => named.push(format!("{imported}: {local}")),
            }
        }
        if !named.is_empty() {
            head.push_str(&format!("const {{ {} }} = {from}; ", named.join(", ")));
        }
    }
    let exports: Vec<String> = node
        .module
        .exports
        .iter()
        .map(|(exported, local)| {
            if exported == local {
                local.clone()
            } else {
                format!("{exported}: {local}")
            }
        })
        .collect();
    let body = script_safe(&node.name, &node.module.body)?;
    Ok(format!(
        "// ---- {} ----\nconst {} = await (async () => {{ {head}\n{body}\nreturn {{ {} }};\n}})();\n",
        node.name,
        module_var(id),
        exports.join(", ")
    ))
}

/// JavaScript that can sit inside an inline `<script>`: `</script` would end
/// it (and `<\/script` means the same in a string, a template or a regex).
fn script_safe(name: &str, js: &str) -> Result<String> {
    if let Some(at) = js.find("<!--") {
        return Err(format!(
            "{name}:{}: `<!--` in a script changes how the HTML parser reads an inline script",
            line_of(js, at)
        ));
    }
    let mut out = String::with_capacity(js.len());
    let lower = js.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = lower[at..].find("</script") {
        out.push_str(&js[at..at + found]);
        out.push_str("<\\/");
        at += found + 2;
    }
    out.push_str(&js[at..]);
    Ok(out)
}

/// The engine's worker (its module graph from [`WORKER_ENTRY`], with the
/// glue), as one module script the page starts from a Blob URL; the page
/// sends it the compiled wasm. None when the site has no worker.
fn worker_script(www: &Path, glue: &Path) -> Result<Option<String>> {
    let entry = www.join(WORKER_ENTRY);
    if !entry.is_file() {
        return Ok(None);
    }
    let mut graph = Graph {
        root: www,
        nodes: Vec::new(),
        index: HashMap::new(),
        stack: Vec::new(),
    };
    let glue_id = graph.load(glue, Checks { offline: false })?;
    graph.load(&entry, Checks { offline: true })?;
    // A classic script (Chromium refuses a module worker from a Blob URL of a
    // page opened from disk): the modules run in one async function, and the
    // messages that arrive before the worker's handler is set are kept and
    // handed to it.
    let mut script = String::from(
        "// The engine's worker, bundled by `cargo xtask dist`.\n\
         const __bp_early = [];\n\
         self.onmessage = (event) => __bp_early.push(event);\n\
         (async () => {\n",
    );
    for (id, node) in graph.nodes.iter().enumerate() {
        script.push_str(&emit_module(id, node)?);
        if id == glue_id {
            script.push_str(&format!(
                "globalThis.backpropPlaygroundCore = {};\n",
                module_var(id)
            ));
        }
    }
    // `import.meta` is a module's only; the lines that read it never run here.
    let mut script = script.replace("import.meta", "({ url: self.location.href })");
    script.push_str(
        "for (const event of __bp_early) self.onmessage(event);\n\
         })().catch((err) => self.postMessage({ type: 'error', message: String(err) }));\n",
    );
    Ok(Some(script))
}

/// `text` as the inside of a double-quoted JavaScript string.
fn js_string(text: &str) -> String {
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

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
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

/// Builds the single file from the site in `www` (its `index.html`), the
/// wasm-bindgen glue `glue` and the wasm bytes `wasm`.
pub fn single_file(www: &Path, glue: &Path, wasm: &[u8]) -> Result<Bundle> {
    let index = www.join("index.html");
    let html = read_text(&index)?;
    let page = display(www, &index);
    let at_line = |at: usize| format!("{page}:{}", line_of(&html, at));
    // (start, end, replacement), applied at the end in order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();

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
            edits.push((
                tag.start,
                tag.end,
                format!("<style>/* {href} */\n{css}</style>"),
            ));
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
                "{}: a second <script type=\"module\" src>; the single-file build expects one \
                 entry module",
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
    let Some((entry, script_start, script_end)) = entry else {
        return Err(format!(
            "{page}: no <script type=\"module\" src=…> to bundle"
        ));
    };

    for name in [
        "img", "source", "video", "audio", "iframe", "embed", "object", "track", "input",
    ] {
        for tag in start_tags(&html, name) {
            for attr in ["src", "srcset", "data", "poster"] {
                if let Some(value) = tag.attr(attr) {
                    if !value.is_empty() && !value.starts_with("data:") && !value.starts_with('#') {
                        return Err(format!(
                            "{}: <{name} {attr}=\"{value}\"> loads a file, which the single \
                             file cannot; use a data: URL",
                            at_line(tag.start)
                        ));
                    }
                }
            }
        }
    }

    let mut graph = Graph {
        root: www,
        nodes: Vec::new(),
        index: HashMap::new(),
        stack: Vec::new(),
    };
    let glue_id = graph.load(glue, Checks { offline: false })?;
    if !graph.nodes[glue_id]
        .module
        .exports
        .iter()
        .any(|(e, _)| e == "initSync")
    {
        return Err(format!(
            "{}: exports no `initSync`: build it with wasm-bindgen --target web",
            graph.nodes[glue_id].name
        ));
    }
    graph.load(&entry, Checks { offline: true })?;
    let worker = worker_script(www, glue)?;

    let mut script = String::from(
        "<script type=\"module\">\n\
         // Backprop Playground in one file, built by `cargo xtask dist`: every module\n\
         // of www/js in its own function scope, and the wasm core inlined.\n",
    );
    for (id, node) in graph.nodes.iter().enumerate() {
        script.push_str(&emit_module(id, node)?);
        if id == glue_id {
            script.push_str(&format!(
                "const __bp_wasm = new WebAssembly.Module(Uint8Array.from(atob(\"{}\"), (c) => c.charCodeAt(0)));\n\
                 {glue}.initSync({{ module: __bp_wasm }});\n\
                 globalThis.backpropPlaygroundCore = {glue};\n\
                 globalThis.backpropPlaygroundWasm = __bp_wasm;\n",
                base64(wasm),
                glue = module_var(id)
            ));
            if let Some(worker) = &worker {
                script.push_str(&format!(
                    "globalThis.backpropPlaygroundWorkerSource = \"{}\";\n",
                    js_string(worker)
                ));
            }
        }
    }
    script.push_str("</script>");
    // The page's Content-Security-Policy allows its own files; the single
    // file's inlined script and styles are allowed by their hashes instead.
    let inline_hash = |element: &str| {
        let body = element
            .split_once('>')
            .and_then(|(_, rest)| rest.rsplit_once("</"))
            .map_or("", |(body, _)| body);
        format!("'sha256-{}'", base64(&sha256::digest(body.as_bytes())))
    };
    let style_hashes: Vec<String> = edits
        .iter()
        .map(|(_, _, style)| inline_hash(style))
        .collect();
    let script_hash = inline_hash(&script);
    edits.push((script_start, script_end, script));
    for tag in start_tags(&html, "meta") {
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
    let mut out = String::with_capacity(html.len() + script_end);
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
    Ok(Bundle {
        html: out,
        modules: graph.nodes.iter().map(|n| n.name.clone()).collect(),
    })
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
        fn build(&self) -> Result<Bundle> {
            let www = self.0.join("www");
            single_file(&www, &www.join("pkg/core.js"), b"\0asm")
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    const GLUE: &str = "export class Playground {}\nfunction initSync(m) {}\n\
                        async function init() { return fetch(new URL('core_bg.wasm', import.meta.url)); }\n\
                        export { initSync, init as default };\n";
    const INDEX: &str = "<!doctype html>\n<html><head>\n\
                         <link rel=\"icon\" href=\"data:image/svg+xml,x\">\n\
                         <link rel=\"stylesheet\" href=\"style.css\">\n\
                         <!-- <script src=\"old.js\"></script> -->\n\
                         <script type=\"module\" src=\"js/main.js\"></script>\n\
                         </head><body><img src=\"data:image/png;base64,AA\"></body></html>\n";

    fn site(extra: &[(&str, &str)]) -> Result<Site> {
        let mut files = vec![
            ("index.html", INDEX),
            ("style.css", "body { background: url(\"data:image/png;base64,AA\"); }\n"),
            ("pkg/core.js", GLUE),
            ("js/main.js", "import { a } from './a.js';\nimport * as b from './b.js';\nconsole.log(a, b.b, '</script>');\n"),
            ("js/a.js", "import { b } from './b.js';\nexport const a = b + 1;\n"),
            ("js/b.js", "export const b = 1;\n"),
        ];
        files.retain(|(name, _)| !extra.iter().any(|(e, _)| e == name));
        files.extend_from_slice(extra);
        Site::new(&files)
    }

    #[test]
    fn inlines_styles_modules_in_dependency_order_and_the_wasm() -> Result {
        let built = site(&[])?.build()?;
        assert_eq!(
            built.modules,
            [
                "www/pkg/core.js",
                "www/js/b.js",
                "www/js/a.js",
                "www/js/main.js"
            ]
        );
        let html = &built.html;
        assert!(html.starts_with("<!doctype html>\n<!-- Backprop Playground in one file"));
        assert!(html.contains("<style>/* style.css */\nbody { background"));
        assert!(!html.contains("href=\"style.css\""));
        assert!(!html.contains("src=\"js/main.js\""));
        assert!(
            html.contains("const __bp_m1 = await (async () => { \n const b = 1;\n\nreturn { b };")
        );
        assert!(html.contains("const { b } = __bp_m1; "));
        assert!(html.contains("const { a } = __bp_m2; const b = __bp_m1; "));
        assert!(html.contains("return { Playground, initSync, default: init };"));
        assert!(html.contains(
            "const __bp_wasm = new WebAssembly.Module(Uint8Array.from(atob(\"AGFzbQ==\")"
        ));
        assert!(html.contains("__bp_m0.initSync({ module: __bp_wasm });"));
        assert!(html.contains("globalThis.backpropPlaygroundWasm = __bp_wasm;"));
        assert!(
            !html.contains("backpropPlaygroundWorkerSource"),
            "no worker entry, no worker"
        );
        assert!(html.contains("globalThis.backpropPlaygroundCore = __bp_m0;"));
        assert!(
            html.contains("'<\\/script>'"),
            "a </script> in a string is escaped"
        );
        assert!(
            html.contains("<!-- <script src=\"old.js\"></script> -->"),
            "comments are left alone"
        );
        Ok(())
    }

    #[test]
    fn the_engine_worker_is_bundled_with_the_glue_as_a_string_the_page_starts() -> Result {
        let worker =
            "import { b } from '../b.js';\nconst s = \"</script>\\n\";\nconsole.log(b, s);\n";
        let built = site(&[("js/app/engine-worker.js", worker)])?.build()?;
        let html = &built.html;
        let at = html
            .find("globalThis.backpropPlaygroundWorkerSource = \"")
            .expect("the worker's source is inlined");
        let source = &html[at..html[at..].find(";\n").map_or(html.len(), |e| at + e)];
        // The glue first (the page sends it the wasm), then the worker's modules.
        assert!(source.contains("globalThis.backpropPlaygroundCore = __bp_m0;"));
        assert!(source.contains("// ---- www/js/b.js ----"));
        assert!(source.contains("// ---- www/js/app/engine-worker.js ----"));
        // Escaped for a string inside an inline script.
        assert!(
            source.contains(r#"const s = \"<\\/script>\\n\";"#),
            "{source}"
        );
        assert!(!source[1..].contains("\n"), "one line");
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
        let built = site(&[("index.html", &index)])?.build()?;
        let html = &built.html;
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
        let cases: [(&str, &str, &str); 7] = [
            ("js/b.js", "import { a } from './a.js';\nexport const b = 1;\n", "import cycle: www/js/a.js → www/js/b.js → www/js/a.js"),
            ("js/a.js", "\nimport { c } from './missing.js';\n", "www/js/a.js:2: imports `./missing.js`, which does not exist"),
            ("js/a.js", "import { nope } from './b.js';\n", "www/js/a.js:1: imports `nope` from `./b.js`, which does not export it"),
            ("js/a.js", "import x from 'lodash';\n", "www/js/a.js:1: imports `lodash`: only relative paths"),
            ("style.css", "\n\na { background: url(img.png) }", "www/style.css:3: url() loads a file"),
            ("index.html", "<!doctype html>\n<link rel=\"manifest\" href=\"app.json\">\n<script type=\"module\" src=\"js/main.js\"></script>", "www/index.html:2: <link href=\"app.json\">"),
            ("index.html", "<!doctype html>\n<script type=\"module\" src=\"js/main.js\"></script>\n<img src=\"logo.png\">", "www/index.html:3: <img src=\"logo.png\">"),
        ];
        for (file, text, expected) in cases {
            match site(&[(file, text)])?.build() {
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
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
