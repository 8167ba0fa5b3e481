//! How an event is hashed, so that `frontdesk audit verify` finds any event changed, removed or
//! put in after it was written. Two rules, each for the events written under it (docs/audit.md).

use sha2::{Digest, Sha256};

use super::{LegacyEvent, TypedEvent};

/// Begins every typed event's digest, so no other byte string of the same fields hashes alike.
const TYPED_RULE: &[u8] = b"frontdesk audit event v2\n";

/// Length first (8 bytes, big-endian), then the bytes: no two different field lists encode to
/// the same bytes.
fn field(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

fn hex(h: Sha256) -> String {
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of a typed event: SHA-256 over [`TYPED_RULE`] and then, each as a field, the
/// sequence (8 bytes), the time in UTC microseconds (8 bytes, two's complement), the actor,
/// the uid (4 bytes), the act, the number of targets (8 bytes) and each target's key, the
/// outcome's and the payload's canonical JSON, and the previous event's hash in hex. Integers
/// are big-endian; text is UTF-8.
pub fn typed(e: &TypedEvent) -> String {
    let mut h = Sha256::new();
    h.update(TYPED_RULE);
    field(&mut h, &e.seq.to_be_bytes());
    field(&mut h, &e.at_us.to_be_bytes());
    field(&mut h, e.actor.as_bytes());
    field(&mut h, &e.uid.to_be_bytes());
    field(&mut h, e.act.as_bytes());
    field(&mut h, &(e.targets.len() as u64).to_be_bytes());
    for t in &e.targets {
        field(&mut h, t.as_bytes());
    }
    field(&mut h, e.outcome.as_bytes());
    field(&mut h, e.data.as_bytes());
    field(&mut h, e.prev.as_bytes());
    hex(h)
}

/// The digest of an event written before typed events (schemas 1 to 3): each field as text,
/// length-prefixed, the time as chrono printed it.
pub fn legacy(e: &LegacyEvent) -> String {
    let mut h = Sha256::new();
    for f in [
        e.seq.to_string(),
        e.at.to_string(),
        e.actor.clone(),
        e.uid.to_string(),
        e.action.clone(),
        e.target.clone(),
        e.result.clone(),
        e.prev.clone(),
    ] {
        field(&mut h, f.as_bytes());
    }
    hex(h)
}
