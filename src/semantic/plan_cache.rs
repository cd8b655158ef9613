//! The model and the vectors kept between the searches of one long-lived process (the
//! workbench), so that a search by meaning costs the scan, not reading 90 MB of weights and
//! every vector again.
//!
//! Each search still checks that what is kept is current: the installed model (its name and
//! the time its `model.json` was written) and each store's manifest (model, data file,
//! length). When either changed — another model installed, `tisc embed` run meanwhile — it
//! is read again. A one-shot command has nothing to keep and uses [`super::plan::plan`].

use super::plan::{corpus_dirs, plan_from, read_stored, Plan, Setting, Stored};
use super::{store, Embedder, SemanticError};
use crate::corpus::Workspace;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// What identifies the installed model: its name and when its card was written.
type ModelKey = (String, Option<SystemTime>);

/// What identifies a store's content: the model, the data file and its counted length.
type StoreKey = (String, String, u64);

#[derive(Default)]
struct Kept {
    model: Option<(ModelKey, Arc<dyn Embedder>)>,
    stores: HashMap<PathBuf, (StoreKey, Arc<Vectors>)>,
}

use super::store::Vectors;

/// The model and vectors kept by one process (cheap to share: clones share the same keep).
#[derive(Clone, Default)]
pub struct PlanCache {
    kept: Arc<Mutex<Kept>>,
}

impl PlanCache {
    pub fn new() -> PlanCache {
        PlanCache::default()
    }

    /// [`super::plan::plan`], with the model and vectors kept from earlier searches when they
    /// are still current.
    pub fn plan(&self, ws: &Workspace, names: &[&str], setting: Setting) -> Plan {
        let load = || self.model(&ws.home);
        let stored = |dir: &Path, model_id: &str| self.stored(dir, model_id);
        plan_from(&corpus_dirs(ws, names), setting, &load, &stored)
    }

    fn model(&self, home: &Path) -> Result<Arc<dyn Embedder>, SemanticError> {
        let key = model_key(home);
        if let (Some(key), Ok(kept)) = (&key, self.kept.lock()) {
            if let Some((k, m)) = &kept.model {
                if k == key {
                    return Ok(m.clone());
                }
            }
        }
        let model: Arc<dyn Embedder> = Arc::from(super::load_installed(home, 1)?);
        if let (Some(key), Ok(mut kept)) = (key, self.kept.lock()) {
            kept.model = Some((key, model.clone()));
        }
        Ok(model)
    }

    fn stored(&self, dir: &Path, model_id: &str) -> Result<Stored, SemanticError> {
        let key = match store::manifest(dir)? {
            Some(m) => (m.model_id, m.data, m.length),
            None => return Ok(Stored::Nothing),
        };
        if key.0 == model_id {
            if let Ok(kept) = self.kept.lock() {
                if let Some((k, v)) = kept.stores.get(dir) {
                    if *k == key {
                        return Ok(Stored::Vectors(v.clone()));
                    }
                }
            }
        }
        let read = read_stored(dir, model_id)?;
        if let (Stored::Vectors(v), Ok(mut kept)) = (&read, self.kept.lock()) {
            kept.stores.insert(dir.to_path_buf(), (key, v.clone()));
        }
        Ok(read)
    }
}

/// The installed model's name and the time of its card, when they can be read.
fn model_key(home: &Path) -> Option<ModelKey> {
    #[cfg(feature = "semantic")]
    {
        let name = super::model::active_name(home).ok()??;
        let card = super::model::installed_dir(home, &name).join(super::model::CARD_FILE);
        let written = std::fs::metadata(card).and_then(|m| m.modified()).ok();
        Some((name, written))
    }
    #[cfg(not(feature = "semantic"))]
    {
        let _ = home;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::store::StoreWriter;
    use crate::semantic::testing::HashEmbedder;

    #[test]
    fn vectors_are_kept_until_the_store_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a");
        let e = HashEmbedder::new(16);
        let (mut w, _) = StoreWriter::open(&dir, e.model_id(), 16).unwrap();
        w.append(&[("d1".into(), 1, e.embed_query("x").unwrap())])
            .unwrap();
        let cache = PlanCache::new();
        let first = match cache.stored(&dir, e.model_id()).unwrap() {
            Stored::Vectors(v) => v,
            _ => panic!("vectors expected"),
        };
        let again = match cache.stored(&dir, e.model_id()).unwrap() {
            Stored::Vectors(v) => v,
            _ => panic!("vectors expected"),
        };
        assert!(Arc::ptr_eq(&first, &again), "kept, not read again");
        // `tisc embed` adds a vector: the manifest changes, the store is read again.
        w.append(&[("d2".into(), 2, e.embed_query("y").unwrap())])
            .unwrap();
        let after = match cache.stored(&dir, e.model_id()).unwrap() {
            Stored::Vectors(v) => v,
            _ => panic!("vectors expected"),
        };
        assert!(!Arc::ptr_eq(&first, &after));
        assert_eq!(after.len(), 2);
        // Another model's search does not get these vectors.
        assert!(matches!(
            cache.stored(&dir, "another-model").unwrap(),
            Stored::OtherModel(_)
        ));
    }
}
