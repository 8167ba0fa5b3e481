//! The centre's definition as the server last loaded it: centre, staff, windows, catalogue,
//! holiday years and settings. The files in the data directory stay the source a centre edits;
//! mirroring them here at each start makes every change of definition part of the record (an
//! audit event naming what changed), and a backup self-contained.

use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::Serialize;

use super::audit::{Data, Target};
use super::codec::encode;
use super::{CmdError, Fact, Store, StoreError, Who};
use crate::domain::calendar::Calendar;
use crate::domain::catalogue::Catalogue;
use crate::domain::centre::Centre;

pub(crate) const CENTRE: TableDefinition<&str, &[u8]> = TableDefinition::new("centre");
pub(crate) const STAFF: TableDefinition<&str, &[u8]> = TableDefinition::new("staff");
pub(crate) const WINDOWS: TableDefinition<&str, &[u8]> = TableDefinition::new("windows");
pub(crate) const CATALOGUE: TableDefinition<&str, &[u8]> = TableDefinition::new("catalogue");
/// By year, as text (`2026`).
pub(crate) const HOLIDAY_YEARS: TableDefinition<&str, &[u8]> =
    TableDefinition::new("holiday_years");
pub(crate) const SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("settings");

/// Makes a table's rows `rows`, writing only the rows that differ (an unchanged definition
/// writes nothing, so a start costs no rewrite of the catalogue); returns whether any did.
fn mirror<K: AsRef<str>, T: Serialize>(
    txn: &WriteTransaction,
    def: TableDefinition<&str, &[u8]>,
    rows: impl IntoIterator<Item = (K, T)>,
) -> Result<bool, CmdError> {
    let mut table = txn.open_table(def)?;
    let mut old = std::collections::BTreeMap::new();
    for row in table.iter()? {
        let (k, v) = row?;
        old.insert(k.value().to_string(), v.value().to_vec());
    }
    let mut changed = false;
    for (k, v) in rows {
        let bytes = encode(&v);
        if old.remove(k.as_ref()).as_ref() != Some(&bytes) {
            table.insert(k.as_ref(), bytes.as_slice())?;
            changed = true;
        }
    }
    for gone in old.keys() {
        table.remove(gone.as_str())?;
        changed = true;
    }
    Ok(changed)
}

impl Store {
    /// Mirrors the loaded definition into the store. Returns the sections that changed since the
    /// last start (all of them the first time), and records them in the audit trail.
    pub fn sync_definition(
        &self,
        who: &Who,
        at: chrono::NaiveDateTime,
        centre: &Centre,
        catalogue: &Catalogue,
        calendar: &Calendar,
    ) -> Result<Vec<&'static str>, StoreError> {
        let result = self.execute(who, at, "centre.load", vec![Target::Store], |txn| {
            let mut changed = Vec::new();
            if mirror(txn, CENTRE, [("centre", centre)])? {
                changed.push("centre");
            }
            if mirror(
                txn,
                STAFF,
                centre.staff.iter().map(|s| (s.code.as_str(), s)),
            )? {
                changed.push("staff");
            }
            if mirror(
                txn,
                WINDOWS,
                centre.windows.iter().map(|w| (w.name.as_str(), w)),
            )? {
                changed.push("windows");
            }
            if mirror(txn, SETTINGS, [("settings", &centre.settings)])? {
                changed.push("settings");
            }
            if mirror(
                txn,
                CATALOGUE,
                catalogue.items().iter().map(|i| (i.code.as_str(), i)),
            )? {
                changed.push("catalogue");
            }
            let years = calendar
                .loaded_years()
                .filter_map(|y| Some((y.to_string(), calendar.schedule(y)?)));
            if mirror(txn, HOLIDAY_YEARS, years)? {
                changed.push("holiday years");
            }
            let data = Data::Definition {
                changed: changed.iter().map(|c| c.to_string()).collect(),
            };
            Ok((changed, Fact::new(vec![], data)))
        });
        match result {
            Ok(changed) => Ok(changed),
            Err(CmdError::Store(e)) => Err(e),
            Err(CmdError::Refused(why)) => Err(StoreError::Corrupt {
                table: "centre",
                detail: why.to_string(),
            }),
        }
    }
}
