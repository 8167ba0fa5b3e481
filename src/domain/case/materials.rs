//! The materials of a case after intake: supplements handed over later (补交), the pages the
//! desk counts for the receipt (回执, 003 二4), and materials found unusable on review.

use chrono::NaiveDate;

use super::{Case, CaseError, MaterialState};

impl Case {
    /// Records materials handed over later (补交). A 补办件's clock starts the day the last one
    /// arrives: the time limit runs from the day the materials are complete (RULES §3).
    pub fn supplement(&mut self, names: &[String], on: NaiveDate) -> Result<(), CaseError> {
        self.open("given supplements")?;
        self.not_before_acceptance("a supplement", on)?;
        for name in names {
            let name = name.trim();
            match self.materials.iter().find(|m| m.name == name) {
                None => {
                    return Err(CaseError::UnknownMaterial {
                        item: self.item_name.clone(),
                        name: name.to_string(),
                        known: self.known_materials(),
                    });
                }
                Some(m) if m.state == MaterialState::InHand => {
                    return Err(CaseError::AlreadyInHand(name.to_string()));
                }
                Some(_) => {}
            }
        }
        for m in self
            .materials
            .iter_mut()
            .filter(|m| names.iter().any(|n| n.trim() == m.name))
        {
            m.state = MaterialState::InHand;
            m.received_on = Some(on);
        }
        if self.outstanding().is_empty() {
            self.clock.start(on);
        }
        Ok(())
    }

    /// The case's materials by name, for an error naming one it does not have.
    fn known_materials(&self) -> String {
        let names: Vec<&str> = self.materials.iter().map(|m| m.name.as_str()).collect();
        names.join("、")
    }

    /// Counts the pages of materials in hand, for the receipt (003 二4).
    pub fn record_pages(&mut self, pages: &[(String, u32)]) -> Result<(), CaseError> {
        for (name, n) in pages {
            let name = name.trim();
            let known = self.known_materials();
            let item = self.item_name.clone();
            let m = self
                .materials
                .iter_mut()
                .find(|m| m.name == name)
                .ok_or_else(|| CaseError::UnknownMaterial {
                    item,
                    name: name.to_string(),
                    known,
                })?;
            if m.state != MaterialState::InHand {
                return Err(CaseError::PagesNotInHand(name.to_string()));
            }
            m.pages = Some(*n);
        }
        Ok(())
    }

    /// A material taken at the desk turns out unusable on review (an expired certificate, a
    /// wrong copy): it is missing again, and asking for it now is a second notice.
    pub fn mark_missing(&mut self, name: &str, on: NaiveDate) -> Result<(), CaseError> {
        self.open("changed")?;
        self.not_before_acceptance("a review", on)?;
        let known = self.known_materials();
        let item = self.item_name.clone();
        let m = self
            .materials
            .iter_mut()
            .find(|m| m.name == name.trim())
            .ok_or(CaseError::UnknownMaterial {
                item,
                name: name.trim().to_string(),
                known,
            })?;
        m.state = MaterialState::Missing;
        m.received_on = None;
        Ok(())
    }
}
