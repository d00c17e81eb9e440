//! Small helpers shared by the commands: running processes, paths, hashing.

use std::env;
use std::ffi::OsStr;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Every fallible step returns a human-readable message on failure.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (the parent of `xtask/`).
///
/// `cargo run` sets `CARGO_MANIFEST_DIR` for the program it runs; the
/// compile-time value is the fallback when the binary is run directly.
pub fn repo_root() -> PathBuf {
    let manifest = env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    match manifest.parent() {
        Some(parent) => parent.to_path_buf(),
        None => manifest,
    }
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR` (relative paths are
/// taken relative to the repository root, which is the current directory).
pub fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from("target"),
    }
}

/// A `Command` for the cargo that is running us (falls back to `cargo` on PATH).
pub fn cargo() -> Command {
    Command::new(cargo_program())
}

fn cargo_program() -> std::ffi::OsString {
    env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Announces a step that is not a single command.
pub fn step(what: &str) {
    println!("==> {what}");
    flush();
}

/// Prints an indented detail line under the current step.
pub fn note(what: &str) {
    println!("    {what}");
    flush();
}

fn flush() {
    // Nothing useful can be done if stdout is gone.
    let _ = io::stdout().flush();
}

/// A shell-like rendering of a command, with the environment it adds.
pub fn describe(cmd: &Command) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            parts.push(format!(
                "{}={}",
                key.to_string_lossy(),
                quote(&value.to_string_lossy())
            ));
        }
    }
    let program = cmd.get_program();
    if program == cargo_program().as_os_str() {
        parts.push("cargo".to_string());
    } else {
        parts.push(quote(&program.to_string_lossy()));
    }
    for arg in cmd.get_args() {
        parts.push(quote(&arg.to_string_lossy()));
    }
    let mut line = parts.join(" ");
    if let Some(dir) = cmd.get_current_dir() {
        line = format!("(cd {} && {line})", quote(&dir.to_string_lossy()));
    }
    line
}

fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn spawn_error(cmd: &Command, err: &io::Error) -> String {
    let program = cmd.get_program().to_string_lossy();
    if err.kind() == io::ErrorKind::NotFound {
        format!("`{program}` was not found: is it installed and on PATH?")
    } else {
        format!("could not start `{}`: {err}", describe(cmd))
    }
}

/// Announces `cmd` (`==> ...`), runs it with inherited stdio, and fails if it
/// does not exit successfully.
pub fn run(cmd: &mut Command) -> Result {
    step(&describe(cmd));
    let status = cmd.status().map_err(|e| spawn_error(cmd, &e))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Runs `cmd` quietly and returns its stdout; fails if it does not start or
/// exits unsuccessfully (the error includes its stderr).
pub fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| spawn_error(cmd, &e))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "`{}` failed ({}): {}",
            describe(cmd),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Like [`run`], but also hands every line of the command's stdout to
/// `on_line` while echoing it (stderr is inherited), so callers can pick out
/// summary lines.
pub fn run_tee(cmd: &mut Command, mut on_line: impl FnMut(&str)) -> Result {
    step(&describe(cmd));
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(cmd, &e))?;
    if let Some(stdout) = child.stdout.take() {
        let mut reader = BufReader::new(stdout);
        let mut buf = Vec::new();
        let mut out = io::stdout();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(_) => {
                    // Echo failures are not fatal: the command keeps running.
                    let _ = out.write_all(&buf);
                    let _ = out.flush();
                    on_line(String::from_utf8_lossy(&buf).trim_end());
                }
                Err(e) => {
                    eprintln!("(could not read the output of the command: {e})");
                    break;
                }
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Whether the program can be started and exits successfully with `args`
/// (used for "is it installed?" probes).
pub fn probe(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Reads a file, with the path in the error message.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// 64-bit FNV-1a: a tiny stable hash, good enough to notice a changed file.
pub fn fnv1a64(data: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in data {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A size in bytes as `123.4 KiB` (or `n B` below 1 KiB).
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_commands_readably() {
        let mut cmd = Command::new("node");
        cmd.args(["--test", "a b.mjs"]).env("BASE_URL", "http://x/");
        assert_eq!(describe(&cmd), "BASE_URL=http://x/ node --test 'a b.mjs'");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(10), "10 B");
        assert_eq!(human_size(2048), "2.0 KiB");
    }
}
