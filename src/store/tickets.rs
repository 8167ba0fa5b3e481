//! Queue tickets in the store: per-day numbering by window prefix, and the priority run of
//! each window (RULES §14).

use chrono::NaiveDate;
use redb::{ReadableTable, WriteTransaction};

use super::codec::{decode, encode};
use super::{COUNTERS, CmdError, StoreError, TICKETS};
use crate::domain::queue::{Ticket, ticket_number};

fn key(date: NaiveDate, number: &str) -> String {
    format!("{date}/{number}")
}

/// The next ticket number of a window prefix on a day; numbers are never reused.
pub fn next_number(
    txn: &WriteTransaction,
    date: NaiveDate,
    prefix: char,
) -> Result<String, CmdError> {
    let mut counters = txn.open_table(COUNTERS)?;
    let k = format!("{date}/{prefix}");
    let seq = counters.get(k.as_str())?.map_or(0, |v| v.value()) + 1;
    counters.insert(k.as_str(), seq)?;
    Ok(ticket_number(prefix, seq))
}

/// The next place in a day's order of taking, across every window.
pub fn next_order(txn: &WriteTransaction, date: NaiveDate) -> Result<u32, CmdError> {
    let mut counters = txn.open_table(COUNTERS)?;
    let k = format!("{date}/order");
    let seq = counters.get(k.as_str())?.map_or(0, |v| v.value()) + 1;
    counters.insert(k.as_str(), seq)?;
    Ok(seq)
}

pub fn put(txn: &WriteTransaction, t: &Ticket) -> Result<(), CmdError> {
    let mut table = txn.open_table(TICKETS)?;
    table.insert(key(t.date, &t.number).as_str(), encode(t).as_slice())?;
    Ok(())
}

pub fn get(
    txn: &WriteTransaction,
    date: NaiveDate,
    number: &str,
) -> Result<Option<Ticket>, CmdError> {
    Ok(find(&txn.open_table(TICKETS)?, date, number)?)
}

/// Ticket `number` of `date`, in a read or a write transaction.
pub fn find(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
    date: NaiveDate,
    number: &str,
) -> Result<Option<Ticket>, StoreError> {
    let found = table.get(key(date, number).as_str())?;
    Ok(match found {
        Some(v) => Some(decode("tickets", v.value())?),
        None => None,
    })
}

/// Every ticket of a day, in the day's order of taking.
pub fn list_day(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
    date: NaiveDate,
) -> Result<Vec<Ticket>, StoreError> {
    let from = format!("{date}/");
    let to = format!("{date}0");
    let mut out: Vec<Ticket> = Vec::new();
    for row in table.range(from.as_str()..to.as_str())? {
        let (_, v) = row?;
        out.push(decode("tickets", v.value())?);
    }
    crate::domain::queue::day_order(&mut out);
    Ok(out)
}

/// How many priority tickets the window called in a row just before.
pub fn priority_run(
    txn: &WriteTransaction,
    date: NaiveDate,
    window: &str,
) -> Result<u32, CmdError> {
    let counters = txn.open_table(COUNTERS)?;
    let v = counters.get(format!("{date}/run/{window}").as_str())?;
    Ok(v.map_or(0, |v| v.value()))
}

pub fn set_priority_run(
    txn: &WriteTransaction,
    date: NaiveDate,
    window: &str,
    run: u32,
) -> Result<(), CmdError> {
    let mut counters = txn.open_table(COUNTERS)?;
    counters.insert(format!("{date}/run/{window}").as_str(), run)?;
    Ok(())
}
