//! Base64 (RFC 4648): the URL-safe alphabet without padding (§5), which a
//! link carries with no escaping, and the standard alphabet with padding
//! (§4), which `data:` URLs and Content-Security-Policy hashes want.

/// Which of RFC 4648's two alphabets, and whether `=` pads the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// A–Z a–z 0–9 + /, padded with `=` (§4).
    Standard,
    /// A–Z a–z 0–9 - _, unpadded (§5 without the optional padding).
    Url,
}

impl Alphabet {
    fn chars(self) -> &'static [u8; 64] {
        match self {
            Alphabet::Standard => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            }
            Alphabet::Url => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        }
    }
}

/// Encodes bytes in `alphabet` (padded for [`Alphabet::Standard`] only).
pub fn encode(bytes: &[u8], alphabet: Alphabet) -> String {
    let chars = alphabet.chars();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // One input byte gives two characters, two give three, three give four.
        for k in 0..=chunk.len() {
            out.push(char::from(chars[(n >> (18 - 6 * k) & 63) as usize]));
        }
        if alphabet == Alphabet::Standard {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

fn url_value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes base64url (trailing `=` padding is tolerated), or says why not.
pub fn decode_url(text: &str) -> Result<Vec<u8>, String> {
    let trimmed = text.trim_end_matches('=');
    let bytes = trimmed.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(format!(
            "{} characters cannot be base64url (a length of 4k + 1 is impossible)",
            bytes.len()
        ));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for (c, chunk) in bytes.chunks(4).enumerate() {
        let mut n = 0u32;
        for (k, &byte) in chunk.iter().enumerate() {
            let v = url_value(byte).ok_or_else(|| {
                format!(
                    "character {} ({:?}) is not base64url (A–Z, a–z, 0–9, - and _)",
                    4 * c + k + 1,
                    char::from(byte)
                )
            })?;
            n |= v << (18 - 6 * k);
        }
        let full = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&full[..chunk.len() - 1]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_the_rfc_4648_test_vectors() {
        // RFC 4648 §10; base64url drops the padding (the alphabets agree on these).
        for (plain, padded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes(), Alphabet::Standard), padded);
            let url = padded.trim_end_matches('=');
            assert_eq!(encode(plain.as_bytes(), Alphabet::Url), url);
            assert_eq!(decode_url(url).unwrap(), plain.as_bytes());
        }
        // Where the alphabets differ: 0xfb 0xff is "+/8=" and "-_8".
        assert_eq!(encode(&[0xfb, 0xff], Alphabet::Standard), "+/8=");
        assert_eq!(encode(&[0xfb, 0xff], Alphabet::Url), "-_8");
        assert_eq!(encode(&[0xff, 0xfe, 0x00], Alphabet::Standard), "//4A");
        assert_eq!(decode_url("Zg==").unwrap(), b"f");
    }

    #[test]
    fn refuses_what_is_not_base64url() {
        assert!(decode_url("Zm9v+A")
            .unwrap_err()
            .contains("character 5 ('+')"));
        assert!(decode_url("Zm9vY").unwrap_err().contains("4k + 1"));
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(decode_url(&encode(&bytes, Alphabet::Url)).unwrap(), bytes);
        }

        #[test]
        fn never_panics(text in ".*") {
            let _ = decode_url(&text);
        }
    }
}
