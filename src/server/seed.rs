//! Cases handled in bulk, without a running server: for load tests and benchmarks, which need a
//! busy centre's store (thousands of open or closed cases) in seconds. Each request goes
//! through the same rules, notice, index and audit event as at the desk; they commit together.

use chrono::NaiveDateTime;

use crate::datadir::DataDir;
use crate::protocol::{CaseOpen, CaseReq};

use super::clock::ServerClock;
use super::session::Session;
use super::{ServeError, Shared, cases};

/// Accepts `intakes` in the data directory's store as staff member `by` at the moment `at`, in
/// one commit; returns their numbers. The server must not be running (the store is its alone).
pub fn accept_cases(
    data: &DataDir,
    at: NaiveDateTime,
    by: &str,
    intakes: impl IntoIterator<Item = CaseOpen>,
) -> Result<Vec<u64>, SeedError> {
    run_cases(
        data,
        at,
        by,
        intakes.into_iter().map(|i| CaseReq::Open(Box::new(i))),
    )
}

/// Runs requests about cases (opening them, completing them …) in one commit, each with its
/// rules and audit event as at the desk; returns the number of the case each was about.
pub fn run_cases(
    data: &DataDir,
    at: NaiveDateTime,
    by: &str,
    requests: impl IntoIterator<Item = CaseReq>,
) -> Result<Vec<u64>, SeedError> {
    let shared = Shared::open(data, ServerClock::starting_at(at))?;
    let staff = shared
        .centre
        .staff(by)
        .cloned()
        .ok_or_else(|| SeedError::NoStaff(by.to_string()))?;
    let session = Session {
        staff,
        uid: super::server_itself().uid,
        lang: crate::lang::Lang::En,
        owner: false,
    };
    let who = session.who();
    shared
        .store
        .batch(|batch| {
            let mut ids = Vec::new();
            for req in requests {
                let act = req.act();
                let view = batch.run(&who, at, &act, |txn| match req {
                    CaseReq::Open(args) => cases::accept(&shared, &session, txn, &args, at),
                    action => {
                        let id = cases::case_of(&action).unwrap_or_default();
                        cases::apply(&shared, &session, txn, id, action, at)
                    }
                })?;
                ids.push(view.id);
            }
            Ok(ids)
        })
        .map_err(|e| SeedError::Refused(e.to_string()))
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Open(#[from] ServeError),
    #[error("the centre has no staff code `{0}`")]
    NoStaff(String),
    #[error("a case was not accepted: {0}")]
    Refused(String),
}
