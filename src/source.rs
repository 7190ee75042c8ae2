//! Sources: which files a run checks (gitignore-aware walking), reading and decoding
//! them, how paths are shown and compared, the line index every report uses to turn
//! byte offsets into positions, and writing a file atomically.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::Diagnostic;
use thiserror::Error;

use crate::document::Format;

/// How many leading bytes are searched for a NUL to call a file binary (git's rule).
const BINARY_PROBE: usize = 8 * 1024;

/// The display name of standard input when `--stdin-filename` is not given.
pub const STDIN_NAME: &str = "<stdin>";

/// A file that could not be checked. Each names its path; the run goes on without it.
#[derive(Debug, Error, Diagnostic)]
pub enum SourceError {
    #[error("{path}: no such file or directory")]
    #[diagnostic(code(citelint::not_found))]
    NotFound { path: String },

    #[error("{path}: cannot read: {source}")]
    #[diagnostic(code(citelint::io))]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },

    #[error("{path}: is a binary file")]
    #[diagnostic(code(citelint::binary), help("citelint checks UTF-8 text and Markdown profiles"))]
    Binary { path: String },

    #[error("{path}: invalid UTF-8 at byte {offset} (line {line})")]
    #[diagnostic(code(citelint::encoding), help("save the file as UTF-8"))]
    InvalidUtf8 { path: String, offset: usize, line: usize },

    #[error("{path}: invalid {encoding} at byte {offset} (line {line})")]
    #[diagnostic(code(citelint::encoding), help("save the file as UTF-8, or declare its encoding"))]
    Undecodable { path: String, encoding: &'static str, offset: usize, line: usize },

    #[error("{path}: cannot be read as {format}: {reason}")]
    #[diagnostic(code(citelint::unreadable), help("check that the file opens in the program that wrote it"))]
    Unreadable { path: String, format: &'static str, reason: String },

    #[error("{path}: no profiles found (looked for {looked_for})")]
    #[diagnostic(
        code(citelint::no_profiles),
        help("name the files to check, or widen `[files] include` in citelint.toml")
    )]
    NoProfiles { path: String, looked_for: String },

    #[error("{path}: {message}")]
    #[diagnostic(code(citelint::walk))]
    Walk { path: String, message: String },

    #[error("links could not be checked: {message}")]
    #[diagnostic(
        code(citelint::links),
        help("run with --offline to check the documents without their links")
    )]
    Links { message: String },
}

impl SourceError {
    /// The path the error is about, as the user wrote it.
    pub fn path(&self) -> &str {
        match self {
            SourceError::NotFound { path }
            | SourceError::Io { path, .. }
            | SourceError::Binary { path }
            | SourceError::InvalidUtf8 { path, .. }
            | SourceError::Undecodable { path, .. }
            | SourceError::Unreadable { path, .. }
            | SourceError::NoProfiles { path, .. }
            | SourceError::Walk { path, .. } => path,
            SourceError::Links { .. } => "",
        }
    }
}

/// Which files a directory walk picks up.
#[derive(Clone, Debug, Default)]
pub struct FileFilter {
    /// Globs a walked file must match; empty means the extensions of every reader
    /// ([`Format::extensions`]).
    pub include: Vec<String>,
    /// Globs that drop a walked file.
    pub exclude: Vec<String>,
    /// The directory of the config file; globs also match paths relative to it.
    pub root: Option<PathBuf>,
}

/// A compiled [`FileFilter`].
struct CompiledFilter {
    include: Option<GlobSet>,
    exclude: GlobSet,
    root: Option<PathBuf>,
    cwd: Option<PathBuf>,
}

