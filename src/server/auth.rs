//! Who is who (RULES §1, §5): the peer's uid from the socket, mapped to a staff record; and
//! what each role may do. The permission table in the README is this file.

use crate::domain::centre::{Centre, Role, Staff};
use crate::protocol::PinSignIn;
use crate::store::pins::{LOCK_MINUTES, MAX_FAILURES, Verdict};

use super::Shared;

/// The PIN of demo staff who have not set their own.
pub const DEMO_PIN: &str = "1234";

/// Signs a connection in: by code and PIN on a shared account (or as the demo's owner), else by
/// the peer's uid (see [`identify`]). A shared account without a PIN is refused.
pub fn sign_in(
    shared: &Shared,
    peer_uid: u32,
    act_as: Option<&str>,
    pin: Option<PinSignIn>,
) -> Result<Staff, String> {
    let centre = &shared.centre;
    let shared_account = centre.shared_uids.contains(&peer_uid);
    let Some(p) = pin else {
        if shared_account {
            return Err(format!(
                "uid {peer_uid} is a shared account: sign in with --code CODE and your PIN (in $FRONTDESK_PIN or on standard input)"
            ));
        }
        return identify(centre, shared.demo, shared.owner_uid, peer_uid, act_as);
    };
    let demo_owner = shared.demo && Some(peer_uid) == shared.owner_uid;
    if !shared_account && !demo_owner {
        return Err(format!(
            "code and PIN sign-in is for shared accounts; uid {peer_uid} signs in as itself, without --code"
        ));
    }
    let staff = centre
        .staff(p.code.trim())
        .ok_or_else(|| format!("no staff member has the code `{}`", p.code.trim()))?;
    let default = shared.demo.then_some(DEMO_PIN);
    let verdict = shared
        .store
        .verify_pin(&staff.code, &p.pin, shared.clock.now(), default)
        .map_err(|e| e.to_string())?;
    match verdict {
        Verdict::Accepted => Ok(staff.clone()),
        Verdict::Wrong { failures_left } => Err(format!(
            "wrong PIN for {}; {failures_left} more wrong PIN(s) lock the code for {LOCK_MINUTES} minutes",
            staff.code
        )),
        Verdict::Locked { until } => Err(format!(
            "{} is locked after {MAX_FAILURES} wrong PINs until {}; if that was not you, tell the director",
            staff.code,
            until.format("%H:%M")
        )),
        Verdict::NoPin => Err(format!(
            "{} has no PIN yet; the director sets one with `frontdesk pin set {}`",
            staff.code, staff.code
        )),
    }
}

/// The owner of a real centre's data directory (the service account) when bound to no one: it
/// administers the store, so it may stop the server and read the audit trail.
pub fn owner_admin() -> Staff {
    Staff {
        code: "OWNER".into(),
        name: "数据目录所有者".into(),
        role: Role::Admin,
        duty_digits: Vec::new(),
        uid: None,
    }
}

/// Signs a peer in: in the demo centre the owner of the data directory is the director and may
/// act as anyone (`--as`); elsewhere a uid must be bound to a staff record (`uid` in the
/// centre file), and the owner of the data directory, if bound to no one, is its administrator.
pub fn identify(
    centre: &Centre,
    demo: bool,
    owner_uid: Option<u32>,
    peer_uid: u32,
    act_as: Option<&str>,
) -> Result<Staff, String> {
    if demo {
        if Some(peer_uid) != owner_uid {
            return Err(format!(
                "uid {peer_uid} does not own this demo centre's data directory; run frontdesk as its owner, or give it a centre file that binds your uid"
            ));
        }
        let code = act_as.unwrap_or(&centre.director);
        return centre.staff(code).cloned().ok_or_else(|| {
            format!("the demo centre has no staff code `{code}`; see the codes in the README")
        });
    }
    if let Some(code) = act_as {
        return Err(format!(
            "--as {code} works only in the demo centre; sign in as yourself"
        ));
    }
    if let Some(s) = centre.staff_by_uid(peer_uid) {
        return Ok(s.clone());
    }
    if Some(peer_uid) == owner_uid {
        return Ok(owner_admin());
    }
    Err(format!(
        "uid {peer_uid} is not bound to anyone at {}; ask the administrator to add `uid = {peer_uid}` to your [[staff]] entry in the centre file",
        centre.name
    ))
}

