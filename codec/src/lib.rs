//! The text codecs of the project, one of each, shared by the core (links
//! carry numbers in base64url and names percent-encoded) and the build tool
//! (`xtask`: the single file's data in base64, the server's request paths).
//! No dependencies, so the build tool builds in a moment.

pub mod base64;
pub mod percent;
