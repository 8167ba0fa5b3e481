//! The timed rule of empty posts (空岗, RULES §5, §9): a window open on a working day with
//! neither its A nor its B post present and no cover assigned proposes a violation against
//! both (000 三(四)3(5) "同时追究AB岗人员责任"), once a window a day, for the director to confirm
//! or dismiss. Looked at every minute, as who serves is; a fact seen again proposes nothing.

use chrono::NaiveDateTime;

use crate::domain::accountability::empty_post;
use crate::domain::posts::{Serving, hall_posts};
use crate::protocol::Topic;
use crate::store::audit::{Data, Target};
use crate::store::{CmdError, Fact};

use super::{Shared, server_itself, today};

/// Proposes the violations of the windows empty at `now`; what changed, for the consoles.
pub fn propose(shared: &Shared, now: NaiveDateTime) -> Result<Vec<Topic>, CmdError> {
    let empty: Vec<(String, String, String)> = {
        let txn = shared.store.read()?;
        let book = today::leave_book(shared, &txn, now)?;
        hall_posts(&shared.centre, &book, now)
            .into_iter()
            .filter_map(|(w, serving)| match serving {
                Serving::BothAway(alarm) => {
                    Some((w.name.clone(), alarm.a.code.clone(), alarm.b.code.clone()))
                }
                _ => None,
            })
            .collect()
    };
    let date = now.date();
    for (window, a, b) in empty {
        let targets = vec![
            Target::Staff { code: a.clone() },
            Target::Staff { code: b.clone() },
        ];
        shared
            .store
            .apply_if(&server_itself(), now, "post.empty", targets, |txn| {
                let mut proposed = Vec::new();
                for v in empty_post(&window, date, &a, &b) {
                    proposed.extend(crate::store::violations::propose(txn, &v)?);
                }
                if proposed.is_empty() {
                    return Ok(None);
                }
                let data = Data::EmptyPost {
                    window: window.clone(),
                    date,
                    proposed,
                };
                Ok(Some(((), Fact::new(vec![], data))))
            })?;
    }
    Ok(Vec::new())
}
