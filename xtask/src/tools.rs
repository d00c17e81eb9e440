//! Making sure the external tools are present: the wasm32 target, rustfmt and
//! clippy (rustup), wasm-bindgen-cli at the locked version (cargo install into
//! the user's tools folder, [`tools_dir`]), Chromium and Node (apt, as root
//! only).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::util::{cargo, fnv1a64, note, output, probe, read, run, step, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium: the browser benchmark's (`cargo xtask bench --browser`).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's build of Chromium's headless shell, the same version without the
/// full browser's window, compositor and UI: the browser tests'. It boots a
/// page for about two thirds of the CPU the full browser takes (its browser
/// process for a third), measured on a loop of 20 boots.
pub const HEADLESS_SHELL: &str = "/usr/bin/chromium-headless-shell";

/// Installs the wasm32 target with rustup unless it is already there.
pub fn ensure_wasm_target() -> Result {
    step(&format!("ensure Rust target {WASM_TARGET}"));
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .map_err(|e| {
            format!(
                "cannot list the installed Rust targets ({e}); \
                 install the {WASM_TARGET} target for your toolchain \
                 (with rustup: `rustup target add {WASM_TARGET}`)"
            )
        })?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        note(&format!("{WASM_TARGET} is installed"));
        Ok(())
    } else {
        run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
    }
}

/// Installs a rustup component (`rustfmt`, `clippy`) unless it is already there.
pub fn ensure_component(component: &str) -> Result {
    let installed = output(Command::new("rustup").args(["component", "list", "--installed"]));
    match installed {
        Ok(list) if list.lines().any(|l| l.starts_with(component)) => Ok(()),
        Ok(_) => run(Command::new("rustup").args(["component", "add", component])),
        // No rustup: fine as long as cargo already knows the subcommand.
        Err(e) => {
            let sub = if component == "rustfmt" {
                "fmt"
            } else {
                component
            };
            if probe(cargo().get_program(), &[sub, "--version"]).is_some() {
                Ok(())
            } else {
                Err(format!(
                    "`cargo {sub}` is not available and rustup could not be asked ({e}); \
                     install the {component} component for your toolchain"
                ))
            }
        }
    }
}

/// The version of `package` pinned in a Cargo.lock text; an error if it is
/// absent or locked at more than one version.
pub fn locked_version(lock: &str, package: &str) -> Result<String> {
    let mut versions: Vec<String> = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let mut name = None;
        let mut version = None;
        for line in block.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                break; // the next table, e.g. [metadata]
            }
            if let Some(value) = line.strip_prefix("name = ") {
                name = Some(value.trim_matches('"'));
            } else if let Some(value) = line.strip_prefix("version = ") {
                version = Some(value.trim_matches('"'));
            }
        }
        if let (Some(n), Some(v)) = (name, version) {
            if n == package && !versions.iter().any(|known| known == v) {
                versions.push(v.to_string());
            }
        }
    }
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "Cargo.lock does not contain the package `{package}`"
        )),
        many => Err(format!(
            "Cargo.lock contains several versions of `{package}` ({}); \
             wasm-bindgen-cli must match exactly one",
            many.join(", ")
        )),
    }
}

/// The wasm-bindgen command-line tools at the version of the `wasm-bindgen`
/// library in Cargo.lock.
#[derive(Debug, Clone)]
pub struct WasmBindgen {
    pub version: String,
    /// `<tools_dir>/wasm-bindgen-<V>/bin`
    pub bin_dir: PathBuf,
}

impl WasmBindgen {
    pub fn cli(&self) -> PathBuf {
        self.bin_dir.join("wasm-bindgen")
    }
    pub fn test_runner(&self) -> PathBuf {
        self.bin_dir.join("wasm-bindgen-test-runner")
    }
    /// Whether both binaries are present and `wasm-bindgen --version` matches.
    fn is_installed(&self) -> bool {
        if !self.test_runner().is_file() {
            return false;
        }
        let expected = format!("wasm-bindgen {}", self.version);
        probe(self.cli(), &["--version"]).is_some_and(|v| v == expected)
    }
}

