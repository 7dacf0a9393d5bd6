//! `actioneer locales add <lang>`: a new locale with every file and message of `en`, each value
//! the English text (so `locales check` reports it as untranslated) with the English in a
//! comment above, and plural selectors given every category the language needs.

use std::path::Path;

use fluent_syntax::ast::{
    Comment, Entry, Expression, Identifier, Message, Pattern, PatternElement, Resource, Variant,
    VariantKey,
};
use fluent_syntax::serializer::serialize;
use unic_langid::LanguageIdentifier;

use super::catalog::Source;
use super::check::plural_categories;
use super::DEFAULT_LANGUAGE;
use crate::domain::fluent_limits::{too_deep, MAX_DEPTH};
use crate::domain::locale::is_valid_tag;

/// Why a locale cannot be added.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AddError {
    #[error("{0:?} is not a valid language tag (expected e.g. pl, pt-BR, zh-Hant)")]
    InvalidTag(String),
    #[error("the locale {0} already exists")]
    Exists(String),
    #[error("there is no en locale to copy")]
    NoReference,
    #[error("en/{0} nests placeables more than {MAX_DEPTH} deep")]
    TooDeep(String),
    #[error("{0}")]
    Io(String),
}

/// The canonical form of a tag (`pt_br` → `pt-BR`), or an error saying why it is not one.
pub fn canonical_tag(tag: &str) -> Result<String, AddError> {
    let tag = tag.trim();
    let invalid = || AddError::InvalidTag(tag.to_string());
    if !is_valid_tag(tag) {
        return Err(invalid());
    }
    let id: LanguageIdentifier = tag.replace('_', "-").parse().map_err(|_| invalid())?;
    Ok(id.to_string())
}

/// The files of a new locale `lang` made from the `en` sources: (file name, text).
pub fn scaffold(en: &[Source], lang: &str) -> Vec<(String, String)> {
    let categories = plural_categories(lang).unwrap_or_default();
    en.iter()
        .filter(|s| s.lang == DEFAULT_LANGUAGE)
        .map(|s| (s.file.clone(), scaffold_file(&s.text, &categories)))
        .collect()
}

fn scaffold_file(text: &str, categories: &std::collections::BTreeSet<&str>) -> String {
    // Too deep to parse safely (`add_locale` refuses such a reference first).
    if too_deep(text, MAX_DEPTH) {
        return String::new();
    }
    let mut resource = match fluent_syntax::parser::parse(text.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource.body.retain(|e| !matches!(e, Entry::Junk { .. }));
    for entry in &mut resource.body {
        if let Entry::Message(m) = entry {
            let english = english_text(m);
            let mut lines = m.comment.take().map(|c| c.content).unwrap_or_default();
            lines.push("TODO translate; English:".to_string());
            lines.extend(english.lines().map(|l| format!("  {l}")));
            m.comment = Some(Comment { content: lines });
            if let Some(value) = m.value.as_mut() {
                add_categories(value, categories);
            }
            for a in &mut m.attributes {
                add_categories(&mut a.value, categories);
            }
        }
    }
    serialize(&resource)
}

/// The message as English source, without its comment.
fn english_text(m: &Message<String>) -> String {
    let alone = Resource {
        body: vec![Entry::Message(Message {
            id: Identifier {
                name: m.id.name.clone(),
            },
            value: m.value.clone(),
            attributes: m.attributes.clone(),
            comment: None,
        })],
    };
    serialize(&alone).trim_end().to_string()
}

/// Gives every plural selector a variant for each category the language needs (a copy of the
/// default variant), so the scaffold passes the plural check.
fn add_categories(pattern: &mut Pattern<String>, categories: &std::collections::BTreeSet<&str>) {
    const PLURAL: [&str; 5] = ["zero", "one", "two", "few", "many"];
    for element in &mut pattern.elements {
        let PatternElement::Placeable { expression } = element else {
            continue;
        };
        if let Expression::Select { variants, .. } = expression {
            for v in variants.iter_mut() {
                add_categories(&mut v.value, categories);
            }
            let key = |v: &Variant<String>| match &v.key {
                VariantKey::Identifier { name } => name.clone(),
                VariantKey::NumberLiteral { value } => value.clone(),
            };
            let plural = variants.iter().any(|v| PLURAL.contains(&key(v).as_str()));
            if !plural {
                continue;
            }
            let Some(default) = variants.iter().find(|v| v.default).cloned() else {
                continue;
            };
            for c in categories {
                if *c != "other" && !variants.iter().any(|v| key(v) == *c) {
                    let position = variants.iter().position(|v| v.default).unwrap_or(0);
                    variants.insert(
                        position,
                        Variant {
                            key: VariantKey::Identifier {
                                name: c.to_string(),
                            },
                            value: default.value.clone(),
                            default: false,
                        },
                    );
                }
            }
            // Categories the language does not have would be dead variants; keep them: harmless.
        }
    }
}

/// Creates `dir/<lang>/` from `dir/en/`; returns the canonical tag and the files written.
pub fn add_locale(dir: &Path, tag: &str) -> Result<(String, Vec<String>), AddError> {
    let lang = canonical_tag(tag)?;
    let target = dir.join(&lang);
    if target.exists() {
        return Err(AddError::Exists(lang));
    }
    let io = |e: std::io::Error| AddError::Io(e.to_string());
    let en: Vec<Source> = super::check::read_dir(dir)
        .map_err(io)?
        .into_iter()
        .filter(|s| s.lang == DEFAULT_LANGUAGE)
        .collect();
    if en.is_empty() {
        return Err(AddError::NoReference);
    }
    if let Some(deep) = en.iter().find(|s| too_deep(&s.text, MAX_DEPTH)) {
        return Err(AddError::TooDeep(deep.file.clone()));
    }
    std::fs::create_dir_all(&target).map_err(io)?;
    let mut written = Vec::new();
    for (file, text) in scaffold(&en, &lang) {
        std::fs::write(target.join(&file), text).map_err(io)?;
        written.push(file);
    }
    Ok((lang, written))
}