impl CompiledFilter {
    fn new(filter: &FileFilter) -> Result<CompiledFilter, globset::Error> {
        let build = |globs: &[String]| -> Result<GlobSet, globset::Error> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g)?);
            }
            b.build()
        };
        let include = if filter.include.is_empty() { None } else { Some(build(&filter.include)?) };
        Ok(CompiledFilter {
            include,
            exclude: build(&filter.exclude)?,
            root: filter.root.clone(),
            cwd: std::env::current_dir().ok(),
        })
    }

    /// The forms a walked path's globs are tried against: relative to the walked
    /// directory, as displayed, and relative to the config file's directory, so
    /// `drafts/**` means the same from wherever the run starts.
    fn candidates(&self, path: &Path, walk_root: &Path) -> Vec<PathBuf> {
        let mut candidates: Vec<PathBuf> = Vec::with_capacity(3);
        if let Ok(rel) = path.strip_prefix(walk_root) {
            candidates.push(rel.to_path_buf());
        }
        candidates.push(path.strip_prefix(".").unwrap_or(path).to_path_buf());
        if let (Some(root), Some(cwd)) = (&self.root, &self.cwd) {
            let abs = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
            if let Ok(rel) = abs.strip_prefix(root) {
                candidates.push(rel.to_path_buf());
            }
        }
        candidates
    }

    /// Whether a directory met while walking is pruned (`exclude = ["drafts"]` works
    /// as in a .gitignore, not only `drafts/**`).
    fn excludes_dir(&self, path: &Path, walk_root: &Path) -> bool {
        self.candidates(path, walk_root).iter().any(|c| self.exclude.is_match(c))
    }

    /// Whether a file met while walking `walk_root` is checked.
    fn accepts(&self, path: &Path, walk_root: &Path) -> bool {
        let candidates = self.candidates(path, walk_root);
        if candidates.iter().any(|c| self.exclude.is_match(c)) {
            return false;
        }
        match &self.include {
            Some(set) => candidates.iter().any(|c| set.is_match(c)),
            None => {
                path.extension().and_then(|e| e.to_str()).is_some_and(|e| Format::from_extension(e).is_some())
            }
        }
    }
}

/// Which unmatched `[[ignore]]` and baseline entries count as stale: it depends on how
/// much of the collection a run covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StaleScope {
    /// Only entries of files that were checked: a run on a few files (pre-commit,
    /// `--changed-since`) says nothing about the others.
    #[default]
    CheckedFiles,
    /// Every unmatched entry, including those of files that no longer exist: for a run
    /// over the whole collection.
    Everything,
}

/// One thing to read: a file (named or found by walking) or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    File {
        path: PathBuf,
        /// Named on the command line (binary is then an error, not a skip).
        explicit: bool,
    },
    Stdin {
        name: String,
    },
}

impl Input {
    /// The path shown in reports.
    pub fn display(&self) -> String {
        match self {
            Input::File { path, .. } => display_path(path),
            Input::Stdin { name } => name.clone(),
        }
    }
}

/// A path as the user wrote it, with forward slashes kept and a leading `./` dropped.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => s.into_owned(),
    }
}

/// A path as entries of baselines and `[[ignore]]` compare it: `/` separators, no
/// leading `./`.
pub fn normalize_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut p = path.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_owned()
}

/// What [`collect`] found: the inputs in order, the paths that failed, and notes on
/// files skipped while walking.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub errors: Vec<SourceError>,
    pub notes: Vec<String>,
}

/// Expand the command-line paths into inputs. Named files are kept as given; directories
/// are walked (respecting `.gitignore`, `.ignore` and hidden files) and their files
/// sorted by path. `-` is standard input, shown as `stdin_name`.
pub fn collect(
    paths: &[PathBuf],
    filter: &FileFilter,
    stdin_name: &str,
) -> Result<Collected, globset::Error> {
    let matcher = Arc::new(CompiledFilter::new(filter)?);
    let mut out = Collected::default();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            // Standard input can be read once; a second `-` would check an empty text.
            if seen.insert(path.clone()) {
                out.inputs.push(Input::Stdin { name: stdin_name.to_owned() });
            }
            continue;
        }
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                out.errors.push(io_error(path, e));
                continue;
            }
        };
        if !meta.is_dir() {
            if seen.insert(same_file_key(path)) {
                out.inputs.push(Input::File { path: path.clone(), explicit: true });
            }
            continue;
        }
        let errors_before = out.errors.len();
        let found = walk(path, &matcher, &mut out, &mut seen);
        // A walk that failed says why itself; one that simply found nothing needs saying
        // (one whose files were all named before found them).
        if found == 0 && out.errors.len() == errors_before {
            let looked_for =
                if filter.include.is_empty() { default_include_globs() } else { filter.include.join(", ") };
            out.errors.push(SourceError::NoProfiles { path: display_path(path), looked_for });
        }
    }
    Ok(out)
}

