//! Values are stored as one format-version byte followed by JSON, so a later version can read
//! (and migrate) what an older one wrote, and a newer file is refused rather than misread.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// The format of values written by this version.
pub const VALUE_FORMAT: u8 = 1;

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![VALUE_FORMAT];
    // Serialising our own plain data types cannot fail.
    serde_json::to_writer(&mut out, value).expect("stored types serialise");
    out
}

pub fn decode<T: DeserializeOwned>(table: &'static str, bytes: &[u8]) -> Result<T, StoreError> {
    match bytes.split_first() {
        Some((&VALUE_FORMAT, json)) => {
            serde_json::from_slice(json).map_err(|e| StoreError::Corrupt {
                table,
                detail: e.to_string(),
            })
        }
        Some((&v, _)) => Err(StoreError::NewerFormat {
            table,
            found: u32::from(v),
            known: u32::from(VALUE_FORMAT),
        }),
        None => Err(StoreError::Corrupt {
            table,
            detail: "empty value".into(),
        }),
    }
}
