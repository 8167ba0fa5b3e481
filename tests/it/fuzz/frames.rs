//! Frames and messages off the socket: any bytes read as a frame make a message or a typed
//! error, a length over the limit is refused before its body is read, a valid frame cut short
//! is never a wrong message, and an edited message is read or refused naming where.

use std::io::{self, Read};

use chrono::NaiveDate;
use frontdesk::lang::Lang;
use frontdesk::protocol::{
    Around, ClientMsg, Fault, FaultKind, FrameError, MAX_FRAME, Outcome, PROTOCOL_VERSION,
    PageRequest, PinSignIn, Request, Response, ServerMsg, TicketReq, Topic, ViewReq, encode_frame,
    read_frame,
};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

use super::{config, names_something};

/// Valid messages a client sends, of several shapes.
fn client_msgs() -> Vec<ClientMsg> {
    let request = |id, request| ClientMsg::Request { id, request };
    vec![
        ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            version: "0.1.0".into(),
            act_as: Some("D01".into()),
            pin: Some(PinSignIn {
                code: "C01".into(),
                pin: "2468".into(),
            }),
            lang: Lang::Zh,
        },
        request(1, Request::Ping),
        request(
            2,
            Request::Ticket(TicketReq::Take {
                window: Some("综合".into()),
                item: None,
                priority: true,
                print: false,
            }),
        ),
        request(
            3,
            Request::Ticket(TicketReq::List {
                window: None,
                page: PageRequest::after("A003".into()),
            }),
        ),
        request(
            4,
            Request::View(ViewReq::Screen {
                case: Some(3),
                queue: Around::on("A012".into(), 2, 10),
                cases: Around::row(0, 5),
                approvals: Around::row(1, 5),
            }),
        ),
        request(
            5,
            Request::View(ViewReq::Roster {
                date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            }),
        ),
        request(
            6,
            Request::View(ViewReq::CasePreview {
                item: "MZ-005".into(),
                have: vec!["身份证".into(), "户口簿".into()],
                promise: vec![],
            }),
        ),
    ]
}

/// Valid messages the server sends.
fn server_msgs() -> Vec<ServerMsg> {
    vec![
        ServerMsg::Changed {
            topics: vec![
                Topic::Ticket {
                    number: "A012".into(),
                },
                Topic::Case { id: 7 },
                Topic::Clock,
            ],
        },
        ServerMsg::Reply {
            id: 9,
            outcome: Outcome::Err(Fault {
                kind: FaultKind::Refused,
                message: "不可".into(),
                refusal: Some(Box::new(frontdesk::refusal::Refusal::NoCase { id: 3 })),
            }),
        },
        ServerMsg::Reply {
            id: 10,
            outcome: Outcome::Ok(Response::Found {
                id: 7,
                open_row: Some(3),
            }),
        },
        ServerMsg::Refused {
            message: "no".into(),
        },
    ]
}

