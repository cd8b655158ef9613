//! The index writer's view of an index folder: tantivy's memory-mapped segment files, whose
//! pages the process lets go of while a build runs.
//!
//! A merge reads its segments through memory maps, and every page it touches counts in the
//! process's resident memory until the merge is done: the memory a build holds grew with the
//! size of its merges. [`ShedDirectory`] maps the files itself and, every [`SHED_EVERY`] while
//! the writers of the process (one per shard) have more than [`SHED_ABOVE`] bytes mapped in
//! all, tells the kernel that the process no longer needs the pages it holds
//! (`madvise(MADV_DONTNEED)`). The pages leave the process's
//! resident memory but stay in the page cache; a page read again is mapped back from there
//! (from the disk only if the kernel dropped it). For a file mapped shared and read-only, as
//! these are, what is read back is the file's content; segment files are written once and
//! never changed, so a reader sees the same bytes before and after. Searches open indexes
//! with tantivy's own directory and keep their pages: only the writer's merges shed them.

use memmap2::Mmap;
use std::fs::File;
use std::io;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle,
    WritePtr,
};
use tantivy::Directory;

/// How often the mapped pages are let go.
pub const SHED_EVERY: Duration = Duration::from_millis(200);

/// Below this many bytes mapped by the process's writers, nothing is shed (a small index
/// keeps its pages).
pub const SHED_ABOVE: u64 = 64 << 20;

/// tantivy's memory-mapped directory, with the files mapped here so that their pages can be
/// shed (see the module's documentation).
#[derive(Clone)]
pub struct ShedDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    maps: Arc<Maps>,
}

impl std::fmt::Debug for ShedDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ShedDirectory({})", self.root.display())
    }
}

/// Mapped files, by weak reference: a map that nothing reads any more is unmapped as usual.
/// The process has one list, shared by every writer's directory ([`process_maps`]).
#[derive(Default)]
struct Maps {
    live: Mutex<Vec<Weak<Mmap>>>,
}

impl Maps {
    fn add(&self, map: &Arc<Mmap>) {
        if let Ok(mut live) = self.live.lock() {
            live.retain(|w| w.strong_count() > 0);
            live.push(Arc::downgrade(map));
        }
    }

    /// Let go of the pages of every live map, if together they are large enough to matter;
    /// the bytes mapped.
    fn shed(&self) -> u64 {
        let maps: Vec<Arc<Mmap>> = match self.live.lock() {
            Ok(mut live) => {
                live.retain(|w| w.strong_count() > 0);
                live.iter().filter_map(Weak::upgrade).collect()
            }
            Err(_) => return 0,
        };
        let mapped: u64 = maps.iter().map(|m| m.len() as u64).sum();
        if mapped > SHED_ABOVE {
            for m in &maps {
                // SAFETY: the map is alive while `m` is held, and it is a shared, read-only
                // mapping of a file that is never written again: after MADV_DONTNEED a read
                // maps the same bytes back from the page cache or the file, so no reference
                // into it sees different data. An error only means the pages stay.
                #[cfg(unix)]
                unsafe {
                    let _ = m.unchecked_advise(memmap2::UncheckedAdvice::DontNeed);
                }
            }
        }
        mapped
    }
}

/// A mapped file as the bytes tantivy reads.
struct Mapped(Arc<Mmap>);

impl Deref for Mapped {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes live in the mapping, which does not move while the `Arc` holds it.
unsafe impl stable_deref_trait::StableDeref for Mapped {}

/// The process's list of mapped files, with the thread that sheds their pages every
/// [`SHED_EVERY`], started with the first writer (and sleeping for the rest of the process).
fn process_maps() -> std::io::Result<Arc<Maps>> {
    static MAPS: OnceLock<Arc<Maps>> = OnceLock::new();
    static STARTED: Mutex<bool> = Mutex::new(false);
    let maps = Arc::clone(MAPS.get_or_init(|| Arc::new(Maps::default())));
    let mut started = STARTED.lock().unwrap_or_else(|e| e.into_inner());
    if !*started && cfg!(unix) {
        let shed = Arc::clone(&maps);
        std::thread::Builder::new()
            .name("tisc-shed".into())
            .spawn(move || loop {
                std::thread::sleep(SHED_EVERY);
                shed.shed();
            })?;
        *started = true;
    }
    Ok(maps)
}

impl ShedDirectory {
    /// The directory of the index folder `root`, its files in the process's list, whose
    /// pages a thread sheds every [`SHED_EVERY`].
    pub fn open(root: &Path) -> tantivy::Result<ShedDirectory> {
        let maps = process_maps().map_err(tantivy::TantivyError::from)?;
        ShedDirectory::with_maps(root, maps)
    }

