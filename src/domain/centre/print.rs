//! The centre file's `[print]` section: the command documents are printed through, the
//! printers by name, and the font (`paper::print` and `paper::font` use them). Kept with the
//! centre, which owns every setting of its file.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The word of a print command that stands for the printer's name.
pub const PRINTER_WORD: &str = "{printer}";

/// How documents are printed: the centre file's `[print]` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintSettings {
    /// The command a document is given to on its standard input, split into words as a shell
    /// would (no shell runs it); a word `{printer}` is the printer's name.
    pub command: Vec<String>,
    /// The printer of the hall: where a desk's documents go when its window names none.
    pub printer: Option<String>,
    /// The receipt printer (80 mm) the queue tickets are printed on.
    pub ticket_printer: Option<String>,
    /// The font documents are drawn in; none: found in /usr/share/fonts.
    pub font: Option<PathBuf>,
    /// A print command still running after this many seconds is killed and counts as failed.
    pub timeout_secs: u32,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            command: ["lp", "-d", PRINTER_WORD].map(String::from).to_vec(),
            printer: None,
            ticket_printer: None,
            font: None,
            timeout_secs: 20,
        }
    }
}

impl PrintSettings {
    /// The command's words for `printer`, or none when the command needs a printer's name and
    /// none is set: the document is then saved instead.
    pub fn command_for(&self, printer: Option<&str>) -> Option<Vec<String>> {
        let needs_name = self.command.iter().any(|w| w.contains(PRINTER_WORD));
        match printer.map(str::trim).filter(|p| !p.is_empty()) {
            None if needs_name => None,
            name => Some(
                self.command
                    .iter()
                    .map(|w| w.replace(PRINTER_WORD, name.unwrap_or_default()))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_command_is_lp_to_the_printer_named() {
        let s = PrintSettings::default();
        assert_eq!(
            s.command_for(Some("hall-a4")).unwrap(),
            ["lp", "-d", "hall-a4"]
        );
        assert_eq!(s.command_for(None), None, "no printer: nothing to run");
        assert_eq!(s.command_for(Some("  ")), None);
    }

    #[test]
    fn a_command_that_names_no_printer_runs_as_written() {
        let s = PrintSettings {
            command: vec!["/usr/local/bin/to-printer".into(), "--a4".into()],
            ..PrintSettings::default()
        };
        assert_eq!(
            s.command_for(None).unwrap(),
            ["/usr/local/bin/to-printer", "--a4"]
        );
    }
}
