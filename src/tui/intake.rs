//! The intake form (受理): search the catalogue as you type, tick the materials in hand,
//! promised or missing while the desk's decision shows live, enter the applicant, confirm; then
//! the form gives way to the receipt or one-time notice, ready to print (RULES §2–§4).

use crate::domain::case::{CaseKind, Channel, MaterialState};
use crate::domain::catalogue::ServiceItem;
use crate::protocol::args::Pages;
use crate::protocol::{CaseOpen, CaseReq, PreviewView, Request, Response, ViewReq};

use super::action::Action;
use super::text::{Lang, T};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Search,
    Materials,
    Applicant,
}

/// What the form wants after an action.
#[derive(Debug)]
pub enum Next {
    Send(Request),
    Nothing,
    /// Tell the user something and stay.
    Say(String),
    Close,
}

#[derive(Debug, Clone)]
pub struct Intake {
    pub step: Step,
    pub query: String,
    pub results: Vec<(String, String, String)>,
    pub result_sel: usize,
    pub item: Option<ServiceItem>,
    pub states: Vec<MaterialState>,
    /// The pages counted of each material in hand, for the receipt (003 二4): typed as digits
    /// on the selected material.
    pub pages: Vec<Option<u32>>,
    pub material_sel: usize,
    pub preview: Option<PreviewView>,
    /// The kind chosen over the desk's decision, if any (its reason is the fourth field).
    pub kind_override: Option<CaseKind>,
    /// Name, phone, ID number, and the reason for an override.
    pub fields: [String; 4],
    pub field: usize,
    /// The ticket of the visitor served, whom the case is for.
    pub ticket: Option<String>,
    /// A matter to be rejected kept open for its decision (3 working days), instead of being
    /// rejected on the spot.
    pub needs_decision: bool,
}

impl Intake {
    pub fn new() -> Intake {
        Intake {
            step: Step::Search,
            query: String::new(),
            results: Vec::new(),
            result_sel: 0,
            item: None,
            states: Vec::new(),
            pages: Vec::new(),
            material_sel: 0,
            preview: None,
            kind_override: None,
            fields: Default::default(),
            field: 0,
            ticket: None,
            needs_decision: false,
        }
    }

    /// The form for the visitor of `ticket`; when they named an item, on that item.
    pub fn for_ticket(ticket: &crate::domain::queue::Ticket) -> (Intake, Option<Request>) {
        let form = Intake {
            ticket: Some(ticket.number.clone()),
            ..Intake::new()
        };
        let item = ticket
            .item
            .clone()
            .map(|code| Request::View(ViewReq::CatalogueItem { code }));
        (form, item)
    }

    /// Name, phone, ID number, and the override's reason when there is an override.
    pub(super) fn field_count(&self) -> usize {
        if self.kind_override.is_some() { 4 } else { 3 }
    }

    /// Whether the case would be a rejection: decided so, or overridden to one.
    pub fn rejecting(&self) -> bool {
        let decided = self.preview.as_ref().map(|p| p.kind);
        self.kind_override.or(decided) == Some(CaseKind::Rejected)
    }

    /// Whether typed characters go into a text field now.
    pub fn typing(&self) -> bool {
        matches!(self.step, Step::Search | Step::Applicant)
    }

    fn named(&self, state: MaterialState) -> Vec<String> {
        match &self.item {
            Some(item) => item
                .materials
                .iter()
                .zip(&self.states)
                .filter(|(_, s)| **s == state)
                .map(|(m, _)| m.name.clone())
                .collect(),
            None => Vec::new(),
        }
    }

    fn preview_request(&self) -> Option<Request> {
        Some(Request::View(ViewReq::CasePreview {
            item: self.item.as_ref()?.code.clone(),
            have: self.named(MaterialState::InHand),
            promise: self.named(MaterialState::Promised),
        }))
    }

    /// Whether a digit typed now counts the pages of the selected material.
    pub fn takes_digits(&self) -> bool {
        self.step == Step::Materials
            && self.states.get(self.material_sel) == Some(&MaterialState::InHand)
    }

    /// The pages of the materials in hand that were counted.
    fn counted_pages(&self) -> Vec<(String, u32)> {
        let Some(item) = &self.item else {
            return Vec::new();
        };
        item.materials
            .iter()
            .zip(&self.pages)
            .filter_map(|(m, p)| Some((m.name.clone(), (*p)?)))
            .collect()
    }

    /// A typed character.
    pub fn type_char(&mut self, c: char) -> Option<Request> {
        match self.step {
            Step::Materials if self.takes_digits() => {
                if let (Some(d), Some(p)) = (c.to_digit(10), self.pages.get_mut(self.material_sel))
                {
                    // A receipt counts pages, never thousands of them.
                    let n = p.unwrap_or(0) * 10 + d;
                    *p = (1..=9999).contains(&n).then_some(n).or(*p);
                }
                None
            }
            Step::Search => {
                self.query.push(c);
                self.search()
            }
            Step::Applicant => {
                self.fields[self.field].push(c);
                None
            }
            _ => None,
        }
    }

    pub fn backspace(&mut self) -> Option<Request> {
        match self.step {
            Step::Search => {
                self.query.pop();
                self.search()
            }
            Step::Applicant => {
                self.fields[self.field].pop();
                None
            }
            Step::Materials => {
                if let Some(p) = self.pages.get_mut(self.material_sel) {
                    *p = p.map(|n| n / 10).filter(|n| *n > 0);
                }
                None
            }
        }
    }

