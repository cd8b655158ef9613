//! Archives built in memory for tests of tisc's archive reading.

/// A tar stream of `members` (name, bytes), each a regular file.
///
/// Names are written raw into the 100-byte name field of the header, without the checks the
/// `tar` crate's builder makes, so that unsafe names (`../evil.xml`, absolute paths) can be
/// made. A name longer than 100 bytes is a mistake in the test and panics.
pub fn tar_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, bytes) in members {
        let mut h = tar::Header::new_gnu();
        let field = &mut h.as_old_mut().name;
        assert!(
            name.len() <= field.len(),
            "tar member name longer than {} bytes: {name}",
            field.len()
        );
        field[..name.len()].copy_from_slice(name.as_bytes());
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(bytes);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    // Two empty blocks end the archive.
    out.resize(out.len() + 1024, 0);
    out
}

/// `bytes` gzip-compressed (fast level), as a `.gz` file holds them.
pub fn gz(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("write to memory");
    e.finish().expect("finish in memory")
}

#[cfg(test)]
mod tests {
    #[test]
    fn members_are_padded_to_blocks_and_read_back() {
        let bytes = super::tar_bytes(&[("a.xml", b"hello"), ("dir/b.xml", b"")]);
        assert_eq!(bytes.len(), 512 + 512 + 512 + 1024);
        let mut archive = tar::Archive::new(&bytes[..]);
        let names: Vec<String> = archive
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.xml", "dir/b.xml"]);
    }
}
