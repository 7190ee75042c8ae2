//! The distinct written forms the name gate collects: a set of spans of the text, keyed
//! by the hash its reader computes while reading each word ([`form_hash`]), so that no
//! word is read twice to be hashed.
//!
//! [`form_hash`]: super::super::words::form_hash

use crate::document::Span;

/// The distinct forms of a text, as a set of spans: each word is hashed once, as it is
/// read, and its bytes compared only on a hash match.
///
/// An `FxHashSet<&str>` in its place, which hashes each word again, made the gate cost
/// 42.0 M instructions rather than 34.9 M (callgrind, all rules, JSON, `target/sub200`,
/// the crate built as one codegen unit so that only this change is measured).
pub(super) struct DistinctForms<'t> {
    text: &'t str,
    /// [`form_hash`] hash, start and end of each form; open addressing, linear probing,
    /// an empty span for an empty slot (forms are never empty); at most half full.
    ///
    /// [`form_hash`]: super::super::words::form_hash
    slots: Vec<(u64, u32, u32)>,
    /// How many forms there are.
    pub(super) len: usize,
    /// Their bytes, all together.
    pub(super) bytes: usize,
}

impl<'t> DistinctForms<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        DistinctForms { text, slots: vec![(0, 0, 0); 128], len: 0, bytes: 0 }
    }

    /// Adds `word`, whose bytes hash to `hash`.
    #[inline]
    pub(super) fn insert(&mut self, word: Span, hash: u64) {
        let bytes = &self.text.as_bytes()[word.clone()];
        let mask = self.slots.len() - 1;
        // `FxHasher::finish` moves the best mixed bits of the hash, its high bits, to the
        // bottom.
        let mut i = hash as usize & mask;
        loop {
            let (h, start, end) = self.slots[i];
            if end == 0 {
                break;
            }
            // Up to eight bytes are hashed as one zero-padded word, added to zero and
            // multiplied by an odd constant, then rotated: a bijection, and no word holds
            // a zero byte. Two such words of one hash and length are equal without
            // comparing their bytes.
            let len = (end - start) as usize;
            if h == hash
                && len == bytes.len()
                && (len <= 8 || self.text.as_bytes()[start as usize..end as usize] == *bytes)
            {
                return;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = (hash, word.start as u32, word.end as u32);
        self.len += 1;
        self.bytes += bytes.len();
        if self.len * 2 > self.slots.len() {
            let grown = vec![(0, 0, 0); self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, grown);
            let mask = self.slots.len() - 1;
            for slot in old.into_iter().filter(|s| s.2 != 0) {
                let mut i = slot.0 as usize & mask;
                while self.slots[i].2 != 0 {
                    i = (i + 1) & mask;
                }
                self.slots[i] = slot;
            }
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &'t str> + '_ {
        self.slots
            .iter()
            .filter(|s| s.2 != 0)
            .map(|&(_, start, end)| &self.text[start as usize..end as usize])
    }
}
