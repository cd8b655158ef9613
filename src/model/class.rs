//! IPC and CPC classification symbols, normalised and split into their hierarchy levels.

use std::fmt;

/// A classification symbol (IPC or CPC): section `A`, class `61`, subclass `M`, main group
/// `15`, subgroup `08`. Parsed from `A61M 15/08`, `A61M15/08`, `A61M0015080000` (WIPO long
/// form), `A61M  15/08`; any level may be missing from the right (`A61M`, `A61`, `A`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassCode {
    pub section: char,
    pub class: Option<String>,
    pub subclass: Option<char>,
    pub main_group: Option<String>,
    pub subgroup: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a classification symbol: `{0}` (expected e.g. A61M 15/08, A61M15/08, A61M0015080000 or A61M)")]
pub struct ClassError(pub String);

impl ClassCode {
    pub fn parse(input: &str) -> Result<ClassCode, ClassError> {
        let err = || ClassError(input.to_string());
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        // Symbols are ASCII; anything else is not a symbol (checked first, so that what
        // follows splits at characters, never inside one).
        if !s.is_ascii() {
            return Err(err());
        }
        let mut chars = s.chars();
        let section = chars
            .next()
            .filter(|c| ('A'..='H').contains(c) || *c == 'Y')
            .ok_or_else(err)?;
        let rest = chars.as_str();
        if rest.is_empty() {
            return Ok(ClassCode {
                section,
                class: None,
                subclass: None,
                main_group: None,
                subgroup: None,
            });
        }
        let class: String = rest.chars().take(2).collect();
        if class.chars().count() < 2 || !class.chars().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        let mut it = rest.chars().skip(2);
        let subclass = match it.next() {
            None => None,
            Some(c) if c.is_ascii_alphabetic() => Some(c),
            Some(_) => return Err(err()),
        };
        let rest: String = it.collect();
        let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
        let (main_group, subgroup) = if rest.is_empty() {
            (None, None)
        } else if let Some((mg, sg)) = rest.split_once('/') {
            let mg = mg.trim_start_matches(['-', '0']);
            let sg = sg.trim();
            if mg.is_empty() || !digits(mg) || mg.chars().count() > 4 {
                return Err(err());
            }
            if sg.is_empty() || !digits(sg) || sg.chars().count() > 6 {
                return Err(err());
            }
            (Some(mg.to_string()), Some(normalize_subgroup(sg)))
        } else if rest.chars().count() == 10 && digits(&rest) {
            // WIPO long form: 4-digit main group + 6-digit subgroup.
            let mg: String = rest.chars().take(4).collect();
            let sg: String = rest.chars().skip(4).collect();
            let mg = mg.trim_start_matches('0');
            if mg.is_empty() {
                return Err(err());
            }
            (Some(mg.to_string()), Some(normalize_subgroup(&sg)))
        } else if digits(&rest) && rest.chars().count() <= 4 {
            let mg = rest.trim_start_matches('0');
            if mg.is_empty() {
                return Err(err());
            }
            (Some(mg.to_string()), None)
        } else {
            return Err(err());
        };
        if subclass.is_none() && main_group.is_some() {
            return Err(err());
        }
        Ok(ClassCode {
            section,
            class: Some(class),
            subclass,
            main_group,
            subgroup,
        })
    }

    /// From the separate parts USPTO and EPO XML give (`section`, `class`, `subclass`,
    /// `main-group`, `subgroup`).
    pub fn from_parts(
        section: &str,
        class: &str,
        subclass: &str,
        main_group: &str,
        subgroup: &str,
    ) -> Result<ClassCode, ClassError> {
        let joined = if main_group.trim().is_empty() {
            format!("{}{}{}", section.trim(), class.trim(), subclass.trim())
        } else {
            format!(
                "{}{}{}{}/{}",
                section.trim(),
                class.trim(),
                subclass.trim(),
                main_group.trim(),
                if subgroup.trim().is_empty() {
                    "00"
                } else {
                    subgroup.trim()
                }
            )
        };
        ClassCode::parse(&joined)
    }

