//! PINs of staff who sign in on shared thin-client accounts (DESIGN.md). A PIN is kept only as a
//! salted PBKDF2-HMAC-SHA256 hash; repeated failures lock the code for a while.

use std::io::Read;

use chrono::{NaiveDateTime, TimeDelta};
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::CmdError;
use super::codec::{decode, encode};
use crate::refusal::Refusal;

pub(crate) const PINS: TableDefinition<&str, &[u8]> = TableDefinition::new("pins");

/// Slow on purpose: a stolen store must not give PINs away quickly.
const ROUNDS: u32 = 120_000;
/// Failures in a row that lock a code.
pub const MAX_FAILURES: u32 = 5;
/// How long a locked code stays locked.
pub const LOCK_MINUTES: i64 = 15;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PinRecord {
    salt: String,
    hash: String,
    rounds: u32,
    failures: u32,
    locked_until: Option<NaiveDateTime>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn derive(pin: &str, salt: &str, rounds: u32) -> String {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(pin.as_bytes(), salt.as_bytes(), rounds, &mut out);
    hex(&out)
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn new_salt() -> Result<String, CmdError> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| CmdError::Refused(Refusal::NoRandomness(e.to_string())))?;
    Ok(hex(&bytes))
}

/// A PIN is 4 to 8 digits.
pub fn check_form(pin: &str) -> Result<(), Refusal> {
    if (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Refusal::PinForm)
    }
}

pub fn set(txn: &WriteTransaction, code: &str, pin: &str) -> Result<(), CmdError> {
    check_form(pin).map_err(CmdError::Refused)?;
    let salt = new_salt()?;
    let record = PinRecord {
        hash: derive(pin, &salt, ROUNDS),
        salt,
        rounds: ROUNDS,
        failures: 0,
        locked_until: None,
    };
    txn.open_table(PINS)?
        .insert(code, encode(&record).as_slice())?;
    Ok(())
}

/// The outcome of a PIN sign-in.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    Wrong {
        failures_left: u32,
    },
    Locked {
        until: NaiveDateTime,
    },
    /// No PIN was ever set for the code.
    NoPin,
}

/// Checks a PIN and records the attempt. `default` is the PIN accepted when none was set (the
/// demo centre's); it is stored hashed on first use.
pub fn verify(
    txn: &WriteTransaction,
    code: &str,
    pin: &str,
    now: NaiveDateTime,
    default: Option<&str>,
) -> Result<Verdict, CmdError> {
    let found: Option<PinRecord> = {
        let table = txn.open_table(PINS)?;
        let v = table.get(code)?;
        match v {
            Some(v) => Some(decode("pins", v.value())?),
            None => None,
        }
    };
    let mut record = match (found, default) {
        (Some(r), _) => r,
        (None, Some(d)) => {
            set(txn, code, d)?;
            return verify(txn, code, pin, now, None);
        }
        (None, None) => return Ok(Verdict::NoPin),
    };
    if let Some(until) = record.locked_until.filter(|u| *u > now) {
        return Ok(Verdict::Locked { until });
    }
    let verdict = if same(&derive(pin, &record.salt, record.rounds), &record.hash) {
        record.failures = 0;
        record.locked_until = None;
        Verdict::Accepted
    } else {
        record.failures += 1;
        if record.failures >= MAX_FAILURES {
            record.failures = 0;
            let until = now + TimeDelta::minutes(LOCK_MINUTES);
            record.locked_until = Some(until);
            Verdict::Locked { until }
        } else {
            Verdict::Wrong {
                failures_left: MAX_FAILURES - record.failures,
            }
        }
    };
    txn.open_table(PINS)?
        .insert(code, encode(&record).as_slice())?;
    Ok(verdict)
}
