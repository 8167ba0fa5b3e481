//! The mixed workload of the reliability tests: client threads, each a real connection signed
//! in as a staff member, taking tickets at several windows, calling and finishing them, opening
//! cases of MZ-005 with different materials, supplementing and completing them, logging
//! enquiries and asking for leave. Each keeps a ledger of what the server acknowledged (a reply
//! received) and of the one request it had in flight when its connection ended.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;
use frontdesk::client::{Client, ClientError, ConnectOptions};
use frontdesk::datadir::DataDir;
use frontdesk::domain::case::{Case, CaseStatus, Channel, MaterialState};
use frontdesk::domain::enquiry::EnquiryChannel;
use frontdesk::domain::leave::AbsenceKind;
use frontdesk::protocol::args::Materials;
use frontdesk::protocol::{CaseOpen, CaseReq, EnquiryReq, LeaveReq, Request, Response, TicketReq};

use crate::common::busy::ALL_MZ005;

/// The demo's windows, with their ticket prefixes.
pub const WINDOWS: [(&str, char); 5] = [
    ("民政救助", 'A'),
    ("劳动保障", 'B'),
    ("医疗保险", 'C'),
    ("人口计生", 'D'),
    ("土规农综", 'E'),
];

/// Who the clients sign in as, in turn: every clerk, every leader and the director.
const ROSTER: [&str; 23] = [
    "C01", "C03", "C05", "C07", "C09", "C02", "C04", "C06", "C08", "C10", "L01", "L02", "L03",
    "L04", "L05", "L06", "L07", "L08", "L09", "L10", "L11", "L12", "D01",
];

/// A small deterministic generator (xorshift), so a failing seed can be run again.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What the server acknowledged.
#[derive(Debug, Clone)]
pub enum Acked {
    /// A ticket taken at window `window` (an index of [`WINDOWS`]).
    Took { window: usize, number: String },
    /// A ticket called to a window.
    Called { number: String },
    /// A ticket finished.
    Finished { number: String },
    /// A case as the act (open, supplement, complete) left it.
    Case { id: u64, case: Box<Case> },
    /// An enquiry logged, its content the tag.
    Enquiry { id: u64, tag: String },
    /// A leave request, its reason the tag.
    Leave { id: u64, tag: String },
    /// A refusal of this kind of request: the server answered that nothing was done.
    Refused(&'static str),
}

/// The request a client had sent and got no reply to when its connection ended: it may be
/// there in full or not at all, never in part.
#[derive(Debug, Clone)]
pub enum InFlight {
    Take {
        window: usize,
    },
    Call,
    Finish,
    /// A case opened for this applicant (a tag of its own).
    Open {
        applicant: String,
    },
    /// An act on case `id`.
    OnCase {
        id: u64,
    },
    Enquiry {
        tag: String,
    },
    Leave {
        tag: String,
    },
}

impl InFlight {
    /// What kind of request it is, for the figures.
    pub fn kind(&self) -> &'static str {
        match self {
            InFlight::Take { .. } => "ticket.take",
            InFlight::Call => "ticket.call",
            InFlight::Finish => "ticket.finish",
            InFlight::Open { .. } => "case.open",
            InFlight::OnCase { .. } => "case.supplement|complete",
            InFlight::Enquiry { .. } => "enquiry.log",
            InFlight::Leave { .. } => "leave.request",
        }
    }
}

#[derive(Debug, Default)]
pub struct Ledger {
    pub acked: Vec<Acked>,
    pub in_flight: Option<InFlight>,
}

/// One client's part: its identity, and the window it calls at.
struct Part {
    who: &'static str,
    home: usize,
    /// Whether it may open MZ-005 (民政救助's posts, leaders, the director).
    cases: bool,
    /// Whether it asks for leave (leaders would need duty swaps on their duty days).
    leave: bool,
}

fn part(k: usize) -> Part {
    let who = ROSTER[k % ROSTER.len()];
    let clerk = who.starts_with('C');
    let home = if clerk {
        (who[1..].parse::<usize>().unwrap() - 1) / 2
    } else {
        k % WINDOWS.len()
    };
    Part {
        who,
        home,
        cases: !clerk || who == "C01" || who == "C02",
        leave: who != "D01" && clerk,
    }
}

