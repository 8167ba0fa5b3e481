//! Enquiries (咨询, RULES §1): whoever is asked first — at a window, in the hall or on the phone
//! — is responsible for the matter. A phone call is logged with the caller's name, number and
//! what they asked, and passed to the leader on duty (000 二(二)6); the matter stays open, and its
//! first-asked person follows it, until it is closed.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnquiryChannel {
    /// 现场.
    InPerson,
    /// 电话 — the one who answered is first-asked.
    Phone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum EnquiryStatus {
    Open,
    Closed {
        at: NaiveDateTime,
        by: String,
        outcome: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enquiry {
    /// Staff code of the first-asked person (首问责任人).
    pub first_asked: String,
    pub channel: EnquiryChannel,
    pub at: NaiveDateTime,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub content: String,
    /// Where it was referred: a window, or the leader on duty.
    pub referred_to: Option<String>,
    pub status: EnquiryStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum EnquiryError {
    #[error("say what was asked (--content); an enquiry is recorded with its content (RULES §1)")]
    NoContent,
    #[error(
        "a phone enquiry is logged with the caller's name and number (000 二(二)6); add --name and --phone"
    )]
    PhoneWithoutCaller,
    #[error("the enquiry is already closed")]
    AlreadyClosed,
    #[error("say how it ended (--outcome): what the visitor was told or where it went")]
    NoOutcome,
}

pub struct NewEnquiry {
    pub channel: EnquiryChannel,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub content: String,
    pub referred_to: Option<String>,
}

fn filled(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl Enquiry {
    /// Logs an enquiry; the caller is its first-asked person.
    pub fn log(
        first_asked: &str,
        e: NewEnquiry,
        at: NaiveDateTime,
    ) -> Result<Enquiry, EnquiryError> {
        if e.content.trim().is_empty() {
            return Err(EnquiryError::NoContent);
        }
        let (caller_name, caller_phone) = (filled(e.caller_name), filled(e.caller_phone));
        if e.channel == EnquiryChannel::Phone && (caller_name.is_none() || caller_phone.is_none()) {
            return Err(EnquiryError::PhoneWithoutCaller);
        }
        Ok(Enquiry {
            first_asked: first_asked.to_string(),
            channel: e.channel,
            at,
            caller_name,
            caller_phone,
            content: e.content.trim().to_string(),
            referred_to: filled(e.referred_to),
            status: EnquiryStatus::Open,
        })
    }

    pub fn close(
        &mut self,
        by: &str,
        outcome: &str,
        at: NaiveDateTime,
    ) -> Result<(), EnquiryError> {
        if self.status != EnquiryStatus::Open {
            return Err(EnquiryError::AlreadyClosed);
        }
        if outcome.trim().is_empty() {
            return Err(EnquiryError::NoOutcome);
        }
        self.status = EnquiryStatus::Closed {
            at,
            by: by.to_string(),
            outcome: outcome.trim().to_string(),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    }

    fn phone(name: Option<&str>) -> NewEnquiry {
        NewEnquiry {
            channel: EnquiryChannel::Phone,
            caller_name: name.map(String::from),
            caller_phone: Some("13900001111".into()),
            content: "问低保怎么申请".into(),
            referred_to: None,
        }
    }

    #[test]
    fn phone_enquiry_needs_the_callers_name_and_number() {
        assert_eq!(
            Enquiry::log("C01", phone(None), at()),
            Err(EnquiryError::PhoneWithoutCaller)
        );
        let e = Enquiry::log("C01", phone(Some("王五")), at()).unwrap();
        assert_eq!(
            (e.first_asked.as_str(), e.status.clone()),
            ("C01", EnquiryStatus::Open)
        );
    }

    #[test]
    fn an_enquiry_stays_open_until_closed_with_its_outcome() {
        let mut e = Enquiry::log("C01", phone(Some("王五")), at()).unwrap();
        assert_eq!(e.close("C01", " ", at()), Err(EnquiryError::NoOutcome));
        e.close("L05", "已告知所需材料", at()).unwrap();
        assert_eq!(
            e.close("L05", "again", at()),
            Err(EnquiryError::AlreadyClosed)
        );
    }
}
