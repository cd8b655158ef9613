//! ISO 639 language codes, normalised to the two-letter form where one exists.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A language code: `en`, `fr`, `es`, `pt`, `de`, `ar`… (ISO 639-1, lower case).
/// Three-letter codes (`eng`, `fre`/`fra`, `ger`/`deu`…) are mapped to two letters; codes
/// tisc does not know are kept lower-cased; an empty or missing code is `und`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(String);

const THREE_TO_TWO: &[(&str, &str)] = &[
    ("eng", "en"),
    ("fre", "fr"),
    ("fra", "fr"),
    ("spa", "es"),
    ("por", "pt"),
    ("ger", "de"),
    ("deu", "de"),
    ("ara", "ar"),
    ("ita", "it"),
    ("dut", "nl"),
    ("nld", "nl"),
    ("rus", "ru"),
    ("chi", "zh"),
    ("zho", "zh"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("pol", "pl"),
    ("swe", "sv"),
    ("dan", "da"),
    ("fin", "fi"),
    ("nor", "no"),
    ("tur", "tr"),
    ("gre", "el"),
    ("ell", "el"),
    ("hun", "hu"),
    ("cze", "cs"),
    ("ces", "cs"),
    ("rum", "ro"),
    ("ron", "ro"),
    ("heb", "he"),
    ("per", "fa"),
    ("fas", "fa"),
    ("ukr", "uk"),
];

impl Lang {
    pub fn new(code: &str) -> Lang {
        let c = code.trim().to_ascii_lowercase();
        // "en-US", "fr_CA" → base language.
        let base = c.split(['-', '_']).next().unwrap_or("");
        if base.is_empty() {
            return Lang("und".into());
        }
        if base.len() == 3 {
            if let Some((_, two)) = THREE_TO_TWO.iter().find(|(three, _)| *three == base) {
                return Lang((*two).into());
            }
        }
        Lang(base.into())
    }
    pub fn en() -> Lang {
        Lang("en".into())
    }
    pub fn fr() -> Lang {
        Lang("fr".into())
    }
    pub fn de() -> Lang {
        Lang("de".into())
    }
    pub fn und() -> Lang {
        Lang("und".into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::und()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.0)
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Lang::new(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_letter_and_regional_codes_normalise() {
        assert_eq!(Lang::new("eng").as_str(), "en");
        assert_eq!(Lang::new("FRE").as_str(), "fr");
        assert_eq!(Lang::new("fra").as_str(), "fr");
        assert_eq!(Lang::new("pt-BR").as_str(), "pt");
        assert_eq!(Lang::new("").as_str(), "und");
        assert_eq!(Lang::new("sh").as_str(), "sh");
    }
}
