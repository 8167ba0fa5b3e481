//! The centre's rules as pure functions and types. Nothing here reads a clock, a file or a
//! socket: time and text are passed in.

pub mod calendar;
pub mod catalogue;
pub mod centre;
pub mod holidays;
pub mod roster;
pub mod toml_fields;
