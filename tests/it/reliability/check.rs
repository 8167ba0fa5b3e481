//! What the reliability tests check after a round: every acknowledged operation is in the store
//! exactly once, the one in flight of each client is there in full or not at all, the deadline
//! index agrees with the cases, and every record has its audit event and every event its record.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use frontdesk::client::Client;
use frontdesk::domain::case::{Case, CaseStatus};
use frontdesk::domain::queue::{Ticket, TicketStatus};
use frontdesk::event::AuditEvent;
use frontdesk::protocol::{
    AuditReq, CaseReq, EnquiryReq, LeaveReq, Page, PageRequest, Request, Response, TicketReq,
};
use frontdesk::store::anchor::Anchor;

use super::workload::{Acked, InFlight, Ledger, WINDOWS, connect};
use crate::common::server::Centre;

/// Everything acknowledged so far, over every round.
#[derive(Default)]
pub struct Expect {
    took: Vec<(usize, String)>,
    called: BTreeSet<String>,
    finished: BTreeSet<String>,
    /// Each case as the last acknowledged act left it (or as a check found it, where an act
    /// was in flight).
    cases: BTreeMap<u64, Box<Case>>,
    enquiries: BTreeMap<u64, String>,
    leaves: BTreeMap<u64, String>,
    /// Acknowledged operations that changed something.
    pub changes: usize,
    /// Acknowledged refusals.
    pub refusals: usize,
    /// Refusals by the kind of request, for the figures.
    pub refused: BTreeMap<&'static str, usize>,
}

/// What one check found in the store.
#[derive(Debug, Default)]
pub struct Found {
    pub tickets: usize,
    pub cases: usize,
    pub enquiries: usize,
    pub leaves: usize,
    pub events: u64,
    /// Requests in flight at the kill that were found done.
    pub in_flight_done: usize,
    pub in_flight: usize,
}

impl Expect {
    /// Takes in the clients' ledgers; returns what they had in flight.
    pub fn absorb(&mut self, ledgers: Vec<Ledger>) -> Vec<InFlight> {
        let mut in_flight = Vec::new();
        for ledger in ledgers {
            for acked in ledger.acked {
                match acked {
                    Acked::Refused(kind) => {
                        self.refusals += 1;
                        *self.refused.entry(kind).or_default() += 1;
                    }
                    acked => {
                        self.changes += 1;
                        self.take(acked);
                    }
                }
            }
            in_flight.extend(ledger.in_flight);
        }
        in_flight
    }

    fn take(&mut self, acked: Acked) {
        match acked {
            Acked::Took { window, number } => self.took.push((window, number)),
            Acked::Called { number } => {
                self.called.insert(number);
            }
            Acked::Finished { number } => {
                self.finished.insert(number);
            }
            Acked::Case { id, case } => {
                self.cases.insert(id, case);
            }
            Acked::Enquiry { id, tag } => {
                self.enquiries.insert(id, tag);
            }
            Acked::Leave { id, tag } => {
                self.leaves.insert(id, tag);
            }
            Acked::Refused(_) => {}
        }
    }
}

/// Every item of a paged list; `pick` takes the page out of its reply.
fn list<T>(
    c: &mut Client,
    request: Request,
    pick: impl FnOnce(Response) -> Option<Page<T>>,
) -> Vec<T> {
    let reply = c.request_all(request).expect("a list is answered");
    pick(reply)
        .expect("a list is answered with its items")
        .items
}

fn cases_page(r: Response) -> Option<Page<frontdesk::protocol::CaseRow>> {
    match r {
        Response::Cases(p) => Some(p),
        _ => None,
    }
}

fn page() -> PageRequest {
    PageRequest::default()
}

/// Checks the store against everything acknowledged and what was in flight, through the
/// server (which must be running); `anchor` is the anchor the killed server left, which the
/// store must have reached. Afterwards the cases expected are as found.
pub fn verify(
    c: &Centre,
    expect: &mut Expect,
    in_flight: &[InFlight],
    anchor: Option<Anchor>,
) -> Found {
    let mut d = connect(&c.data, "D01").expect("the checker signs in");
    let mut found = Found {
        in_flight: in_flight.len(),
        ..Found::default()
    };
    let tickets = tickets(&mut d, expect, in_flight, &mut found);
    let cases = cases(&mut d, expect, in_flight, &tickets, &mut found);
    found.cases = cases.len();
    records(&mut d, expect, in_flight, &mut found);
    audit(&mut d, &tickets, &cases, anchor, &mut found);
    found
}

