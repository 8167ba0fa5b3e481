//! The requests of the day's staffing (RULES §5–§7): leave and its decisions, the duty log,
//! and cover for a window whose posts are both away. As every request, each area's type is its
//! command line, its handler's input and, by its name, its audit act.

use chrono::NaiveDate;
use clap::Subcommand;
use serde::{Deserialize, Serialize};

use super::args;
use super::page::PageRequest;
use crate::domain::leave::{AbsenceKind, DutySwap};

/// Leave (请销假, RULES §6): request, approve, refuse, withdraw, cancel on return, list.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum LeaveReq {
    /// Ask for leave in writing; prints the request's id
    Request {
        /// From (2026-11-24T08:00; Asia/Shanghai)
        #[arg(long, value_parser = args::moment, value_name = "DATETIME")]
        from: chrono::NaiveDateTime,
        /// Until
        #[arg(long, value_parser = args::moment, value_name = "DATETIME")]
        to: chrono::NaiveDateTime,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// leave (请假) or out (外出)
        #[arg(long, value_name = "leave|out", value_parser = args::absence, default_value = "leave")]
        kind: AbsenceKind,
        /// For someone else (written on their behalf)
        #[arg(long, value_name = "CODE")]
        staff: Option<String>,
        /// A leader's duty day given to another leader, reported to the head and handed over:
        /// DATE:CODE (repeat for several days)
        #[arg(long = "swap", value_name = "DATE:CODE", value_parser = args::swap)]
        swaps: Vec<DutySwap>,
    },
    /// Record urgent leave for someone taken ill or called away suddenly (the director or the
    /// leader on duty): approved as it is recorded, and not refused when it leaves a window
    /// with neither post — the alarm goes out and cover is assigned (`cover assign`). Prints
    /// the request's id
    Urgent {
        /// Whose leave
        #[arg(long, value_name = "CODE")]
        staff: String,
        /// From (default: now)
        #[arg(long, value_parser = args::moment, value_name = "DATETIME")]
        from: Option<chrono::NaiveDateTime>,
        /// Until
        #[arg(long, value_parser = args::moment, value_name = "DATETIME")]
        to: chrono::NaiveDateTime,
        /// What happened (recorded)
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// A leader's duty day given to another leader: DATE:CODE (repeat for several days)
        #[arg(long = "swap", value_name = "DATE:CODE", value_parser = args::swap)]
        #[serde(default)]
        swaps: Vec<DutySwap>,
    },
    /// Approve a request (the director or the leader on duty)
    Approve { id: u64 },
    /// Refuse a request, with the reason
    Refuse {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Take back your own request before it is decided
    Withdraw { id: u64 },
    /// 销假: back from leave now
    Cancel { id: u64 },
    /// List requests: ID<TAB>STAFF<TAB>KIND<TAB>FROM<TAB>TO<TAB>STATE
    List {
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
}

/// The leader on duty's log (值班记录, RULES §7).
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum DutyReq {
    /// Write in today's duty log (the leader on duty or the director)
    Log {
        #[arg(long, value_name = "TEXT")]
        text: String,
    },
    /// Show a day's duty log: TIME<TAB>LEADER<TAB>TEXT
    List {
        #[arg(long, value_parser = args::date, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
}

/// Cover for a window whose A and B posts are both away (顶岗, 000 三(四)4).
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum CoverReq {
    /// Assign someone who knows the window to serve it while both posts are away (the director
    /// anyone; the leader on duty its business leader or a post of its area). Prints the id
    Assign {
        /// The window (its name, ticket letter or pinyin)
        #[arg(long, value_name = "NAME")]
        window: String,
        /// Who serves it
        #[arg(long, value_name = "CODE")]
        staff: String,
        /// From (default: now)
        #[arg(long, value_parser = args::moment, value_name = "DATETIME")]
        from: Option<chrono::NaiveDateTime>,
        /// Until
        #[arg(long, value_parser = args::moment, value_name = "DATETIME")]
        to: chrono::NaiveDateTime,
    },
    /// The cover of a day (default today): ID<TAB>WINDOW<TAB>STAFF<TAB>FROM<TAB>TO<TAB>BY
    List {
        #[arg(long, value_parser = args::date, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
}
