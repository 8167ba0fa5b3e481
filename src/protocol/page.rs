//! Lists in bounded replies (DESIGN.md: no reply grows with the store).
//!
//! A command asks for a [`Page`] by a limit and the cursor the page before ended on, and fetches
//! page after page until there is no next one. A console pane asks for the [`Rows`] it shows: a
//! window of the list, with the list's length. Either way a reply holds at most [`MAX_PAGE`]
//! items and [`PAGE_BYTES`] of them encoded, whatever the store holds.

use serde::{Deserialize, Serialize};

/// The most items one page holds.
pub const MAX_PAGE: u32 = 1000;
/// The most bytes a page's items take encoded; a page stays well inside a frame
/// ([`super::MAX_FRAME`]) with room for the rest of its reply.
pub const PAGE_BYTES: usize = 256 * 1024;

/// Which page of a list: at most `limit` items after the cursor `after`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    /// At most this many items; 0, or more than [`MAX_PAGE`], means [`MAX_PAGE`].
    #[serde(default)]
    pub limit: u32,
    /// The cursor the previous page ended on (its `next`); none for the first page.
    #[serde(default)]
    pub after: Option<String>,
}

impl PageRequest {
    /// The first page, as large as allowed.
    pub fn first() -> Self {
        PageRequest::default()
    }

    /// The page after the cursor `next`.
    pub fn after(next: String) -> Self {
        PageRequest {
            limit: 0,
            after: Some(next),
        }
    }

    fn limit(&self) -> usize {
        match self.limit {
            0 => MAX_PAGE as usize,
            n => n.min(MAX_PAGE) as usize,
        }
    }
}

/// One page of a list, in the list's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The cursor of the next page; none on the last page.
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// Takes the items of the page after this one, and its cursor.
    pub fn append(&mut self, next: Page<T>) {
        self.items.extend(next.items);
        self.next = next.next;
    }
}

/// Which rows of a list a pane shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowWindow {
    /// The first row, counted from 0.
    pub offset: u32,
    /// How many rows; at most [`MAX_PAGE`].
    pub limit: u32,
}

impl RowWindow {
    /// The rows a pane of at most `rows` lines shows with row `selected` in view: the pane
    /// scrolls just far enough to keep the selection on its last line, so these are the
    /// `rows` rows ending at the selection (or the first `rows`, near the top).
    pub fn around(selected: usize, rows: usize) -> Self {
        let rows = rows.clamp(1, MAX_PAGE as usize);
        RowWindow {
            offset: selected.saturating_sub(rows - 1) as u32,
            limit: rows as u32,
        }
    }

    pub fn limit(&self) -> usize {
        (self.limit as usize).min(MAX_PAGE as usize)
    }
}

