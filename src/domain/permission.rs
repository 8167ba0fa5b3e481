//! Who may do what (RULES §1, §5, §6, §7): the one permission gate. The server asks it before
//! every act, the sign-in tells a console what it allows, and nothing else compares roles. The
//! README's permission table is this file.

use chrono::NaiveDate;

use super::case::Case;
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
    /// See every window's open, due and overdue cases (RULES §4 electronic supervision).
    Supervise,
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
    /// List every message of the outbox; others see those of the cases they handle.
    ReadAllMessages,
    /// Queue a failed message again (`outbox retry`).
    RetryMessage,
    /// Keep the complaint register (RULES §8): record, read, extend and answer complaints.
    /// Confidential: the director, leaders and supervisors only.
    KeepComplaints,
    /// Read violations and ledgers: one's own, or (leaders, the director, supervisors) anyone's.
    ReadViolations {
        own: bool,
    },
    /// Confirm or dismiss a proposed violation (RULES §9): the director.
    DecideViolation,
    /// Record a violation seen by hand, for the director's decision.
    RecordViolation,
    /// Enter a case's rating (好差评, RULES §11); `served` when the caller served the case.
    RecordRating {
        served: bool,
    },
    /// List ratings; `own` when only the caller's own.
    ReadRatings {
        own: bool,
    },
    /// Answer a 差评's rectification: `rated` when the caller was rated, `business_leader`
    /// when they are its window's business leader (岗位业务分管领导).
    AnswerRectification {
        rated: bool,
        business_leader: bool,
    },
    /// Appeal a 差评 (申诉复核); `rated` when it is the caller's.
    AppealRating {
        rated: bool,
    },
    /// Decide an appeal of a 差评.
    DecideAppeal,
    /// Draw a month's return visits (回访) and list them.
    DrawVisits,
    /// Record a return visit's result; `served` when the caller served the case.
    RecordVisit {
        served: bool,
    },
    /// Ask for leave: one's own, or (leaders and the director) written for someone else.
    RequestLeave {
        own: bool,
    },
    /// Decide on leave (RULES §6): the director, or a leader on duty that day after swaps;
    /// `on_duty` says whether the caller is, `duty` names who is.
    DecideLeave {
        date: NaiveDate,
        on_duty: bool,
        duty: Vec<String>,
    },
    /// Write the day's duty log (RULES §7): the leader on duty after swaps, or the director.
    WriteDutyLog {
        date: NaiveDate,
        on_duty: bool,
        duty: Vec<String>,
    },
    /// Record urgent leave for someone (a sudden illness), approved as it is recorded: the
    /// director, or a leader on duty that day after swaps.
    RecordUrgentLeave {
        date: NaiveDate,
        on_duty: bool,
        duty: Vec<String>,
    },
    /// Assign cover (顶岗) to a window whose posts are both away (000 三(四)4): the director
    /// anyone; a leader on duty that day someone who `knows` the window (its business leader,
    /// or a post of its area, [`super::cover::knows_window`]).
    AssignCover {
        date: NaiveDate,
        on_duty: bool,
        duty: Vec<String>,
        knows: bool,
    },
}

impl Act {
    /// Deciding on leave on `date` as `who`, with `duty` the leaders on duty that day (after
    /// swaps).
    pub fn decide_leave(date: NaiveDate, who: &Staff, duty: &[&Staff]) -> Act {
        let (on_duty, duty) = on_duty(who, duty);
        Act::DecideLeave {
            date,
            on_duty,
            duty,
        }
    }

    /// Recording urgent leave on `date` as `who`, with `duty` the leaders on duty that day.
    pub fn record_urgent_leave(date: NaiveDate, who: &Staff, duty: &[&Staff]) -> Act {
        let (on_duty, duty) = on_duty(who, duty);
        Act::RecordUrgentLeave {
            date,
            on_duty,
            duty,
        }
    }

    /// Assigning cover on `date` as `who`, with `duty` the leaders on duty that day, of
    /// someone who does or does not know the window.
    pub fn assign_cover(date: NaiveDate, who: &Staff, duty: &[&Staff], knows: bool) -> Act {
        let (on_duty, duty) = on_duty(who, duty);
        Act::AssignCover {
            date,
            on_duty,
            duty,
            knows,
        }
    }

    /// Writing the duty log of `date` as `who`, with `duty` the leaders on duty that day.
    pub fn write_duty_log(date: NaiveDate, who: &Staff, duty: &[&Staff]) -> Act {
        let (on_duty, duty) = on_duty(who, duty);
        Act::WriteDutyLog {
            date,
            on_duty,
            duty,
        }
    }
}