/// What a walk looks for without include globs: every reader's extensions.
pub fn default_include_globs() -> String {
    let globs: Vec<String> =
        Format::ALL.iter().flat_map(|f| f.extensions()).map(|e| format!("*.{e}")).collect();
    globs.join(", ")
}

/// Add the profiles under `dir` not seen before to `out`: how many it holds.
fn walk(
    dir: &Path,
    matcher: &Arc<CompiledFilter>,
    out: &mut Collected,
    seen: &mut std::collections::HashSet<PathBuf>,
) -> usize {
    let (prune, root) = (Arc::clone(matcher), dir.to_path_buf());
    let walker = ignore::WalkBuilder::new(dir)
        // `.gitignore` counts even outside a git checkout: a profile collection copied out
        // of its repository should still skip what the repository ignores.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && prune.excludes_dir(e.path(), &root))
        })
        .build();
    let mut found = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = walk_error_path(&e).map_or_else(|| display_path(dir), |p| display_path(&p));
                out.errors.push(SourceError::Walk { path, message: e.to_string() });
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        if matcher.accepts(&path, dir) {
            found.push(path);
        }
    }
    found.sort();
    let count = found.len();
    for path in found {
        if seen.insert(same_file_key(&path)) {
            out.inputs.push(Input::File { path, explicit: false });
        }
    }
    count
}

/// The path without a leading `.`, so that `./a.txt`, `a.txt` and a walk of `.` name one
/// file once. Paths compare with their inner `.` components left out already; `..`
/// stays, as it may pass through a symbolic link.
fn same_file_key(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

fn io_error(path: &Path, e: io::Error) -> SourceError {
    let path = display_path(path);
    if e.kind() == io::ErrorKind::NotFound {
        SourceError::NotFound { path }
    } else {
        SourceError::Io { path, source: e }
    }
}

/// A read file: its display path, its bytes and the format to read them with.
#[derive(Debug)]
pub struct Loaded {
    pub path: String,
    pub bytes: Vec<u8>,
    pub format: Format,
}

/// What reading one input gave.
#[derive(Debug)]
pub enum ReadResult {
    Loaded(Loaded),
    /// A binary file met while walking: skipped, with this note.
    Skipped(String),
    Failed(SourceError),
}

/// Read one input. `format` overrides the reader the name implies. A text format's file
/// with a NUL near its start is binary: skipped when a walk found it, an error when it
/// was named. Decoding is the reader's (`document::readers::open`).
pub fn read(input: &Input, format: Option<Format>) -> ReadResult {
    let display = input.display();
    let bytes = match input {
        Input::File { path, .. } => fs::read(path).map_err(|e| io_error(path, e)),
        Input::Stdin { .. } => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|source| SourceError::Io { path: display.clone(), source })
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return ReadResult::Failed(e),
    };
    let format = format.unwrap_or_else(|| Format::from_path(Path::new(&display)));
    if format.is_text() && is_binary(&bytes) {
        return match input {
            Input::File { explicit: false, .. } => {
                ReadResult::Skipped(format!("skipped binary file {display}"))
            }
            _ => ReadResult::Failed(SourceError::Binary { path: display }),
        };
    }
    ReadResult::Loaded(Loaded { path: display, bytes, format })
}

/// A NUL byte near the start means binary, as git and ripgrep decide.
pub fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]).is_some()
}

/// Whether [`write_atomic`] may replace an existing file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    Yes,
    /// Fail with [`io::ErrorKind::AlreadyExists`] if the name is taken.
    No,
}

