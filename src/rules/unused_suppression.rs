//! `unused-suppression`: a suppression comment or `[[ignore]]` entry that suppresses
//! nothing. Its findings are made by the suppression stage (`crate::suppress`), which
//! alone sees which suppressions were used.

use super::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a `citelint-disable…` comment, or an `[[ignore]]` entry of `citelint.toml`, that
    /// suppresses no finding; and a suppression comment that names an unknown rule or directive.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it silenced: the sentence is rewritten, the footnote is
    /// restored. Left in place it hides the next, real problem at that spot, and a misspelt rule
    /// name suppresses nothing while looking as if it did.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- citelint-disable-next-line missing-footnote -->
    /// Armenia voted in favor of Resolution 77/63.[^4]
    ///
    /// [^4]: “Voting results,” UNGA, 7 December 2022.
    /// ```
    /// Footnote 4 exists now, so the comment suppresses nothing. Remove it:
    /// ```markdown
    /// Armenia voted in favor of Resolution 77/63.[^4]
    ///
    /// [^4]: “Voting results,” UNGA, 7 December 2022.
    /// ```
    pub struct UnusedSuppression => "unused-suppression", Info, "a suppression comment or [[ignore]] entry that suppresses nothing" in suppressions;
}
