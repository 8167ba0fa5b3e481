//! Documents on paper (纸质文书): the font they are printed in (`font`), where each line goes on
//! a sheet (`layout`), the PDF (`pdf`) and the printer (`print`). Beside `store/`: it uses `domain` only, and the
//! server calls it.

pub mod font;
pub mod layout;
pub mod pdf;
pub mod print;

pub use font::{FontError, FontFile};
pub use pdf::{Meta, PdfError, Sheet, render};
