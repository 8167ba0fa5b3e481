//! Documents on paper from the server (打印): a case's notice or a queue ticket drawn as PDF in
//! the centre's font (or as text, which needs none), sent through the centre's print command
//! (`[print]`) to the desk's printer, and saved under the data directory (`papers/`) when no
//! printer is set or the command fails. Each is recorded: a notice on its case (the written
//! evidence of one-time notification, RULES §2), and both in the audit trail.
//!
//! The command runs outside any store transaction: a slow printer holds only the connection
//! that asked, never the store.

use std::sync::Mutex;
use std::time::Duration;

use crate::domain::case::{PaperForm, PaperRecord, PaperWay, SaveWhy};
use crate::domain::centre::Staff;
use crate::domain::notice::{
    Block, Notice, PAPER_WIDTH, TICKET_WIDTH, blocks, ticket_slip, ticket_title,
};
use crate::domain::permission::{Act, allow, handles};
use crate::domain::queue::Ticket;
use crate::paper::print::{self, PrintCommand, Printed, Unprinted};
use crate::paper::{FontFile, font, pdf};
use crate::protocol::{CaseReq, Outcome, Response};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::cases::{self, CASES, NOTICES};
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::cases::index_key;
use super::session::Session;

/// The font documents are drawn in, found once and kept; where it is not found, looked for
/// again at the next print, so that a font installed while the server runs is used.
#[derive(Default)]
pub struct Fonts(Mutex<Option<FontFile>>);

impl Fonts {
    fn get(&self, shared: &Shared) -> Result<FontFile, CmdError> {
        let mut held = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(f) = held.as_ref() {
            return Ok(f.clone());
        }
        let found = font::find(shared.centre.print.font.as_deref()).map_err(|e| {
            refused(Refusal::NoFont {
                detail: e.to_string(),
            })
        })?;
        *held = Some(found.clone());
        Ok(found)
    }
}

/// A document ready for paper: its blocks, and what its PDF says about itself.
struct Document {
    blocks: Vec<Block>,
    meta: pdf::Meta,
    sheet: pdf::Sheet,
    width: usize,
    /// Its file name when saved, without the ending.
    name: String,
}

/// The document's bytes in `form`.
fn draw(shared: &Shared, doc: &Document, form: PaperForm) -> Result<Vec<u8>, CmdError> {
    match form {
        PaperForm::Text => {
            let mut text = blocks::text(&doc.blocks, doc.width).join("\n");
            text.push('\n');
            Ok(text.into_bytes())
        }
        PaperForm::Pdf => {
            let face = shared.fonts.get(shared)?;
            pdf::render(&doc.blocks, &face, doc.sheet, &doc.meta).map_err(|e| {
                refused(Refusal::NoFont {
                    detail: e.to_string(),
                })
            })
        }
    }
}

/// Sends the document to `printer` through the centre's command (or saves it, when `save`
/// or when the command cannot be run or fails): where it went.
fn send(
    shared: &Shared,
    doc: &Document,
    form: PaperForm,
    printer: Option<&str>,
    save: bool,
) -> Result<PaperWay, CmdError> {
    let bytes = draw(shared, doc, form)?;
    let name = format!("{}.{}", doc.name, form.extension());
    let lost = |detail: String| refused(Refusal::NotPrinted { detail });
    if save {
        let path = print::save(&bytes, &shared.papers_dir, &name).map_err(|e| {
            lost(format!(
                "the document could not be saved under {}: {e}",
                shared.papers_dir.display()
            ))
        })?;
        return Ok(PaperWay::Saved {
            path: path.display().to_string(),
            why: None,
        });
    }
    let settings = &shared.centre.print;
    let command = settings
        .command_for(printer)
        .and_then(|words| PrintCommand::new(words).ok());
    let timeout = Duration::from_secs(u64::from(settings.timeout_secs));
    match print::print(&bytes, command.as_ref(), &shared.papers_dir, &name, timeout) {
        Ok(Printed::Sent) => Ok(PaperWay::Printed {
            printer: printer.map(str::to_string),
            reprint: false,
        }),
        Ok(Printed::Saved { path, why }) => Ok(PaperWay::Saved {
            path: path.display().to_string(),
            why: Some(match why {
                Unprinted::NoCommand => SaveWhy::NoPrinter,
                Unprinted::Failed(detail) => SaveWhy::Failed(detail),
            }),
        }),
        Err(detail) => Err(lost(detail)),
    }
}

/// The printer at `staff`'s desk: that of the window where they hold a post, else the hall's.
fn desk_printer<'a>(shared: &'a Shared, staff: &Staff) -> Option<&'a str> {
    shared
        .centre
        .windows
        .iter()
        .filter(|w| w.a == staff.code || w.b == staff.code)
        .find_map(|w| w.printer.as_deref())
        .or(shared.centre.print.printer.as_deref())
}

