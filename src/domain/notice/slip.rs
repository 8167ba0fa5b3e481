//! The queue ticket's slip (排队号小票): printed on the 80 mm roll of the ticket printer, 48
//! columns wide. It tells the visitor their number, the window whose queue they stand in and
//! where it is, how many wait ahead, when it was taken, and where to complain (RULES §8, §14).

use super::Block;
use crate::domain::centre::Centre;
use crate::domain::queue::Ticket;

/// The slip of ticket `t`, in the order printed. Everything on it comes from the ticket as
/// taken, so a reprint is the same slip.
pub fn ticket_slip(t: &Ticket, centre: &Centre) -> Vec<Block> {
    let mut out = Vec::new();
    if !centre.name.is_empty() {
        out.push(Block::Paragraph(centre.name.clone()));
    }
    out.push(Block::Heading(format!("排队号 {}", t.number)));
    let place = centre
        .window(&t.window)
        .and_then(|w| w.location.as_deref())
        .map_or(String::new(), |l| format!("（{l}）"));
    let mut rows = vec![vec!["窗口".to_string(), format!("{}{place}", t.window)]];
    if let Some(n) = t.ahead {
        let wait = if n == 0 {
            "前面无人等候".to_string()
        } else {
            format!("{n} 人")
        };
        rows.push(vec!["前面等候".into(), wait]);
    }
    rows.push(vec![
        "取号时间".into(),
        t.taken_at.format("%Y-%m-%d %H:%M").to_string(),
    ]);
    if t.priority {
        rows.push(vec!["优先".into(), "老弱病残孕等优先办理".into()]);
    }
    out.push(Block::Table(rows));
    let recalls = centre.settings.no_show_after_recalls;
    out.push(Block::Paragraph(format!(
        "请留意叫号。叫号 {recalls} 次未到按过号处理，过号后请到窗口说明，可恢复排队。"
    )));
    if let Some(phone) = &centre.complaint_phone {
        out.push(Block::Paragraph(format!("投诉电话：{phone}")));
    }
    out
}

/// The title its PDF carries (`排队号 A003`).
pub fn ticket_title(t: &Ticket) -> String {
    format!("排队号 {}", t.number)
}
