//! Events as written before typed events (schemas 1 to 3): their fields were text. They stay as
//! they were written, verified under their own rule ([`super::digest::legacy`]).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyEvent {
    pub seq: u64,
    pub at: NaiveDateTime,
    pub actor: String,
    pub uid: u32,
    pub action: String,
    /// A ticket number, a case or request number, a staff code …: which, the action says.
    pub target: String,
    /// `ok`, or `refused: why` in English.
    pub result: String,
    pub prev: String,
    pub hash: String,
}

impl LegacyEvent {
    /// The key a typed event about the same thing is filed under, read from the action: case
    /// acts (and an extension's asking) name a case, extension decisions their request, ticket
    /// acts the day's ticket, sign-ins and PINs a staff member.
    pub fn target_key(&self) -> Option<String> {
        let t = self.target.as_str();
        if t.is_empty() {
            return None;
        }
        let area = self.action.split('.').next().unwrap_or("");
        Some(match (self.action.as_str(), area) {
            ("extension.ask", _) | (_, "case") => format!("case/{t}"),
            (_, "extension") => format!("extension/{t}"),
            (_, "ticket") => format!("ticket/{}/{t}", self.at.date()),
            ("sign-in", _) | (_, "pin") => format!("staff/{t}"),
            (_, "enquiry") => format!("enquiry/{t}"),
            (_, "leave") => format!("leave/{t}"),
            (_, "duty") => format!("duty/{t}"),
            _ => "store".to_string(),
        })
    }
}
