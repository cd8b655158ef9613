//! Ranking parameters from a spec (`--bm25 k1=0.9,ti=2:0.4,de=0`), for tuning: each
//! `key=value` part overrides one parameter of [`Bm25Params`]; see docs/ranking.md.

use super::freetext::{Bm25Params, FieldParam, Prf, Proximity};
use crate::index::TextCode;

/// Why a ranking spec (`--bm25`) is refused; each names the offending `key=value` part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Bm25SpecError {
    #[error("`{0}`: expected key=value")]
    NotKeyValue(String),
    #[error("`{part}`: `{value}` is not a number")]
    NotANumber { part: String, value: String },
    /// A whole number (documents, terms, depth) that does not parse.
    #[error("`{part}`: {what} must be a number")]
    NotACount { part: String, what: &'static str },
    #[error("`{0}`: topic must be a finite number")]
    InfiniteTopic(String),
    #[error("`{0}`: expected prf=docs:terms:weight, e.g. prf=10:10:0.3")]
    PrfShape(String),
    #[error("`{0}`: unknown parameter (k1, k3, ident, topic, stop, prf, prox, ti, ab, cl, de, ti_raw, ab_raw, cl_raw, de_raw)")]
    UnknownKey(String),
}

impl Bm25Params {
    /// Override parameters from a spec such as `k1=0.9,ti=2:0.4,ab=1:0.6,de=0` (weight:b).
    pub fn with_spec(mut self, spec: &str) -> Result<Bm25Params, Bm25SpecError> {
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let part_of = || part.to_string();
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| Bm25SpecError::NotKeyValue(part_of()))?;
            let num = |s: &str| {
                s.parse::<f32>().map_err(|_| Bm25SpecError::NotANumber {
                    part: part_of(),
                    value: s.to_string(),
                })
            };
            let count = |s: &str, what: &'static str| {
                s.parse().map_err(|_| Bm25SpecError::NotACount {
                    part: part_of(),
                    what,
                })
            };
            match k {
                "k1" => self.k1 = num(v)?,
                "k3" => self.k3 = num(v)?.max(0.0),
                "ident" => self.identifier = num(v)?.max(0.0),
                "topic" => {
                    // exp(topic × share): a finite weight, or every score would be NaN.
                    let t = num(v)?;
                    if !t.is_finite() {
                        return Err(Bm25SpecError::InfiniteTopic(part_of()));
                    }
                    self.topic = t.max(0.0);
                }
                "stop" => self.stopwords = v == "1" || v == "true",
                "prf" => {
                    // prf=docs:terms:weight, or prf=0 to switch it off
                    let parts: Vec<&str> = v.split(':').collect();
                    self.prf = match parts.as_slice() {
                        ["0"] => None,
                        [d, t, w] => Some(Prf {
                            docs: count(d, "docs")?,
                            terms: count(t, "terms")?,
                            weight: num(w)?,
                        }),
                        _ => return Err(Bm25SpecError::PrfShape(part_of())),
                    };
                }
                "prox" => {
                    // prox=weight or prox=weight:depth; prox=0 switches it off
                    self.prox = match v.split_once(':') {
                        None if num(v)? == 0.0 => None,
                        None => Some(Proximity {
                            weight: num(v)?,
                            depth: Proximity::DEPTH,
                        }),
                        Some((w, d)) => Some(Proximity {
                            weight: num(w)?,
                            depth: count(d, "depth")?,
                        }),
                    };
                }
                key => {
                    let (code, raw) = match key.strip_suffix("_raw") {
                        Some(c) => (c, true),
                        None => (key, false),
                    };
                    let tc = TextCode::ALL
                        .into_iter()
                        .find(|c| c.code() == code)
                        .ok_or_else(|| Bm25SpecError::UnknownKey(key.to_string()))?;
                    let (w, b) = match v.split_once(':') {
                        Some((w, b)) => (num(w)?, Some(num(b)?)),
                        None => (num(v)?, None),
                    };
                    self.fields.retain(|f| f.code != tc || f.raw != raw);
                    if w > 0.0 {
                        self.fields.push(FieldParam {
                            code: tc,
                            weight: w,
                            b: b.unwrap_or(0.75),
                            raw,
                        });
                    }
                }
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_overrides_parameters() {
        let p = Bm25Params::batch()
            .with_spec("k1=0.9,ti=3:0.3,de=0")
            .unwrap();
        assert_eq!(p.k1, 0.9);
        assert!(p.fields.iter().all(|f| f.code != TextCode::De));
        let ti = p.fields.iter().find(|f| f.code == TextCode::Ti).unwrap();
        assert_eq!((ti.weight, ti.b), (3.0, 0.3));
        assert!(Bm25Params::batch().with_spec("zz=1").is_err());
        assert!(Bm25Params::batch().with_spec("k1=x").is_err());
    }

    #[test]
    fn each_refusal_is_its_own_variant_naming_the_part() {
        let refused = |spec: &str| Bm25Params::batch().with_spec(spec).unwrap_err();
        assert_eq!(refused("k1"), Bm25SpecError::NotKeyValue("k1".into()));
        let e = refused("ti=2:x");
        assert_eq!(
            e,
            Bm25SpecError::NotANumber {
                part: "ti=2:x".into(),
                value: "x".into()
            }
        );
        assert_eq!(e.to_string(), "`ti=2:x`: `x` is not a number");
        let e = refused("prf=a:1:0.3");
        assert!(
            matches!(&e, Bm25SpecError::NotACount { what: "docs", .. }),
            "{e:?}"
        );
        assert_eq!(e.to_string(), "`prf=a:1:0.3`: docs must be a number");
        assert!(matches!(
            refused("prox=1:z"),
            Bm25SpecError::NotACount { what: "depth", .. }
        ));
        assert_eq!(
            refused("topic=inf"),
            Bm25SpecError::InfiniteTopic("topic=inf".into())
        );
        assert_eq!(
            refused("prf=1:2"),
            Bm25SpecError::PrfShape("prf=1:2".into())
        );
        let e = refused("zz=1");
        assert_eq!(e, Bm25SpecError::UnknownKey("zz".into()));
        assert_eq!(
            e.to_string(),
            "`zz`: unknown parameter (k1, k3, ident, topic, stop, prf, prox, ti, ab, cl, de, \
             ti_raw, ab_raw, cl_raw, de_raw)"
        );
    }
}