/// Rows a pane shows: `items` are the rows from `offset` on, of a list `total` long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rows<T> {
    pub offset: u32,
    pub total: u32,
    pub items: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            offset: 0,
            total: 0,
            items: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    /// A whole list, held from its first row.
    pub fn all(items: Vec<T>) -> Self {
        Rows {
            offset: 0,
            total: items.len() as u32,
            items,
        }
    }

    /// Row `index` of the whole list, when it is among those held.
    pub fn get(&self, index: usize) -> Option<&T> {
        index
            .checked_sub(self.offset as usize)
            .and_then(|i| self.items.get(i))
    }

    /// Whether row `index` of the list is among those held (or the list is empty).
    pub fn holds(&self, index: usize) -> bool {
        self.total == 0 || self.get(index).is_some()
    }

    pub fn len(&self) -> usize {
        self.total as usize
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

/// Fills a page up to its limits. The server scans an index in order and pushes each item it
/// keeps with its cursor (its key in the index), and passes over each row it leaves out; when
/// the page is full it ends at the cursor of the last row it went past, where the next page
/// begins.
pub struct PageFill<T> {
    items: Vec<T>,
    bytes: usize,
    limit: usize,
    /// The cursor of the last row taken or passed over.
    last: Option<String>,
    full: bool,
}

impl<T: Serialize> PageFill<T> {
    pub fn new(request: &PageRequest) -> Self {
        PageFill {
            items: Vec::new(),
            bytes: 0,
            limit: request.limit(),
            last: None,
            full: false,
        }
    }

    /// Adds an item found at `cursor`; `false` when the page is full (the item is left for the
    /// next page, and the scan should stop). A page always takes its first item, so a list
    /// always moves on.
    pub fn push(&mut self, item: T, cursor: impl Into<String>) -> bool {
        if self.items.len() >= self.limit {
            self.full = true;
            return false;
        }
        let size = encoded_len(&item);
        if !self.items.is_empty() && self.bytes + size > PAGE_BYTES {
            self.full = true;
            return false;
        }
        self.bytes += size;
        self.items.push(item);
        self.last = Some(cursor.into());
        true
    }

    /// Steps over a row at `cursor` that the list leaves out.
    pub fn pass(&mut self, cursor: impl Into<String>) {
        self.last = Some(cursor.into());
    }

    /// Ends the page here, before the list does (a scan that went as far as it may).
    pub fn cut(&mut self) {
        self.full = true;
    }

    /// The page: its items, and where the next begins unless the list ended.
    pub fn page(self) -> Page<T> {
        Page {
            items: self.items,
            next: self.last.filter(|_| self.full),
        }
    }
}

/// How many bytes a value takes in a frame, without keeping the bytes.
pub fn encoded_len<T: Serialize>(value: &T) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Our own plain data types always serialise.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_stops_at_its_limit_and_the_next_begins_after_its_last_item() {
        let mut fill = PageFill::new(&PageRequest {
            limit: 3,
            after: None,
        });
        let took: Vec<bool> = (0..5).map(|i| fill.push(i, i.to_string())).collect();
        assert_eq!(took, [true, true, true, false, false]);
        let page = fill.page();
        assert_eq!(page.items, [0, 1, 2]);
        assert_eq!(page.next.as_deref(), Some("2"));
    }

    #[test]
    fn a_list_that_ends_has_no_next_page_and_rows_passed_over_move_the_cursor() {
        let mut fill = PageFill::new(&PageRequest::first());
        assert!(fill.push(1, "a"));
        fill.pass("b");
        assert_eq!(fill.page().next, None, "the list ended");
        let mut fill = PageFill::new(&PageRequest::first());
        assert!(fill.push(1, "a"));
        fill.pass("b");
        fill.cut();
        assert_eq!(
            fill.page().next.as_deref(),
            Some("b"),
            "cut after what was passed"
        );
    }

    #[test]
    fn a_page_stops_before_its_bytes_run_over_but_always_takes_one_item() {
        let big = "x".repeat(PAGE_BYTES / 3);
        let mut fill = PageFill::new(&PageRequest::first());
        assert!(fill.push(big.clone(), "1"));
        assert!(fill.push(big.clone(), "2"));
        assert!(
            !fill.push(big.clone(), "3"),
            "a third would pass PAGE_BYTES"
        );
        assert_eq!(fill.page().next.as_deref(), Some("2"));
        let mut alone = PageFill::new(&PageRequest::first());
        assert!(
            alone.push("y".repeat(PAGE_BYTES * 2), "1"),
            "the first item always goes in"
        );
    }

    #[test]
    fn a_limit_of_zero_or_above_the_maximum_is_the_maximum() {
        for limit in [0, MAX_PAGE + 1, u32::MAX] {
            let mut fill = PageFill::new(&PageRequest { limit, after: None });
            let n = (0..MAX_PAGE + 10)
                .take_while(|i| fill.push(*i, i.to_string()))
                .count();
            assert_eq!(n, MAX_PAGE as usize, "limit {limit}");
        }
    }

    #[test]
    fn a_window_around_the_selection_holds_every_row_a_pane_of_that_height_can_show() {
        for selected in [0usize, 1, 5, 23, 24, 25, 400] {
            for height in [1usize, 5, 24] {
                let w = RowWindow::around(selected, height);
                // The pane shows rows from `selected - (height - 1)` to `selected`.
                let first = selected.saturating_sub(height - 1);
                assert!(w.offset as usize <= first, "{selected} {height}");
                assert!(
                    w.offset as usize + w.limit() > selected,
                    "{selected} {height}"
                );
            }
        }
    }

    #[test]
    fn rows_are_found_by_their_index_in_the_whole_list() {
        let rows = Rows {
            offset: 10,
            total: 50,
            items: vec!["k", "l", "m"],
        };
        assert_eq!(rows.get(11), Some(&"l"));
        assert_eq!(rows.get(9), None);
        assert_eq!(rows.get(13), None);
        assert!(rows.holds(12) && !rows.holds(13));
    }
}