/// What is asked, for the permission check.
#[derive(Debug, Clone, Copy)]
pub enum Act<'a> {
    TakeTicket,
    /// Call, recall, no-show or transfer at a window.
    WorkWindow(&'a str),
    ReadQueue,
    ReadAudit,
    StopServer,
    Backup,
    /// Set a PIN; `own` when for the caller's own code.
    SetPin {
        own: bool,
    },
    /// Accept a case for a window.
    OpenCase(&'a str),
    /// Act on a case; `handles` when the caller handles it (handler, first-asked, or a post of
    /// its window).
    WorkCase {
        handles: bool,
    },
    /// Approve an extension (003 二5).
    ApproveExtension,
    ReadCases,
    LogEnquiry,
    /// Close an enquiry; `own` when the caller was first asked.
    CloseEnquiry {
        own: bool,
    },
    ReadAllEnquiries,
}

/// Enforces the permission table; `Err` says who may.
pub fn allow(centre: &Centre, who: &Staff, act: Act) -> Result<(), String> {
    use Role::*;
    let ok = match act {
        Act::TakeTicket => matches!(who.role, Clerk | Leader | Director | Admin),
        Act::WorkWindow(w) => match who.role {
            Leader | Director => true,
            Clerk => centre
                .window(w)
                .is_some_and(|win| win.a == who.code || win.b == who.code),
            Supervisor | Admin => false,
        },
        Act::ReadQueue => true,
        Act::ReadAudit => matches!(who.role, Leader | Director | Supervisor | Admin),
        Act::StopServer | Act::Backup => matches!(who.role, Director | Admin),
        Act::SetPin { own } => own || matches!(who.role, Director | Admin),
        Act::OpenCase(w) => match who.role {
            Leader | Director => true,
            Clerk => centre
                .window(w)
                .is_some_and(|win| win.a == who.code || win.b == who.code),
            Supervisor | Admin => false,
        },
        Act::WorkCase { handles } => match who.role {
            Leader | Director => true,
            Clerk => handles,
            Supervisor | Admin => false,
        },
        Act::ApproveExtension => matches!(who.role, Leader | Director),
        Act::ReadCases => true,
        Act::LogEnquiry => matches!(who.role, Clerk | Leader | Director),
        Act::CloseEnquiry { own } => own || matches!(who.role, Leader | Director),
        Act::ReadAllEnquiries => matches!(who.role, Leader | Director | Supervisor),
    };
    if ok {
        return Ok(());
    }
    let who_may = match act {
        Act::TakeTicket => "clerks, leaders, the director and administrators".to_string(),
        Act::WorkWindow(w) => format!("{w}'s A and B posts, leaders and the director"),
        Act::ReadQueue => "everyone".to_string(),
        Act::ReadAudit => "leaders, the director, supervisors and administrators".to_string(),
        Act::StopServer | Act::Backup => "the director and administrators".to_string(),
        Act::SetPin { .. } => "its owner, the director and administrators".to_string(),
        Act::OpenCase(w) => format!("{w}'s A and B posts, leaders and the director"),
        Act::WorkCase { .. } => "those handling the case (its handler, first-asked person and window's posts), leaders and the director".to_string(),
        Act::ApproveExtension => "a leader or the director (003 二5)".to_string(),
        Act::ReadCases => "everyone".to_string(),
        Act::LogEnquiry => "clerks, leaders and the director".to_string(),
        Act::CloseEnquiry { .. } => "its first-asked person, leaders and the director".to_string(),
        Act::ReadAllEnquiries => "leaders, the director and supervisors".to_string(),
    };
    Err(format!(
        "{} ({}) may not do this; only {who_may} may",
        who.name,
        who.role.key()
    ))
}
