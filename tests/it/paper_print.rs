//! Printing a document through the centre's command (`paper::print`): a real command receives
//! the bytes on its standard input; a failing, hanging or missing command leaves the document
//! saved, privately, and says where and why.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use frontdesk::paper::print::{PrintCommand, Printed, print};

use crate::common::empty_dir;

/// A shell script at `dir/name` with `body`, made executable.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

const DOC: &[u8] = b"%PDF-1.7 a document of the desk\n";

#[test]
fn the_print_command_receives_the_document_on_its_standard_input() {
    let dir = empty_dir();
    let got = dir.join("got");
    let cmd = script(&dir, "printer", "cat > \"$1\"");
    let command = PrintCommand::parse(&format!("'{}' '{}'", cmd.display(), got.display())).unwrap();
    let saved = dir.join("papers");
    let printed = print(DOC, Some(&command), &saved, "n.pdf", Duration::from_secs(5)).unwrap();
    assert_eq!(printed, Printed::Sent);
    assert_eq!(std::fs::read(&got).unwrap(), DOC);
    assert!(!saved.exists(), "nothing saved when printed");
}

#[test]
fn a_failing_print_command_leaves_the_document_saved_saying_where_and_why() {
    let dir = empty_dir();
    let cmd = script(
        &dir,
        "printer",
        "echo 'lp: The printer or class does not exist.' >&2; exit 1",
    );
    let command = PrintCommand::parse(&format!("'{}'", cmd.display())).unwrap();
    let saved = dir.join("papers");
    let Printed::Saved { path, why } =
        print(DOC, Some(&command), &saved, "n.pdf", Duration::from_secs(5)).unwrap()
    else {
        panic!("a failed print must be saved");
    };
    assert!(
        why.to_string().contains("status 1") && why.to_string().contains("does not exist"),
        "{why}"
    );
    assert!(path.starts_with(&saved), "{}", path.display());
    assert_eq!(std::fs::read(&path).unwrap(), DOC);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a saved paper holds an applicant's details");
    // Saved again, the first is kept.
    let Printed::Saved { path: second, .. } =
        print(DOC, Some(&command), &saved, "n.pdf", Duration::from_secs(5)).unwrap()
    else {
        panic!("saved again");
    };
    assert_ne!(second, path);
    assert!(path.exists() && second.exists());
}

#[test]
fn a_print_command_that_hangs_is_stopped_and_the_document_saved() {
    let dir = empty_dir();
    let cmd = script(&dir, "printer", "sleep 60");
    let command = PrintCommand::parse(&format!("'{}'", cmd.display())).unwrap();
    let started = Instant::now();
    // Larger than a pipe holds, so that a writer on the caller's thread would block.
    let big = vec![b'x'; 1 << 20];
    let printed = print(
        &big,
        Some(&command),
        &dir,
        "n.pdf",
        Duration::from_millis(500),
    )
    .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "held for {:?}",
        started.elapsed()
    );
    assert!(
        matches!(&printed, Printed::Saved { why, .. } if why.to_string().contains("did not finish")),
        "{printed:?}"
    );
}

#[test]
fn with_no_printer_set_the_document_is_saved() {
    let dir = empty_dir();
    let printed = print(
        DOC,
        None,
        &dir.join("papers"),
        "t.txt",
        Duration::from_secs(1),
    )
    .unwrap();
    assert!(
        matches!(&printed, Printed::Saved { why, path } if why.to_string().contains("no printer") && path.ends_with("papers/t.txt")),
        "{printed:?}"
    );
}

#[test]
fn a_print_command_that_cannot_be_started_says_so_and_the_document_is_saved() {
    let dir = empty_dir();
    let command = PrintCommand::parse("/nonexistent/lp -d hall").unwrap();
    let printed = print(DOC, Some(&command), &dir, "n.pdf", Duration::from_secs(1)).unwrap();
    assert!(
        matches!(&printed, Printed::Saved { why, .. } if why.to_string().contains("could not be started")),
        "{printed:?}"
    );
}
