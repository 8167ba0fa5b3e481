//! Who may do what (RULES §1, §5): the permission table, by role. The README's table is this
//! file; the server asks it before every change.

use super::centre::{Centre, Role, Staff};

/// What is asked, for the permission check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "act", content = "of", rename_all = "snake_case")]
pub enum Act {
    TakeTicket,
    /// Call, recall, no-show or transfer at a window.
    WorkWindow(String),
    ReadQueue,
    ReadAudit,
    StopServer,
    Backup,
    /// Set a PIN; `own` when for the caller's own code.
    SetPin {
        own: bool,
    },
    /// Accept a case for a window.
    OpenCase(String),
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
pub fn allow(centre: &Centre, who: &Staff, act: Act) -> Result<(), Forbidden> {
    use Role::*;
    let ok = match &act {
        Act::TakeTicket => matches!(who.role, Clerk | Leader | Director | Admin),
        // A window's own posts work its queue and accept its cases.
        Act::WorkWindow(w) | Act::OpenCase(w) => match who.role {
            Leader | Director => true,
            Clerk => centre
                .window(w)
                .is_some_and(|win| win.a == who.code || win.b == who.code),
            Supervisor | Admin => false,
        },
        Act::ReadQueue => true,
        Act::ReadAudit => matches!(who.role, Leader | Director | Supervisor | Admin),
        Act::StopServer | Act::Backup => matches!(who.role, Director | Admin),
        Act::SetPin { own } => *own || matches!(who.role, Director | Admin),
        Act::WorkCase { handles } => match who.role {
            Leader | Director => true,
            Clerk => *handles,
            Supervisor | Admin => false,
        },
        Act::ApproveExtension => matches!(who.role, Leader | Director),
        Act::ReadCases => true,
        Act::LogEnquiry => matches!(who.role, Clerk | Leader | Director),
        Act::CloseEnquiry { own } => *own || matches!(who.role, Leader | Director),
        Act::ReadAllEnquiries => matches!(who.role, Leader | Director | Supervisor),
    };
    if ok {
        return Ok(());
    }
    Err(Forbidden {
        name: who.name.clone(),
        role: who.role,
        act,
    })
}

/// A permission the table refuses: who asked, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{name} ({}) may not do this; only {} may", role.key(), who_may(act))]
pub struct Forbidden {
    pub name: String,
    pub role: Role,
    pub act: Act,
}

fn who_may(act: &Act) -> String {
    match act {
        Act::TakeTicket => "clerks, leaders, the director and administrators".into(),
        Act::WorkWindow(w) | Act::OpenCase(w) => {
            format!("{w}'s A and B posts, leaders and the director")
        }
        Act::ReadQueue | Act::ReadCases => "everyone".into(),
        Act::ReadAudit => "leaders, the director, supervisors and administrators".into(),
        Act::StopServer | Act::Backup => "the director and administrators".into(),
        Act::SetPin { .. } => "its owner, the director and administrators".into(),
        Act::WorkCase { .. } => "those handling the case (its handler, first-asked person and window's posts), leaders and the director".into(),
        Act::ApproveExtension => "a leader or the director (003 二5)".into(),
        Act::LogEnquiry => "clerks, leaders and the director".into(),
        Act::CloseEnquiry { .. } => "its first-asked person, leaders and the director".into(),
        Act::ReadAllEnquiries => "leaders, the director and supervisors".into(),
    }
}
