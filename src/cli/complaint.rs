//! `frontdesk complaint open|list|show|extend|reply` — the complaint register (RULES §8): its
//! subcommands are its requests themselves; this prints their replies. Lists mask the
//! complainant; `show` names them, except to the staff member complained of.

use frontdesk::domain::complaint::Complaint;
use frontdesk::protocol::{ComplaintReq, Request, Response};

use super::{Ctx, Failure, Out, ask};

/// `open`, `extended` (open, its reply extended) or `replied`.
fn state(c: &Complaint) -> &'static str {
    match (&c.reply, &c.extension) {
        (Some(_), _) => "replied",
        (None, Some(_)) => "extended",
        (None, None) => "open",
    }
}

fn grounds(c: &Complaint) -> String {
    let keys: Vec<&str> = c.grounds.iter().map(|g| g.key()).collect();
    keys.join(",")
}

fn show(id: u64, c: &Complaint, out: &mut Out) {
    let mut lines: Vec<(&str, String)> = vec![
        ("id", id.to_string()),
        (
            "received",
            c.received_at.format("%Y-%m-%dT%H:%M").to_string(),
        ),
        ("channel", c.channel.key().into()),
        ("grounds", grounds(c)),
        ("against", c.against.clone().unwrap_or_default()),
        ("case", c.case.map_or(String::new(), |n| n.to_string())),
        ("complainant", c.name.clone()),
        ("phone", c.phone.clone()),
        ("text", c.text.clone()),
        ("recorded_by", c.recorded_by.clone()),
        ("major", c.major.to_string()),
        ("passed_up", c.passed_up().to_string()),
        ("state", state(c).into()),
        ("due", c.due.to_string()),
    ];
    if let Some(e) = &c.extension {
        lines.push(("extended", format!("{}\t{}\t{}", e.on, e.by, e.reason)));
    }
    if let Some(r) = &c.reply {
        let late = if r.late { "\tlate" } else { "" };
        lines.push((
            "reply",
            format!(
                "{}\t{}\t{}\t{}{late}",
                r.on,
                r.by,
                r.finding.key(),
                r.form.key()
            ),
        ));
        lines.push(("reply_text", r.text.clone()));
    }
    for (k, v) in lines {
        out.row([k.to_string(), v]);
    }
}

pub fn run(ctx: &Ctx, cmd: ComplaintReq, out: &mut Out) -> Result<(), Failure> {
    let detailed = matches!(cmd, ComplaintReq::Show { .. });
    match ask(&mut ctx.connect()?, Request::Complaint(cmd))? {
        Response::Complaint { id, complaint } if ctx.json => {
            out.json_numbered("id", &[(id, *complaint)]);
        }
        Response::Complaint { id, complaint } if detailed => show(id, &complaint, out),
        Response::Complaint { id, complaint } => match &complaint.reply {
            Some(r) => out.fields(&[&id, &"replied", &r.finding.key(), &r.form.key()]),
            None => out.fields(&[&id, &complaint.due]),
        },
        Response::Complaints(list) if ctx.json => out.json_numbered("id", &list.items),
        Response::Complaints(list) => {
            for (id, c) in &list.items {
                out.fields(&[
                    id,
                    &c.received_at.date(),
                    &c.due,
                    &grounds(c),
                    &c.against.clone().unwrap_or_else(|| "-".into()),
                    &state(c),
                    &format!("{} {}", c.name, c.phone),
                ]);
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
