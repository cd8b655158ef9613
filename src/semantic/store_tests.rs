//! Tests of the vector files: round trips, torn tails, checksums, another model, compaction.

use super::*;

fn v(x: f32, dim: usize) -> Vec<f32> {
    (0..dim).map(|i| x + i as f32).collect()
}

#[test]
fn batches_round_trip_and_a_later_record_replaces_an_earlier_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut w, before) = StoreWriter::open(tmp.path(), "m1", 3).unwrap();
    assert!(before.is_none());
    w.append(&[("a".into(), 1, v(1.0, 3)), ("b".into(), 2, v(2.0, 3))])
        .unwrap();
    w.append(&[("a".into(), 9, v(5.0, 3))]).unwrap();
    let o = open(tmp.path(), Some("m1")).unwrap().unwrap();
    assert_eq!(o.records, 3);
    assert_eq!(o.torn_bytes, 0);
    assert_eq!(o.vectors.len(), 2);
    assert_eq!(o.vectors.get("a"), Some(&v(5.0, 3)[..]));
    assert_eq!(o.vectors.text_hash("a"), Some(9));
    assert_eq!(o.vectors.get("b"), Some(&v(2.0, 3)[..]));
}

#[test]
fn a_torn_tail_is_ignored_then_cut_before_the_next_append() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut w, _) = StoreWriter::open(tmp.path(), "m1", 2).unwrap();
    w.append(&[("a".into(), 1, v(1.0, 2))]).unwrap();
    let data = vectors_dir(tmp.path()).join(&w.manifest().data);
    drop(w);
    // Half a record written after the manifest: a kill in the middle of a batch.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&data)
        .unwrap();
    f.write_all(&[3, 0, b'x', b'y']).unwrap();
    drop(f);
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!((o.vectors.len(), o.torn_bytes), (1, 4));
    let (mut w, _) = StoreWriter::open(tmp.path(), "m1", 2).unwrap();
    w.append(&[("b".into(), 2, v(2.0, 2))]).unwrap();
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!((o.vectors.len(), o.torn_bytes), (2, 0));
    assert_eq!(o.vectors.get("b"), Some(&v(2.0, 2)[..]));
}

#[test]
fn a_record_that_fails_its_checksum_ends_what_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut w, _) = StoreWriter::open(tmp.path(), "m1", 2).unwrap();
    w.append(&[("a".into(), 1, v(1.0, 2)), ("b".into(), 1, v(1.0, 2))])
        .unwrap();
    let data = vectors_dir(tmp.path()).join(&w.manifest().data);
    let mut bytes = std::fs::read(&data).unwrap();
    let last = bytes.len() - 6;
    bytes[last] ^= 0xff;
    std::fs::write(&data, &bytes).unwrap();
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!(o.vectors.ids(), ["a".to_string()]);
    assert!(o.torn_bytes > 0);
}

#[test]
fn another_models_vectors_are_ignored_and_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut w, _) = StoreWriter::open(tmp.path(), "m1", 2).unwrap();
    w.append(&[("a".into(), 1, v(1.0, 2))]).unwrap();
    let o = open(tmp.path(), Some("m2")).unwrap().unwrap();
    assert_eq!(o.other_model.as_deref(), Some("m1"));
    assert!(o.vectors.is_empty());
    let (mut w, before) = StoreWriter::open(tmp.path(), "m2", 4).unwrap();
    assert_eq!(before.unwrap().other_model.as_deref(), Some("m1"));
    w.append(&[("b".into(), 1, v(0.0, 4))]).unwrap();
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!((o.manifest.model_id.as_str(), o.manifest.dim), ("m2", 4));
    assert_eq!(o.vectors.ids(), ["b".to_string()]);
    let files = std::fs::read_dir(vectors_dir(tmp.path())).unwrap().count();
    assert_eq!(files, 2, "one data file and the manifest");
}

#[test]
fn compaction_keeps_what_is_asked_in_a_new_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut w, _) = StoreWriter::open(tmp.path(), "m1", 2).unwrap();
    w.append(&[("a".into(), 1, v(1.0, 2)), ("b".into(), 2, v(2.0, 2))])
        .unwrap();
    let first = w.manifest().data.clone();
    let mut keep = Vectors::new("m1", 2);
    keep.put("b", 2, &v(2.0, 2));
    w.compact(&keep).unwrap();
    assert_ne!(w.manifest().data, first);
    assert!(!vectors_dir(tmp.path()).join(&first).exists());
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!(o.vectors.ids(), ["b".to_string()]);
    assert_eq!(o.records, 1);
}

