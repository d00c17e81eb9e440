//! `cargo xtask dist`: the site, ready for any static host, in `dist/` (a copy
//! of www/ with the wasm optimised by `wasm-opt` and the page's and the
//! worker's modules bundled by esbuild, two scripts instead of ~90), the whole playground in
//! one HTML file, `dist/backprop-playground.html`, that works opened from
//! disk with no network (see `bundle.rs`), and the `<backprop-playground>`
//! element as one module with its worker and wasm beside it, and as one
//! classic script (see `element.rs`).
//!
//! wasm-opt (Binaryen's npm package) and esbuild are pinned in
//! `xtask/tools/package-lock.json` and installed there with `npm ci`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bundle;
use crate::element;
use crate::sha256;
use crate::tools::{ensure_node, ensure_npm_ci};
use crate::util::{human_size, note, output, read, run, step, target_dir, Result};
use crate::wasm::{self, BG_WASM, OUT_DIR};

pub const DIST_DIR: &str = "dist";
/// The single file, inside the site so that a host can offer it for download.
pub const SINGLE_FILE: &str = "dist/backprop-playground.html";
/// The npm project that pins the tools of dist (Binaryen, esbuild).
const TOOLS_DIR: &str = "xtask/tools";
/// The wasm-bindgen glue the page imports, and that the single file inlines.
const GLUE: &str = "backprop_playground.js";
/// Files of www/ that only the type checker reads.
fn is_dev_only(name: &str) -> bool {
    name == "jsconfig.json" || name.ends_with(".d.ts")
}

/// Options: `--single-file-only` writes only the single file (what the
/// file:// browser test needs when run on its own) and leaves the rest of
/// dist/ alone. A full build rewrites README.md's sizes block.
pub fn dist(single_file_only: bool) -> Result {
    let sizes = build(single_file_only)?;
    if !single_file_only {
        update_readme(&sizes)?;
    }
    Ok(())
}

/// The whole of dist/ (the site and the single file), as the browser tests
/// open it; README.md is left as it is.
pub fn for_tests() -> Result<String> {
    let sizes = build(false)?;
    Ok(format!(
        "{DIST_DIR}/ with its scripts bundled, and {SINGLE_FILE} ({})",
        human_size(sizes.single_file.0)
    ))
}

fn build(single_file_only: bool) -> Result<Sizes> {
    wasm::build()?;
    ensure_node()?;
    ensure_npm_ci(Path::new(TOOLS_DIR))?;
    let optimized = optimize_wasm()?;
    let esbuild = tool("node_modules/.bin/esbuild", "esbuild")?;
    note(output(Command::new(&esbuild).arg("--version"))?.trim());
    if !single_file_only {
        copy_site(&optimized)?;
        step(&format!(
            "bundle the page's and the worker's scripts in {DIST_DIR}/js/ with esbuild"
        ));
        for (path, bytes) in bundle::site_scripts(Path::new("www"), Path::new(DIST_DIR), &esbuild)?
        {
            note(&format!("{:>10}  {}", human_size(bytes), path.display()));
        }
    }
    step(&format!(
        "bundle the single file {SINGLE_FILE} with esbuild"
    ));
    let built = bundle::single_file(
        Path::new("www"),
        &Path::new(OUT_DIR).join(GLUE),
        &read(&optimized)?,
        &esbuild,
        &target_dir().join("dist").join("single-file"),
    )?;
    note(&format!(
        "the page's script {} (the engine's worker {} of it)",
        human_size(built.script_bytes as u64),
        human_size(built.worker_bytes as u64)
    ));
    fs::create_dir_all(DIST_DIR).map_err(|e| format!("cannot create {DIST_DIR}/: {e}"))?;
    fs::write(SINGLE_FILE, &built.html).map_err(|e| format!("cannot write {SINGLE_FILE}: {e}"))?;
    step("bundle the <backprop-playground> element with esbuild");
    for (path, bytes) in element::bundles(
        Path::new("www"),
        Path::new(DIST_DIR),
        &Path::new(OUT_DIR).join(GLUE),
        &optimized,
        &esbuild,
        &target_dir().join("dist").join("element"),
        single_file_only,
    )? {
        note(&format!("{:>10}  {}", human_size(bytes), path.display()));
    }
    report(&optimized)
}

/// A file of the tools' node_modules, installed by `npm ci` from `package`.
fn tool(path: &str, package: &str) -> Result<PathBuf> {
    let tool = Path::new(TOOLS_DIR).join(path);
    if tool.is_file() {
        Ok(tool)
    } else {
        Err(format!(
            "{} is missing after `npm ci` in {TOOLS_DIR}: does its package.json still \
             depend on {package}?",
            tool.display()
        ))
    }
}

