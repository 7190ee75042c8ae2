//! The Word reader (placeholder while the HTML reader is built).

use super::{ReadError, View};

pub fn open(_bytes: &[u8]) -> Result<View, ReadError> {
    Err(ReadError::Unreadable("not yet".into()))
}
