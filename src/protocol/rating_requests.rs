//! Ratings (好差评) with the rectification each 差评 opens, and the monthly return visits (回访),
//! RULES §11. As every request, each type is its command line, its handler's input and, by its
//! name, its audit act (`rating.record`, `visit.draw` …).

use clap::Subcommand;
use serde::{Deserialize, Serialize};

use super::page::PageRequest;
use crate::domain::limits::{Bounds, Text};
use crate::domain::rating::{Level, RatingChannel};
use crate::domain::visit::{Month, parse_month};

/// A rating level, `1` (非常满意) to `5` (非常不满意), or its Chinese name.
pub fn level(s: &str) -> Result<Level, String> {
    Level::parse(s)
        .ok_or_else(|| format!("`{s}` is not a rating level; use 1 (非常满意) to 5 (非常不满意)"))
}

/// How a rating reached the centre.
pub fn rating_channel(s: &str) -> Result<RatingChannel, String> {
    RatingChannel::parse(s)
        .ok_or_else(|| format!("`{s}` is not a channel of rating; use pad, visit, sms or desk"))
}

/// A month, `YYYY-MM`.
pub fn month(s: &str) -> Result<Month, String> {
    parse_month(s).ok_or_else(|| format!("`{s}` is not a month; write it YYYY-MM, as 2026-09"))
}

#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum RatingReq {
    /// Record the applicant's rating of a completed case, bound to its window and the staff
    /// member who served it, who never enters it; prints ID, or ID<TAB>rectification<TAB>DUE
    /// for a 差评 (4 or 5), whose rectification is due `rectification_days` working days later
    Record {
        #[arg(long, value_name = "ID")]
        case: u64,
        #[arg(long, value_name = "1..5", value_parser = level)]
        level: Level,
        #[arg(long, value_name = "pad|visit|sms|desk", value_parser = rating_channel)]
        channel: RatingChannel,
        /// What the applicant said
        #[arg(long, value_name = "TEXT")]
        #[serde(default)]
        reason: Option<String>,
    },
    /// List ratings (a clerk lists their own):
    /// ID<TAB>CASE<TAB>WINDOW<TAB>STAFF<TAB>LEVEL<TAB>CHANNEL<TAB>ENTERED_BY<TAB>RECTIFICATION
    /// (RECTIFICATION: `-`, `open DUE`, `answered`, `appealed`, `upheld`, `withdrawn`)
    List {
        /// Only the ratings of this staff member
        #[arg(long, value_name = "CODE")]
        #[serde(default)]
        staff: Option<String>,
        /// Only 差评 (levels 4 and 5)
        #[arg(long)]
        #[serde(default)]
        bad: bool,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
    /// Answer a 差评's rectification: what was checked, what was rectified, what the rater was
    /// told (the staff member rated, their window's business leader, leaders, the director);
    /// prints ID<TAB>answered
    Answer {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        checked: String,
        #[arg(long, value_name = "TEXT")]
        rectified: String,
        #[arg(long, value_name = "TEXT")]
        reply: String,
    },
    /// Appeal a 差评 (申诉复核; only the staff member rated); prints ID<TAB>appealed
    Appeal {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Decide an appeal (the director): --upheld withdraws the 差评, --refused lets it stand and
    /// proposes a violation against who served; prints ID<TAB>withdrawn, or
    /// ID<TAB>upheld[<TAB>violation<TAB>N]
    Decide {
        id: u64,
        /// The appeal is upheld: the 差评 is withdrawn and no longer counts
        #[arg(long, conflicts_with = "refused", required_unless_present = "refused")]
        #[serde(default)]
        upheld: bool,
        /// The appeal is refused: the 差评 stands and a violation is proposed
        #[arg(long)]
        #[serde(default)]
        refused: bool,
        /// Why it was decided so
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum VisitReq {
    /// Draw the month's return visits from the cases completed that month
    /// (`return_visits_per_month` of them), with a seed recorded; drawing again returns the
    /// recorded sample. Prints one CASE a line (with --json, the draw and its seed)
    Draw {
        #[arg(long, value_name = "YYYY-MM", value_parser = month)]
        month: Month,
    },
    /// Record the result of a drawn case's call, as a rating through the visit channel (a 差评
    /// opens its rectification); prints ID of the rating, or ID<TAB>rectification<TAB>DUE
    Record {
        case: u64,
        #[arg(long, value_name = "1..5", value_parser = level)]
        level: Level,
        /// What the applicant said
        #[arg(long, value_name = "TEXT")]
        #[serde(default)]
        note: Option<String>,
    },
    /// List the drawn cases: CASE<TAB>MONTH<TAB>STATE<TAB>LEVEL<TAB>BY (STATE `to-call` or
    /// `called`)
    List {
        #[arg(long, value_name = "YYYY-MM", value_parser = month)]
        #[serde(default)]
        month: Option<Month>,
    },
}

// Each variant taken apart field by field, without `..`, as in `bounds.rs`: a field added
// does not compile until it is given its limit.
impl RatingReq {
    pub(super) fn bounds(&self, b: &mut Bounds) {
        match self {
            RatingReq::Record {
                case: _,
                level: _,
                channel: _,
                reason,
            } => {
                b.maybe("reason", Text::Reason, reason.as_ref());
            }
            RatingReq::List {
                staff,
                bad: _,
                page: PageRequest { limit: _, after },
            } => {
                b.maybe("staff", Text::StaffCode, staff.as_ref()).maybe(
                    "page.after",
                    Text::Cursor,
                    after.as_ref(),
                );
            }
            RatingReq::Answer {
                id: _,
                checked,
                rectified,
                reply,
            } => {
                b.text("checked", Text::Reason, checked)
                    .text("rectified", Text::Reason, rectified)
                    .text("reply", Text::Reason, reply);
            }
            RatingReq::Appeal { id: _, reason }
            | RatingReq::Decide {
                id: _,
                upheld: _,
                refused: _,
                reason,
            } => {
                b.text("reason", Text::Reason, reason);
            }
        }
    }
}

impl VisitReq {
    pub(super) fn bounds(&self, b: &mut Bounds) {
        match self {
            VisitReq::Record {
                case: _,
                level: _,
                note,
            } => {
                b.maybe("note", Text::Reason, note.as_ref());
            }
            VisitReq::Draw { month: _ } | VisitReq::List { month: _ } => {}
        }
    }
}