    /// Every level from the section down to this symbol, as index terms:
    /// `A`, `A61`, `A61M`, `A61M15`, `A61M15/08`.
    pub fn levels(&self) -> Vec<String> {
        let mut out = vec![self.section.to_string()];
        let Some(class) = &self.class else { return out };
        let c = format!("{}{}", self.section, class);
        out.push(c.clone());
        let Some(sub) = self.subclass else { return out };
        let sc = format!("{c}{sub}");
        out.push(sc.clone());
        let Some(mg) = &self.main_group else {
            return out;
        };
        let g = format!("{sc}{mg}");
        out.push(g.clone());
        if let Some(sg) = &self.subgroup {
            out.push(format!("{g}/{sg}"));
        }
        out
    }

    /// `A61M0015080000`: the WIPO long form used by the IPC title list.
    pub fn long_form(&self) -> Option<String> {
        let mg = self.main_group.as_ref()?;
        let sg = self.subgroup.as_deref().unwrap_or("00");
        Some(format!(
            "{}{}{}{:0>4}{:0<6}",
            self.section,
            self.class.as_deref()?,
            self.subclass?,
            mg,
            sg
        ))
    }
}

/// Subgroups keep at least two digits and drop trailing zeros beyond them: `080000` → `08`,
/// `0` → `00`, `123` → `123`.
fn normalize_subgroup(sg: &str) -> String {
    let t = sg.trim_end_matches('0');
    if t.len() >= 2 {
        t.to_string()
    } else {
        format!("{t:0<2}")
    }
}

impl fmt::Display for ClassCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let levels = self.levels();
        f.write_str(levels.last().map(String::as_str).unwrap_or(""))
    }
}

impl fmt::Debug for ClassCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClassCode({self})")
    }
}

serde_as_text!(ClassCode, ClassCode::parse);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_normalise_to_one_symbol() {
        for s in [
            "A61M 15/08",
            "A61M15/08",
            "A61M0015080000",
            "a61m  15/08",
            "A61M 015/080",
        ] {
            assert_eq!(ClassCode::parse(s).unwrap().to_string(), "A61M15/08", "{s}");
        }
        assert_eq!(
            ClassCode::parse("A61K 36/00").unwrap().to_string(),
            "A61K36/00"
        );
        assert_eq!(
            ClassCode::parse("A61K0036061000").unwrap().to_string(),
            "A61K36/061"
        );
        assert_eq!(
            ClassCode::parse("Y02E 10/44").unwrap().to_string(),
            "Y02E10/44"
        );
    }

    #[test]
    fn levels_run_from_section_to_symbol() {
        let c = ClassCode::parse("A61M 15/08").unwrap();
        assert_eq!(c.levels(), ["A", "A61", "A61M", "A61M15", "A61M15/08"]);
        assert_eq!(
            ClassCode::parse("H01L").unwrap().levels(),
            ["H", "H01", "H01L"]
        );
        assert_eq!(c.long_form().as_deref(), Some("A61M0015080000"));
    }

    #[test]
    fn parts_from_xml_join() {
        let c = ClassCode::from_parts("A", "01", "B", "1", "02").unwrap();
        assert_eq!(c.to_string(), "A01B1/02");
    }

    #[test]
    fn garbage_is_rejected() {
        for s in ["", "Z01B", "A6", "A61M 15/", "A61M15/08/1", "61M"] {
            assert!(ClassCode::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn non_ascii_symbols_are_errors_not_panics() {
        for s in [
            "A€",
            "A6€",
            "A61€",
            "A61M€",
            "A61M1€/08",
            "A61M15/0€",
            "Aé1M",
            "A61M0015€80000",
            "ä",
            "A\u{0}",
            "Y０２E",
            "A61M 15/08\u{301}",
        ] {
            let e = ClassCode::parse(s).unwrap_err();
            assert_eq!(e.0, s);
        }
    }
}
