//! The page as the bundler reads it: `www/index.html`'s tags (the one
//! module script, the stylesheets, every other URL it loads), each
//! stylesheet checked, and the checks that text can be inlined in a
//! `<script>`. Errors name the file and the line.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::base64;
use crate::sha256;
use crate::util::Result;

/// 1-based line of byte `at` in `text`.
pub(super) fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// A start tag: its byte range and attributes (names lower-cased).
#[derive(Debug)]
pub(super) struct Tag {
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
pub(super) fn start_tags(html: &str, name: &str) -> Vec<Tag> {
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

/// The file `relative` names in `www`, or an error that starts with `what`
/// (where in index.html, and which kind of file).
fn file_in(www: &Path, relative: &str, what: impl FnOnce() -> String) -> Result<PathBuf> {
    resolve(www, www, relative)
        .filter(|p| p.is_file())
        .ok_or_else(|| format!("{} `{relative}` is not a file in {}", what(), www.display()))
}

/// `relative` resolved against the folder `base`, without `..` escaping `root`.
pub(super) fn resolve(root: &Path, base: &Path, relative: &str) -> Option<PathBuf> {
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

pub(super) fn display(root: &Path, path: &Path) -> String {
    let name = root
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let rel = path.strip_prefix(root).unwrap_or(path);
    format!("{name}/{}", rel.to_string_lossy())
}

pub(super) fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A stylesheet, checked: nothing in it may load another file.
pub(super) fn checked_css(name: &str, css: &str) -> Result<String> {
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
    pub(super) html: String,
    /// The `<script type="module" src>` element's byte range, replaced by the bundle.
    pub(super) script: (usize, usize),
    /// The module it loads.
    pub(super) entry: PathBuf,
    /// (start, end, `<style>` element) for each stylesheet link.
    pub(super) styles: Vec<(usize, usize, String)>,
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
                let path = file_in(www, href, || format!("{}: stylesheet", at_line(tag.start)))?;
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
            let path = file_in(www, src, || format!("{}: script", at_line(tag.start)))?;
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
    pub(super) fn with_script(self, script: &str) -> Result<String> {
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
pub(super) fn inline_safe(js: &str) -> Result<&str> {
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

/// The page's policy with the single file's inline script and styles allowed
/// by hash: appended to `script-src` and `style-src`, every other directive
/// as it was.
pub(super) fn single_file_policy(
    policy: &str,
    script_hash: &str,
    style_hashes: &[String],
) -> String {
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