/// Each window's numbers of the day run 1, 2, … with no gap or repeat; every acknowledged
/// ticket is there once, and only in-flight takes add to them.
fn tickets(
    d: &mut Client,
    expect: &mut Expect,
    in_flight: &[InFlight],
    found: &mut Found,
) -> HashMap<String, Ticket> {
    let all: Vec<Ticket> = list(
        d,
        Request::Ticket(TicketReq::List {
            window: None,
            page: page(),
        }),
        |r| match r {
            Response::Tickets(p) => Some(p),
            _ => None,
        },
    );
    found.tickets = all.len();
    let mut by_number = HashMap::new();
    for t in all {
        let number = t.number.clone();
        assert!(
            by_number.insert(number.clone(), t).is_none(),
            "ticket {number} is there twice"
        );
    }
    for (w, (name, prefix)) in WINDOWS.iter().enumerate() {
        let mut numbers: Vec<u32> = by_number
            .keys()
            .filter_map(|n| n.strip_prefix(*prefix))
            .map(|n| n.parse().expect("a ticket number is its prefix and digits"))
            .collect();
        numbers.sort_unstable();
        let want: Vec<u32> = (1..=numbers.len() as u32).collect();
        assert_eq!(
            numbers, want,
            "{name}'s numbers of the day have a gap or repeat"
        );
        let acked = expect.took.iter().filter(|(tw, _)| *tw == w).count();
        let flying = in_flight
            .iter()
            .filter(|f| matches!(f, InFlight::Take { window } if *window == w))
            .count();
        assert!(
            (acked..=acked + flying).contains(&numbers.len()),
            "{name} holds {} tickets, but {acked} were acknowledged and {flying} in flight",
            numbers.len()
        );
        found.in_flight_done += numbers.len() - acked;
    }
    for (w, number) in &expect.took {
        let t = by_number
            .get(number)
            .unwrap_or_else(|| panic!("acknowledged ticket {number} is missing"));
        assert_eq!(
            t.window, WINDOWS[*w].0,
            "ticket {number} is at another window"
        );
    }
    // A take in flight that was done is, from now on, one the store must keep.
    let known: BTreeSet<String> = expect.took.iter().map(|(_, n)| n.clone()).collect();
    for (number, t) in &by_number {
        if !known.contains(number) {
            let w = WINDOWS
                .iter()
                .position(|(name, _)| *name == t.window)
                .unwrap();
            expect.took.push((w, number.clone()));
        }
    }
    for number in &expect.called {
        assert!(
            !matches!(by_number[number].status, TicketStatus::Waiting),
            "ticket {number} was called, but waits again"
        );
    }
    for number in &expect.finished {
        assert!(
            matches!(by_number[number].status, TicketStatus::Done { .. }),
            "ticket {number} was finished, but is {:?}",
            by_number[number].status
        );
    }
    by_number
}

