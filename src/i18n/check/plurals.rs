//! The CLDR plural categories a language needs.

use std::collections::BTreeSet;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The CLDR plural category names.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// The cardinal categories `lang` uses for whole numbers (found by asking the CLDR rules about a
/// range of numbers; `intl_pluralrules` has no list). `None` for a language CLDR does not know.
pub fn plural_categories(lang: &str) -> Option<BTreeSet<&'static str>> {
    let id: LanguageIdentifier = lang.parse().ok()?;
    let bare: LanguageIdentifier = id.language.as_str().parse().ok()?;
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(bare, PluralRuleType::CARDINAL))
        .ok()?;
    let mut found = BTreeSet::new();
    let samples = (0..=1200u64).chain([10_000, 100_000, 1_000_000, 10_000_000]);
    for n in samples {
        if let Ok(c) = rules.select(n) {
            found.insert(category_name(c));
        }
    }
    Some(found)
}
