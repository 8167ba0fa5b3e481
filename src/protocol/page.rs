//! Lists in bounded replies (DESIGN.md: no reply grows with the store).
//!
//! A command asks for a [`Page`] by a limit and the cursor the page before ended on, and fetches
//! page after page until there is no next one. A console pane asks for the [`Rows`] it shows
//! [`Around`] its selection, kept on the selected item by its key, with the list's length. Either way a reply holds at most [`MAX_PAGE`]
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

/// The rows of a list a pane shows, kept on one item: the item whose key is `key` (a ticket's
/// number, a case's id, an approval's key) with up to `rows` rows either side of it; when that
/// item is gone or `key` is None, the row at index `at` (clamped to the list) instead.
///
/// Rows either side let a console move within what it holds without asking again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Around<K> {
    pub key: Option<K>,
    pub at: u32,
    /// Rows either side of the selection; 0 means 1, more than [`MAX_PAGE`] means [`MAX_PAGE`].
    pub rows: u32,
}

/// Which rows of a list `Around` asks for, once the list's length is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The selected row.
    pub at: u32,
    /// The first row to send.
    pub first: u32,
    /// How many rows to send, from `first`.
    pub len: u32,
}

impl<K> Around<K> {
    /// The rows around row `at`, kept on no item.
    pub fn row(at: u32, rows: u32) -> Self {
        Around {
            key: None,
            at,
            rows,
        }
    }

    /// The rows around the item `key`, or row `at` when it is gone.
    pub fn on(key: K, at: u32, rows: u32) -> Self {
        Around {
            key: Some(key),
            at,
            rows,
        }
    }

    /// Rows either side of the selection, within what a reply may hold.
    pub fn rows(&self) -> u32 {
        self.rows.clamp(1, MAX_PAGE)
    }

    /// The rows to send of a list `total` long, where the item asked for stands at `found`
    /// (none when it is not in the list); none for an empty list.
    pub fn span(&self, found: Option<u32>, total: u32) -> Option<Span> {
        let last = total.checked_sub(1)?;
        let at = found.unwrap_or(self.at).min(last);
        let first = at.saturating_sub(self.rows());
        let end = at.saturating_add(self.rows()).min(last);
        Some(Span {
            at,
            first,
            len: end - first + 1,
        })
    }

    /// Whether the item asked for counts as found, given where it was found: true when no
    /// item was asked for.
    pub fn found(&self, found: Option<u32>) -> bool {
        self.key.is_none() || found.is_some()
    }
}

/// What a pane asked for with [`Around`]: the rows, where the selection now is, and whether the
/// item asked for was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Selected<T> {
    pub rows: Rows<T>,
    /// Index in the whole list of the selected row; None when the list is empty.
    pub at: Option<u32>,
    /// False when `key` was Some and that item is no longer in the list.
    pub found: bool,
}

impl<T> Default for Selected<T> {
    fn default() -> Self {
        Selected {
            rows: Rows::default(),
            at: None,
            found: true,
        }
    }
}

impl<T> Selected<T> {
    /// The selected row.
    pub fn selected(&self) -> Option<&T> {
        self.at.and_then(|i| self.rows.get(i as usize))
    }
}

impl<T: Serialize> Selected<T> {
    /// The rows `items` of `span` in a list `total` long. Rows farthest from the selection are
    /// left out while the rows take more than [`PAGE_BYTES`] encoded; the selected row stays.
    pub fn new(span: Option<Span>, total: u32, mut items: Vec<T>, found: bool) -> Self {
        let Some(span) = span else {
            return Selected {
                found,
                ..Selected::default()
            };
        };
        let mut first = span.first;
        let mut sizes: std::collections::VecDeque<usize> = items.iter().map(encoded_len).collect();
        let mut bytes: usize = sizes.iter().sum();
        while bytes > PAGE_BYTES && items.len() > 1 {
            let before = span.at.saturating_sub(first) as usize;
            let after = items.len() - 1 - before.min(items.len() - 1);
            if before > after {
                items.remove(0);
                bytes -= sizes.pop_front().unwrap_or(0);
                first += 1;
            } else {
                items.pop();
                bytes -= sizes.pop_back().unwrap_or(0);
            }
        }
        Selected {
            rows: Rows {
                offset: first,
                total,
                items,
            },
            at: Some(span.at),
            found,
        }
    }

    /// The rows around the item `around` asks for, in a whole list held in memory (one that
    /// is bounded by what waits for one person or by one day's queue, not by the store);
    /// `is` says whether an item has the key.
    pub fn among<K>(list: Vec<T>, around: &Around<K>, is: impl Fn(&T, &K) -> bool) -> Self {
        let total = list.len() as u32;
        let found = around
            .key
            .as_ref()
            .and_then(|k| list.iter().position(|t| is(t, k)))
            .map(|i| i as u32);
        let span = around.span(found, total);
        let items = match span {
            Some(s) => list
                .into_iter()
                .skip(s.first as usize)
                .take(s.len as usize)
                .collect(),
            None => Vec::new(),
        };
        Selected::new(span, total, items, around.found(found))
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
    fn rows_around_a_selection_reach_as_far_either_side_as_the_list_allows() {
        let around = |at| Around::<u32>::row(at, 5);
        assert_eq!(
            around(0).span(None, 100),
            Some(Span {
                at: 0,
                first: 0,
                len: 6
            })
        );
        assert_eq!(
            around(50).span(None, 100),
            Some(Span {
                at: 50,
                first: 45,
                len: 11
            })
        );
        // Past the end: the last row, with the rows before it.
        assert_eq!(
            around(400).span(None, 100),
            Some(Span {
                at: 99,
                first: 94,
                len: 6
            })
        );
        assert_eq!(around(3).span(None, 0), None);
        assert_eq!(Around::<u32>::row(0, 0).rows(), 1);
        assert_eq!(Around::<u32>::row(0, u32::MAX).rows(), MAX_PAGE);
    }

    #[test]
    fn a_selection_follows_its_key_and_falls_back_to_its_row_when_the_key_is_gone() {
        let list: Vec<u32> = (0..20).map(|i| i * 10).collect();
        let on = Selected::among(list.clone(), &Around::on(70, 2, 1), |t, k| t == k);
        assert_eq!((on.at, on.found, on.selected()), (Some(7), true, Some(&70)));
        assert_eq!(on.rows.items, [60, 70, 80]);
        let gone = Selected::among(list.clone(), &Around::on(75, 2, 1), |t, k| t == k);
        assert_eq!(
            (gone.at, gone.found, gone.selected()),
            (Some(2), false, Some(&20))
        );
        let empty = Selected::among(Vec::<u32>::new(), &Around::on(7, 2, 1), |t, k| t == k);
        assert_eq!(
            (empty.at, empty.found, empty.selected()),
            (None, false, None)
        );
    }

    #[test]
    fn rows_too_large_for_a_page_lose_those_farthest_from_the_selection() {
        let big = "x".repeat(PAGE_BYTES / 4);
        let list: Vec<String> = (0..9).map(|i| format!("{i}{big}")).collect();
        let s = Selected::among(list, &Around::<String>::row(2, 10), |_, _| false);
        assert_eq!(s.selected().map(|r| &r[..1]), Some("2"));
        let kept: Vec<&str> = s.rows.items.iter().map(|r| &r[..1]).collect();
        assert_eq!(
            kept,
            ["1", "2", "3"],
            "three quarter-pages fit, four do not"
        );
        assert_eq!((s.rows.offset, s.rows.total), (1, 9));
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
