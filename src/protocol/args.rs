//! How a request's fields are written on the command line: dates, kinds, channels, lists of
//! materials. The request types themselves are the command line (`requests`), so these parse
//! what a person types into what travels on the socket; each error says what to write.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::case::{CaseKind, Channel};
use crate::domain::clock::SpecialProcedure;
use crate::domain::enquiry::EnquiryChannel;
use crate::domain::leave::{AbsenceKind, DutySwap};

/// Materials named as in the catalogue, written comma-separated (ASCII or full-width commas).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Materials(pub Vec<String>);

impl Materials {
    pub fn parse(list: &str) -> Materials {
        Materials(
            list.split([',', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        )
    }
}

impl std::str::FromStr for Materials {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(Materials::parse(s))
    }
}

impl From<Vec<String>> for Materials {
    fn from(v: Vec<String>) -> Self {
        Materials(v)
    }
}

/// The pages of materials handed over, for the receipt (003 二4): `NAME=N`, comma-separated
/// (`居民身份证=2,户口簿=4`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pages(pub Vec<(String, u32)>);

impl std::str::FromStr for Pages {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for part in s
            .split([',', '，'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let Some((name, n)) = part.split_once(['=', '＝']) else {
                return Err(format!(
                    "`{part}` names no pages; write NAME=N, like 居民身份证=2"
                ));
            };
            let pages = n
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    format!(
                        "`{}` is not a number of pages for {}; write a whole number from 1",
                        n.trim(),
                        name.trim()
                    )
                })?;
            out.push((name.trim().to_string(), pages));
        }
        Ok(Pages(out))
    }
}

/// A day, `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD, like 2026-11-23"))
}

/// A moment, as `--now` takes it (Asia/Shanghai when no offset is given).
pub fn moment(text: &str) -> Result<NaiveDateTime, String> {
    crate::clock::parse_now(text)
}

pub fn channel(s: &str) -> Result<Channel, String> {
    Channel::parse(s)
        .ok_or_else(|| format!("`{s}` is not a channel; use window, phone, agent or appointment"))
}

pub fn kind(s: &str) -> Result<CaseKind, String> {
    CaseKind::parse(s).ok_or_else(|| {
        format!("`{s}` is not a kind; use 即办件 承诺件 补办件 联办件 驳回件 上报件 容缺受理")
    })
}

pub fn procedure(s: &str) -> Result<SpecialProcedure, String> {
    SpecialProcedure::parse(s).ok_or_else(|| {
        format!("`{s}` is not a special procedure; use hearing, inspection, expert-review or other")
    })
}

pub fn enquiry_channel(s: &str) -> Result<EnquiryChannel, String> {
    match s {
        "in-person" | "现场" => Ok(EnquiryChannel::InPerson),
        "phone" | "电话" => Ok(EnquiryChannel::Phone),
        _ => Err(format!("`{s}` is not a channel; use in-person or phone")),
    }
}

pub fn absence(s: &str) -> Result<AbsenceKind, String> {
    match s {
        "leave" | "请假" => Ok(AbsenceKind::Leave),
        "out" | "外出" => Ok(AbsenceKind::Out),
        _ => Err(format!("`{s}` is not a kind of absence; use leave or out")),
    }
}

/// A leader's duty day given to another leader: `DATE:CODE`, reported and handed over.
pub fn swap(s: &str) -> Result<DutySwap, String> {
    let (day, code) = s
        .split_once(':')
        .ok_or_else(|| format!("`{s}` is not DATE:CODE, like 2026-11-24:L06"))?;
    Ok(DutySwap {
        date: date(day)?,
        covering_leader: code.trim().to_string(),
        reported_to_head: true,
        handed_over: true,
    })
}

/// A state of the outbox's messages (`outbox list --state`).
pub fn delivery_state(s: &str) -> Result<crate::domain::outbox::DeliveryState, String> {
    crate::domain::outbox::DeliveryState::parse(s.trim())
        .ok_or_else(|| format!("`{s}` is not a state of a message; use queued, sent or failed"))
}

/// The grounds of a complaint, comma-separated codes (`attitude,case-rules`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Grounds(pub Vec<crate::domain::complaint::Ground>);

impl std::str::FromStr for Grounds {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        use crate::domain::complaint::Ground;
        let mut out = Vec::new();
        for part in s
            .split([',', '，'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            out.push(Ground::parse(part).ok_or_else(|| {
                let known: Vec<&str> = Ground::ALL.iter().map(|g| g.key()).collect();
                format!(
                    "`{part}` is not a ground of complaint; use {}",
                    known.join(", ")
                )
            })?);
        }
        Ok(Grounds(out))
    }
}

/// How a complaint came in (`complaint open --channel`).
pub fn complaint_channel(s: &str) -> Result<crate::domain::complaint::ComplaintChannel, String> {
    crate::domain::complaint::ComplaintChannel::parse(s).ok_or_else(|| {
        format!("`{s}` is not a channel of complaint; use oral, phone, written or report")
    })
}

/// What a complaint's investigation found (`complaint reply --outcome`).
pub fn finding(s: &str) -> Result<crate::domain::complaint::Finding, String> {
    crate::domain::complaint::Finding::parse(s)
        .ok_or_else(|| format!("`{s}` is not a finding; use upheld, partly or not-upheld"))
}

/// The form of a complaint's reply (`complaint reply --form`).
pub fn reply_form(s: &str) -> Result<crate::domain::complaint::ReplyForm, String> {
    crate::domain::complaint::ReplyForm::parse(s)
        .ok_or_else(|| format!("`{s}` is not a form of reply; use oral or written"))
}

/// A state of a violation (`violation list --state`).
pub fn violation_state(s: &str) -> Result<String, String> {
    use crate::domain::accountability::ViolationState;
    ViolationState::KEYS
        .into_iter()
        .find(|k| *k == s.trim())
        .map(str::to_string)
        .ok_or_else(|| {
            format!("`{s}` is not a state of a violation; use proposed, confirmed or dismissed")
        })
}

/// A type of violation (`violation record --type`).
pub fn violation_type(s: &str) -> Result<crate::domain::accountability::ViolationType, String> {
    use crate::domain::accountability::ViolationType;
    ViolationType::parse(s).ok_or_else(|| {
        let known: Vec<&str> = ViolationType::ALL.iter().map(|k| k.key()).collect();
        format!("`{s}` is not a type of violation; use {}", known.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn materials_are_split_at_ascii_and_full_width_commas_and_trimmed() {
        assert_eq!(
            Materials::parse(" 居民身份证，户口簿 ,, 照片").0,
            ["居民身份证", "户口簿", "照片"]
        );
        assert!(Materials::parse("").0.is_empty());
    }

    #[test]
    fn a_swap_is_a_date_and_a_leader_code() {
        let s = swap("2026-11-24:L06").unwrap();
        assert_eq!(s.covering_leader, "L06");
        assert!(swap("L06").unwrap_err().contains("DATE:CODE"));
        assert!(swap("24/11:L06").unwrap_err().contains("YYYY-MM-DD"));
    }
}
