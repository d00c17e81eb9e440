//! Just enough of JavaScript for the single-file bundle: a lexer that knows
//! strings, template literals, comments and regular expressions (so that
//! `import` in a comment or a string is never taken for code), and the module
//! forms the page uses, rewritten for a module that runs in a function scope.
//!
//! Supported, everything else is refused with the file and line:
//! - `import 'x.js'`, `import d from`, `import * as ns from`, `import { a, b as c } from`,
//!   and `import d, { … }` / `import d, * as ns`, from relative specifiers;
//! - `export function|async function|function*|class|const NAME`,
//!   `export { a, b as c }`, `export default NAME`,
//!   `export default function|async function|class NAME`.
//!
//! Refused on purpose: `export let` and `export var` (importers get the value
//! once, after the module has run, so a later assignment would not reach them),
//! re-exports (`export … from`), destructuring exports, import attributes, and,
//! unless their line carries [`UNREACHABLE_MARK`], dynamic `import()`, `fetch`
//! and workers, which cannot work from a file with no network.

use crate::util::Result;

/// A line holding this comment may use what the single file cannot (a dynamic
/// `import()`, `fetch`): the author promises the bundled page never runs it.
pub const UNREACHABLE_MARK: &str = "// dist: unreachable in the single file";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Punct,
    Str,
    Template,
    Regex,
    Number,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    /// 1-based line of the token's first character.
    line: usize,
    /// Bracket nesting ((), [], {}) at the token; 0 is the module's top level.
    depth: usize,
}

/// Words after which a `/` starts a regular expression, not a division.
const REGEX_AFTER: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

struct Lexer<'a> {
    file: &'a str,
    src: &'a [u8],
    pos: usize,
    line: usize,
    tokens: Vec<Token>,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b >= 0x80
}

fn is_ident_char(b: u8) -> bool {
    is_ident_start(b) || b.is_ascii_digit()
}