/// Every acknowledged case is there with its acknowledged state (or, where an act on it was in
/// flight, the state before or after it); a case nobody acknowledged is an open in flight;
/// the open cases by deadline are exactly the open cases, with their deadlines; a case and its
/// ticket name each other.
fn cases(
    d: &mut Client,
    expect: &mut Expect,
    in_flight: &[InFlight],
    tickets: &HashMap<String, Ticket>,
    found: &mut Found,
) -> BTreeMap<u64, Case> {
    let rows: Vec<frontdesk::protocol::CaseRow> = list(
        d,
        Request::Case(CaseReq::List {
            open: false,
            due_within: None,
            overdue: false,
            page: page(),
        }),
        cases_page,
    );
    let mut shown = BTreeMap::new();
    let mut views = BTreeMap::new();
    for row in &rows {
        let Response::Case(v) = d
            .request(Request::Case(CaseReq::Show { id: row.id }))
            .unwrap_or_else(|e| panic!("case {} is listed but not shown: {e}", row.id))
        else {
            panic!("case show answered with something else");
        };
        assert!(
            shown.insert(row.id, v.case.clone()).is_none(),
            "case {} is listed twice",
            row.id
        );
        views.insert(row.id, v);
    }
    let ids: Vec<u64> = shown.keys().copied().collect();
    let want: Vec<u64> = (1..=ids.len() as u64).collect();
    assert_eq!(ids, want, "the case numbers have a gap");

    let acting_on: BTreeSet<u64> = in_flight
        .iter()
        .filter_map(|f| match f {
            InFlight::OnCase { id } => Some(*id),
            _ => None,
        })
        .collect();
    let opening: BTreeSet<&str> = in_flight
        .iter()
        .filter_map(|f| match f {
            InFlight::Open { applicant } => Some(applicant.as_str()),
            _ => None,
        })
        .collect();
    for (id, want) in &expect.cases {
        let got = shown
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged case {id} is missing"));
        if got != want.as_ref() {
            assert!(
                acting_on.contains(id),
                "case {id} is not as acknowledged:\n  acknowledged {want:?}\n  found {got:?}"
            );
            found.in_flight_done += 1;
        }
    }
    let mut names = BTreeSet::new();
    for (id, case) in &shown {
        assert!(
            names.insert(case.applicant.name.clone()),
            "the case of {} is there twice",
            case.applicant.name
        );
        if !expect.cases.contains_key(id) {
            assert!(
                opening.contains(case.applicant.name.as_str()),
                "case {id} ({}) was never acknowledged nor in flight",
                case.applicant.name
            );
            found.in_flight_done += 1;
        }
    }

    // The deadline index: the open cases by deadline are the open cases, as each shows itself.
    let open: Vec<frontdesk::protocol::CaseRow> = list(
        d,
        Request::Case(CaseReq::List {
            open: true,
            due_within: None,
            overdue: false,
            page: page(),
        }),
        cases_page,
    );
    let open: BTreeMap<u64, _> = open.into_iter().map(|r| (r.id, r)).collect();
    for (id, v) in &views {
        let is_open = v.case.status == CaseStatus::Open;
        assert_eq!(
            open.contains_key(id),
            is_open,
            "case {id} is {:?} but the open list {} it",
            v.case.status,
            if is_open { "lacks" } else { "holds" }
        );
        if let Some(row) = open.get(id) {
            assert_eq!(
                (row.deadline, row.waiting_for, row.paused),
                (v.deadline, v.waiting_for, v.paused_since.is_some()),
                "case {id}'s deadline in the index disagrees with the case"
            );
        }
    }

    // A case opened for a ticket and the ticket name each other, or neither is there.
    for (id, case) in &shown {
        if let Some(number) = &case.ticket {
            let t = tickets
                .get(number)
                .unwrap_or_else(|| panic!("case {id} names ticket {number}, which is missing"));
            assert_eq!(
                t.case,
                Some(*id),
                "case {id} names ticket {number}, not it the case"
            );
        }
    }
    for (number, t) in tickets {
        if let Some(id) = t.case {
            let case = shown
                .get(&id)
                .unwrap_or_else(|| panic!("ticket {number} names case {id}, which is missing"));
            assert_eq!(
                case.ticket.as_deref(),
                Some(number.as_str()),
                "ticket {number} names case {id}, not it the ticket"
            );
        }
    }
    expect.cases = shown
        .iter()
        .map(|(id, case)| (*id, Box::new(case.clone())))
        .collect();
    shown
}