/// The folder the tools we install with `cargo install` live in, one
/// subfolder per tool and version: `$BP_TOOLS_DIR` if set, else
/// `$XDG_CACHE_HOME/backprop-playground`, else
/// `~/.cache/backprop-playground`, else `.tools` in the checkout.
///
/// Per user, not per checkout, like rustup's targets and npm's cache: a
/// fresh clone on a machine that built the project before does not spend
/// two minutes compiling wasm-bindgen-cli again. The version in the folder's
/// name keeps two checkouts at different versions apart.
pub fn tools_dir() -> PathBuf {
    tools_dir_from(|name| std::env::var_os(name))
}

/// [`tools_dir`] with the environment read through `var`.
fn tools_dir_from(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> PathBuf {
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set("BP_TOOLS_DIR") {
        return dir;
    }
    match set("XDG_CACHE_HOME").or_else(|| set("HOME").map(|home| home.join(".cache"))) {
        Some(cache) => cache.join("backprop-playground"),
        None => PathBuf::from(".tools"),
    }
}

/// Makes sure `<tools_dir>/wasm-bindgen-<V>/bin/wasm-bindgen` exists at exactly the
/// `wasm-bindgen` version in Cargo.lock, installing it with `cargo install`
/// (a few minutes the first time) if it is missing or differs.
pub fn ensure_wasm_bindgen() -> Result<WasmBindgen> {
    let lock_path = Path::new("Cargo.lock");
    if !lock_path.exists() {
        // `cargo metadata` writes the lock file without building anything.
        output(cargo().args(["metadata", "--format-version", "1"]))?;
    }
    let lock = fs::read_to_string(lock_path).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let version = locked_version(&lock, "wasm-bindgen")?;
    let root = tools_dir().join(format!("wasm-bindgen-{version}"));
    let tools = WasmBindgen {
        version: version.clone(),
        bin_dir: root.join("bin"),
    };
    step(&format!(
        "ensure wasm-bindgen-cli {version} in {}",
        tools.bin_dir.display()
    ));
    if tools.is_installed() {
        note(&format!("wasm-bindgen {version} is installed"));
        return Ok(tools);
    }
    note("not installed (or a different version): installing, this takes a minute or two");
    // Optimised a little, without debug info: 80 s instead of 111 s on a
    // 2-core machine, and the tools run as fast on our files (0.1 s for the
    // site's wasm; +2 s over the wasm tests). Level 0 installs in 45 s, but
    // its test runner takes 26 s instead of 6.
    run(cargo()
        .args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ])
        .arg("--root")
        .arg(&root)
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "0"))?;
    if tools.is_installed() {
        Ok(tools)
    } else {
        Err(format!(
            "`cargo install wasm-bindgen-cli --version {version}` finished but {} does not report \
             version {version}",
            tools.cli().display()
        ))
    }
}

/// Whether we run as root (and may therefore use apt-get).
fn is_root() -> bool {
    // /proc/self/status has "Uid:\t<real>\t<effective>\t...".
    if let Ok(status) = fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("Uid:")) {
            return line.split_whitespace().nth(2) == Some("0");
        }
    }
    probe("id", &["-u"]).as_deref() == Some("0")
}

