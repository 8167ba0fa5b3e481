//! A signed-in connection, and how its refusals and failures become replies in its language.

use crate::domain::centre::Staff;
use crate::domain::permission::{Act, allow};
use crate::lang::Lang;
use crate::protocol::{Fault, FaultKind, Outcome};
use crate::refusal::Refusal;
use crate::store::{CmdError, StoreError, Who};

use super::Shared;

/// A signed-in connection.
pub struct Session {
    pub staff: Staff,
    pub uid: u32,
    /// The language its refusals are told in.
    pub lang: Lang,
    /// The data directory's owner signed in as themselves (no `--as`, no PIN): the one who runs
    /// the server, and may always stop it.
    pub owner: bool,
}

impl Session {
    pub fn who(&self) -> Who {
        Who {
            actor: self.staff.code.clone(),
            uid: self.uid,
        }
    }

    /// The reply to a command: its answer, or why it did not happen.
    pub(super) fn reply(&self, r: Result<crate::protocol::Response, CmdError>) -> Outcome {
        r.map_or_else(|e| self.failed(e), Outcome::Ok)
    }

    /// The reply to a read: its answer, or the store's failure.
    pub(super) fn read(&self, r: Result<crate::protocol::Response, StoreError>) -> Outcome {
        r.map_or_else(|e| self.broke(e), Outcome::Ok)
    }

    pub(super) fn fault(&self, kind: FaultKind, why: &Refusal) -> Outcome {
        Outcome::Err(Fault {
            kind,
            message: why.text(self.lang),
            refusal: Some(Box::new(why.clone())),
        })
    }

    pub(super) fn failed(&self, e: CmdError) -> Outcome {
        match e {
            CmdError::Refused(why) => self.fault(FaultKind::Refused, &why),
            CmdError::Store(e) => self.broke(e),
        }
    }

    /// A store failure, whose detail stays in English (it is for whoever mends the server).
    pub(super) fn broke(&self, e: StoreError) -> Outcome {
        Outcome::Err(Fault {
            kind: FaultKind::Internal,
            message: self
                .lang
                .pick(e.to_string(), format!("服务器出错，可以重试：{e}")),
            refusal: None,
        })
    }
}

/// Checks a permission; a refusal is recorded in the audit trail and becomes the reply.
pub(super) fn refuse_unless(
    shared: &Shared,
    s: &Session,
    action: &str,
    act: Act,
) -> Result<(), Box<Outcome>> {
    allow(&shared.centre, &s.staff, act)
        .map_err(|why| Box::new(refuse_recorded(shared, s, action, Refusal::from(why))))
}

/// A refusal recorded in the audit trail under `action`, as the reply.
pub(super) fn refuse_recorded(shared: &Shared, s: &Session, action: &str, why: Refusal) -> Outcome {
    let recorded = shared.store.record(
        &s.who(),
        shared.clock.now(),
        action,
        vec![],
        crate::store::audit::Outcome::Refused(why.clone()),
        crate::store::audit::Data::None,
    );
    match recorded {
        Ok(()) => s.fault(FaultKind::Refused, &why),
        Err(e) => s.broke(e),
    }
}
