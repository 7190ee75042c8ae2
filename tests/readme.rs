//! The README's rule table is the registry's: same rules, order, default severities and
//! summaries. When a rule is added or its summary changes, this test fails and prints
//! the table to paste.

use citelint::rules::REGISTRY;

const START: &str = "<!-- rules-table: generated from the registry; tests/readme.rs checks it -->\n";
const END: &str = "\n<!-- end rules-table -->";

/// The table as the registry writes it.
fn table() -> String {
    let mut out = String::from("| rule | default | what it flags |\n|---|---|---|\n");
    for r in REGISTRY {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.name,
            r.default_severity,
            r.summary.replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn the_readme_rule_table_is_the_registry() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find(START).expect("the README marks its rule table") + START.len();
    let end = start + readme[start..].find(END).expect("the rule table has an end mark");
    let written = &readme[start..end];
    assert!(
        written == table(),
        "README.md's rule table differs from the registry; replace it with:\n\n{}",
        table()
    );
}
