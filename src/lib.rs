//! frontdesk — the front-desk console of a convenience-service centre (便民服务中心).
//!
//! Layers (see DESIGN.md): `domain` holds the centre's rules as pure functions; `search`
//! matches the catalogue by Chinese text, pinyin and code; `paper` makes documents into PDF;
//! `fixtures` is the built-in data.

pub mod client;
pub mod clock;
pub mod datadir;
pub mod domain;
pub mod event;
pub mod files;
pub mod fixtures;
pub mod inert;
pub mod lang;
pub mod paper;
pub mod protocol;
pub mod refusal;
pub mod running;
pub mod search;
pub mod server;
pub mod store;
pub mod tui;