    /// The directory of `root`, its files in `maps`.
    fn with_maps(root: &Path, maps: Arc<Maps>) -> tantivy::Result<ShedDirectory> {
        Ok(ShedDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            maps,
        })
    }

    fn map(&self, path: &Path) -> Result<Option<Arc<Mmap>>, OpenReadError> {
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(e, path.to_path_buf())
            }
        })?;
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .len();
        if len == 0 {
            // An empty file cannot be mapped.
            return Ok(None);
        }
        // SAFETY: tantivy writes a segment file once and never changes it; tisc holds the
        // corpus's lock while it writes, so no other tisc truncates what is mapped here.
        let map = unsafe { Mmap::map(&file) }
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        let map = Arc::new(map);
        self.maps.add(&map);
        Ok(Some(map))
    }
}

impl Directory for ShedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let bytes = match self.map(path)? {
            Some(map) => OwnedBytes::new(Mapped(map)),
            None => OwnedBytes::empty(),
        };
        Ok(Arc::new(bytes))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory with a list of its own, shed only when a test says so.
    fn unshed(root: &Path) -> ShedDirectory {
        ShedDirectory::with_maps(root, Arc::new(Maps::default())).unwrap()
    }

    /// The resident KiB of `map`, `None` where `/proc/self/smaps` cannot say.
    fn resident_kib(map: &Mmap) -> Option<usize> {
        // mincore(2) on the mapping would say what the page cache holds; the process's own
        // view is in /proc/self/smaps, by mapping address.
        let start = map.as_ptr() as usize;
        let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
        let mut inside = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ') {
                if let Some((a, _)) = range.split_once('-') {
                    if let Ok(a) = usize::from_str_radix(a, 16) {
                        inside = a == start;
                        continue;
                    }
                }
            }
            if inside {
                if let Some(rest) = line.strip_prefix("Rss:") {
                    return rest.trim().trim_end_matches("kB").trim().parse().ok();
                }
            }
        }
        None
    }

    #[test]
    fn shed_pages_leave_the_process_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..(SHED_ABOVE as usize + (8 << 20)))
            .map(|i| (i % 251) as u8)
            .collect();
        std::fs::write(dir.path().join("seg.idx"), &bytes).unwrap();
        std::fs::write(dir.path().join("empty.pos"), b"").unwrap();
        let d = unshed(dir.path());
        let handle = d.get_file_handle(Path::new("seg.idx")).unwrap();
        let read = handle.read_bytes(0..bytes.len()).unwrap();
        assert_eq!(read.as_slice(), &bytes[..]);
        let map = d.maps.live.lock().unwrap()[0].upgrade().unwrap();
        let before = resident_kib(&map);
        if cfg!(target_os = "linux") {
            assert!(
                before > Some(1024),
                "the pages read are resident: {before:?}"
            );
        }
        assert_eq!(d.maps.shed(), bytes.len() as u64);
        if cfg!(target_os = "linux") {
            let after = resident_kib(&map);
            assert!(
                after < Some(1024),
                "shed pages leave the process: {after:?}"
            );
        }
        // Read again through the same bytes: the file's content, mapped back.
        assert_eq!(read.as_slice(), &bytes[..]);
        assert!(d
            .get_file_handle(Path::new("empty.pos"))
            .unwrap()
            .read_bytes(0..0)
            .unwrap()
            .is_empty());
        assert!(matches!(
            d.get_file_handle(Path::new("missing.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }

    #[test]
    fn a_small_index_keeps_its_pages() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.idx"), vec![7u8; 1 << 20]).unwrap();
        let d = unshed(dir.path());
        let handle = d.get_file_handle(Path::new("a.idx")).unwrap();
        let read = handle.read_bytes(0..(1 << 20)).unwrap();
        assert!(read.as_slice().iter().all(|b| *b == 7));
        let map = d.maps.live.lock().unwrap()[0].upgrade().unwrap();
        let before = resident_kib(&map);
        assert_eq!(d.maps.shed(), 1 << 20);
        if cfg!(target_os = "linux") {
            // The kernel may reclaim a few clean pages meanwhile; shedding would drop all.
            let after = resident_kib(&map).unwrap_or(0);
            assert!(
                after + 256 >= before.unwrap_or(0) && after > 512,
                "{before:?} -> {after}"
            );
        }
        drop((read, handle, map));
        assert_eq!(d.maps.shed(), 0, "a map nothing reads is gone");
    }
}
