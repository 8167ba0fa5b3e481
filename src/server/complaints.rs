//! The complaint register through the server (投诉, RULES §8): recorded, extended once and
//! answered, each one store transaction with its audit event (which never names the
//! complainant); listed in pages, open ones through the pending index by the day their reply
//! is due. Only the director, leaders and supervisors reach it, and the staff member
//! complained of neither sees who complained nor handles the complaint.

use crate::domain::complaint::{Complaint, NewComplaint};
use crate::domain::permission::{Act, allow};
use crate::protocol::page::PageFill;
use crate::protocol::{ComplaintReq, Outcome, Page, PageRequest, Response};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::pending::{self, PENDING, Waiting};
use crate::store::records::COMPLAINTS;
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::session::Session;

/// Handles the requests of the complaint register.
pub fn handle(shared: &Shared, s: &Session, req: ComplaintReq) -> Outcome {
    let act = req.act();
    if let Err(why) = allow(&shared.centre, &s.staff, Act::KeepComplaints) {
        return super::session::refuse_recorded(shared, s, &act, Refusal::from(why));
    }
    match req {
        ComplaintReq::Open {
            channel,
            grounds,
            against,
            case,
            name,
            phone,
            text,
            major,
        } => {
            let new = NewComplaint {
                channel,
                grounds: grounds.0,
                against,
                case,
                name,
                phone,
                text,
                major,
            };
            s.reply(open(shared, s, &act, new))
        }
        ComplaintReq::Show { id } => s.reply(show(shared, s, id)),
        ComplaintReq::List { open, page } => {
            s.read(list(shared, open, &page).map(Response::Complaints))
        }
        ComplaintReq::Extend { id, reason } => s.reply(change(shared, s, &act, id, |c, on| {
            c.extend(&s.staff.code, on, &reason, &shared.calendar)
        })),
        ComplaintReq::Reply {
            id,
            outcome,
            text,
            form,
        } => {
            let written = shared.centre.settings.complaint_replies_written;
            s.reply(change(shared, s, &act, id, |c, on| {
                c.answer(&s.staff.code, on, outcome, &text, form, written)
                    .map(|_| ())
            }))
        }
    }
}

fn open(shared: &Shared, s: &Session, act: &str, new: NewComplaint) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    if let Some(code) = new
        .against
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        && shared.centre.staff(code).is_none()
    {
        return Err(refused(Refusal::NoStaff { code: code.into() }));
    }
    shared.store.execute(&s.who(), now, act, vec![], |txn| {
        if let Some(id) = new.case
            && crate::store::cases::get(txn, id)?.is_none()
        {
            return Err(refused(Refusal::NoCase { id }));
        }
        let complaint =
            Complaint::receive(new, &s.staff.code, now, &shared.calendar).map_err(refused)?;
        let id = COMPLAINTS.insert(txn, &complaint)?;
        saved(txn, s, id, complaint, None, "open")
    })
}

/// Extends or answers complaint `id` with `f`, unless it is about the caller.
fn change(
    shared: &Shared,
    s: &Session,
    act: &str,
    id: u64,
    f: impl FnOnce(
        &mut Complaint,
        chrono::NaiveDate,
    ) -> Result<(), crate::domain::complaint::ComplaintError>,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Complaint { id }], |txn| {
            let mut complaint: Complaint = COMPLAINTS
                .get(txn, id)?
                .ok_or_else(|| refused(Refusal::NoComplaint { id }))?;
            if complaint.against.as_deref() == Some(s.staff.code.as_str()) {
                return Err(refused(Refusal::OwnComplaint { id }));
            }
            let was_due = complaint.due;
            f(&mut complaint, now.date()).map_err(refused)?;
            COMPLAINTS.put(txn, id, &complaint)?;
            propose_if_upheld(txn, id, &complaint)?;
            let state = if complaint.reply.is_some() {
                "replied"
            } else {
                "extended"
            };
            saved(txn, s, id, complaint, Some(was_due), state)
        })
}