/// Write `bytes` to a temporary file beside `path`, synced, then move it into place, so a
/// crash never leaves half a file behind. Without [`Overwrite::Yes`] the move fails with
/// `AlreadyExists` if the name is taken (a hard link never clobbers).
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: Overwrite) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        io::Write::write_all(&mut file, bytes)?;
        file.sync_all()?;
        match overwrite {
            Overwrite::Yes => fs::rename(&tmp, path),
            Overwrite::No => fs::hard_link(&tmp, path).and_then(|()| fs::remove_file(&tmp)),
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Line starts of one text, to turn byte offsets into [`Position`]s in O(log n) per
/// lookup plus the length of the line prefix.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    /// Offsets past the end or inside a character are clamped to the nearest boundary
    /// before them.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = text.floor_char_boundary(offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        Position { line: line + 1, column: text[start..offset].chars().count() + 1 }
    }

    /// The 0-based line `offset` lies on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte offset where 0-based `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// How many lines the text has (a final line without a newline counts).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "Abc\nՀայաստան [1] и Россия\n";
        let index = LineIndex::new(text);
        let at = text.find("[1]").unwrap();
        assert_eq!(index.position(text, at), Position { line: 2, column: 10 });
        let at = text.find("Россия").unwrap();
        assert_eq!(index.position(text, at), Position { line: 2, column: 16 });
    }

    #[test]
    fn first_and_end_offsets_are_positions() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 2), Position { line: 1, column: 3 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        assert_eq!(index.position(text, 5), Position { line: 2, column: 3 });
        assert_eq!(index.position(text, 99), Position { line: 2, column: 3 });
    }

    #[test]
    fn offset_inside_a_character_is_clamped_back() {
        let text = "ՀՀ";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 1, column: 2 });
    }

    #[test]
    fn nul_in_the_first_eight_kilobytes_is_binary() {
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary(b"plain text"));
        let mut late = vec![b'a'; BINARY_PROBE];
        late.push(0);
        assert!(!is_binary(&late));
    }

    #[test]
    fn a_directory_walked_again_is_not_reported_as_empty() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        fs::write(dir.join("a.txt"), "T\n").unwrap();
        let spelled = [dir.join("a.txt"), dir.join(".").join("a.txt"), dir.join("."), dir.to_path_buf()];
        let collected = collect(&spelled, &FileFilter::default(), "-").unwrap();
        assert_eq!(collected.inputs.len(), 1, "{:?}", collected.inputs.len());
        assert!(collected.errors.is_empty());
    }

    #[test]
    fn default_filter_takes_profile_extensions_only() {
        let m = CompiledFilter::new(&FileFilter::default()).unwrap();
        let root = Path::new("dir");
        assert!(m.accepts(Path::new("dir/a.txt"), root));
        assert!(m.accepts(Path::new("dir/b.MD"), root));
        assert!(m.accepts(Path::new("dir/c.markdown"), root));
        assert!(!m.accepts(Path::new("dir/d.rs"), root));
    }

    #[test]
    fn exclude_globs_match_relative_to_the_walked_directory() {
        let filter = FileFilter { exclude: vec!["drafts/**".into()], ..FileFilter::default() };
        let m = CompiledFilter::new(&filter).unwrap();
        let root = Path::new("profiles");
        assert!(!m.accepts(Path::new("profiles/drafts/a.txt"), root));
        assert!(m.accepts(Path::new("profiles/final/a.txt"), root));
    }

    #[test]
    fn a_bare_directory_name_excludes_the_directory() {
        let filter = FileFilter { exclude: vec!["drafts".into()], ..FileFilter::default() };
        let m = CompiledFilter::new(&filter).unwrap();
        let root = Path::new("profiles");
        assert!(m.excludes_dir(Path::new("profiles/drafts"), root));
        assert!(!m.excludes_dir(Path::new("profiles/final"), root));
    }

    #[test]
    fn include_globs_replace_the_default_extensions() {
        let filter = FileFilter { include: vec!["**/*.prof".into()], ..FileFilter::default() };
        let m = CompiledFilter::new(&filter).unwrap();
        let root = Path::new("d");
        assert!(m.accepts(Path::new("d/x/a.prof"), root));
        assert!(!m.accepts(Path::new("d/a.txt"), root));
    }

    #[test]
    fn write_atomic_refuses_to_overwrite_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("citelint.toml");
        write_atomic(&path, b"a", Overwrite::No).unwrap();
        let refused = write_atomic(&path, b"b", Overwrite::No).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "a");
        write_atomic(&path, b"c", Overwrite::Yes).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "c");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn paths_compare_without_backslashes_or_leading_dot_slashes() {
        assert_eq!(normalize_path("./././a\\b.txt"), "a/b.txt");
        assert_eq!(normalize_path("../a.txt"), "../a.txt");
    }

    #[test]
    fn display_path_drops_a_leading_dot_slash() {
        assert_eq!(display_path(Path::new("./a/b.txt")), "a/b.txt");
        assert_eq!(display_path(Path::new("a/b.txt")), "a/b.txt");
        assert_eq!(display_path(Path::new(".")), ".");
    }
}
