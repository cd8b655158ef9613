//! Limits that keep a hostile or careless strategy from exhausting the stack, the memory or
//! the patience of the machine: how deeply a query may nest, how many words a truncated word
//! may expand to, and how many expanded terms a whole query may search.
//!
//! Each has a default and an environment variable to change it (read on every parse, so a
//! long-running workbench picks up a change only when restarted with it):
//! `TISC_MAX_QUERY_DEPTH`, `TISC_MAX_EXPANSIONS`, `TISC_MAX_QUERY_TERMS`.
//! See `docs/query-language.md`.

/// Default nesting depth: parentheses, field codes, and chains of `NOT`, proximity operators
/// and weights each add a level.
pub const DEFAULT_MAX_DEPTH: usize = 100;
/// The largest nesting depth the environment may ask for: parsing, lowering, explaining and
/// searching a tree this deep stays well inside the workbench's 2 MiB worker stacks, even in
/// a debug build (tested).
pub const MAX_MAX_DEPTH: usize = 128;
/// Default cap on the distinct words one truncated word may expand to.
pub const DEFAULT_MAX_EXPANSIONS: usize = 1000;
/// Default cap on the expanded terms of a whole query (each expansion counted once per field
/// it is searched in).
pub const DEFAULT_MAX_TERMS: usize = 20_000;

/// The environment variable for the nesting depth.
pub const DEPTH_VAR: &str = "TISC_MAX_QUERY_DEPTH";
/// The environment variable for the per-word expansion cap.
pub const EXPANSIONS_VAR: &str = "TISC_MAX_EXPANSIONS";
/// The environment variable for the whole-query term cap.
pub const TERMS_VAR: &str = "TISC_MAX_QUERY_TERMS";

/// The limits a query is parsed and lowered under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting allowed (1 ..= [`MAX_MAX_DEPTH`]).
    pub max_depth: usize,
    /// Words one truncated word expands to, at most (more are left out, with a warning).
    pub max_expansions: usize,
    /// Expanded terms of the whole query, at most (more is an error).
    pub max_terms: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            max_expansions: DEFAULT_MAX_EXPANSIONS,
            max_terms: DEFAULT_MAX_TERMS,
        }
    }
}

/// An environment variable holds something other than an allowed number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{var} must be a whole number from {min} to {max}, not `{value}`")]
pub struct LimitError {
    pub var: &'static str,
    pub value: String,
    pub min: usize,
    pub max: usize,
}

fn read(
    get: &dyn Fn(&str) -> Option<String>,
    var: &'static str,
    default: usize,
    max: usize,
) -> Result<usize, LimitError> {
    let Some(value) = get(var) else {
        return Ok(default);
    };
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or(LimitError {
            var,
            value,
            min: 1,
            max,
        })
}

impl Limits {
    /// The defaults, changed by whichever of the environment variables are set.
    pub fn from_env() -> Result<Limits, LimitError> {
        Limits::from_lookup(&|k| std::env::var(k).ok())
    }

    /// The same, with the variables looked up by `get` (for tests).
    pub fn from_lookup(get: &dyn Fn(&str) -> Option<String>) -> Result<Limits, LimitError> {
        Ok(Limits {
            max_depth: read(get, DEPTH_VAR, DEFAULT_MAX_DEPTH, MAX_MAX_DEPTH)?,
            max_expansions: read(get, EXPANSIONS_VAR, DEFAULT_MAX_EXPANSIONS, 1_000_000)?,
            max_terms: read(get, TERMS_VAR, DEFAULT_MAX_TERMS, 10_000_000)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_and_variables_override_within_bounds() {
        let none = Limits::from_lookup(&|_| None).unwrap();
        assert_eq!(none, Limits::default());
        let set = Limits::from_lookup(&|k| (k == DEPTH_VAR).then(|| " 40 ".to_string())).unwrap();
        assert_eq!(set.max_depth, 40);
        for bad in ["0", "129", "deep", "-3", ""] {
            let e =
                Limits::from_lookup(&|k| (k == DEPTH_VAR).then(|| bad.to_string())).unwrap_err();
            assert_eq!(e.var, DEPTH_VAR);
            assert!(e.to_string().contains("from 1 to 128"), "{e}");
        }
        let e = Limits::from_lookup(&|k| (k == TERMS_VAR).then(|| "many".to_string())).unwrap_err();
        assert_eq!((e.var, e.value.as_str()), (TERMS_VAR, "many"));
        assert_eq!(
            e.to_string(),
            format!(
                "TISC_MAX_QUERY_TERMS must be a whole number from {} to {}, not `many`",
                e.min, e.max
            )
        );
    }
}