/// Enquiries and leave requests: each acknowledged one is there once, under its id, and one in
/// flight at most once; nothing else is.
fn records(d: &mut Client, expect: &mut Expect, in_flight: &[InFlight], found: &mut Found) {
    let enquiries: Vec<(u64, frontdesk::domain::enquiry::Enquiry)> = list(
        d,
        Request::Enquiry(EnquiryReq::List {
            open: false,
            page: page(),
        }),
        |r| match r {
            Response::Enquiries(p) => Some(p),
            _ => None,
        },
    );
    found.enquiries = enquiries.len();
    let flying: BTreeSet<&str> = in_flight
        .iter()
        .filter_map(|f| match f {
            InFlight::Enquiry { tag } => Some(tag.as_str()),
            _ => None,
        })
        .collect();
    let got: Vec<(u64, String)> = enquiries
        .into_iter()
        .map(|(id, e)| (id, e.content))
        .collect();
    found.in_flight_done += same_once("enquiry", &got, &mut expect.enquiries, &flying);

    let leaves: Vec<frontdesk::domain::leave::LeaveRequest> = list(
        d,
        Request::Leave(LeaveReq::List { page: page() }),
        |r| match r {
            Response::Leaves(p) => Some(p),
            _ => None,
        },
    );
    found.leaves = leaves.len();
    let flying: BTreeSet<&str> = in_flight
        .iter()
        .filter_map(|f| match f {
            InFlight::Leave { tag } => Some(tag.as_str()),
            _ => None,
        })
        .collect();
    let got: Vec<(u64, String)> = leaves.into_iter().map(|l| (l.id, l.reason)).collect();
    found.in_flight_done += same_once("leave request", &got, &mut expect.leaves, &flying);
}

/// `got` (id, tag) holds each of `acked` once under its id, each of `flying` at most once and
/// nothing else; what was in flight and is there becomes acknowledged. Returns how many were.
fn same_once(
    what: &str,
    got: &[(u64, String)],
    acked: &mut BTreeMap<u64, String>,
    flying: &BTreeSet<&str>,
) -> usize {
    let mut tags = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let mut done = 0;
    for (id, tag) in got {
        assert!(ids.insert(*id), "{what} {id} is there twice");
        assert!(
            tags.insert(tag.clone()),
            "the {what} `{tag}` is there twice"
        );
        match acked.get(id) {
            Some(want) => assert_eq!(want, tag, "{what} {id} is another one"),
            None => {
                assert!(
                    flying.contains(tag.as_str()),
                    "{what} {id} (`{tag}`) was never acknowledged nor in flight"
                );
                done += 1;
            }
        }
    }
    for (id, tag) in acked.iter() {
        assert!(
            ids.contains(id),
            "acknowledged {what} {id} (`{tag}`) is missing"
        );
    }
    acked.extend(got.iter().cloned());
    done
}

/// The audit trail runs 1, 2, … to its head, holds the event the anchor names with its hash,
/// and every ticket and case has its events and every event about one names one that is there.
fn audit(
    d: &mut Client,
    tickets: &HashMap<String, Ticket>,
    cases: &BTreeMap<u64, Case>,
    anchor: Option<Anchor>,
    found: &mut Found,
) {
    let events: Vec<AuditEvent> = list(
        d,
        Request::Audit(AuditReq::Log {
            case: None,
            target: None,
            staff: None,
            since: None,
            page: page(),
        }),
        |r| match r {
            Response::Events(p) => Some(p),
            _ => None,
        },
    );
    for (i, e) in events.iter().enumerate() {
        assert_eq!(
            e.seq(),
            i as u64 + 1,
            "the audit trail has a gap before {}",
            e.seq()
        );
    }
    found.events = events.len() as u64;
    if let Some(a) = anchor {
        let at = events
            .get(a.seq as usize - 1)
            .unwrap_or_else(|| panic!("the store is behind its anchor (event {})", a.seq));
        assert_eq!(at.hash(), a.hash, "the event at the anchor is another one");
    }
    let mut keyed: BTreeSet<String> = BTreeSet::new();
    for e in events.iter().filter(|e| e.outcome().is_ok()) {
        for key in e.target_keys() {
            let mut parts = key.split('/');
            let there = match (parts.next(), parts.next(), parts.next()) {
                (Some("case"), Some(id), None) => cases.contains_key(&id.parse().unwrap()),
                (Some("ticket"), Some(_), Some(number)) => tickets.contains_key(number),
                _ => true,
            };
            assert!(
                there,
                "event {} ({}) is about {key}, which is not there",
                e.seq(),
                e.act()
            );
            keyed.insert(key);
        }
    }
    for id in cases.keys() {
        assert!(
            keyed.contains(&format!("case/{id}")),
            "case {id} has no event"
        );
    }
    for t in tickets.values() {
        let key = format!("ticket/{}/{}", t.date, t.number);
        assert!(keyed.contains(&key), "ticket {} has no event", t.number);
    }
}