fn on_duty(who: &Staff, duty: &[&Staff]) -> (bool, Vec<String>) {
    (
        duty.iter().any(|l| l.code == who.code),
        duty.iter().map(|l| l.name.clone()).collect(),
    )
}

/// Whether `staff` handles the case: its handler, its first-asked person, or the A or B post
/// of the window now handling it or of one of its co-windows (co-window staff act on their
/// 联办件 too). They act on it as clerks, and see the applicant in full.
pub fn handles(centre: &Centre, staff: &Staff, case: &Case) -> bool {
    let posts = |w: &str| {
        centre
            .window(w)
            .is_some_and(|w| w.a == staff.code || w.b == staff.code)
    };
    staff.code == case.handler
        || staff.code == case.first_asked
        || posts(case.current_window())
        || case.co_windows.iter().any(|w| posts(w))
}

/// What a person may do wherever they sign in, for a console to show only the keys that work:
/// the acts that do not depend on a particular case or day.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Permits {
    /// Windows whose queue they work and whose cases they accept.
    pub windows: Vec<String>,
    pub take_tickets: bool,
    pub approve_extensions: bool,
    /// The director decides leave on every day; a leader only on their duty days.
    pub decide_leave_any_day: bool,
    pub log_enquiries: bool,
    pub read_all_enquiries: bool,
    pub request_leave_for_others: bool,
    pub read_audit: bool,
    /// The supervision view: every window's deadlines.
    pub supervise: bool,
    /// Confirm or dismiss proposed violations (the director).
    #[serde(default)]
    pub decide_violations: bool,
    pub stop_server: bool,
    pub backup: bool,
}

