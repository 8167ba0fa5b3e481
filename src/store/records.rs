//! Numbered records kept whole as versioned values: enquiries, leave requests, duty-log
//! entries. One shape serves them all.

use redb::{ReadTransaction, ReadableTable, TableDefinition, WriteTransaction};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::codec::{decode, encode};
use super::{COUNTERS, CmdError, StoreError};

#[derive(Clone, Copy)]
pub struct Records {
    pub(crate) table: TableDefinition<'static, u64, &'static [u8]>,
    /// The counter that numbers new records.
    counter: &'static str,
    name: &'static str,
}

pub const ENQUIRIES: Records = Records {
    table: TableDefinition::new("enquiries"),
    counter: "enquiry",
    name: "enquiries",
};
pub const LEAVE: Records = Records {
    table: TableDefinition::new("leave"),
    counter: "leave",
    name: "leave",
};
pub const EXTENSIONS: Records = Records {
    table: TableDefinition::new("extension_requests"),
    counter: "extension",
    name: "extension_requests",
};
/// Cover assigned to windows whose posts are both away (顶岗).
pub const COVERS: Records = Records {
    table: TableDefinition::new("covers"),
    counter: "cover",
    name: "covers",
};
/// The outbox: completion messages to applicants (`store/outbox.rs` keeps its indexes).
pub const OUTBOX: Records = Records {
    table: TableDefinition::new("outbox"),
    counter: "message",
    name: "outbox",
};
/// The complaint register (投诉, RULES §8); open ones are in the pending index by due day.
pub const COMPLAINTS: Records = Records {
    table: TableDefinition::new("complaints"),
    counter: "complaint",
    name: "complaints",
};
/// Violations (责任追究, RULES §9): proposed from facts or recorded, then decided by the
/// director (`store/violations.rs` keeps their indexes).
pub const VIOLATIONS: Records = Records {
    table: TableDefinition::new("violations"),
    counter: "violation",
    name: "violations",
};
/// Ratings (好差评, RULES §11), each with the rectification its 差评 opened
/// (`store/ratings.rs` keeps their indexes).
pub const RATINGS: Records = Records {
    table: TableDefinition::new("ratings"),
    counter: "rating",
    name: "ratings",
};
/// Return-visit draws by month, numbered `YYYYMM` (never by the counter).
pub const VISIT_DRAWS: Records = Records {
    table: TableDefinition::new("visit_draws"),
    counter: "visit_draw",
    name: "visit_draws",
};
/// The duty log by day: `DATE/ID` → id.
pub(crate) const DUTY_BY_DAY: TableDefinition<&str, u64> = TableDefinition::new("duty_by_day");

pub const DUTY_LOG: Records = Records {
    table: TableDefinition::new("duty_log"),
    counter: "duty_log",
    name: "duty_log",
};

impl Records {
    /// Stores a new record under the next number and returns it.
    pub fn insert<T: Serialize>(&self, txn: &WriteTransaction, value: &T) -> Result<u64, CmdError> {
        let mut counters = txn.open_table(COUNTERS)?;
        let id = counters.get(self.counter)?.map_or(0, |v| v.value()) + 1;
        counters.insert(self.counter, id)?;
        self.put(txn, u64::from(id), value)?;
        Ok(u64::from(id))
    }

    pub fn put<T: Serialize>(
        &self,
        txn: &WriteTransaction,
        id: u64,
        value: &T,
    ) -> Result<(), CmdError> {
        txn.open_table(self.table)?
            .insert(id, encode(value).as_slice())?;
        Ok(())
    }

    pub fn get<T: DeserializeOwned>(
        &self,
        txn: &WriteTransaction,
        id: u64,
    ) -> Result<Option<T>, CmdError> {
        let table = txn.open_table(self.table)?;
        let found = table.get(id)?;
        Ok(match found {
            Some(v) => Some(decode(self.name, v.value())?),
            None => None,
        })
    }

    /// Every record in a write transaction, by number: for migrations, which read everything
    /// once.
    pub fn all_in<T: DeserializeOwned>(
        &self,
        txn: &WriteTransaction,
    ) -> Result<Vec<(u64, T)>, StoreError> {
        let table = txn.open_table(self.table)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (k, v) = row?;
            out.push((k.value(), decode(self.name, v.value())?));
        }
        Ok(out)
    }

    /// The records with these numbers (those that exist), in a read or a write transaction.
    pub fn some<T: DeserializeOwned>(
        &self,
        table: &impl ReadableTable<u64, &'static [u8]>,
        ids: impl IntoIterator<Item = u64>,
    ) -> Result<Vec<(u64, T)>, StoreError> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(v) = table.get(id)? {
                out.push((id, decode(self.name, v.value())?));
            }
        }
        Ok(out)
    }

    /// Records by number after `after`; `take` gets each and says whether to go on.
    pub fn scan<T: DeserializeOwned>(
        &self,
        txn: &ReadTransaction,
        after: Option<u64>,
        mut take: impl FnMut(u64, T) -> bool,
    ) -> Result<(), StoreError> {
        let table = txn.open_table(self.table)?;
        let start = after.map_or(std::ops::Bound::Unbounded, std::ops::Bound::Excluded);
        for row in table.range::<u64>((start, std::ops::Bound::Unbounded))? {
            let (k, v) = row?;
            if !take(k.value(), decode(self.name, v.value())?) {
                break;
            }
        }
        Ok(())
    }

    /// The highest number given so far.
    pub fn last_id(
        &self,
        table: &impl ReadableTable<u64, &'static [u8]>,
    ) -> Result<u64, StoreError> {
        Ok(table.last()?.map_or(0, |(k, _)| k.value()))
    }

    pub fn open_read(
        &self,
        txn: &ReadTransaction,
    ) -> Result<redb::ReadOnlyTable<u64, &'static [u8]>, StoreError> {
        Ok(txn.open_table(self.table)?)
    }
}