#[test]
fn a_manifest_naming_a_path_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = vectors_dir(tmp.path());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(MANIFEST_FILE),
        r#"{"format":1,"model_id":"m","dim":2,"data":"../x","length":0}"#,
    )
    .unwrap();
    let e = open(tmp.path(), None).unwrap_err().to_string();
    assert!(e.contains("not a data file name"), "{e}");
}

/// A store written in format 1 (FNV-1a checksums), as tisc wrote them before format 2.
fn write_format_1(index_dir: &Path, records: &[(&str, u64, Vec<f32>)], dim: usize) {
    let dir = vectors_dir(index_dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = Vec::new();
    for (id, hash, v) in records {
        encode(1, id, *hash, v, &mut bytes);
    }
    std::fs::write(dir.join("data-000001.f32"), &bytes).unwrap();
    let manifest = format!(
        r#"{{"format":1,"model_id":"m1","dim":{dim},"data":"data-000001.f32","length":{}}}"#,
        bytes.len()
    );
    std::fs::write(dir.join(MANIFEST_FILE), manifest).unwrap();
}

#[test]
fn a_format_1_store_is_read_appended_to_and_upgraded_by_compaction() {
    let tmp = tempfile::tempdir().unwrap();
    write_format_1(tmp.path(), &[("a", 1, v(1.0, 3)), ("b", 2, v(2.0, 3))], 3);
    // Format 1's checksum is not format 2's: reading it as format 2 would stop at once.
    let mut one = Vec::new();
    encode(1, "a", 1, &v(1.0, 3), &mut one);
    let mut two = Vec::new();
    encode(2, "a", 1, &v(1.0, 3), &mut two);
    assert_ne!(one, two);
    let o = open(tmp.path(), Some("m1")).unwrap().unwrap();
    assert_eq!(
        (o.manifest.format, o.vectors.len(), o.torn_bytes),
        (1, 2, 0)
    );
    // Appending continues the file in its own format.
    let (mut w, _) = StoreWriter::open(tmp.path(), "m1", 3).unwrap();
    w.append(&[("c".into(), 3, v(3.0, 3))]).unwrap();
    assert_eq!(w.manifest().format, 1);
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!(o.vectors.ids(), ["a", "b", "c"]);
    assert_eq!(o.vectors.get("c"), Some(&v(3.0, 3)[..]));
    // Compaction writes a new file, in the current format.
    w.compact(&o.vectors).unwrap();
    assert_eq!(w.manifest().format, FORMAT);
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!(
        (o.manifest.format, o.vectors.len(), o.torn_bytes),
        (FORMAT, 3, 0)
    );
    assert_eq!(o.vectors.get("b"), Some(&v(2.0, 3)[..]));
}

#[test]
fn among_many_records_the_first_bad_one_ends_what_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut w, _) = StoreWriter::open(tmp.path(), "m1", 4).unwrap();
    let batch: Vec<(String, u64, Vec<f32>)> = (0..5000)
        .map(|i| (format!("d{i}"), i, v(i as f32, 4)))
        .collect();
    w.append(&batch).unwrap();
    let data = vectors_dir(tmp.path()).join(&w.manifest().data);
    let mut bytes = std::fs::read(&data).unwrap();
    // Records 0..1000 have ids of 2–4 characters: spoil one number of record 3210 and one of
    // record 4321 (records of d1000..d4999 are 2 + 5 + 8 + 16 + 4 = 35 bytes).
    let start_of = |i: usize| {
        let short = |n: usize| 2 + n + 8 + 16 + 4;
        (0..i).map(|k| short(format!("d{k}").len())).sum::<usize>()
    };
    for i in [3210, 4321] {
        bytes[start_of(i) + 2 + 5 + 8 + 1] ^= 0x40;
    }
    std::fs::write(&data, &bytes).unwrap();
    let o = open(tmp.path(), None).unwrap().unwrap();
    assert_eq!(o.vectors.len(), 3210);
    assert_eq!(o.vectors.ids().last().map(String::as_str), Some("d3209"));
    assert_eq!(o.torn_bytes, (bytes.len() - start_of(3210)) as u64);
}
