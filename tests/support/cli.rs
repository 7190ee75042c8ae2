//! Helpers shared by the CLI tests: a scratch directory of profiles and a command that
//! runs the built binary in it with a stable environment.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A profile with one missing note ([3]), one uncited note ([5]) and notes first cited
/// out of order (4 before 2); the Armenian line cites [2].
pub const FLAWED: &str = "\
Mine Ban Policy

Last updated: 22 December 2023

Armenia has not acceded to the Mine Ban Treaty.[1] It voted for Resolution 77/63.[3] It has kept its stockpile.[4]

Հայաստանը չի միացել պայմանագրին, ըստ Երևանի.[2]

[1] Statement of Armenia, Geneva, 21 June 2021.

[2] Letter from Armen Yedigarian, 29 April 2010.

[4] Interview with Col. Vostanik Adoyan, Yerevan, 25 February 2004.

[5] Email from Arman Akopian, Armenia Ministry of Foreign Affairs, 24 August 2005.
";

/// A profile nothing is wrong with.
pub const CLEAN: &str = "\
Mine Ban Policy

Armenia has not acceded to the Mine Ban Treaty.[1] It says so each year.[2]

[1] Statement of Armenia, Geneva, 21 June 2021.

[2] Letter from Armen Yedigarian, 29 April 2010.
";

/// A profile whose only finding is a warning (note 2 is never cited).
pub const WARNING_ONLY: &str = "\
Mine Ban Policy

Armenia has not acceded to the Mine Ban Treaty.[1]

[1] Statement of Armenia, Geneva, 21 June 2021.

[2] Letter from Armen Yedigarian, 29 April 2010.
";

/// A scratch directory that is not inside any citelint.toml's reach: config discovery
/// stops at the first citelint.toml above the working directory, so each test builds
/// its own tree.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write `text` at `rel` (creating directories) and return the full path.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create dirs");
        }
        fs::write(&path, text).expect("write file");
        path
    }

    /// The binary, run in this directory with no colour, no config from above and a
    /// fixed environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_citelint"));
        cmd.current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env("RUST_BACKTRACE", "0");
        cmd
    }
}

/// Run and capture: (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run citelint");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

/// Parse the JSON report.
pub fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// `(rule, path, line)` of every JSON finding, in report order.
pub fn findings(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}
