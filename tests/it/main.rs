//! Every integration test in one binary, which links once instead of once a file. Each module
//! is the tests of one part (its own doc comment says which); `common` holds what they share.

mod common;

mod backup;
mod both_away;
mod busy_centre;
mod calendar_properties;
mod case_clocks;
mod case_decisions;
mod case_preview_cli;
mod case_rules;
mod catalogue_file;
mod centre_file;
mod cli;
mod cli_output;
mod clock_properties;
mod console_decisions;
mod console_flows;
mod console_pty;
mod console_queue;
mod console_screens;
mod demo_morning;
mod disk_faults;
mod duty_swaps;
mod fuzz;
mod init;
mod input_bounds;
mod leave_rules;
mod notice_document;
mod permissions;
mod pin;
mod posts;
mod real_users;
mod reliability;
mod search_table;
mod server;
mod server_cases;
mod server_desk;
mod server_gate;
mod server_notices;
mod server_records;
mod server_views;
mod socket_watch;
mod store_lifecycle;
mod store_trust;
mod timed_rules;
