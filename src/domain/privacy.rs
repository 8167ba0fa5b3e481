//! Personal data: ID and phone numbers are masked in lists, logs and audit output, and shown in
//! full only to those handling the case (RULES §8 keeps complainants confidential too).

use super::case::Applicant;

/// Keeps the first `head` and last `tail` characters, starring the rest; short values are
/// starred whole, so a mask never gives a number away.
fn mask(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < head || i >= chars.len() - tail {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// `330102199001011234` → `3301**********1234`.
pub fn mask_id_number(id: &str) -> String {
    mask(id, 4, 4)
}

/// `13800001234` → `138****1234`.
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

impl Applicant {
    /// The applicant as shown to those not handling the case.
    pub fn masked(&self) -> Applicant {
        Applicant {
            name: self.name.clone(),
            phone: self.phone.as_deref().map(mask_phone),
            id_number: self.id_number.as_deref().map(mask_id_number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_and_phone_numbers_are_masked_but_for_their_ends() {
        assert_eq!(mask_id_number("330102199001011234"), "3301**********1234");
        assert_eq!(mask_phone("13800001234"), "138****1234");
        assert_eq!(mask_phone("110"), "***");
    }
}
