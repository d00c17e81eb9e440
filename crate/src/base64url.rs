//! Base64url (RFC 4648 §5) without padding: how links carry numbers in
//! binary. Its alphabet (A–Z a–z 0–9 - _) needs no escaping in a URL. The
//! codec itself is the project's one (`codec::base64`).

use codec::base64::{self, Alphabet};

/// Encodes bytes as base64url, without `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    base64::encode(bytes, Alphabet::Url)
}

/// Decodes base64url (trailing `=` padding is tolerated), or says why not.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    base64::decode_url(text)
}
