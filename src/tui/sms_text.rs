//! The case pane's line on the completion SMS to its applicant, in either language.

use super::text::Lang;

/// The case pane's one line on the SMS to its applicant (RULES §4): 短信：已发送 10:42.
pub fn sms_line(status: &crate::domain::outbox::Status, lang: Lang) -> String {
    use crate::domain::outbox::Status;
    let hm = |t: &chrono::NaiveDateTime| t.format("%H:%M").to_string();
    match (status, lang) {
        (Status::Queued, Lang::Zh) => "短信：待发送".into(),
        (Status::Queued, Lang::En) => "SMS: queued".into(),
        (Status::Sent { at, .. }, Lang::Zh) => format!("短信：已发送 {}", hm(at)),
        (Status::Sent { at, .. }, Lang::En) => format!("SMS: sent {}", hm(at)),
        (Status::Retrying { attempt, next, .. }, Lang::Zh) => {
            format!("短信：第 {attempt} 次发送失败，{} 重试", hm(next))
        }
        (Status::Retrying { attempt, next, .. }, Lang::En) => {
            format!("SMS: attempt {attempt} failed, retrying {}", hm(next))
        }
        (Status::Failed { why, .. }, Lang::Zh) => format!("短信：发送失败（{why}）"),
        (Status::Failed { why, .. }, Lang::En) => format!("SMS: failed ({why})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sms_line_says_where_the_message_stands_in_either_language() {
        use crate::domain::outbox::Status;
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 42, 5)
            .unwrap();
        let cases = [
            (Status::Queued, "短信：待发送", "SMS: queued"),
            (
                Status::Sent { at, attempts: 1 },
                "短信：已发送 10:42",
                "SMS: sent 10:42",
            ),
            (
                Status::Retrying {
                    attempt: 2,
                    next: at,
                    error: "exit status 1".into(),
                },
                "短信：第 2 次发送失败，10:42 重试",
                "SMS: attempt 2 failed, retrying 10:42",
            ),
            (
                Status::Failed {
                    at,
                    attempts: 5,
                    why: "exit status 7".into(),
                },
                "短信：发送失败（exit status 7）",
                "SMS: failed (exit status 7)",
            ),
        ];
        for (status, zh, en) in cases {
            assert_eq!(sms_line(&status, Lang::Zh), zh);
            assert_eq!(sms_line(&status, Lang::En), en);
        }
    }
}
