//! Where the shared folder (real profiles, corpus, peers' tests) is, for tests that read it.

use std::path::PathBuf;

/// The shared folder: `CITELINT_SHARED`, else `../shared` beside the clone, else
/// `/work/shared`; `None` on a fresh clone without it (the test then skips with a notice).
pub fn shared() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CITELINT_SHARED").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")),
        Some(PathBuf::from("/work/shared")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}
