//! Entity types: the kinds of CRM item.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Lead,
    Deal,
    Contact,
    Company,
    Invoice,
    Quote,
}

impl EntityType {
    pub const ALL: [EntityType; 6] = [
        EntityType::Lead,
        EntityType::Deal,
        EntityType::Contact,
        EntityType::Company,
        EntityType::Invoice,
        EntityType::Quote,
    ];

    /// The URL segment and database code (`/crm/deal/12`).
    pub fn slug(self) -> &'static str {
        match self {
            EntityType::Lead => "lead",
            EntityType::Deal => "deal",
            EntityType::Contact => "contact",
            EntityType::Company => "company",
            EntityType::Invoice => "invoice",
            EntityType::Quote => "quote",
        }
    }

    /// Whether items of this type move through the stages of a pipeline.
    pub fn has_stages(self) -> bool {
        !matches!(self, EntityType::Contact | EntityType::Company)
    }

    /// The fields whose values make up the item's title, joined by a space.
    pub fn title_fields(self) -> &'static [&'static str] {
        match self {
            EntityType::Contact => &["first_name", "last_name"],
            EntityType::Company => &["name"],
            EntityType::Invoice => &["number"],
            EntityType::Lead | EntityType::Deal | EntityType::Quote => &["title"],
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown entity type")]
pub struct UnknownEntityType;

impl FromStr for EntityType {
    type Err = UnknownEntityType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityType::ALL.into_iter().find(|e| e.slug() == s).ok_or(UnknownEntityType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_type_round_trips_through_its_slug() {
        for e in EntityType::ALL {
            assert_eq!(e.slug().parse::<EntityType>(), Ok(e));
        }
    }

    #[test]
    fn an_unknown_slug_is_refused() {
        assert!("pipeline".parse::<EntityType>().is_err());
        assert!("Deal".parse::<EntityType>().is_err());
    }

    #[test]
    fn contacts_and_companies_have_no_stages() {
        assert!(!EntityType::Contact.has_stages());
        assert!(!EntityType::Company.has_stages());
        assert!(EntityType::Deal.has_stages());
    }
}
