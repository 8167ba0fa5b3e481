//! The centre file's `[sms]` section: how completion messages are delivered (the outbox,
//! `domain::outbox`, reads them). Kept with the centre, which owns every setting of its file.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// How messages are delivered: the centre file's `[sms]` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsSettings {
    /// The command each message is given to on its standard input, split into words as a shell
    /// would (no shell runs it). None: messages wait in the outbox.
    pub command: Option<Vec<String>>,
    /// An attempt still running after this many seconds is killed, with its children.
    pub timeout_secs: u32,
    /// The wait after the first failed attempt; each later wait is twice the one before.
    pub retry_secs: u32,
    /// Attempts before a message is marked failed.
    pub attempts: u32,
}

impl Default for SmsSettings {
    fn default() -> Self {
        SmsSettings {
            command: None,
            timeout_secs: 10,
            retry_secs: 60,
            attempts: 5,
        }
    }
}

impl SmsSettings {
    /// The wait after failed attempt `attempt` (1 for the first) of a round: `retry_secs`,
    /// doubling each time, capped at a day so that no wait overflows.
    pub fn retry_delay(&self, attempt: u32) -> TimeDelta {
        let doublings = attempt.saturating_sub(1).min(20);
        let secs = i64::from(self.retry_secs).saturating_mul(1 << doublings);
        TimeDelta::seconds(secs.min(24 * 60 * 60))
    }
}
