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
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{run, Result};

mod page;

use page::read_text;
pub use page::Page;

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

#[cfg(test)]
mod tests {
    use super::page::inline_safe;
    use super::*;
    use crate::sha256;
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
