//! Enquiries (咨询, RULES §1) through the server: logged with their first-asked person, who
//! follows each until it is closed; listed in pages, open ones through the pending index.

use crate::domain::enquiry::{Enquiry, EnquiryStatus, NewEnquiry};
use crate::domain::permission::{Act, allow};
use crate::protocol::page::PageFill;
use crate::protocol::{EnquiryReq, Outcome, Page, PageRequest, Response};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::pending::{self, PENDING, Waiting};
use crate::store::records::ENQUIRIES;
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::session::Session;

/// Handles the requests about enquiries.
pub fn handle(shared: &Shared, s: &Session, req: EnquiryReq) -> Outcome {
    let act = req.act();
    match req {
        EnquiryReq::Log {
            channel,
            caller_name,
            caller_phone,
            content,
            refer_to,
        } => {
            let new = NewEnquiry {
                channel,
                caller_name,
                caller_phone,
                content,
                referred_to: refer_to,
            };
            s.reply(log_enquiry(shared, s, &act, new))
        }
        EnquiryReq::Close { id, outcome } => s.reply(close_enquiry(shared, s, &act, id, &outcome)),
        EnquiryReq::List { open, page } => {
            s.read(list_enquiries(shared, s, open, &page).map(Response::Enquiries))
        }
    }
}

fn log_enquiry(
    shared: &Shared,
    s: &Session,
    act: &str,
    new: NewEnquiry,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(&s.who(), now, act, vec![], |txn| {
        allow(&shared.centre, &s.staff, Act::LogEnquiry).map_err(refused)?;
        if let Some(phone) = new.caller_phone.as_deref().filter(|p| !p.trim().is_empty()) {
            crate::domain::contact::check_phone(phone).map_err(refused)?;
        }
        let enquiry = Enquiry::log(&s.staff.code, new, now).map_err(refused)?;
        let id = ENQUIRIES.insert(txn, &enquiry)?;
        saved(txn, id, enquiry)
    })
}

/// Files an enquiry just written as pending under its first-asked person while it is open, and
/// answers with it and its event: by number, with who was first asked and whether it is still
/// open (no caller's name or number).
fn saved(
    txn: &redb::WriteTransaction,
    id: u64,
    enquiry: Enquiry,
) -> Result<(Response, Fact), CmdError> {
    let open = enquiry.status == EnquiryStatus::Open;
    pending::set(txn, &pending::enquiry_key(&enquiry.first_asked, id), open)?;
    let fact = Fact::new(
        vec![Target::Enquiry { id }],
        Data::Enquiry {
            enquiry: id,
            first_asked: enquiry.first_asked.clone(),
            open,
        },
    );
    let enquiry = Box::new(enquiry);
    Ok((Response::Enquiry { id, enquiry }, fact))
}

fn close_enquiry(
    shared: &Shared,
    s: &Session,
    act: &str,
    id: u64,
    outcome: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Enquiry { id }], |txn| {
            let mut enquiry: Enquiry = ENQUIRIES
                .get(txn, id)?
                .ok_or_else(|| refused(Refusal::NoEnquiry { id }))?;
            let own = enquiry.first_asked == s.staff.code;
            allow(&shared.centre, &s.staff, Act::CloseEnquiry { own }).map_err(refused)?;
            enquiry
                .close(&s.staff.code, outcome, now)
                .map_err(refused)?;
            ENQUIRIES.put(txn, id, &enquiry)?;
            saved(txn, id, enquiry)
        })
}

/// Leaders, the director and supervisors see every enquiry; others their own. Callers' phone
/// numbers are masked for all but the first-asked person. Open ones are read through the
/// pending index (by first-asked person), all of them by number.
fn list_enquiries(
    shared: &Shared,
    s: &Session,
    open: bool,
    page: &PageRequest,
) -> Result<Page<(u64, Enquiry)>, StoreError> {
    let txn = shared.store.read()?;
    let sees_all = allow(&shared.centre, &s.staff, Act::ReadAllEnquiries).is_ok();
    let shown = |id: u64, mut e: Enquiry| {
        if e.first_asked != s.staff.code {
            e.caller_phone = e
                .caller_phone
                .as_deref()
                .map(crate::domain::privacy::mask_phone);
        }
        (id, e)
    };
    let mut fill = PageFill::new(page);
    if open {
        let prefix = if sees_all {
            Waiting::Enquiry.prefix().to_string()
        } else {
            pending::enquiries_of(&s.staff.code)
        };
        let table = ENQUIRIES.open_read(&txn)?;
        for key in pending::keys(&txn.open_table(PENDING)?, &prefix, page.after.as_deref())? {
            let found = match pending::id_of(&key) {
                Some(id) => ENQUIRIES.some::<Enquiry>(&table, [id])?.pop(),
                None => None,
            };
            match found {
                Some((id, e)) => {
                    if !fill.push(shown(id, e), key) {
                        break;
                    }
                }
                None => fill.pass(key),
            }
        }
    } else {
        let after = page.after.as_deref().and_then(|a| a.parse().ok());
        ENQUIRIES.scan(&txn, after, |id, e: Enquiry| {
            if !(sees_all || e.first_asked == s.staff.code) {
                fill.pass(id.to_string());
                return true;
            }
            fill.push(shown(id, e), id.to_string())
        })?;
    }
    Ok(fill.page())
}