impl Lexer<'_> {
    fn error(&self, line: usize, what: &str) -> String {
        format!("{}:{line}: {what}", self.file)
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.src.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn text(&self, token: &Token) -> &str {
        std::str::from_utf8(&self.src[token.start..token.end]).unwrap_or("")
    }

    /// Whether a `/` here starts a regular expression, judged by the token before.
    fn regex_allowed(&self, previous: Option<&Token>) -> bool {
        match previous {
            None => true,
            Some(t) => match t.kind {
                Kind::Punct => !matches!(self.src[t.start], b')' | b']' | b'}'),
                Kind::Ident => REGEX_AFTER.contains(&self.text(t)),
                _ => false,
            },
        }
    }

    /// Skips white space and comments; false at the end of the source.
    fn skip_space(&mut self) -> Result<bool> {
        loop {
            match self.peek(0) {
                0 if self.pos >= self.src.len() => return Ok(false),
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'/' if self.peek(1) == b'/' => {
                    while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if self.peek(1) == b'*' => {
                    let line = self.line;
                    self.pos += 2;
                    loop {
                        if self.pos >= self.src.len() {
                            return Err(self.error(line, "unterminated /* comment"));
                        }
                        if self.src[self.pos] == b'*' && self.peek(1) == b'/' {
                            self.pos += 2;
                            break;
                        }
                        if self.src[self.pos] == b'\n' {
                            self.line += 1;
                        }
                        self.pos += 1;
                    }
                }
                b'#' if self.pos == 0 && self.peek(1) == b'!' => {
                    while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                // Other white space (no-break space, line separators) is not in our sources.
                _ => return Ok(true),
            }
        }
    }

    fn string(&mut self, quote: u8) -> Result {
        let line = self.line;
        self.pos += 1;
        loop {
            match self.peek(0) {
                0 if self.pos >= self.src.len() => {
                    return Err(self.error(line, "unterminated string"))
                }
                b'\\' => {
                    if self.peek(1) == b'\n' {
                        self.line += 1;
                    }
                    self.pos += 2;
                }
                b'\n' => return Err(self.error(line, "unterminated string")),
                c if c == quote => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn regex(&mut self) -> Result {
        let line = self.line;
        self.pos += 1;
        let mut in_class = false;
        loop {
            match self.peek(0) {
                0 if self.pos >= self.src.len() => {
                    return Err(self.error(line, "unterminated regular expression"))
                }
                b'\n' => return Err(self.error(line, "unterminated regular expression")),
                b'\\' => self.pos += 2,
                b'[' => {
                    in_class = true;
                    self.pos += 1;
                }
                b']' => {
                    in_class = false;
                    self.pos += 1;
                }
                b'/' if !in_class => {
                    self.pos += 1;
                    while is_ident_char(self.peek(0)) {
                        self.pos += 1;
                    }
                    return Ok(());
                }
                _ => self.pos += 1,
            }
        }
    }

    /// A template literal, substitutions included, as one token.
    fn template(&mut self) -> Result {
        let line = self.line;
        self.pos += 1;
        loop {
            match self.peek(0) {
                0 if self.pos >= self.src.len() => {
                    return Err(self.error(line, "unterminated template literal"))
                }
                b'\\' => {
                    if self.peek(1) == b'\n' {
                        self.line += 1;
                    }
                    self.pos += 2;
                }
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b'`' => {
                    self.pos += 1;
                    return Ok(());
                }
                b'$' if self.peek(1) == b'{' => {
                    self.pos += 2;
                    // The substitution's own tokens are not module-level code.
                    let outer = std::mem::take(&mut self.tokens);
                    let closed = self.code(true);
                    self.tokens = outer;
                    closed?;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Lexes code up to the end (or, in a template substitution, up to its `}`).
    fn code(&mut self, substitution: bool) -> Result {
        let mut depth = 0usize;
        let start_line = self.line;
        while self.skip_space()? {
            let start = self.pos;
            let line = self.line;
            let c = self.src[start];
            let kind = match c {
                b'`' => {
                    self.template()?;
                    Kind::Template
                }
                b'\'' | b'"' => {
                    self.string(c)?;
                    Kind::Str
                }
                b'/' if self.regex_allowed(self.tokens.last()) => {
                    self.regex()?;
                    Kind::Regex
                }
                b'}' if substitution && depth == 0 => {
                    self.pos += 1;
                    return Ok(());
                }
                b'(' | b'[' | b'{' => {
                    self.tokens.push(Token {
                        kind: Kind::Punct,
                        start,
                        end: start + 1,
                        line,
                        depth,
                    });
                    depth += 1;
                    self.pos += 1;
                    continue;
                }
                b')' | b']' | b'}' => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or_else(|| self.error(line, &format!("unbalanced `{}`", c as char)))?;
                    self.pos += 1;
                    Kind::Punct
                }
                c if c.is_ascii_digit() || (c == b'.' && self.peek(1).is_ascii_digit()) => {
                    self.pos += 1;
                    loop {
                        let d = self.peek(0);
                        let exponent = matches!(self.src[self.pos - 1], b'e' | b'E')
                            && matches!(d, b'+' | b'-')
                            && !self.src[start..self.pos].starts_with(b"0x");
                        if is_ident_char(d) || d == b'.' || exponent {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    Kind::Number
                }
                c if is_ident_start(c) => {
                    while is_ident_char(self.peek(0)) {
                        self.pos += 1;
                    }
                    Kind::Ident
                }
                _ => {
                    self.pos += 1;
                    Kind::Punct
                }
            };
            self.tokens.push(Token {
                kind,
                start,
                end: self.pos,
                line,
                depth,
            });
        }
        if substitution {
            return Err(self.error(start_line, "unterminated ${ in a template literal"));
        }
        if depth != 0 {
            return Err(self.error(self.line, "unbalanced brackets at the end of the file"));
        }
        Ok(())
    }
}

/// One binding an import creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// `import * as local`
    Namespace { local: String },
    /// `import { imported as local }` (`default` for a default import)
    Named { imported: String, local: String },
}

/// A static import, with the line it is on.
#[derive(Debug, Clone)]
pub struct Import {
    pub specifier: String,
    pub bindings: Vec<Binding>,
    pub line: usize,
}

/// A module taken apart: its imports, its exports (exported name, local name),
/// and its source with every import and export statement taken out (line
/// numbers kept).
#[derive(Debug)]
pub struct Module {
    pub imports: Vec<Import>,
    pub exports: Vec<(String, String)>,
    pub body: String,
}

/// What a module may use. The wasm-bindgen glue is trusted: it fetches and
/// reads `import.meta` only when initialised with a URL, which the bundle never does.
#[derive(Debug, Clone, Copy)]
pub struct Checks {
    pub offline: bool,
}

/// Parses the module `source` (named `file` in errors).
pub fn parse_module(file: &str, source: &str, checks: Checks) -> Result<Module> {
    let mut lexer = Lexer {
        file,
        src: source.as_bytes(),
        pos: 0,
        line: 1,
        tokens: Vec::new(),
    };
    lexer.code(false)?;
    let tokens = lexer.tokens;
    let text = |t: &Token| &source[t.start..t.end];
    let error = |t: &Token, what: &str| format!("{file}:{}: {what}", t.line);
    let marked = |t: &Token| {
        source
            .lines()
            .nth(t.line - 1)
            .is_some_and(|l| l.contains(UNREACHABLE_MARK))
    };

    let mut imports = Vec::new();
    let mut exports: Vec<(String, String)> = Vec::new();
    // Byte ranges to take out of the source.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let after_dot = i > 0 && text(&tokens[i - 1]) == ".";
        let next = tokens.get(i + 1);
        let next_text = next.map(text).unwrap_or("");
        if t.kind != Kind::Ident || after_dot {
            i += 1;
            continue;
        }
        match text(t) {
            "import" if next_text == "(" && !marked(t) => {
                return Err(error(
                    t,
                    &format!(
                        "dynamic import() cannot be bundled into the single file; use a \
                         static import, or mark a line the single file never runs with \
                         `{UNREACHABLE_MARK}`"
                    ),
                ));
            }
            // A marked dynamic import() stays; import.meta is fine in the inline module.
            "import" if next_text == "(" || next_text == "." => {}
            "import" if t.depth == 0 => {
                let (import, end) = parse_import(&tokens, i, source, file)?;
                cuts.push((t.start, end));
                imports.push(import);
                while i < tokens.len() && tokens[i].start < end {
                    i += 1;
                }
                continue;
            }
            "export" if t.depth == 0 => {
                let (found, cut, skip) = parse_export(&tokens, i, source, file)?;
                exports.extend(found);
                cuts.push(cut);
                i = skip;
                continue;
            }
            "fetch" | "importScripts" if checks.offline && next_text == "(" && !marked(t) => {
                return Err(error(
                    t,
                    &format!(
                        "`{}(` needs a network or a server, which the single file opened from \
                         disk does not have (mark the line with `{UNREACHABLE_MARK}` if the \
                         single file never runs it)",
                        text(t)
                    ),
                ));
            }
            // A worker started from a file name or a `new URL(…)`; one from a
            // variable (a Blob URL of a bundled script) works from disk.
            "Worker" | "SharedWorker"
                if checks.offline
                    && i > 0
                    && text(&tokens[i - 1]) == "new"
                    && next_text == "("
                    && tokens
                        .get(i + 2)
                        .map(text)
                        .is_some_and(|arg| arg == "new" || arg.starts_with(['\'', '"', '`']))
                    && !marked(t) =>
            {
                return Err(error(
                    t,
                    "a worker loads its script from a file, which the single file cannot do \
                     (start it from a Blob URL of a bundled script)",
                ));
            }
            _ => {}
        }
        i += 1;
    }

    let mut seen = std::collections::HashSet::new();
    for (exported, _) in &exports {
        if !seen.insert(exported.as_str()) {
            return Err(format!("{file}: `{exported}` is exported twice"));
        }
    }
    Ok(Module {
        imports,
        exports,
        body: cut_out(source, &cuts),
    })
}

/// `source` without the byte ranges `cuts` (sorted, disjoint); each cut keeps
/// its line breaks so that line numbers stay the same.
fn cut_out(source: &str, cuts: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for &(start, end) in cuts {
        out.push_str(&source[at..start]);
        out.extend(source[start..end].chars().filter(|&c| c == '\n'));
        at = end;
    }
    out.push_str(&source[at..]);
    out
}

/// The statement end: past a `;` if it follows on the same line.
fn statement_end(tokens: &[Token], last: usize, source: &str) -> usize {
    match tokens.get(last + 1) {
        Some(t) if &source[t.start..t.end] == ";" && t.line == tokens[last].line => t.end,
        _ => tokens[last].end,
    }
}

/// The string value of a quoted specifier (escapes are not expected in paths).
fn unquote(token: &str) -> &str {
    &token[1..token.len() - 1]
}

fn parse_import(tokens: &[Token], at: usize, source: &str, file: &str) -> Result<(Import, usize)> {
    let line = tokens[at].line;
    let error = |what: &str| format!("{file}:{line}: {what}");
    let text = |i: usize| tokens.get(i).map(|t| &source[t.start..t.end]).unwrap_or("");
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    let unsupported = || {
        error(
            "this form of import is not supported by the single-file build \
             (supported: import 'x.js', import d from, import * as ns from, \
             import { a, b as c } from, with relative paths)",
        )
    };
    let mut bindings = Vec::new();
    let mut i = at + 1;
    if kind(i) == Some(Kind::Str) {
        let end = statement_end(tokens, i, source);
        let import = Import {
            specifier: unquote(text(i)).to_string(),
            bindings,
            line,
        };
        return Ok((import, end));
    }
    if kind(i) == Some(Kind::Ident) && text(i) != "from" {
        bindings.push(Binding::Named {
            imported: "default".to_string(),
            local: text(i).to_string(),
        });
        i += 1;
        if text(i) == "," {
            i += 1;
        } else if text(i) != "from" {
            return Err(unsupported());
        }
    }
    if text(i) == "*" {
        if text(i + 1) != "as" || kind(i + 2) != Some(Kind::Ident) {
            return Err(unsupported());
        }
        bindings.push(Binding::Namespace {
            local: text(i + 2).to_string(),
        });
        i += 3;
    } else if text(i) == "{" {
        i += 1;
        while text(i) != "}" {
            if kind(i) != Some(Kind::Ident) {
                return Err(unsupported());
            }
            let imported = text(i).to_string();
            let mut local = imported.clone();
            i += 1;
            if text(i) == "as" {
                if kind(i + 1) != Some(Kind::Ident) {
                    return Err(unsupported());
                }
                local = text(i + 1).to_string();
                i += 2;
            }
            bindings.push(Binding::Named { imported, local });
            match text(i) {
                "," => i += 1,
                "}" => {}
                _ => return Err(unsupported()),
            }
        }
        i += 1;
    }
    if text(i) != "from" || kind(i + 1) != Some(Kind::Str) {
        return Err(unsupported());
    }
    let spec = i + 1;
    if matches!(text(spec + 1), "with" | "assert") && tokens[spec + 1].line == tokens[spec].line {
        return Err(error(
            "import attributes (with { type: … }) are not supported by the single-file build",
        ));
    }
    let end = statement_end(tokens, spec, source);
    let import = Import {
        specifier: unquote(text(spec)).to_string(),
        bindings,
        line,
    };
    Ok((import, end))
}

/// Exported names, the byte range to cut, and the token to go on from.
type ExportParse = (Vec<(String, String)>, (usize, usize), usize);

fn parse_export(tokens: &[Token], at: usize, source: &str, file: &str) -> Result<ExportParse> {
    let line = tokens[at].line;
    let error = |what: &str| format!("{file}:{line}: {what}");
    let text = |i: usize| tokens.get(i).map(|t| &source[t.start..t.end]).unwrap_or("");
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    let export = &tokens[at];
    // `export <declaration>`: only the keyword goes, the declaration stays.
    let declared = |i: usize| -> Result<String> {
        let mut j = i;
        if text(j) == "async" {
            j += 1;
        }
        match text(j) {
            "function" | "class" | "const" => {}
            "let" | "var" => {
                return Err(error(&format!(
                    "`export {}` is not supported by the single-file build: importers get the \
                     value once, so a later assignment would not reach them; export a const or \
                     a function",
                    text(j)
                )))
            }
            _ => {
                return Err(error(
                    "this form of export is not supported by the single-file build",
                ))
            }
        }
        j += 1;
        if text(j) == "*" {
            j += 1;
        }
        if kind(j) != Some(Kind::Ident) {
            return Err(error(
                "only exports of one named declaration are supported (no destructuring, no \
                 anonymous function)",
            ));
        }
        Ok(text(j).to_string())
    };
    match text(at + 1) {
        "default" => {
            let after = at + 2;
            if matches!(text(after), "function" | "class" | "async") {
                let name = declared(after)?;
                let cut = (export.start, tokens[at + 1].end);
                return Ok((vec![("default".to_string(), name)], cut, after));
            }
            let ends = match tokens.get(after + 1) {
                None => true,
                Some(t) => &source[t.start..t.end] == ";" || t.line > tokens[after].line,
            };
            if kind(after) != Some(Kind::Ident) || !ends {
                return Err(error(
                    "`export default` of an expression is not supported by the single-file \
                     build: export a name (export default name;)",
                ));
            }
            let end = statement_end(tokens, after, source);
            let exports = vec![("default".to_string(), text(after).to_string())];
            Ok((exports, (export.start, end), after + 1))
        }
        "{" => {
            let mut i = at + 2;
            let mut exports = Vec::new();
            while text(i) != "}" {
                if kind(i) != Some(Kind::Ident) {
                    return Err(error("unsupported name in export { … }"));
                }
                let local = text(i).to_string();
                let mut exported = local.clone();
                i += 1;
                if text(i) == "as" {
                    if kind(i + 1) != Some(Kind::Ident) {
                        return Err(error("unsupported name in export { … }"));
                    }
                    exported = text(i + 1).to_string();
                    i += 2;
                }
                exports.push((exported, local));
                match text(i) {
                    "," => i += 1,
                    "}" => {}
                    _ => return Err(error("unsupported export { … }")),
                }
            }
            if text(i + 1) == "from" {
                return Err(error(
                    "re-exports (export { … } from) are not supported by the single-file build: \
                     import, then export",
                ));
            }
            let end = statement_end(tokens, i, source);
            Ok((exports, (export.start, end), i + 1))
        }
        "*" => Err(error(
            "export * is not supported by the single-file build: import, then export",
        )),
        _ => {
            let name = declared(at + 1)?;
            Ok((
                vec![(name.clone(), name)],
                (export.start, export.end),
                at + 1,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECKED: Checks = Checks { offline: true };

    fn parse(source: &str) -> Result<Module> {
        parse_module("m.js", source, CHECKED)
    }

    #[test]
    fn finds_imports_and_exports_and_keeps_line_numbers() -> Result {
        let source = "// @ts-check\n\
            import { a, b as c } from './a.js';\n\
            import d, * as ns from \"./d.js\"\n\
            import {\n  e,\n  f,\n} from './e.js';\n\
            import './side.js';\n\
            /** @type {import('./types').X} */\n\
            export const K = Object.freeze({ x: 1 });\n\
            export async function run() { return `${a({ b: '}' })}`; }\n\
            export class View {}\n\
            function helper() {}\n\
            export { helper, helper as alias };\n\
            export default run;\n";
        let m = parse(source)?;
        let specs: Vec<&str> = m.imports.iter().map(|i| i.specifier.as_str()).collect();
        assert_eq!(specs, ["./a.js", "./d.js", "./e.js", "./side.js"]);
        assert_eq!(
            m.imports[0].bindings,
            [
                Binding::Named {
                    imported: "a".into(),
                    local: "a".into()
                },
                Binding::Named {
                    imported: "b".into(),
                    local: "c".into()
                },
            ]
        );
        assert_eq!(
            m.imports[1].bindings,
            [
                Binding::Named {
                    imported: "default".into(),
                    local: "d".into()
                },
                Binding::Namespace { local: "ns".into() },
            ]
        );
        assert_eq!(m.imports[2].line, 4);
        let exports: Vec<(&str, &str)> = m
            .exports
            .iter()
            .map(|(e, l)| (e.as_str(), l.as_str()))
            .collect();
        assert_eq!(
            exports,
            [
                ("K", "K"),
                ("run", "run"),
                ("View", "View"),
                ("helper", "helper"),
                ("alias", "helper"),
                ("default", "run"),
            ]
        );
        assert_eq!(m.body.lines().count(), source.lines().count());
        assert!(!m.body.contains("import {"));
        assert!(!m.body.contains("export"));
        assert!(m.body.contains(" const K = Object.freeze"));
        assert!(m.body.contains("/** @type {import('./types').X} */"));
        Ok(())
    }

    #[test]
    fn import_in_strings_comments_templates_and_regexes_is_not_code() -> Result {
        let source = "const s = 'import x from \"./no.js\"';\n\
            const t = `import ${'{'} y } from './no.js'`;\n\
            const r = /import\\(x\\)/g, q = a / b / c;\n\
            /* export let z = 1; */\n\
            const o = { import: 1, export: 2 };\n\
            o.import(1);\n";
        let m = parse(source)?;
        assert!(m.imports.is_empty());
        assert!(m.exports.is_empty());
        assert_eq!(m.body, source);
        Ok(())
    }

    #[test]
    fn refuses_what_it_does_not_support_naming_the_line() {
        let cases = [
            ("\n\nexport let x = 1;", "m.js:3: `export let`"),
            ("export * from './a.js';", "m.js:1: export *"),
            ("export { a } from './a.js';", "m.js:1: re-exports"),
            (
                "export default 1 + 2;",
                "m.js:1: `export default` of an expression",
            ),
            (
                "export const { a, b } = o;",
                "m.js:1: only exports of one named",
            ),
            (
                "import json from './a.json' with { type: 'json' };",
                "m.js:1: import attributes",
            ),
            (
                "\nconst m = await import('./a.js');",
                "m.js:2: dynamic import()",
            ),
            ("fetch('data.json');", "m.js:1: `fetch(`"),
            ("const w = new Worker('w.js');", "m.js:1: a worker"),
            (
                "const w = new Worker(new URL('./w.js', import.meta.url));",
                "m.js:1: a worker",
            ),
            (
                "import defer x from './a.js';",
                "m.js:1: this form of import",
            ),
            ("const s = 'open;", "m.js:1: unterminated string"),
            (
                "export const a = 1;\nexport { a };",
                "m.js: `a` is exported twice",
            ),
        ];
        for (source, expected) in cases {
            match parse(source) {
                Ok(_) => panic!("{source:?} was accepted"),
                Err(message) => assert!(
                    message.starts_with(expected),
                    "{source:?}: {message:?} does not start with {expected:?}"
                ),
            }
        }
    }

    #[test]
    fn a_marked_line_may_use_what_the_single_file_never_runs() -> Result {
        let source = format!(
            "const m = await import(url); {UNREACHABLE_MARK}\nfetch(u); {UNREACHABLE_MARK}\n"
        );
        assert!(parse(&source).is_ok());
        // The wasm-bindgen glue is not checked at all.
        let glue = "async function load() { return fetch(new URL('x.wasm', import.meta.url)); }\n\
                    export { load as default };";
        let m = parse_module("glue.js", glue, Checks { offline: false })?;
        assert_eq!(m.exports, [("default".to_string(), "load".to_string())]);
        Ok(())
    }
}
