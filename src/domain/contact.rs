//! Phone and ID numbers as the desk takes them down: mainland mobile numbers, landlines with
//! their area code, and 18-character resident identity numbers with their check digit
//! (GB 11643-1999). A wrong one is refused with what is wrong, before a notice carries it.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum ContactError {
    #[error(
        "phone number `{phone}` has {digits} digits; a mobile has 11 (1 and ten more), a landline 10 to 12 with its area code (0571-88001234)"
    )]
    PhoneLength { phone: String, digits: usize },
    #[error(
        "phone number `{phone}` starts with {first}; a mobile starts with 13 to 19, a landline with 0 and its area code"
    )]
    PhoneStart { phone: String, first: String },
    #[error(
        "phone number `{phone}` holds `{bad}`; write digits, with spaces or a hyphen between groups if you like"
    )]
    PhoneCharacter { phone: String, bad: char },
    #[error("ID number `{id}` has {len} characters; a resident ID number has 18")]
    IdLength { id: String, len: usize },
    #[error(
        "ID number `{id}` holds `{bad}`; its first 17 characters are digits and the last a digit or X"
    )]
    IdCharacter { id: String, bad: char },
    #[error("ID number `{id}` gives the birth date {birth}, which is no date")]
    IdBirthDate { id: String, birth: String },
    #[error(
        "ID number `{id}` ends in {found}, but its check digit is {expected} (GB 11643); check each digit against the card"
    )]
    IdCheckDigit {
        id: String,
        found: char,
        expected: char,
    },
}

/// A phone number's digits when it is a mainland mobile or a landline with its area code.
/// `+86` or `86` in front of a mobile is allowed.
pub fn check_phone(phone: &str) -> Result<(), ContactError> {
    let phone = phone.trim();
    let mut digits = String::new();
    for (i, c) in phone.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' => {}
            '+' if i == 0 => {}
            bad => {
                return Err(ContactError::PhoneCharacter {
                    phone: phone.into(),
                    bad,
                });
            }
        }
    }
    let digits = match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 && rest.starts_with('1') => rest.to_string(),
        _ => digits,
    };
    let first = |n: usize| digits.chars().take(n).collect::<String>();
    match digits.chars().next() {
        Some('1') => {
            if digits.len() != 11 {
                return Err(ContactError::PhoneLength {
                    phone: phone.into(),
                    digits: digits.len(),
                });
            }
            if !matches!(digits.as_bytes()[1], b'3'..=b'9') {
                return Err(ContactError::PhoneStart {
                    phone: phone.into(),
                    first: first(2),
                });
            }
            Ok(())
        }
        Some('0') => {
            // Beijing (010) and 02x have three-digit area codes, the rest four; the local
            // number is 7 or 8 digits.
            let area = if matches!(digits.as_bytes().get(1), Some(b'1' | b'2')) {
                3
            } else {
                4
            };
            if (area + 7..=area + 8).contains(&digits.len()) {
                Ok(())
            } else {
                Err(ContactError::PhoneLength {
                    phone: phone.into(),
                    digits: digits.len(),
                })
            }
        }
        _ => Err(ContactError::PhoneStart {
            phone: phone.into(),
            first: first(1),
        }),
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// An 18-character resident identity number: 17 digits, a valid birth date in characters 7 to
/// 14, and the check digit of GB 11643 (a lower-case x is read as X).
pub fn check_id_number(id: &str) -> Result<(), ContactError> {
    let id = id.trim();
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 {
        return Err(ContactError::IdLength {
            id: id.into(),
            len: chars.len(),
        });
    }
    let mut sum = 0;
    for (c, w) in chars.iter().zip(WEIGHTS) {
        let d = c.to_digit(10).ok_or(ContactError::IdCharacter {
            id: id.into(),
            bad: *c,
        })?;
        sum += d * w;
    }
    let found = chars[17].to_ascii_uppercase();
    if !(found.is_ascii_digit() || found == 'X') {
        return Err(ContactError::IdCharacter {
            id: id.into(),
            bad: chars[17],
        });
    }
    let birth: String = chars[6..14].iter().collect();
    if NaiveDate::parse_from_str(&birth, "%Y%m%d").is_err() {
        return Err(ContactError::IdBirthDate {
            id: id.into(),
            birth,
        });
    }
    let expected = CHECK[(sum % 11) as usize];
    if found != expected {
        return Err(ContactError::IdCheckDigit {
            id: id.into(),
            found,
            expected,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_and_landlines_with_their_area_code_are_taken() {
        for ok in [
            "13800001234",
            "139 0000 1111",
            "+86 138 0000 1234",
            "0571-88001234",
            "010-12345678",
            "05718800123",
        ] {
            assert_eq!(check_phone(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn a_wrong_phone_number_is_refused_with_what_is_wrong() {
        assert!(matches!(
            check_phone("1380000123"),
            Err(ContactError::PhoneLength { digits: 10, .. })
        ));
        assert!(matches!(
            check_phone("12800001234"),
            Err(ContactError::PhoneStart { first, .. }) if first == "12"
        ));
        assert!(matches!(
            check_phone("88001234"),
            Err(ContactError::PhoneStart { .. })
        ));
        assert!(matches!(
            check_phone("138o0001234"),
            Err(ContactError::PhoneCharacter { bad: 'o', .. })
        ));
        assert!(matches!(
            check_phone("0571-880012"),
            Err(ContactError::PhoneLength { digits: 10, .. })
        ));
    }

    #[test]
    fn an_id_number_needs_its_birth_date_and_its_check_digit() {
        // The standard's own example, and one with the check digit 4.
        assert_eq!(check_id_number("11010519491231002X"), Ok(()));
        assert_eq!(check_id_number("11010519491231002x"), Ok(()));
        assert_eq!(check_id_number("330102199001011234"), Ok(()));
        assert!(matches!(
            check_id_number("330102199001011235"),
            Err(ContactError::IdCheckDigit {
                found: '5',
                expected: '4',
                ..
            })
        ));
        assert!(matches!(
            check_id_number("33010219900101123"),
            Err(ContactError::IdLength { len: 17, .. })
        ));
        assert!(matches!(
            check_id_number("330102199013011234"),
            Err(ContactError::IdBirthDate { .. })
        ));
        assert!(matches!(
            check_id_number("3301021990010112A4"),
            Err(ContactError::IdCharacter { bad: 'A', .. })
        ));
    }
}
