//! The centre's rules as pure functions and types. Nothing here reads a clock, a file or a
//! socket: time and text are passed in.

pub mod accountability;
pub mod calendar;
pub mod case;
pub mod catalogue;
pub mod centre;
pub mod clock;
pub mod complaint;
pub mod contact;
pub mod cover;
pub mod enquiry;
pub mod extension;
pub mod guide;
pub mod holidays;
pub mod leave;
pub mod limits;
pub mod notice;
pub mod opening;
pub mod outbox;
pub mod permission;
pub mod posts;
pub mod privacy;
pub mod queue;
pub mod rating;
pub mod roster;
pub mod toml_fields;
pub mod visit;
pub mod words;