/// An upheld complaint against a staff member proposes a violation against them (RULES §9):
/// of attitude when that was its ground, else "other"; serious when it was major or about
/// corruption.
fn propose_if_upheld(txn: &redb::WriteTransaction, id: u64, c: &Complaint) -> Result<(), CmdError> {
    use crate::domain::accountability::{ViolationType, complaint};
    use crate::domain::complaint::Ground;
    let (Some(reply), Some(staff)) = (&c.reply, &c.against) else {
        return Ok(());
    };
    if !reply.finding.against_staff() {
        return Ok(());
    }
    let kind = if c.grounds.contains(&Ground::Attitude) {
        ViolationType::Attitude
    } else {
        ViolationType::Other
    };
    let v = complaint(id, staff, kind, c.received_at.date(), c.passed_up());
    crate::store::violations::propose(txn, &v)?;
    Ok(())
}

/// Files a complaint just written in the pending index while it waits for its reply (under
/// the day it is due, moved from `was_due` when that changed), and answers with it as the
/// caller may see it and its event.
fn saved(
    txn: &redb::WriteTransaction,
    s: &Session,
    id: u64,
    complaint: Complaint,
    was_due: Option<chrono::NaiveDate>,
    state: &str,
) -> Result<(Response, Fact), CmdError> {
    if let Some(before) = was_due {
        pending::set(txn, &pending::complaint_key(before, id), false)?;
    }
    pending::set(
        txn,
        &pending::complaint_key(complaint.due, id),
        complaint.is_open(),
    )?;
    let fact = Fact::new(
        vec![Target::Complaint { id }],
        Data::Complaint {
            complaint: id,
            channel: complaint.channel.key().to_string(),
            grounds: complaint
                .grounds
                .iter()
                .map(|g| g.key().to_string())
                .collect(),
            against: complaint.against.clone(),
            case: complaint.case,
            due: complaint.due,
            state: state.to_string(),
            finding: complaint
                .reply
                .as_ref()
                .map(|r| r.finding.key().to_string()),
            passed_up: complaint.passed_up(),
        },
    );
    let complaint = Box::new(complaint.shown_to(&s.staff.code, false));
    Ok((Response::Complaint { id, complaint }, fact))
}

fn show(shared: &Shared, s: &Session, id: u64) -> Result<Response, CmdError> {
    let txn = shared.store.read()?;
    let table = COMPLAINTS.open_read(&txn)?;
    let (id, complaint) = COMPLAINTS
        .some::<Complaint>(&table, [id])?
        .pop()
        .ok_or_else(|| refused(Refusal::NoComplaint { id }))?;
    let complaint = Box::new(complaint.shown_to(&s.staff.code, false));
    Ok(Response::Complaint { id, complaint })
}

/// Complaints, the complainant masked: open ones soonest due first through the pending index,
/// all of them by number.
fn list(
    shared: &Shared,
    open: bool,
    page: &PageRequest,
) -> Result<Page<(u64, Complaint)>, StoreError> {
    let txn = shared.store.read()?;
    let table = COMPLAINTS.open_read(&txn)?;
    let listed = |id: u64, c: Complaint| (id, c.shown_to("", true));
    let mut fill = PageFill::new(page);
    if open {
        let prefix = Waiting::Complaint.prefix();
        for key in pending::keys(&txn.open_table(PENDING)?, prefix, page.after.as_deref())? {
            let found = match pending::id_of(&key) {
                Some(id) => COMPLAINTS.some::<Complaint>(&table, [id])?.pop(),
                None => None,
            };
            match found {
                Some((id, c)) => {
                    if !fill.push(listed(id, c), key) {
                        break;
                    }
                }
                None => fill.pass(key),
            }
        }
    } else {
        let after = page.after.as_deref().and_then(|a| a.parse().ok());
        COMPLAINTS.scan(&txn, after, |id, c: Complaint| {
            fill.push(listed(id, c), id.to_string())
        })?;
    }
    Ok(fill.page())
}
