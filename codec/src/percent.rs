//! Percent-encoding (RFC 3986 §2.1): `%XX` for a byte. Links write names and
//! values with it; the server reads request paths with it. The two read a
//! malformed escape differently, on purpose: a link keeps it as written (a
//! person may have typed it), a server refuses the request.

/// Appends `text` to `out` with every byte escaped but the unreserved ones
/// (A–Z a–z 0–9 - . _ ~) and the comma, which lists read better without.
pub fn encode_into(text: &str, out: &mut String) {
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b',') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

/// The bytes of `text` with its `%XX` escapes decoded; `Err` at the first
/// malformed escape (its byte offset).
fn decode_bytes(text: &str) -> Result<Vec<u8>, (usize, Vec<u8>)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut k = 0;
    let mut first_bad = None;
    while k < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[k] == b'%' {
            let escape = bytes
                .get(k + 1)
                .copied()
                .and_then(hex)
                .zip(bytes.get(k + 2).copied().and_then(hex));
            if let Some((high, low)) = escape {
                out.push((high * 16 + low) as u8);
                k += 3;
                continue;
            }
            first_bad.get_or_insert(k);
        }
        out.push(bytes[k]);
        k += 1;
    }
    match first_bad {
        None => Ok(out),
        Some(at) => Err((at, out)),
    }
}

/// Decodes `%XX` escapes; a broken escape stays as it is, and bytes that are
/// not UTF-8 become �. Never fails: what a link says is read as far as it can be.
pub fn decode_lenient(text: &str) -> String {
    let bytes = decode_bytes(text).unwrap_or_else(|(_, kept)| kept);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is
/// not UTF-8 (a request path that is not one).
pub fn decode_strict(text: &str) -> Option<String> {
    String::from_utf8(decode_bytes(text).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_all_but_the_unreserved_and_the_comma() {
        let mut out = String::new();
        encode_into("a b&c=d,e~f/é", &mut out);
        assert_eq!(out, "a%20b%26c%3Dd,e~f%2F%C3%A9");
    }

    #[test]
    fn a_broken_escape_is_kept_by_a_link_and_refused_by_a_server() {
        assert_eq!(decode_lenient("100%25"), "100%");
        assert_eq!(decode_lenient("100%"), "100%");
        assert_eq!(decode_lenient("%zz%41"), "%zzA");
        assert_eq!(decode_lenient("%FF"), "\u{FFFD}");
        assert_eq!(decode_strict("/a%20b"), Some("/a b".to_owned()));
        assert_eq!(decode_strict("/%zz"), None);
        assert_eq!(decode_strict("/%2"), None);
        assert_eq!(decode_strict("/%FF"), None);
    }

    proptest! {
        #[test]
        fn round_trips(text in ".*") {
            let mut out = String::new();
            encode_into(&text, &mut out);
            prop_assert_eq!(decode_strict(&out), Some(text.clone()));
            prop_assert_eq!(decode_lenient(&out), text);
        }
    }
}
