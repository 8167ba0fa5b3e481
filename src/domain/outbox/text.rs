//! The text of a completion message, composed once when the case completes and kept.

use super::ONE_SMS;
use crate::domain::case::Case;
use crate::domain::centre::Centre;

/// The text of a completion message: the centre, the applicant, the item, the case number, that
/// it is complete, and where to collect the result (the window, its place, its phone). Parts
/// are left out, least needed first, until it fits one SMS ([`ONE_SMS`]); the case number never.
pub fn compose(id: u64, case: &Case, centre: &Centre) -> String {
    let window = case.current_window();
    let w = centre.window(window);
    let location = w.and_then(|w| w.location.as_deref()).map(str::trim);
    let phone = w.and_then(|w| w.phone.as_deref()).map(str::trim);
    let full = Parts {
        centre: centre.name.trim(),
        applicant: case.applicant.name.trim(),
        item: case.item_name.trim(),
        id,
        window,
        location: location.filter(|l| !l.is_empty()),
        phone: phone.filter(|p| !p.is_empty()),
        long_item: true,
        polite: true,
    };
    let shorter = [
        Parts {
            polite: false,
            ..full
        },
        Parts {
            polite: false,
            location: None,
            ..full
        },
        Parts {
            polite: false,
            location: None,
            long_item: false,
            ..full
        },
        Parts {
            polite: false,
            location: None,
            long_item: false,
            applicant: "",
            ..full
        },
        Parts {
            polite: false,
            location: None,
            long_item: false,
            applicant: "",
            phone: None,
            ..full
        },
    ];
    let mut text = full.text();
    for parts in shorter {
        if text.chars().count() <= ONE_SMS {
            break;
        }
        text = parts.text();
    }
    text
}

/// The pieces of a completion message, each of which may be left out or shortened.
#[derive(Clone, Copy)]
struct Parts<'a> {
    centre: &'a str,
    applicant: &'a str,
    item: &'a str,
    id: u64,
    window: &'a str,
    location: Option<&'a str>,
    phone: Option<&'a str>,
    /// The item's whole name, or its first characters.
    long_item: bool,
    /// 您办理的 rather than 您的.
    polite: bool,
}

impl Parts<'_> {
    /// Characters of an item's name kept when it is shortened.
    const SHORT_ITEM: usize = 8;

    fn text(&self) -> String {
        let mut t = String::new();
        if !self.centre.is_empty() {
            t.push_str(&format!("【{}】", self.centre));
        }
        if !self.applicant.is_empty() {
            t.push_str(&format!("{}：", self.applicant));
        }
        t.push_str(if self.polite {
            "您办理的"
        } else {
            "您的"
        });
        let chars = self.item.chars().count();
        if self.long_item || chars <= Self::SHORT_ITEM {
            t.push_str(self.item);
        } else {
            t.extend(self.item.chars().take(Self::SHORT_ITEM));
            t.push('…');
        }
        t.push_str(&format!(
            "（办件号{}）已办结，请到{}窗口",
            self.id, self.window
        ));
        if let Some(l) = self.location {
            t.push_str(&format!("（{l}）"));
        }
        t.push_str("领取结果");
        if let Some(p) = self.phone {
            t.push_str(&format!("，电话{p}"));
        }
        t.push('。');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outbox::tests::completed;
    use crate::fixtures;

    #[test]
    fn a_completion_message_names_the_centre_applicant_item_case_and_where_to_collect_in_one_sms() {
        let mut centre = fixtures::centre();
        centre.windows[0].phone = Some("0701-3782501".into());
        let text = compose(12, &completed(None), &centre);
        for part in [
            "XX街道便民服务中心",
            "张三",
            "长者食堂就餐补贴申请",
            "办件号12",
            "已办结",
            "民政救助窗口",
            "0701-3782501",
        ] {
            assert!(text.contains(part), "{part} missing from {text}");
        }
        assert!(text.chars().count() <= ONE_SMS, "{text}");
    }

    #[test]
    fn a_message_too_long_for_one_sms_drops_parts_but_never_the_case_number() {
        let mut centre = fixtures::centre();
        centre.name = "某某省某某市某某县某某乡镇人民政府便民服务中心".into();
        centre.windows[0].phone = Some("0701-3782501".into());
        let mut case = completed(None);
        case.item_name = "一个名字非常非常长的服务事项名称用来测试短信长度".into();
        case.applicant.name = "欧阳某某某".into();
        let text = compose(987654, &case, &centre);
        assert!(text.contains("办件号987654"), "{text}");
        assert!(text.contains("已办结"), "{text}");
        assert!(
            !text.contains("1号窗口"),
            "the place goes before the number: {text}"
        );
        // Shorter than it was, though the centre's name alone is long.
        let full = Parts {
            centre: &centre.name,
            applicant: "欧阳某某某",
            item: &case.item_name,
            id: 987654,
            window: "民政救助",
            location: Some("1号窗口"),
            phone: Some("0701-3782501"),
            long_item: true,
            polite: true,
        };
        assert!(text.chars().count() < full.text().chars().count());
    }
}