/// `wasm-opt -O3` of the wasm-bindgen output into target/dist/.
fn optimize_wasm() -> Result<PathBuf> {
    let tool = tool("node_modules/binaryen/bin/wasm-opt", "binaryen")?;
    let version = output(Command::new("node").arg(&tool).arg("--version"))?;
    note(version.trim());
    let out_dir = target_dir().join("dist");
    fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let optimized = out_dir.join(BG_WASM);
    let input = Path::new(OUT_DIR).join(BG_WASM);
    const ARGS: [&str; 3] = ["-O3", "--strip-debug", "--strip-producers"];
    // wasm-opt takes ~10 s: its output is kept beside a digest of what made it
    // (the input, the tool's version, the arguments) and reused while that holds.
    let mut made_from = read(&input)?;
    made_from.extend_from_slice(format!("{}{ARGS:?}", version.trim()).as_bytes());
    let key: String = sha256::digest(&made_from)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let key_file = out_dir.join(format!("{BG_WASM}.made-from"));
    if optimized.is_file() && fs::read_to_string(&key_file).is_ok_and(|k| k == key) {
        note(&format!(
            "{} is up to date (same input, tool and arguments)",
            optimized.display()
        ));
        return Ok(optimized);
    }
    // The wasm's target-features section tells wasm-opt which features it may use.
    run(Command::new("node")
        .arg(&tool)
        .args(ARGS)
        .arg(&input)
        .arg("-o")
        .arg(&optimized))?;
    fs::write(&key_file, key).map_err(|e| format!("cannot write {}: {e}", key_file.display()))?;
    Ok(optimized)
}