/// A connection signed in as `who`, to a server that is running.
pub fn connect(data: &Path, who: &str) -> Result<Client, ClientError> {
    let dir = DataDir::resolve(Some(data.to_path_buf())).expect("the data directory resolves");
    Client::connect(
        &dir,
        &ConnectOptions {
            act_as: Some(who.into()),
            ..Default::default()
        },
    )
}

/// How a run of clients ends: after `ops` operations each, or when its connection ends.
pub struct Run {
    pub round: usize,
    pub seed: u64,
    pub ops: Option<usize>,
    /// Acknowledged operations so far, of every client (to kill the server while they are busy).
    pub acked: Arc<AtomicUsize>,
    /// Set to end every client between two operations.
    pub stop: Arc<AtomicBool>,
    /// The server is killed under the clients: a connection may end, or not begin.
    pub killed: bool,
}

/// Runs client `k` until its budget is spent, the run is stopped, or its connection ends.
pub fn client(data: &Path, run: &Run, k: usize) -> Ledger {
    let p = part(k);
    let mut rng = Rng::new(run.seed ^ ((k as u64 + 1) << 32) ^ run.round as u64);
    let mut ledger = Ledger::default();
    let mut c = match connect(data, p.who) {
        Ok(c) => c,
        // The server was killed before this client was in.
        Err(_) if run.killed => return ledger,
        Err(e) => panic!("client {k} ({}) cannot sign in: {e}", p.who),
    };
    let mut mine: Vec<(u64, Box<Case>)> = Vec::new();
    let mut serving: Option<String> = None;
    let mut linked = false;
    let mut n = 0;
    while run.ops.is_none_or(|ops| n < ops) && !run.stop.load(Ordering::Relaxed) {
        n += 1;
        let tag = format!("r{}k{k}n{n}", run.round);
        let open: Vec<usize> = (0..mine.len())
            .filter(|&i| mine[i].1.status == CaseStatus::Open)
            .collect();
        // A kind of request this client may make, by its weight in the mix.
        let roll = loop {
            let roll = rng.below(100);
            let allowed = match roll {
                55..70 => p.cases,
                70..88 => p.cases && !open.is_empty(),
                88..95 => p.leave,
                _ => true,
            };
            if allowed {
                break roll;
            }
        };
        let (request, flight) = match roll {
            0..30 => {
                let window = rng.below(WINDOWS.len() as u64) as usize;
                let r = TicketReq::Take {
                    window: Some(WINDOWS[window].0.into()),
                    item: None,
                    priority: rng.below(5) == 0,
                    print: false,
                };
                (Request::Ticket(r), InFlight::Take { window })
            }
            30..45 => {
                let r = TicketReq::Call {
                    window: Some(WINDOWS[p.home].0.into()),
                    number: None,
                    reason: None,
                };
                (Request::Ticket(r), InFlight::Call)
            }
            45..55 => {
                let r = TicketReq::Finish {
                    number: None,
                    window: Some(WINDOWS[p.home].0.into()),
                };
                (Request::Ticket(r), InFlight::Finish)
            }
            55..70 if p.cases => {
                let applicant = format!("申请人{tag}");
                let mask = 1 + rng.below(31);
                let have = (0..ALL_MZ005.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| ALL_MZ005[i].to_string())
                    .collect();
                let ticket = match &serving {
                    Some(t) if !linked && p.home == 0 && rng.below(2) == 0 => {
                        linked = true;
                        Some(t.clone())
                    }
                    _ => None,
                };
                let open = CaseOpen {
                    item: "MZ-005".into(),
                    applicant: applicant.clone(),
                    phone: None,
                    id_number: None,
                    have: Materials(have),
                    promise: Materials::default(),
                    pages: Default::default(),
                    first_asked: None,
                    channel: Channel::Window,
                    kind: None,
                    reason: None,
                    green_channel: false,
                    ticket,
                    needs_decision: false,
                };
                let r = CaseReq::Open(Box::new(open));
                (Request::Case(r), InFlight::Open { applicant })
            }
            70..80 if p.cases && !open.is_empty() => {
                let (id, case) = &mine[open[rng.below(open.len() as u64) as usize]];
                let missing: Vec<String> = case
                    .materials
                    .iter()
                    .filter(|m| m.state != MaterialState::InHand)
                    .map(|m| m.name.clone())
                    .filter(|_| rng.below(3) != 0)
                    .collect();
                let materials = if missing.is_empty() {
                    // Nothing left to bring, or none picked: a material already in hand, which
                    // the server refuses.
                    vec![case.materials[0].name.clone()]
                } else {
                    missing
                };
                let r = CaseReq::Supplement {
                    id: *id,
                    materials: Materials(materials),
                    pages: Default::default(),
                };
                (Request::Case(r), InFlight::OnCase { id: *id })
            }
            80..88 if p.cases && !open.is_empty() => {
                let id = mine[open[rng.below(open.len() as u64) as usize]].0;
                (
                    Request::Case(CaseReq::Complete { id }),
                    InFlight::OnCase { id },
                )
            }
            88..95 if p.leave => {
                let day = NaiveDate::from_ymd_opt(2026, 12, 1 + rng.below(31) as u32).unwrap();
                let from = day.and_hms_opt(9 + rng.below(6) as u32, 0, 0).unwrap();
                let r = LeaveReq::Request {
                    from,
                    to: from + chrono::TimeDelta::hours(1),
                    reason: tag.clone(),
                    kind: AbsenceKind::Out,
                    staff: None,
                    swaps: Vec::new(),
                };
                (Request::Leave(r), InFlight::Leave { tag })
            }
            _ => {
                let r = EnquiryReq::Log {
                    channel: EnquiryChannel::InPerson,
                    caller_name: None,
                    caller_phone: None,
                    content: tag.clone(),
                    refer_to: None,
                };
                (Request::Enquiry(r), InFlight::Enquiry { tag })
            }
        };
        let answer = c.request(request);
        let acked = match (answer, &flight) {
            (Err(ClientError::Fault(_)), flight) => Acked::Refused(flight.kind()),
            (Err(_), _) => {
                ledger.in_flight = Some(flight);
                return ledger;
            }
            (Ok(Response::Ticket(t)), InFlight::Take { window }) => Acked::Took {
                window: *window,
                number: t.number,
            },
            (Ok(Response::Ticket(t)), InFlight::Call) => {
                serving = Some(t.number.clone());
                linked = false;
                Acked::Called { number: t.number }
            }
            (Ok(Response::Ticket(t)), InFlight::Finish) => {
                serving = None;
                Acked::Finished { number: t.number }
            }
            (Ok(Response::Case(v)), InFlight::Open { .. } | InFlight::OnCase { .. }) => {
                match mine.iter_mut().find(|(id, _)| *id == v.id) {
                    Some(slot) => *slot.1 = v.case.clone(),
                    None => mine.push((v.id, Box::new(v.case.clone()))),
                }
                Acked::Case {
                    id: v.id,
                    case: Box::new(v.case),
                }
            }
            (Ok(Response::Enquiry { id, .. }), InFlight::Enquiry { tag }) => Acked::Enquiry {
                id,
                tag: tag.clone(),
            },
            (Ok(Response::Leave(l)), InFlight::Leave { tag }) => Acked::Leave {
                id: l.id,
                tag: tag.clone(),
            },
            (Ok(other), flight) => panic!("{flight:?} was answered with {other:?}"),
        };
        if !matches!(acked, Acked::Refused(_)) {
            run.acked.fetch_add(1, Ordering::Relaxed);
        }
        ledger.acked.push(acked);
    }
    ledger
}

/// Runs `clients` clients at once until each is done; their ledgers, in order.
pub fn clients(data: &Path, run: &Run, clients: usize) -> Vec<Ledger> {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|k| s.spawn(move || client(data, run, k)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}
