//! The `<backprop-playground>` element's bundles (`www/js/element/`), in
//! dist/ beside the site:
//! - `backprop-playground.js`: one ES module — the element, the page's
//!   modules it mounts, the wasm-bindgen glue, and index.html with its
//!   stylesheets as text (`globalThis.backpropPlaygroundPage`, which
//!   `js/element/assets.js` reads) — with `backprop-playground-worker.js`
//!   (the engine's worker, one classic script: `bundle::classic_worker`) and
//!   `backprop-playground.wasm` beside it, found relative to its own address;
//! - `backprop-playground-element.js`: the same element as one classic
//!   script with the wasm (base64) and the worker inlined, as the single file
//!   has them (`bundle::page_core`): a page needs nothing else, opened from
//!   disk too.
//!
//! Both read the same files as the page: `www/backprop-playground.js` (the
//! element's entry, at the same address in the sources) and index.html with
//! the stylesheets it links (`bundle::Page`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::bundle::{self, import_path, js_string, Page};
use crate::util::Result;

/// The element's module, in dist/ as in www/.
pub const MODULE: &str = "backprop-playground.js";
/// Its worker and its wasm, beside it.
pub const WORKER: &str = "backprop-playground-worker.js";
pub const WASM: &str = "backprop-playground.wasm";
/// The element in one classic script.
pub const SINGLE: &str = "backprop-playground-element.js";

/// index.html and its stylesheets as text, for `js/element/assets.js`.
fn page_files(www: &Path, page: &Page) -> Result<String> {
    let mut out = format!(
        "// index.html and its stylesheets (written by cargo xtask dist).\n\
         import html from {} with {{ type: \"text\" }};\n",
        import_path(&www.join("index.html"))?
    );
    let mut styles = Vec::new();
    for (i, (href, path)) in page.stylesheets.iter().enumerate() {
        out += &format!(
            "import style{i} from {} with {{ type: \"text\" }};\n",
            import_path(path)?
        );
        styles.push(format!("\"{}\": style{i}", js_string(href)));
    }
    out += &format!(
        "globalThis.backpropPlaygroundPage = {{ html, styles: {{ {} }} }};\n",
        styles.join(", ")
    );
    Ok(out)
}

/// What the module runs first: the glue (initialised by `js/app/core.js` on
/// the wasm it fetches), and where its wasm, its worker and the playground
/// page are: beside it.
fn module_core(glue: &Path) -> Result<String> {
    Ok(format!(
        "// The core's glue, and the files beside the element (written by cargo xtask dist).\n\
         import * as core from {glue};\n\
         globalThis.backpropPlaygroundCore = core;\n\
         globalThis.backpropPlaygroundWasmUrl = new URL(\"./{WASM}\", import.meta.url).href;\n\
         globalThis.backpropPlaygroundWorkerUrl = new URL(\"./{WORKER}\", import.meta.url).href;\n\
         globalThis.backpropPlaygroundPageUrl = new URL(\"./index.html\", import.meta.url).href;\n",
        glue = import_path(glue)?
    ))
}

/// The playground page an element's `link` opens, beside the classic
/// script: the single file.
fn single_page_url() -> String {
    format!(
        "globalThis.backpropPlaygroundPageUrl = new URL(\"{}\", document.currentScript?.src ?? location.href).href;\n",
        crate::dist::SINGLE_FILE
            .rsplit('/')
            .next()
            .unwrap_or("backprop-playground.html")
    )
}

/// Writes the element's bundles into `dist` (only the classic script when
/// `single_only`): from the sources in `www`, the glue `glue`, the wasm
/// `wasm` (optimised), with the esbuild binary `tool`; intermediate files go
/// to `work`. Returns each file written and its size.
pub fn bundles(
    www: &Path,
    dist: &Path,
    glue: &Path,
    wasm: &Path,
    tool: &Path,
    work: &Path,
    single_only: bool,
) -> Result<Vec<(PathBuf, u64)>> {
    let page = Page::read(www)?;
    let entry = www.join(MODULE);
    let files = page_files(www, &page)?;
    let worker = bundle::classic_worker(www, glue, tool, work)?;
    let write = |name: &str, text: &str| {
        let path = work.join(name);
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok::<PathBuf, String>(path)
    };
    let mut written = Vec::new();

    let bytes = fs::read(wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    let single = dist.join(SINGLE);
    let first = format!(
        "{}{files}{}",
        bundle::page_core(glue, &bytes, &worker)?,
        single_page_url()
    );
    bundle::esbuild(
        tool,
        &entry,
        &write("element-single-core.js", &first)?,
        &single,
        &[
            "--format=iife",
            "--minify",
            "--log-level=warning",
            // Read only where the bundle hands nothing over, which it always does.
            "--define:import.meta.url=document.baseURI",
        ],
    )?;
    written.push(single);

    if !single_only {
        let module = dist.join(MODULE);
        let first = format!("{}{files}", module_core(glue)?);
        bundle::esbuild(
            tool,
            &entry,
            &write("element-core.js", &first)?,
            &module,
            &[
                "--format=esm",
                "--minify",
                "--sourcemap",
                "--log-level=warning",
            ],
        )?;
        let copy = |from: &Path, to: PathBuf| {
            fs::copy(from, &to)
                .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))?;
            Ok::<PathBuf, String>(to)
        };
        written.push(module);
        written.push(copy(&worker, dist.join(WORKER))?);
        written.push(copy(wasm, dist.join(WASM))?);
    }
    written
        .into_iter()
        .map(|path| {
            let size = fs::metadata(&path).map_or(0, |m| m.len());
            Ok((path, size))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_finds_its_files_beside_itself() -> Result {
        let first = module_core(Path::new("/w/pkg/core.js"))?;
        for line in [
            "import * as core from \"/w/pkg/core.js\";",
            "globalThis.backpropPlaygroundCore = core;",
            "globalThis.backpropPlaygroundWasmUrl = new URL(\"./backprop-playground.wasm\", import.meta.url).href;",
            "globalThis.backpropPlaygroundWorkerUrl = new URL(\"./backprop-playground-worker.js\", import.meta.url).href;",
            "globalThis.backpropPlaygroundPageUrl = new URL(\"./index.html\", import.meta.url).href;",
        ] {
            assert!(first.lines().any(|l| l == line), "{line} not in\n{first}");
        }
        assert!(single_page_url()
            .contains("new URL(\"backprop-playground.html\", document.currentScript"));
        Ok(())
    }
}