/// Asks the gate about every act that does not depend on a case or a day.
pub fn permits(centre: &Centre, who: &Staff) -> Permits {
    let may = |act: Act| allow(centre, who, act).is_ok();
    Permits {
        windows: centre
            .windows
            .iter()
            .filter(|w| may(Act::WorkWindow(w.name.clone())))
            .map(|w| w.name.clone())
            .collect(),
        take_tickets: may(Act::TakeTicket),
        approve_extensions: may(Act::ApproveExtension),
        decide_leave_any_day: may(Act::DecideLeave {
            date: NaiveDate::MIN,
            on_duty: false,
            duty: vec![],
        }),
        log_enquiries: may(Act::LogEnquiry),
        read_all_enquiries: may(Act::ReadAllEnquiries),
        request_leave_for_others: may(Act::RequestLeave { own: false }),
        read_audit: may(Act::ReadAudit),
        supervise: may(Act::Supervise),
        decide_violations: may(Act::DecideViolation),
        stop_server: may(Act::StopServer),
        backup: may(Act::Backup),
    }
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
        Act::ReadAudit | Act::Supervise => {
            matches!(who.role, Leader | Director | Supervisor | Admin)
        }
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
        Act::ReadAllMessages => matches!(who.role, Leader | Director | Supervisor | Admin),
        Act::RetryMessage => matches!(who.role, Leader | Director | Admin),
        Act::KeepComplaints => matches!(who.role, Leader | Director | Supervisor),
        Act::ReadViolations { own } => *own || matches!(who.role, Leader | Director | Supervisor),
        Act::DecideViolation => who.code == centre.director,
        Act::RecordViolation => who.code == centre.director || who.role == Supervisor,
        Act::RecordRating { served } => !served,
        Act::ReadRatings { own } => *own || matches!(who.role, Leader | Director | Supervisor),
        Act::AnswerRectification {
            rated,
            business_leader,
        } => *rated || *business_leader || matches!(who.role, Leader | Director),
        Act::AppealRating { rated } => *rated,
        Act::DecideAppeal => matches!(who.role, Director),
        Act::DrawVisits => matches!(who.role, Leader | Director | Supervisor),
        Act::RecordVisit { served } => {
            !served && matches!(who.role, Leader | Director | Supervisor)
        }
        Act::RequestLeave { own } => *own || matches!(who.role, Leader | Director),
        Act::DecideLeave { on_duty, .. }
        | Act::WriteDutyLog { on_duty, .. }
        | Act::RecordUrgentLeave { on_duty, .. } => {
            who.code == centre.director || (*on_duty && matches!(who.role, Leader | Director))
        }
        Act::AssignCover { on_duty, knows, .. } => {
            who.code == centre.director
                || (*on_duty && *knows && matches!(who.role, Leader | Director))
        }
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
#[error("{name} ({}) may not {}; only {} may", role.key(), what(act), who_may(act))]
pub struct Forbidden {
    pub name: String,
    pub role: Role,
    pub act: Act,
}

fn what(act: &Act) -> String {
    match act {
        Act::DecideLeave { date, .. } => format!("decide on leave on {date}"),
        Act::WriteDutyLog { date, .. } => format!("write the duty log of {date}"),
        Act::RecordUrgentLeave { date, .. } => format!("record urgent leave on {date}"),
        Act::AssignCover {
            date, knows: false, ..
        } => format!("assign cover on {date} to someone who does not know the window"),
        Act::AssignCover { date, .. } => format!("assign cover on {date}"),
        Act::RequestLeave { own: false } => "ask for leave for someone else".into(),
        Act::Supervise => "see the supervision view of every window's deadlines".into(),
        Act::ReadAllMessages => "list every message of the outbox".into(),
        Act::RetryMessage => "queue a failed message again".into(),
        Act::KeepComplaints => "see or keep the complaint register".into(),
        Act::ReadViolations { .. } => "see another staff member's violations".into(),
        Act::DecideViolation => "confirm or dismiss a violation".into(),
        Act::RecordViolation => "record a violation".into(),
        Act::RecordRating { served: true } => "enter the rating of a case they served".into(),
        Act::ReadRatings { own: false } => "list the ratings of others".into(),
        Act::AnswerRectification { .. } => "answer this 差评's rectification".into(),
        Act::AppealRating { .. } => "appeal this 差评".into(),
        Act::DecideAppeal => "decide the appeal of a 差评".into(),
        Act::DrawVisits => "draw or list the return visits".into(),
        Act::RecordVisit { served: true } => "record the return visit of a case they served".into(),
        Act::RecordVisit { .. } => "record a return visit".into(),
        _ => "do this".into(),
    }
}

fn who_may(act: &Act) -> String {
    match act {
        Act::TakeTicket => "clerks, leaders, the director and administrators".into(),
        Act::WorkWindow(w) | Act::OpenCase(w) => {
            format!("{w}'s A and B posts, leaders and the director")
        }
        Act::ReadQueue | Act::ReadCases => "everyone".into(),
        Act::ReadAudit | Act::Supervise => {
            "leaders, the director, supervisors and administrators".into()
        }
        Act::StopServer | Act::Backup => "the director and administrators".into(),
        Act::SetPin { .. } => "its owner, the director and administrators".into(),
        Act::WorkCase { .. } => "those handling the case (its handler, first-asked person and window's posts), leaders and the director".into(),
        Act::ApproveExtension => "a leader or the director (003 二5)".into(),
        Act::LogEnquiry => "clerks, leaders and the director".into(),
        Act::CloseEnquiry { .. } => "its first-asked person, leaders and the director".into(),
        Act::ReadAllEnquiries => "leaders, the director and supervisors".into(),
        Act::ReadAllMessages => {
            "leaders, the director, supervisors and administrators (others see the messages of the cases they handle)".into()
        }
        Act::RetryMessage => "leaders, the director and administrators".into(),
        Act::KeepComplaints => {
            "the director, leaders and supervisors (complaints are confidential, RULES §8)".into()
        }
        Act::ReadViolations { .. } => {
            "the staff member themselves, leaders, the director and supervisors".into()
        }
        Act::DecideViolation => "the director (RULES §9)".into(),
        Act::RecordViolation => "the director and supervisors".into(),
        Act::RecordRating { .. } => "someone other than the staff member who served the case (the applicant on the pad, or another staff member entering what the applicant said, RULES §11)".into(),
        Act::ReadRatings { .. } => {
            "leaders, the director and supervisors (each staff member lists their own)".into()
        }
        Act::AnswerRectification { .. } => "the staff member rated, their window's business leader, leaders and the director (RULES §11)".into(),
        Act::AppealRating { .. } => "the staff member rated (申诉复核)".into(),
        Act::DecideAppeal => "the director (申诉复核)".into(),
        Act::DrawVisits => "leaders, the director and supervisors (RULES §11)".into(),
        Act::RecordVisit { .. } => "leaders, the director and supervisors, never the staff member who served the case (RULES §11)".into(),
        Act::RequestLeave { .. } => {
            "each person for their own leave, and leaders and the director for anyone's".into()
        }
        Act::DecideLeave { duty, .. } => format!(
            "the director or the leader on duty that day ({}) (leave rule, 000 三(五)2)",
            duty.join(", ")
        ),
        Act::WriteDutyLog { duty, .. } => format!(
            "the leader on duty that day ({}) or the director (000 三(三)1)",
            duty.join(", ")
        ),
        Act::RecordUrgentLeave { duty, .. } => format!(
            "the director or the leader on duty that day ({}) (leave rule, 000 三(五)2)",
            duty.join(", ")
        ),
        Act::AssignCover { duty, .. } => format!(
            "the director, or the leader on duty that day ({}) for someone who knows the window: its business leader or a post of its area (000 三(四)4)",
            duty.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::Case;
    use crate::fixtures;

    /// 出生一件事联办 (RK-005), accepted at 人口计生 by its A post, with everything in hand.
    fn joint_case() -> Case {
        fixtures::accepted("RK-005", "C07", None)
    }

    #[test]
    fn the_posts_of_a_joint_cases_co_windows_handle_it_and_others_do_not() {
        let centre = fixtures::centre();
        let case = joint_case();
        assert!(case.co_windows.contains(&"医疗保险".to_string()));
        let staff = |code| centre.staff(code).unwrap();
        // 医疗保险's A and B posts act on it as clerks; 民政救助's do not.
        for code in ["C07", "C08", "C05", "C06"] {
            assert!(handles(&centre, staff(code), &case), "{code}");
        }
        for code in ["C01", "C02"] {
            assert!(!handles(&centre, staff(code), &case), "{code}");
        }
        let works = |code| {
            allow(
                &centre,
                staff(code),
                Act::WorkCase {
                    handles: handles(&centre, staff(code), &case),
                },
            )
        };
        assert!(works("C05").is_ok());
        assert!(works("C01").is_err());
    }

    #[test]
    fn a_sign_in_is_told_what_the_gate_allows() {
        let centre = fixtures::centre();
        let clerk = permits(&centre, centre.staff("C01").unwrap());
        assert_eq!(clerk.windows, ["民政救助"]);
        assert!(clerk.take_tickets && clerk.log_enquiries);
        assert!(!clerk.approve_extensions && !clerk.decide_leave_any_day && !clerk.read_audit);
        assert!(!clerk.supervise);
        let leader = permits(&centre, centre.staff("L01").unwrap());
        assert_eq!(leader.windows.len(), centre.windows.len());
        assert!(leader.approve_extensions && !leader.decide_leave_any_day && leader.supervise);
        let director = permits(&centre, centre.staff("D01").unwrap());
        assert!(director.decide_leave_any_day && director.stop_server && director.backup);
        let supervisor = permits(&centre, centre.staff("S01").unwrap());
        assert!(supervisor.windows.is_empty() && supervisor.read_audit && supervisor.supervise);
        assert!(!supervisor.take_tickets);
    }

    #[test]
    fn every_message_is_listed_by_leaders_the_director_supervisors_and_admins_and_retried_by_all_but_supervisors()
     {
        let centre = fixtures::centre();
        let may = |code: &str, act: Act| allow(&centre, centre.staff(code).unwrap(), act).is_ok();
        for code in ["L01", "D01", "S01"] {
            assert!(may(code, Act::ReadAllMessages), "{code}");
        }
        assert!(!may("C01", Act::ReadAllMessages));
        for code in ["L01", "D01"] {
            assert!(may(code, Act::RetryMessage), "{code}");
        }
        for code in ["C01", "S01"] {
            assert!(!may(code, Act::RetryMessage), "{code}");
        }
        let refused = allow(&centre, centre.staff("C01").unwrap(), Act::RetryMessage).unwrap_err();
        assert!(
            refused.to_string().contains("queue a failed message again"),
            "{refused}"
        );
    }

    #[test]
    fn leave_is_decided_by_the_director_any_day_and_by_a_leader_on_their_duty_day() {
        let centre = fixtures::centre();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let duty = centre.duty_leaders(24);
        let act = |code: &str| {
            let who = centre.staff(code).unwrap();
            allow(&centre, who, Act::decide_leave(day, who, &duty))
        };
        assert!(act("D01").is_ok());
        assert!(act("L05").is_ok(), "李鹏 is on duty on days ending in 4");
        let refused = act("L04").unwrap_err();
        assert!(refused.to_string().contains("(李鹏)"), "{refused}");
        assert!(act("C01").is_err());
    }
}