/// What an act of printing records: the document, its form and where it went.
fn paper_data(document: String, form: PaperForm, way: &PaperWay, verb: &str) -> Data {
    let (printer, path, why) = match way {
        PaperWay::Printed { printer, .. } => (printer.clone(), None, None),
        PaperWay::Saved { path, why } => {
            (None, Some(path.clone()), why.as_ref().map(SaveWhy::english))
        }
    };
    Data::Paper {
        document,
        form: form.key().to_string(),
        way: verb.to_string(),
        printer,
        path,
        why,
    }
}

/// `case print`, answered with the record kept on the case.
pub fn handle_print(shared: &Shared, s: &Session, act: &str, req: CaseReq) -> Outcome {
    let CaseReq::Print {
        id,
        number,
        save,
        text,
    } = req
    else {
        return s.failed(refused(Refusal::Misrouted(req.act())));
    };
    s.reply(
        print_notice(shared, s, act, id, number, save, text).map(|(case, record)| {
            Response::Paper {
                case,
                record: Box::new(record),
            }
        }),
    )
}

/// `case print`: notice `number` (default the latest) of case `id`, printed at the asker's
/// desk or saved, and recorded on the case.
fn print_notice(
    shared: &Shared,
    s: &Session,
    act: &str,
    id: u64,
    number: Option<u32>,
    save: bool,
    text: bool,
) -> Result<(u64, PaperRecord), CmdError> {
    let notice = notice_to_print(shared, s, id, number)?;
    let form = if text {
        PaperForm::Text
    } else {
        PaperForm::Pdf
    };
    let doc = Document {
        blocks: notice.blocks(id),
        meta: pdf::Meta {
            title: notice.paper_title(id),
            date: notice.paper_date(),
        },
        sheet: pdf::Sheet::A4,
        width: PAPER_WIDTH,
        name: format!("case-{id}-notice-{}", notice.number),
    };
    let way = send(shared, &doc, form, desk_printer(shared, &s.staff), save)?;
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Case { id }], |txn| {
            let mut case = cases::get(txn, id)?.ok_or_else(|| refused(Refusal::NoCase { id }))?;
            let way = match way {
                PaperWay::Printed { printer, .. } => PaperWay::Printed {
                    printer,
                    reprint: case.printed(notice.number),
                },
                saved => saved,
            };
            let record = PaperRecord {
                notice: notice.number,
                at: now,
                by: s.staff.code.clone(),
                form,
                way,
            };
            case.papers.push(record.clone());
            cases::save(txn, id, &case, index_key(shared, id, &case)?)?;
            let document = format!("case/{id}/notice/{}", notice.number);
            let data = paper_data(document, form, &record.way, record.verb());
            Ok(((id, record), Fact::new(vec![], data)))
        })
}

/// The notice to print, once the asker may work the case.
fn notice_to_print(
    shared: &Shared,
    s: &Session,
    id: u64,
    number: Option<u32>,
) -> Result<Notice, CmdError> {
    let txn = shared.store.read()?;
    let table = txn.open_table(CASES).map_err(StoreError::from)?;
    let notices = txn.open_table(NOTICES).map_err(StoreError::from)?;
    let case =
        cases::load_whole(&table, &notices, id)?.ok_or_else(|| refused(Refusal::NoCase { id }))?;
    let works = Act::WorkCase {
        handles: handles(&shared.centre, &s.staff, &case),
    };
    allow(&shared.centre, &s.staff, works).map_err(refused)?;
    let chosen = match number {
        Some(n) => case.notices.iter().find(|x| x.number == n),
        None => case.notices.last(),
    };
    chosen.cloned().ok_or_else(|| {
        refused(Refusal::NoNotice {
            id,
            number,
            have: case.notices.iter().map(|x| x.number).collect(),
        })
    })
}

/// A queue ticket's slip on the ticket printer (`[print] ticket_printer`), or saved, recorded
/// in the audit trail.
pub fn print_ticket(
    shared: &Shared,
    s: &Session,
    act: &str,
    ticket: &Ticket,
    text: bool,
) -> Result<(PaperForm, PaperWay), CmdError> {
    let form = if text {
        PaperForm::Text
    } else {
        PaperForm::Pdf
    };
    let doc = Document {
        blocks: ticket_slip(ticket, &shared.centre),
        meta: pdf::Meta {
            title: ticket_title(ticket),
            date: ticket.taken_at,
        },
        sheet: pdf::Sheet::Receipt,
        width: TICKET_WIDTH,
        name: format!("ticket-{}-{}", ticket.date, ticket.number),
    };
    let printer = shared.centre.print.ticket_printer.as_deref();
    let way = send(shared, &doc, form, printer, false)?;
    let target = Target::Ticket {
        date: ticket.date,
        number: ticket.number.clone(),
    };
    let document = target.key();
    let verb = match &way {
        PaperWay::Printed { .. } => "printed",
        PaperWay::Saved { .. } => "saved",
    };
    let data = paper_data(document, form, &way, verb);
    shared
        .store
        .execute(&s.who(), shared.clock.now(), act, vec![target], |_| {
            Ok(((form, way), Fact::new(vec![], data)))
        })
}