fn json_of<T: serde::Serialize>(msgs: &[T]) -> Vec<String> {
    msgs.iter()
        .map(|m| serde_json::to_string(m).unwrap())
        .collect()
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = (body.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(body);
    out
}

/// Whether reading these bytes as a frame gives a message or an error that says what is
/// wrong; never a panic.
fn read_any<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<Option<T>, String> {
    match read_frame::<T>(&mut &bytes[..]) {
        Ok(m) => Ok(Some(m)),
        Err(FrameError::Closed) if bytes.len() < 4 => Ok(None),
        Err(FrameError::TooLarge(n)) if n > MAX_FRAME => Ok(None),
        Err(FrameError::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(FrameError::Malformed(m)) => {
            // serde_json names the place ("… at line 1 column 17"); inside a tagged message,
            // where it cannot, the message's tags say which message it was.
            let placed = m.contains(" at line ") && m.contains(" column ");
            let tagged = m.contains(" (in the message ") || m.contains(" names no `type`)");
            if names_something(&m) && (placed || tagged) {
                Ok(None)
            } else {
                Err(format!("a malformed frame does not say where: {m:?}"))
            }
        }
        Err(e) => Err(format!("unexpected error for {} bytes: {e:?}", bytes.len())),
    }
}

/// A reader of a length prefix and then bytes without end, counting what is taken.
struct Endless {
    prefix: [u8; 4],
    taken: usize,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        for b in buf.iter_mut() {
            *b = self.prefix.get(self.taken).copied().unwrap_or(b'x');
            self.taken += 1;
        }
        Ok(buf.len())
    }
}

#[test]
fn a_valid_frame_cut_at_any_point_is_closed_or_an_io_error_never_a_message() {
    let mut frames: Vec<Vec<u8>> = client_msgs()
        .iter()
        .map(|m| encode_frame(m).unwrap())
        .collect();
    frames.extend(server_msgs().iter().map(|m| encode_frame(m).unwrap()));
    for f in &frames {
        for cut in 0..f.len() {
            let short = &f[..cut];
            let client = read_frame::<ClientMsg>(&mut &short[..]);
            let server = read_frame::<ServerMsg>(&mut &short[..]);
            for r in [client.map(|_| ()), server.map(|_| ())] {
                match r {
                    Err(FrameError::Closed) => assert!(cut < 4, "closed at {cut}"),
                    Err(FrameError::Io(e)) => {
                        assert!(cut >= 4, "io error at {cut}");
                        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
                    }
                    other => panic!("a frame cut at {cut} of {} read as {other:?}", f.len()),
                }
            }
        }
        assert!(read_frame::<serde_json::Value>(&mut &f[..]).is_ok());
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn a_length_over_the_frame_limit_is_refused_before_its_body_is_read(
        len in (MAX_FRAME as u32 + 1)..=u32::MAX,
    ) {
        let mut r = Endless { prefix: len.to_be_bytes(), taken: 0 };
        let got = read_frame::<ClientMsg>(&mut r);
        prop_assert!(matches!(got, Err(FrameError::TooLarge(n)) if n == len as usize), "{got:?}");
        prop_assert_eq!(r.taken, 4);
    }

    #[test]
    fn any_bytes_read_as_a_frame_make_a_message_or_an_error_saying_what_is_wrong(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..64),
            prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| frame(&b)),
            "\\PC{0,300}".prop_map(|s| frame(s.as_bytes())),
            "[\\[\\]{}\",:0-9a-z_ -]{0,200}".prop_map(|s| frame(s.as_bytes())),
        ],
    ) {
        if let Err(why) = read_any::<ClientMsg>(&bytes) {
            prop_assert!(false, "{why}");
        }
        if let Err(why) = read_any::<ServerMsg>(&bytes) {
            prop_assert!(false, "{why}");
        }
    }

    #[test]
    fn an_edited_message_is_read_as_a_message_or_refused_saying_where(
        which in any::<Index>(),
        server in any::<bool>(),
        edits in prop::collection::vec(json_edit(), 1..4),
    ) {
        let all = if server { json_of(&server_msgs()) } else { json_of(&client_msgs()) };
        let mut value: Value = serde_json::from_str(which.get::<String>(&all)).unwrap();
        for e in &edits {
            e.apply(&mut value);
        }
        let body = serde_json::to_vec(&value).unwrap();
        let got = if server {
            read_any::<ServerMsg>(&frame(&body)).map(|_| ())
        } else {
            read_any::<ClientMsg>(&frame(&body)).map(|_| ())
        };
        if let Err(why) = got {
            prop_assert!(false, "{why}\n{}", String::from_utf8_lossy(&body));
        }
    }

    #[test]
    fn a_message_with_bytes_cut_or_doubled_is_refused_saying_where(
        which in any::<Index>(),
        at in any::<Index>(),
        len in 0usize..12,
        double in any::<bool>(),
    ) {
        let all = json_of(&client_msgs());
        let text = which.get::<String>(&all).as_bytes();
        let at = at.index(text.len());
        let end = (at + len).min(text.len());
        let mut body = text[..at].to_vec();
        if double {
            body.extend_from_slice(&text[at..end]);
        }
        body.extend_from_slice(&text[if double { at } else { end }..]);
        if let Err(why) = read_any::<ClientMsg>(&frame(&body)) {
            prop_assert!(false, "{why}\n{}", String::from_utf8_lossy(&body));
        }
    }
}

/// An edit of a message's JSON tree: a value replaced, a key dropped or renamed.
#[derive(Debug, Clone)]
enum JsonEdit {
    Replace(Index, Value),
    Drop(Index),
    Rename(Index, String),
}

fn wrong_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        Just(Value::from(-1)),
        Just(Value::from(1.5)),
        Just(Value::from(1e300)),
        "\\PC{0,8}".prop_map(Value::from),
        Just(Value::from("")),
        Just(Value::from("x".repeat(70_000))),
        Just(Value::Array(vec![])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"type": "request", "id": 1})),
        Just(deep(300)),
    ]
}

/// Arrays nested `depth` deep, past the decoder's recursion limit.
fn deep(depth: usize) -> Value {
    (0..depth).fold(Value::from(1), |v, _| Value::Array(vec![v]))
}

fn json_edit() -> impl Strategy<Value = JsonEdit> {
    prop_oneof![
        3 => (any::<Index>(), wrong_json()).prop_map(|(i, v)| JsonEdit::Replace(i, v)),
        1 => any::<Index>().prop_map(JsonEdit::Drop),
        1 => (any::<Index>(), "[a-z_]{0,8}").prop_map(|(i, k)| JsonEdit::Rename(i, k)),
    ]
}

/// The JSON pointer of every node under `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                pointers(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

impl JsonEdit {
    fn apply(&self, root: &mut Value) {
        let mut all = Vec::new();
        pointers(root, String::new(), &mut all);
        let (i, _) = match self {
            JsonEdit::Replace(i, _) | JsonEdit::Drop(i) | JsonEdit::Rename(i, _) => (i, ()),
        };
        let at = i.get(&all).clone();
        match self {
            JsonEdit::Replace(_, v) => {
                if let Some(slot) = root.pointer_mut(&at) {
                    *slot = v.clone();
                }
            }
            JsonEdit::Drop(_) | JsonEdit::Rename(..) => {
                let Some((parent, key)) = at.rsplit_once('/') else {
                    return;
                };
                let Some(Value::Object(m)) = root.pointer_mut(parent) else {
                    return;
                };
                if let Some(v) = m.remove(key)
                    && let JsonEdit::Rename(_, new) = self
                {
                    m.insert(new.clone(), v);
                }
            }
        }
    }
}
