//! The `citelint` binary: parse the command line, call the library, render, exit.

mod cli;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use citelint::report::{self, ReportOptions};
use clap::Parser;

use cli::{Cli, Command, EXIT_ERROR};

fn main() -> ExitCode {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut err = io::stderr().lock();
    let result = match Cli::parse().into_command() {
        Command::Rules => cli::write_rules(&mut out).map(|()| 0),
        Command::Explain { rule } => {
            let info = citelint::rules::lookup(rule.0).expect("parsed rule names are registered");
            cli::write_explain(info, &mut out).map(|()| 0)
        }
        Command::Init { path, force } => cli::init(&path, force, &mut err),
        Command::Completions { shell } => cli::write_completions(shell, &mut out).map(|()| 0),
        Command::Man => cli::write_man(&mut out).map(|()| 0),
        Command::Source(args) => cli::source(args, &mut out, &mut err),
        Command::Check(args) => match (args.color, args.into_run()) {
            (color, Err(e)) => {
                let color = cli::use_color(color, io::stderr().is_terminal());
                let options = ReportOptions { color, ..ReportOptions::default() };
                report::human::write_diagnostic(&e, &options, &mut err).map(|()| EXIT_ERROR)
            }
            (_, Ok(run)) => cli::check(run, &mut out, &mut err),
        },
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`citelint | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "citelint: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