/// dist/ afresh: www/ without the type checker's files, the optimised wasm.
fn copy_site(optimized: &Path) -> Result {
    let dist = Path::new(DIST_DIR);
    step(&format!("copy www/ to {DIST_DIR}/ (the wasm optimised)"));
    if fs::symlink_metadata(dist).is_ok() {
        if !dist.is_dir() || fs::symlink_metadata(dist).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!(
                "{DIST_DIR} exists and is not a folder: remove it first"
            ));
        }
        fs::remove_dir_all(dist).map_err(|e| format!("cannot remove the old {DIST_DIR}/: {e}"))?;
    }
    copy_dir(Path::new("www"), dist)?;
    fs::copy(optimized, dist.join("pkg").join(BG_WASM)).map_err(|e| {
        format!(
            "cannot copy {} into {DIST_DIR}/pkg: {e}",
            optimized.display()
        )
    })?;
    check_relative(&dist.join("index.html"))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?;
        let name = entry.file_name();
        let (source, target) = (entry.path(), to.join(&name));
        if source.is_dir() {
            copy_dir(&source, &target)?;
        } else if !is_dev_only(&name.to_string_lossy()) {
            fs::copy(&source, &target).map_err(|e| {
                format!(
                    "cannot copy {} to {}: {e}",
                    source.display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}

/// The page must use relative paths to work from any folder of any host.
fn check_relative(index: &Path) -> Result {
    let html =
        fs::read_to_string(index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    for (n, line) in html.lines().enumerate() {
        for attr in ["src=\"/", "href=\"/"] {
            if line.contains(attr) {
                return Err(format!(
                    "{}:{}: an absolute path ({attr}…) breaks the site on a host that serves \
                     it from a sub-folder: make it relative",
                    index.display(),
                    n + 1
                ));
            }
        }
    }
    Ok(())
}

/// Bytes of `path` compressed with `gzip -9` (what a static host sends).
fn gzip_size(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip (to measure {}): {e}", path.display()))?;
    if !out.status.success() {
        return Err(format!(
            "gzip -9 -c {} failed ({})",
            path.display(),
            out.status
        ));
    }
    Ok(out.stdout.len() as u64)
}

fn size(path: &Path) -> Result<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Raw and `gzip -9` bytes of what `dist` builds.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Sizes {
    wasm_before_opt: (u64, u64),
    wasm: (u64, u64),
    single_file: (u64, u64),
}

/// Prints the sizes and writes them to target/dist.json.
fn report(optimized: &Path) -> Result<Sizes> {
    let before = Path::new(OUT_DIR).join(BG_WASM);
    let single = Path::new(SINGLE_FILE);
    let rows = [
        ("wasmBeforeOpt", before.as_path()),
        ("wasm", optimized),
        ("singleFile", single),
    ];
    step("sizes (raw, gzip -9)");
    let mut json = Vec::new();
    let mut measured = [(0, 0); 3];
    for (slot, (name, path)) in measured.iter_mut().zip(rows) {
        let (raw, gz) = (size(path)?, gzip_size(path)?);
        *slot = (raw, gz);
        note(&format!(
            "{name:<14} {:>10} {:>10}  {}",
            human_size(raw),
            human_size(gz),
            path.display()
        ));
        json.push(format!(
            "  \"{name}\": {{ \"raw\": {raw}, \"gzip\": {gz} }}"
        ));
    }
    let file = target_dir().join("dist.json");
    fs::write(&file, format!("{{\n{}\n}}\n", json.join(",\n")))
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    note(&format!("written to {}", file.display()));
    let [wasm_before_opt, wasm, single_file] = measured;
    Ok(Sizes {
        wasm_before_opt,
        wasm,
        single_file,
    })
}

/// The README's numbers come from the build: the lines between these markers
/// are rewritten by every full `cargo xtask dist`.
const README: &str = "README.md";
const SIZES_START: &str = "<!-- sizes:start -->";
const SIZES_END: &str = "<!-- sizes:end -->";

/// The README's sentence about the sizes.
fn sizes_text(sizes: &Sizes) -> String {
    let (before, _) = sizes.wasm_before_opt;
    let (wasm, wasm_gz) = sizes.wasm;
    let (single, single_gz) = sizes.single_file;
    format!(
        "Sizes at the last `cargo xtask dist`: the wasm {} ({} gzipped; {} before\n\
         wasm-opt), the single file {} ({} gzipped).",
        human_size(wasm),
        human_size(wasm_gz),
        human_size(before),
        human_size(single),
        human_size(single_gz),
    )
}

/// `readme` with the text between the size markers replaced by `text` (on
/// lines of its own, the markers kept). Refuses a README without exactly one
/// start marker followed by an end marker, rather than guess where they go.
fn rewrite_sizes(readme: &str, text: &str) -> Result<String> {
    let missing = || {
        format!(
            "{README} has no block `{SIZES_START}` … `{SIZES_END}` for the sizes: \
             put the two markers, each on a line of its own, where the sizes belong"
        )
    };
    let start = readme.find(SIZES_START).ok_or_else(missing)?;
    let after_start = start + SIZES_START.len();
    if readme[after_start..].contains(SIZES_START) {
        return Err(format!(
            "{README} has {SIZES_START} twice: keep one sizes block"
        ));
    }
    let end = after_start + readme[after_start..].find(SIZES_END).ok_or_else(missing)?;
    Ok(format!(
        "{}\n{}\n{}",
        &readme[..after_start],
        text.trim_end(),
        &readme[end..]
    ))
}

/// Rewrites README.md's sizes block from the sizes just measured.
fn update_readme(sizes: &Sizes) -> Result {
    let readme = read_text(Path::new(README))?;
    let updated = rewrite_sizes(&readme, &sizes_text(sizes))?;
    if updated != readme {
        fs::write(README, updated).map_err(|e| format!("cannot write {README}: {e}"))?;
        note(&format!("sizes written to {README}"));
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_the_type_checker_files_out() {
        assert!(is_dev_only("jsconfig.json"));
        assert!(is_dev_only("types.d.ts"));
        assert!(!is_dev_only("main.js"));
        assert!(!is_dev_only("index.html"));
    }

    const SIZES: Sizes = Sizes {
        wasm_before_opt: (290_201, 120_000),
        wasm: (512_000, 190_464),
        single_file: (1_048_576, 400_000),
    };

    #[test]
    fn writes_the_measured_sizes_between_the_markers() {
        let readme = "# Title\n\nBefore.\n<!-- sizes:start -->\nthe wasm 88.3 KiB\nstale\n<!-- sizes:end -->\nAfter.\n";
        let updated = rewrite_sizes(readme, &sizes_text(&SIZES)).unwrap();
        assert_eq!(
            updated,
            "# Title\n\nBefore.\n<!-- sizes:start -->\nSizes at the last `cargo xtask dist`: the \
             wasm 500.0 KiB (186.0 KiB gzipped; 283.4 KiB before\nwasm-opt), the single file \
             1.00 MiB (390.6 KiB gzipped).\n<!-- sizes:end -->\nAfter.\n"
        );
        // Rewriting again with the same sizes changes nothing.
        assert_eq!(
            rewrite_sizes(&updated, &sizes_text(&SIZES)).unwrap(),
            updated
        );
    }

    #[test]
    fn refuses_a_readme_without_one_sizes_block() {
        for readme in [
            "no markers\n",
            "<!-- sizes:start -->\nno end\n",
            "<!-- sizes:end -->\n<!-- sizes:start -->\n",
            "<!-- sizes:start -->\na\n<!-- sizes:end -->\n<!-- sizes:start -->\nb\n<!-- sizes:end -->\n",
        ] {
            let err = rewrite_sizes(readme, "x").unwrap_err();
            assert!(err.contains("README.md"), "{err}");
        }
    }
}
