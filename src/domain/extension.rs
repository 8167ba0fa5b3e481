//! A request to extend a case (延期申请), asked by those handling it and decided by a leader or
//! the director (000 二(三)4, 003 二5).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub id: u64,
    pub case: u64,
    pub days: u32,
    pub reason: String,
    pub by: String,
    pub at: NaiveDateTime,
    /// `None` while pending; then who decided, and the refusal's reason if refused.
    pub decided: Option<(String, Option<String>)>,
}

impl ExtensionRequest {
    pub fn is_pending(&self) -> bool {
        self.decided.is_none()
    }
}
