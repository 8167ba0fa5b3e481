//! The `frontdesk` command line. Each subcommand lives in `cli/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