    fn search(&mut self) -> Option<Request> {
        self.result_sel = 0;
        if self.query.trim().is_empty() {
            self.results.clear();
            return None;
        }
        Some(Request::View(ViewReq::CatalogueSearch {
            query: self.query.clone(),
            limit: 8,
        }))
    }

    /// An action while the form is open.
    pub fn act(&mut self, action: Action, lang: Lang) -> Next {
        self.act_inner(action, lang).unwrap_or(Next::Close)
    }

    fn act_inner(&mut self, action: Action, lang: Lang) -> Option<Next> {
        let send = |r: Option<Request>| Some(r.map_or(Next::Nothing, Next::Send));
        match (self.step, action) {
            (Step::Search, Action::Cancel) => None,
            (Step::Search, Action::Up) => {
                self.result_sel = self.result_sel.saturating_sub(1);
                send(None)
            }
            (Step::Search, Action::Down) => {
                self.result_sel = (self.result_sel + 1).min(self.results.len().saturating_sub(1));
                send(None)
            }
            (Step::Search, Action::Confirm) => {
                send(self.results.get(self.result_sel).map(|(code, _, _)| {
                    Request::View(ViewReq::CatalogueItem { code: code.clone() })
                }))
            }
            (Step::Materials, Action::Cancel) => {
                self.step = Step::Search;
                send(None)
            }
            (Step::Materials, Action::Up) => {
                self.material_sel = self.material_sel.saturating_sub(1);
                send(None)
            }
            (Step::Materials, Action::Down) => {
                self.material_sel =
                    (self.material_sel + 1).min(self.states.len().saturating_sub(1));
                send(None)
            }
            (Step::Materials, Action::ToggleMaterial) => {
                if let Some(s) = self.states.get_mut(self.material_sel) {
                    *s = match s {
                        MaterialState::Missing => MaterialState::InHand,
                        MaterialState::InHand => MaterialState::Promised,
                        MaterialState::Promised => MaterialState::Missing,
                    };
                    if *s != MaterialState::InHand
                        && let Some(p) = self.pages.get_mut(self.material_sel)
                    {
                        *p = None;
                    }
                }
                send(self.preview_request())
            }
            (Step::Materials, Action::AllInHand) => {
                self.states
                    .iter_mut()
                    .for_each(|s| *s = MaterialState::InHand);
                send(self.preview_request())
            }
            (Step::Materials, Action::OverrideKind) => {
                // Cycle through the kinds; back to the desk's own decision after the last.
                let decided = self.preview.as_ref().map(|p| p.kind);
                let kinds: Vec<CaseKind> = CaseKind::ALL
                    .into_iter()
                    .filter(|k| Some(*k) != decided)
                    .collect();
                self.kind_override = match self.kind_override {
                    None => kinds.first().copied(),
                    Some(k) => kinds
                        .iter()
                        .position(|x| *x == k)
                        .and_then(|i| kinds.get(i + 1))
                        .copied(),
                };
                send(None)
            }
            (Step::Materials, Action::NeedsDecision) if self.rejecting() => {
                self.needs_decision = !self.needs_decision;
                send(None)
            }
            (Step::Materials, Action::Confirm) => {
                self.step = Step::Applicant;
                send(None)
            }
            (Step::Applicant, Action::Cancel) => {
                self.step = Step::Materials;
                send(None)
            }
            (Step::Applicant, Action::NextField | Action::Down) => {
                let n = self.field_count();
                self.field = (self.field + 1) % n;
                send(None)
            }
            (Step::Applicant, Action::PreviousField | Action::Up) => {
                let n = self.field_count();
                self.field = (self.field + n - 1) % n;
                send(None)
            }
            (Step::Applicant, Action::Confirm) => {
                let [name, phone, id, why] = self.fields.clone().map(|f| f.trim().to_string());
                if name.is_empty() {
                    return Some(Next::Say(T::NameNeeded.get(lang).to_string()));
                }
                if self.kind_override.is_some() && why.is_empty() {
                    self.field = 3;
                    return Some(Next::Say(T::OverrideReason.get(lang).to_string()));
                }
                let Some(item) = &self.item else {
                    return send(None);
                };
                let filled = |s: String| (!s.is_empty()).then_some(s);
                let reason = self.kind_override.map(|_| why);
                send(Some(Request::Case(CaseReq::Open(Box::new(CaseOpen {
                    item: item.code.clone(),
                    applicant: name,
                    phone: filled(phone),
                    id_number: filled(id),
                    have: self.named(MaterialState::InHand).into(),
                    promise: self.named(MaterialState::Promised).into(),
                    pages: Pages(self.counted_pages()),
                    first_asked: None,
                    channel: Channel::Window,
                    kind: self.kind_override,
                    reason,
                    green_channel: false,
                    ticket: self.ticket.clone(),
                    needs_decision: self.needs_decision && self.rejecting(),
                })))))
            }
            _ => send(None),
        }
    }

    /// An answer from the server; may ask for a follow-up.
    pub fn on_response(&mut self, response: Response) -> Option<Request> {
        match response {
            Response::Items(items) => {
                self.results = items;
                self.result_sel = 0;
                None
            }
            Response::Item(item) => {
                self.states = vec![MaterialState::Missing; item.materials.len()];
                self.pages = vec![None; item.materials.len()];
                self.material_sel = 0;
                self.item = Some(*item);
                self.step = Step::Materials;
                self.preview_request()
            }
            Response::Preview(p) => {
                self.preview = Some(*p);
                None
            }
            _ => None,
        }
    }
}

impl Default for Intake {
    fn default() -> Self {
        Intake::new()
    }
}

pub(super) fn kind_name(k: CaseKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => k.chinese(),
        Lang::En => k.english(),
    }
}
