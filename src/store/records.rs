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

    /// Every record in a write transaction, by number.
    pub fn all_in<T: DeserializeOwned>(
        &self,
        txn: &WriteTransaction,
    ) -> Result<Vec<(u64, T)>, CmdError> {
        Ok(self.rows(&txn.open_table(self.table)?)?)
    }

    /// Every record, by number.
    pub fn all<T: DeserializeOwned>(
        &self,
        txn: &ReadTransaction,
    ) -> Result<Vec<(u64, T)>, StoreError> {
        self.rows(&txn.open_table(self.table)?)
    }

    fn rows<T: DeserializeOwned>(
        &self,
        table: &impl ReadableTable<u64, &'static [u8]>,
    ) -> Result<Vec<(u64, T)>, StoreError> {
        let mut out = Vec::new();
        for row in table.iter()? {
            let (k, v) = row?;
            out.push((k.value(), decode(self.name, v.value())?));
        }
        Ok(out)
    }
}
