//! Entity types: the kinds of CRM item, named by their code (`deal`, `delivery`). Which types
//! exist and how they behave is data (the registry, [`super::registry`]); this is only the name,
//! small enough to copy and to use as a key, the same on the server and in the browser.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// The longest code of an entity type.
pub const MAX_CODE: usize = 30;

/// An entity type's code: lowercase ASCII letters, digits and hyphens, starting with a letter,
/// at most [`MAX_CODE`] long. It is the URL segment (`/crm/deal/12`) and the key under which the
/// database keeps the type's items, fields and layouts, so it never changes after creation.
///
/// Parsing checks the form only; whether such a type exists is the registry's answer.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntityType {
    len: u8,
    bytes: [u8; MAX_CODE],
}

impl EntityType {
    pub const LEAD: EntityType = EntityType::system("lead");
    pub const DEAL: EntityType = EntityType::system("deal");
    pub const CONTACT: EntityType = EntityType::system("contact");
    pub const COMPANY: EntityType = EntityType::system("company");
    pub const INVOICE: EntityType = EntityType::system("invoice");
    pub const QUOTE: EntityType = EntityType::system("quote");

    /// The types the product ships, in menu order.
    pub const SYSTEM: [EntityType; 6] = [
        EntityType::LEAD,
        EntityType::DEAL,
        EntityType::CONTACT,
        EntityType::COMPANY,
        EntityType::INVOICE,
        EntityType::QUOTE,
    ];

    /// A code known at compile time (the system types'); a bad one fails the build.
    const fn system(code: &str) -> EntityType {
        let src = code.as_bytes();
        assert!(!src.is_empty() && src.len() <= MAX_CODE);
        let mut bytes = [0u8; MAX_CODE];
        let mut i = 0;
        while i < src.len() {
            assert!(src[i].is_ascii_lowercase());
            bytes[i] = src[i];
            i += 1;
        }
        EntityType { len: src.len() as u8, bytes }
    }

    /// The code, as in URLs and in the database (`deal`).
    pub fn slug(&self) -> &str {
        // Only ASCII ever goes in (`from_str` checks it), so this cannot fail.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The fields whose values make up an item's title, joined by a space: as the system types
    /// ship them, and `title` for every smart process.
    pub fn title_fields(&self) -> &'static [&'static str] {
        match *self {
            EntityType::CONTACT => &["first_name", "last_name"],
            EntityType::COMPANY => &["name"],
            EntityType::INVOICE => &["number"],
            _ => &["title"],
        }
    }

    /// A prefix for codes derived from this one where hyphens are not welcome (field codes).
    pub fn snake(&self) -> String {
        self.slug().replace('-', "_")
    }
}

impl PartialOrd for EntityType {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EntityType {
    fn cmp(&self, other: &Self) -> Ordering {
        self.slug().cmp(other.slug())
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl fmt::Debug for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntityType({})", self.slug())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an entity type code")]
pub struct BadCode;

impl FromStr for EntityType {
    type Err = BadCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let src = s.as_bytes();
        let well_formed = !src.is_empty()
            && src.len() <= MAX_CODE
            && src[0].is_ascii_lowercase()
            && src.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !well_formed {
            return Err(BadCode);
        }
        let mut bytes = [0u8; MAX_CODE];
        bytes[..src.len()].copy_from_slice(src);
        Ok(EntityType { len: src.len() as u8, bytes })
    }
}

impl Serialize for EntityType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

impl<'de> Deserialize<'de> for EntityType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(|_| serde::de::Error::custom("not an entity type code"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;

    #[test]
    fn every_system_type_round_trips_through_its_code() {
        for e in EntityType::SYSTEM {
            assert_eq!(e.slug().parse::<EntityType>(), Ok(e));
        }
        assert_eq!(EntityType::DEAL.slug(), "deal");
    }

    #[test]
    fn a_code_is_lowercase_letters_digits_and_hyphens_starting_with_a_letter() {
        for good in ["delivery", "field-visit", "x2", "a-b-c"] {
            assert_eq!(good.parse::<EntityType>().map(|e| e.slug().to_string()), Ok(good.to_string()));
        }
        let too_long = "a".repeat(MAX_CODE + 1);
        for bad in ["", "Deal", "2x", "-a", "a-", "a--b", "a_b", "a b", "доставка", "a/b", too_long.as_str()] {
            assert!(bad.parse::<EntityType>().is_err(), "{bad:?} accepted");
        }
        assert!("a".repeat(MAX_CODE).parse::<EntityType>().is_ok());
    }

    #[test]
    fn it_travels_as_its_code_also_as_a_map_key() {
        assert_eq!(serde_json::to_string(&EntityType::DEAL).unwrap(), "\"deal\"");
        let map: std::collections::BTreeMap<EntityType, i32> = [(EntityType::QUOTE, 1), (EntityType::DEAL, 2)].into();
        let json = serde_json::to_string(&map).unwrap();
        assert_eq!(json, r#"{"deal":2,"quote":1}"#, "keys in code order");
        assert_eq!(serde_json::from_str::<std::collections::BTreeMap<EntityType, i32>>(&json).unwrap(), map);
        assert!(serde_json::from_str::<EntityType>("\"Not A Code\"").is_err());
    }

    #[test]
    fn field_code_prefixes_have_no_hyphens() {
        assert_eq!("field-visit".parse::<EntityType>().unwrap().snake(), "field_visit");
    }
}
