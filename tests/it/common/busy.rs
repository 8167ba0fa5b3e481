//! A busy centre: thousands of cases accepted through the library in one commit before the
//! server starts, and a raw console asking for its screen.

use std::path::Path;

use chrono::NaiveDateTime;
use frontdesk::datadir::DataDir;
use frontdesk::domain::case::Channel;
use frontdesk::protocol::args::Materials;
use frontdesk::protocol::{
    Around, CaseOpen, ClientMsg, Outcome, Request, Response, ScreenView, ServerMsg, ViewReq,
    read_frame, write_frame,
};

use super::server::{Centre, NOW};

/// Every material of MZ-005 (长者食堂就餐补贴申请): a 承诺件 that stays open 5 working days.
pub const ALL_MZ005: [&str; 5] = [
    "老年助餐补贴申请表",
    "居民身份证",
    "户口簿或居住证",
    "特殊困难身份证明",
    "近期一寸免冠照片",
];

pub fn now() -> NaiveDateTime {
    frontdesk::clock::parse_now(NOW).unwrap()
}

/// An intake of MZ-005 with every material in hand, for applicant `n`.
pub fn intake(n: usize) -> CaseOpen {
    CaseOpen {
        item: "MZ-005".into(),
        applicant: format!("申请人{n}"),
        phone: Some("13800001234".into()),
        id_number: None,
        have: Materials(ALL_MZ005.iter().map(|m| m.to_string()).collect()),
        promise: Materials::default(),
        pages: Default::default(),
        first_asked: None,
        channel: Channel::Window,
        kind: None,
        reason: None,
        green_channel: false,
        ticket: None,
        needs_decision: false,
    }
}

/// Accepts `n` open cases in the centre's store, as C01 at the tests' moment.
pub fn open_cases(data: &Path, n: usize) -> Vec<u64> {
    let dir = DataDir::resolve(Some(data.to_path_buf())).unwrap();
    dir.ensure_initialised().unwrap();
    frontdesk::server::seed::accept_cases(&dir, now(), "C01", (0..n).map(intake)).unwrap()
}

/// The screen a console of `rows` lines asks for first, and the size of its reply's frame.
pub fn screen(c: &Centre, rows: usize) -> (ScreenView, usize) {
    let mut s = c.raw_ok();
    let rows = rows as u32;
    write_frame(
        &mut s,
        &ClientMsg::Request {
            id: 1,
            request: Request::View(ViewReq::Screen {
                case: Some(1),
                queue: Around::row(0, rows),
                cases: Around::row(0, rows),
                approvals: Around::row(0, rows),
            }),
        },
    )
    .unwrap();
    loop {
        let mut len = [0u8; 4];
        std::io::Read::read_exact(&mut s, &mut len).unwrap();
        let len = u32::from_be_bytes(len) as usize;
        let mut body = vec![0u8; len];
        std::io::Read::read_exact(&mut s, &mut body).unwrap();
        let framed = [(len as u32).to_be_bytes().to_vec(), body].concat();
        match read_frame::<ServerMsg>(&mut framed.as_slice()).unwrap() {
            ServerMsg::Reply {
                outcome: Outcome::Ok(Response::Screen(v)),
                ..
            } => return (*v, len),
            ServerMsg::Reply { outcome, .. } => panic!("{outcome:?}"),
            _ => {}
        }
    }
}
