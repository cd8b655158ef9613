//! The documents in flight between the parsers and the index writer, bounded.
//!
//! tantivy's writer queues up to 10,000 documents between `add_document` and its indexing
//! threads, and parsing runs ahead of indexing: unbounded, the queue fills with converted
//! documents (about 170 KB each for a full-text patent) and the memory of a build grows with
//! the collection. A [`Window`] hands out a [`Slot`] per document before it is converted; the
//! slot travels with the document into the writer ([`Tracked`]) and is given back when the
//! writer has indexed the document and drops it. A parser that finds the window full waits.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use tantivy::TantivyDocument;

/// At most this many documents between the parsers and the writer's indexing threads, for a
/// writer budget of `memory` bytes: about one document per 800 KB of budget (a fifth of the
/// budget at the size of a full-text patent), between 16 and 1,024. A few hundred keep the
/// writer threads fed.
pub fn default_bound(memory: usize) -> usize {
    (memory / 800_000).clamp(16, 1024)
}

/// Counts the documents in flight and makes the parsers wait when there are `bound` of them.
#[derive(Debug)]
pub struct Window {
    bound: usize,
    /// (in flight now, the most there ever were).
    count: Mutex<(usize, usize)>,
    freed: Condvar,
}

impl Window {
    /// A window of `bound` documents (at least 1).
    pub fn new(bound: usize) -> Arc<Window> {
        Arc::new(Window {
            bound: bound.max(1),
            count: Mutex::new((0, 0)),
            freed: Condvar::new(),
        })
    }

    /// Take a slot for one document, waiting while the window is full.
    pub fn acquire(self: &Arc<Self>) -> Slot {
        let mut count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        while count.0 >= self.bound {
            count = self
                .freed
                .wait(count)
                .unwrap_or_else(PoisonError::into_inner);
        }
        count.0 += 1;
        count.1 = count.1.max(count.0);
        Slot(self.clone())
    }

    /// The bound.
    pub fn bound(&self) -> usize {
        self.bound
    }

    /// The most documents that were in flight at once.
    pub fn high_water(&self) -> usize {
        self.count.lock().unwrap_or_else(PoisonError::into_inner).1
    }

    /// The documents in flight now.
    pub fn in_flight(&self) -> usize {
        self.count.lock().unwrap_or_else(PoisonError::into_inner).0
    }
}

/// One document's place in a [`Window`], given back when dropped.
#[derive(Debug)]
pub struct Slot(Arc<Window>);

impl Drop for Slot {
    fn drop(&mut self) {
        let mut count = self.0.count.lock().unwrap_or_else(PoisonError::into_inner);
        count.0 = count.0.saturating_sub(1);
        drop(count);
        self.0.freed.notify_one();
    }
}

/// A converted document on its way through the writer, holding its slot until the writer
/// drops it.
#[derive(Debug)]
pub struct Tracked {
    doc: TantivyDocument,
    _slot: Option<Slot>,
}

impl Tracked {
    /// `doc`, holding `slot` (none: not counted).
    pub fn new(doc: TantivyDocument, slot: Option<Slot>) -> Tracked {
        Tracked { doc, _slot: slot }
    }
}

impl tantivy::Document for Tracked {
    type Value<'a> = <TantivyDocument as tantivy::Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as tantivy::Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_window_waits_until_a_slot_is_given_back() {
        let w = Window::new(2);
        let a = w.acquire();
        let _b = w.acquire();
        assert_eq!((w.in_flight(), w.high_water()), (2, 2));
        let w2 = w.clone();
        let waiter = std::thread::spawn(move || {
            let _c = w2.acquire();
            w2.in_flight()
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!waiter.is_finished(), "the third document waits");
        drop(a);
        assert_eq!(waiter.join().unwrap(), 2);
        assert_eq!(w.high_water(), 2);
        assert_eq!(w.in_flight(), 1);
    }

    #[test]
    fn the_default_bound_follows_the_budget() {
        assert_eq!(default_bound(400_000_000), 500);
        assert_eq!(default_bound(20_000_000), 25);
        assert_eq!(default_bound(1), 16);
        assert_eq!(default_bound(usize::MAX), 1024);
    }
}
