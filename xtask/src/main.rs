//! The project's commands, run as `cargo xtask <command>` (an alias in
//! `.cargo/config.toml`). Std only, so it builds in seconds.
//!
//! Every command prints each step as it starts (`==> ...`) and exits non-zero
//! with an `error: ...` message on the first failure.

mod bench;
mod bench_report;
mod browser;
mod bundle;
mod dist;
mod element;
mod serve;
mod sha256;
mod test;
mod tools;
mod util;
mod wasm;

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use util::{repo_root, Result};

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  build              Build the core crate for wasm32 and run wasm-bindgen into www/pkg
                     (installs the wasm32 target and wasm-bindgen-cli if needed).
  serve [--port N]   Build, then serve www/ at http://127.0.0.1:N/ (default 8000;
                     0 picks a free port).
  test               fmt, clippy (native and wasm32), native tests, wasm build, wasm tests
                     under node, type checks, browser tests in headless Chromium.
  bench [--reps N] [--seconds S] [--compare REF] [--browser [--port P]]
                     Training and frame benchmarks, native and wasm (node), N runs (5)
                     interleaved; --compare also builds REF and measures it in the same
                     runs; --browser also measures the page's frame rate in headless
                     Chromium (served on port P). Writes target/bench.json.
  bench --soak MINUTES [--port P]
                     The page trains config B at the top speed for MINUTES (20 for the
                     issue's figure); its memory is read every minute and may not grow
                     over 10 % after the first. Writes target/soak.json.
  dist [--single-file-only]
                     Build, optimise the wasm with wasm-opt and write dist/: the site for
                     any static host, and dist/backprop-playground.html, everything in one
                     file (bundled by esbuild) that works opened from disk. wasm-opt and
                     esbuild are pinned in xtask/tools (npm). --single-file-only writes
                     just that file.
                     Sizes go to target/dist.json.
  help               Show this message.
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result {
    let args = env::args_os()
        .skip(1)
        .map(OsString::into_string)
        .collect::<std::result::Result<Vec<String>, _>>()
        .map_err(|bad| format!("argument {bad:?} is not valid UTF-8"))?;
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Err("no command given".to_string());
    };
    match command.as_str() {
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        "build" => {
            no_options("build", rest)?;
            enter_repo_root()?;
            wasm::build().map(drop)
        }
        "serve" => {
            let options = ServeOptions::parse(rest)?;
            enter_repo_root()?;
            serve(&options)
        }
        "test" => {
            no_options("test", rest)?;
            enter_repo_root()?;
            test::test()
        }
        "bench" => {
            enter_repo_root()?;
            bench::bench(rest)
        }
        "dist" => {
            let single_file_only = match rest {
                [] => false,
                [flag] if flag == "--single-file-only" => true,
                _ => return Err(unknown("dist", rest)),
            };
            enter_repo_root()?;
            dist::dist(single_file_only)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

/// All paths below are relative to the repository root.
fn enter_repo_root() -> Result {
    let root = repo_root();
    env::set_current_dir(&root).map_err(|e| format!("cannot enter {}: {e}", root.display()))
}

fn no_options(command: &str, rest: &[String]) -> Result {
    if rest.is_empty() {
        Ok(())
    } else {
        Err(unknown(command, rest))
    }
}

fn unknown(command: &str, rest: &[String]) -> String {
    format!(
        "unexpected arguments for `{command}`: {}\n\n{USAGE}",
        rest.join(" ")
    )
}

/// `serve [--port N]`, plus the hidden `--root DIR` (serve another directory
/// without building; used by tests), `--mount /FOLDER/` (serve it under a
/// folder, as the browser tests do) and `--no-build`.
#[derive(Debug)]
struct ServeOptions {
    port: u16,
    root: Option<PathBuf>,
    mount: String,
    build: bool,
}

impl ServeOptions {
    fn parse(args: &[String]) -> Result<ServeOptions> {
        let mut options = ServeOptions {
            port: 8000,
            root: None,
            mount: "/".to_string(),
            build: true,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
                _ => (arg.as_str(), None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| args.next().cloned())
                    .ok_or_else(|| format!("`{name}` needs a value"))
            };
            match flag {
                "--port" => {
                    let text = value("--port")?;
                    options.port = text.parse().map_err(|_| {
                        format!("--port {text:?} is not a port number (0 to 65535)")
                    })?;
                }
                "--root" => {
                    // Relative to where the command was run, before we cd.
                    let dir = PathBuf::from(value("--root")?);
                    let cwd = env::current_dir()
                        .map_err(|e| format!("cannot read the current directory: {e}"))?;
                    options.root = Some(cwd.join(dir));
                    options.build = false;
                }
                "--mount" => options.mount = value("--mount")?,
                "--no-build" => options.build = false,
                _ => return Err(unknown("serve", std::slice::from_ref(arg))),
            }
        }
        Ok(options)
    }
}

/// Binds first (so a taken port fails before a long build), builds unless
/// told not to, then serves in the foreground.
fn serve(options: &ServeOptions) -> Result {
    let root = options
        .root
        .clone()
        .unwrap_or_else(|| Path::new("www").to_path_buf());
    if !root.is_dir() {
        return Err(format!(
            "{} does not exist (nothing to serve)",
            root.display()
        ));
    }
    let server = serve::Server::bind(&root, options.port)?.mounted(&options.mount);
    if options.build {
        wasm::build()?;
    }
    println!(
        "==> serving {} at {} (Ctrl-C to stop)",
        server.root().display(),
        server.url()
    );
    server.run()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_serve_options() -> Result {
        let default = ServeOptions::parse(&[])?;
        assert_eq!((default.port, default.build), (8000, true));
        let custom = ServeOptions::parse(&strings(&["--port", "0", "--root=/tmp"]))?;
        assert_eq!(custom.port, 0);
        assert_eq!(custom.root, Some(PathBuf::from("/tmp")));
        assert!(!custom.build);
        assert!(ServeOptions::parse(&strings(&["--port", "x"])).is_err());
        assert!(ServeOptions::parse(&strings(&["--port"])).is_err());
        assert!(ServeOptions::parse(&strings(&["--bogus"])).is_err());
        Ok(())
    }
}