static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// `apt-get install -y --no-install-recommends <packages>` (after one
/// `apt-get update` per run) when root; otherwise an error naming the command
/// to run.
fn apt_install(packages: &[&str], why: &str) -> Result {
    let list = packages.join(" ");
    if !is_root() {
        return Err(format!(
            "{why}. Install it with:\n    \
             sudo apt-get update && sudo apt-get install -y --no-install-recommends {list}"
        ));
    }
    step(&format!("{why}: installing {list} with apt-get"));
    if !APT_UPDATED.swap(true, Ordering::SeqCst) {
        run(Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Chromium and its headless shell from Debian's packages.
pub fn ensure_chromium() -> Result {
    step("ensure chromium and chromium-headless-shell");
    let wanted = [
        ("chromium", CHROMIUM),
        ("chromium-headless-shell", HEADLESS_SHELL),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(_, path)| !Path::new(path).is_file())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        note(&format!("{CHROMIUM} and {HEADLESS_SHELL} are installed"));
        return Ok(());
    }
    apt_install(
        &missing,
        &format!(
            "Chromium is missing ({} not installed)",
            missing.join(" and ")
        ),
    )?;
    match wanted.iter().find(|(_, path)| !Path::new(path).is_file()) {
        None => Ok(()),
        Some((package, path)) => Err(format!(
            "apt-get installed {package} but {path} still does not exist"
        )),
    }
}

/// The installed Node's (major, minor) version.
#[derive(Debug, Clone, Copy)]
pub struct NodeVersion {
    pub major: u32,
    pub minor: u32,
}

fn parse_node_version(text: &str) -> Option<NodeVersion> {
    let mut parts = text.trim().trim_start_matches('v').split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some(NodeVersion { major, minor })
}

/// `node` (18 or newer) and `npm`, from apt when missing and root.
pub fn ensure_node() -> Result<NodeVersion> {
    step("ensure node and npm");
    if probe("node", &["--version"]).is_none() || probe("npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"], "node or npm is missing")?;
    }
    let text = probe("node", &["--version"])
        .ok_or("`node --version` failed after installing nodejs; check your PATH")?;
    let version = parse_node_version(&text)
        .ok_or_else(|| format!("cannot understand `node --version` output {text:?}"))?;
    if version.major < 18 {
        return Err(format!(
            "node {text} is too old: the tests need node 18 or newer (20 recommended)"
        ));
    }
    let npm = probe("npm", &["--version"]).ok_or("`npm --version` failed; install npm")?;
    note(&format!("node {text}, npm {npm}"));
    Ok(version)
}

/// `npm ci` in `dir` (which holds a package.json and its lock file), skipped
/// when `dir/node_modules/.stamp` says node_modules was installed from these
/// very files. Never installs anything globally.
pub fn ensure_npm_ci(dir: &Path) -> Result {
    let manifest = dir.join("package.json");
    let lock = dir.join("package-lock.json");
    if !manifest.is_file() {
        return Err(format!("{} does not exist", manifest.display()));
    }
    if !lock.is_file() {
        return Err(format!(
            "{} is missing: run `npm install` in {} and commit the lock file (`npm ci` needs it)",
            lock.display(),
            dir.display()
        ));
    }
    let mut both = read(&lock)?;
    both.extend(read(&manifest)?);
    let stamp = format!("{:016x}\n", fnv1a64(&both));
    let stamp_path = dir.join("node_modules").join(".stamp");
    step(&format!(
        "ensure {}/node_modules matches its package-lock.json",
        dir.display()
    ));
    if fs::read_to_string(&stamp_path).is_ok_and(|old| old == stamp) {
        note(&format!("up to date ({})", stamp_path.display()));
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        // Never fetch browser builds: the tests use Debian's Chromium.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    fs::write(&stamp_path, stamp).map_err(|e| format!("cannot write {}: {e}", stamp_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tools_folder_is_the_users_unless_named() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        let home = &[("HOME", "/home/ann")];
        assert_eq!(
            tools_dir_from(env(home)),
            PathBuf::from("/home/ann/.cache/backprop-playground")
        );
        let xdg = &[("HOME", "/home/ann"), ("XDG_CACHE_HOME", "/var/cache/ann")];
        assert_eq!(
            tools_dir_from(env(xdg)),
            PathBuf::from("/var/cache/ann/backprop-playground")
        );
        let named = &[("HOME", "/home/ann"), ("BP_TOOLS_DIR", "/opt/bp")];
        assert_eq!(tools_dir_from(env(named)), PathBuf::from("/opt/bp"));
        let empty = &[("HOME", ""), ("BP_TOOLS_DIR", "")];
        assert_eq!(tools_dir_from(env(empty)), PathBuf::from(".tools"));
    }

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.131"
"#;

    #[test]
    fn reads_the_locked_version() {
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen"),
            Ok("0.2.130".to_string())
        );
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen-macro"),
            Ok("0.2.131".to_string())
        );
        assert!(locked_version(LOCK, "serde").is_err());
        let twice = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(locked_version(&twice, "wasm-bindgen").is_err());
    }

    #[test]
    fn parses_node_versions() {
        let v = parse_node_version("v20.20.2\n");
        assert!(matches!(
            v,
            Some(NodeVersion {
                major: 20,
                minor: 20
            })
        ));
        assert!(parse_node_version("banana").is_none());
    }
}
