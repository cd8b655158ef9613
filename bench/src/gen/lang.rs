//! The languages of synthetic documents and the phrases each writes claims and descriptions
//! with (how a claim opens, how a dependent claim refers to another, section headings).

use super::rng::Rng;

/// The language of a document: English, or (about 10 %) French, German or Spanish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    En,
    Fr,
    De,
    Es,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::De => "de",
            Language::Es => "es",
        }
    }

    /// 90 % English, 4 % French, 4 % German, 2 % Spanish.
    pub fn draw(rng: &mut Rng) -> Language {
        [Language::En, Language::Fr, Language::De, Language::Es][rng.weighted(&[90, 4, 4, 2])]
    }
}

/// The claim phrases of a language: how an independent claim opens, how a dependent claim
/// refers to another, and the word for "claim" (the reference a USPTO writer marks up).
pub struct ClaimPhrases {
    pub comprising: &'static str,
    pub refers: &'static str,
    pub claim: &'static str,
    pub wherein: &'static str,
    pub and: &'static str,
    pub headings: [&'static str; 4],
}

pub fn phrases(lang: Language) -> &'static ClaimPhrases {
    const EN: ClaimPhrases = ClaimPhrases {
        comprising: "comprising:",
        refers: "of",
        claim: "claim",
        wherein: ", wherein",
        and: "and",
        headings: [
            "BACKGROUND",
            "SUMMARY",
            "BRIEF DESCRIPTION OF THE DRAWINGS",
            "DETAILED DESCRIPTION",
        ],
    };
    const FR: ClaimPhrases = ClaimPhrases {
        comprising: "comprenant :",
        refers: "selon la",
        claim: "revendication",
        wherein: ", dans lequel",
        and: "et",
        headings: [
            "DOMAINE TECHNIQUE",
            "ÉTAT DE LA TECHNIQUE",
            "EXPOSÉ DE L'INVENTION",
            "DESCRIPTION DÉTAILLÉE",
        ],
    };
    const DE: ClaimPhrases = ClaimPhrases {
        comprising: "umfassend:",
        refers: "nach",
        claim: "Anspruch",
        wherein: ", wobei",
        and: "und",
        headings: [
            "TECHNISCHES GEBIET",
            "STAND DER TECHNIK",
            "ZUSAMMENFASSUNG DER ERFINDUNG",
            "AUSFÜHRLICHE BESCHREIBUNG",
        ],
    };
    const ES: ClaimPhrases = ClaimPhrases {
        comprising: "que comprende:",
        refers: "según la",
        claim: "reivindicación",
        wherein: ", en el que",
        and: "y",
        headings: [
            "CAMPO TÉCNICO",
            "ANTECEDENTES",
            "RESUMEN DE LA INVENCIÓN",
            "DESCRIPCIÓN DETALLADA",
        ],
    };
    match lang {
        Language::En => &EN,
        Language::Fr => &FR,
        Language::De => &DE,
        Language::Es => &ES,
    }
}

/// The word for "claim" in a language code, as dependent claims write it before the number.
pub fn claim_word(lang: &str) -> &'static str {
    let l = match lang {
        "fr" => Language::Fr,
        "de" => Language::De,
        "es" => Language::Es,
        _ => Language::En,
    };
    phrases(l).claim
}
