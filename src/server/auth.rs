//! Who is who (RULES §1, §5): the peer's uid from the socket, mapped to a staff record, or a
//! staff code and PIN on a shared account. What each may do is the gate's, in `domain/permission.rs`.

use crate::domain::centre::{Centre, Role, Staff};
use crate::protocol::PinSignIn;
use crate::refusal::Refusal;
use crate::store::pins::{LOCK_MINUTES, MAX_FAILURES, Verdict};

use super::Shared;

/// The PIN of demo staff who have not set their own.
pub const DEMO_PIN: &str = "1234";

/// Whom the owner of a demo's data directory signs in as without `--as`: the clerk 周春英, A post
/// of 民政救助, so the console opens at a window with a queue (the director's desk is `--as D01`).
pub const DEMO_OWNER: &str = "C01";

/// Signs a connection in: by code and PIN on a shared account (or as the demo's owner), else by
/// the peer's uid (see [`identify`]). A shared account without a PIN is refused.
pub fn sign_in(
    shared: &Shared,
    peer_uid: u32,
    act_as: Option<&str>,
    pin: Option<PinSignIn>,
) -> Result<Staff, Refusal> {
    let centre = &shared.centre;
    let shared_account = centre.shared_uids.contains(&peer_uid);
    let Some(p) = pin else {
        if shared_account {
            return Err(Refusal::SharedAccountNeedsPin { uid: peer_uid });
        }
        return identify(centre, shared.demo, shared.owner_uid, peer_uid, act_as);
    };
    let demo_owner = shared.demo && Some(peer_uid) == shared.owner_uid;
    if !shared_account && !demo_owner {
        return Err(Refusal::PinNotForThisUid { uid: peer_uid });
    }
    let staff = centre
        .staff(p.code.trim())
        .ok_or_else(|| Refusal::NoStaff {
            code: p.code.trim().to_string(),
        })?;
    let default = shared.demo.then_some(DEMO_PIN);
    let verdict = shared
        .store
        .verify_pin(&staff.code, &p.pin, shared.clock.now(), default)
        .map_err(|e| Refusal::Unavailable(e.to_string()))?;
    match verdict {
        Verdict::Accepted => Ok(staff.clone()),
        Verdict::Wrong { failures_left } => Err(Refusal::WrongPin {
            code: staff.code.clone(),
            failures_left,
            lock_minutes: LOCK_MINUTES,
        }),
        Verdict::Locked { until } => Err(Refusal::PinLocked {
            code: staff.code.clone(),
            failures: MAX_FAILURES,
            until,
        }),
        Verdict::NoPin => Err(Refusal::NoPinYet {
            code: staff.code.clone(),
        }),
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

/// Signs a peer in: in the demo centre the owner of the data directory is the clerk
/// [`DEMO_OWNER`] and may act as anyone (`--as`); elsewhere a uid must be bound to a staff record (`uid` in the
/// centre file), and the owner of the data directory, if bound to no one, is its administrator.
pub fn identify(
    centre: &Centre,
    demo: bool,
    owner_uid: Option<u32>,
    peer_uid: u32,
    act_as: Option<&str>,
) -> Result<Staff, Refusal> {
    if demo {
        if Some(peer_uid) != owner_uid {
            return Err(Refusal::NotDemoOwner { uid: peer_uid });
        }
        let code = act_as.unwrap_or(DEMO_OWNER);
        return centre
            .staff(code)
            .cloned()
            .ok_or_else(|| Refusal::DemoHasNoCode { code: code.into() });
    }
    if let Some(code) = act_as {
        return Err(Refusal::ActAsOnlyInDemo { code: code.into() });
    }
    if let Some(s) = centre.staff_by_uid(peer_uid) {
        return Ok(s.clone());
    }
    if Some(peer_uid) == owner_uid {
        return Ok(owner_admin());
    }
    Err(Refusal::UidNotBound {
        uid: peer_uid,
        centre: centre.name.clone(),
    })
}
