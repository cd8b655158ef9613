use super::*;

fn p() -> &'static Path {
    Path::new("t.tsv")
}

#[test]
fn ipc_titles_read_every_symbol_form_and_join_continued_titles() {
    let text = "\u{feff}A\tHUMAN NECESSITIES\r\nA01B\tSoil working\nA01B0001020000\tSpades; Shovels\nB61D0019000000\tDoor arrangements (locks E05B0077000000\n      –\n      E05B0085000000)\n\nA01B0001020000\tlater duplicate\n";
    let t = IpcTitles::parse(text, p()).unwrap();
    assert_eq!(t.len(), 4);
    let title = |s: &str| t.title(&ClassCode::parse(s).unwrap()).map(str::to_string);
    assert_eq!(title("A").as_deref(), Some("HUMAN NECESSITIES"));
    assert_eq!(title("A01B").as_deref(), Some("Soil working"));
    assert_eq!(title("A01B 1/02").as_deref(), Some("Spades; Shovels"));
    assert_eq!(
        title("B61D19/00").as_deref(),
        Some("Door arrangements (locks E05B0077000000 – E05B0085000000)")
    );
    assert_eq!(title("A01C"), None);
}

#[test]
fn a_bad_ipc_line_is_refused_with_its_number() {
    let cases = [
        ("A\tx\nA01B no tab here\n", 2, "no tab"),
        ("A\tx\n\nZZ9\tnot a symbol\n", 3, "not an IPC symbol"),
        ("Y02E\tCPC only\n", 1, "not an IPC symbol"),
        ("A01B\t  \n", 1, "no title"),
        ("A01B\ta\tb\n", 1, "more"),
        ("   orphan continuation\n", 1, "no title before it"),
    ];
    for (text, line, what) in cases {
        match IpcTitles::parse(text, p()) {
            Err(e @ ResourceError::BadLine { .. }) => {
                let msg = e.to_string();
                assert!(
                    msg.starts_with(&format!("t.tsv:{line}: ")),
                    "{text:?}: {msg}"
                );
                assert!(msg.contains(what), "{text:?}: {msg}");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    assert!(matches!(
        IpcTitles::parse("\n\n", p()),
        Err(ResourceError::Empty { .. })
    ));
}

#[test]
fn dictionaries_need_a_headword_and_a_translation() {
    let ok = "headword\tpos\ttranslations\nwater\t<n>\teau\npump\t\tpompe | pomper\nsun\tsoleil\n";
    assert_eq!(check_dict(ok, p()).unwrap(), 3);
    for (text, line) in [
        ("headword\tpos\ttranslations\nwater eau\n", 2),
        ("water\t<n>\t\n", 1),
        ("\t<n>\teau\n", 1),
        ("a\tb\tc\td\n", 1),
    ] {
        let e = check_dict(text, p()).unwrap_err().to_string();
        assert!(e.starts_with(&format!("t.tsv:{line}: ")), "{text:?}: {e}");
    }
    assert!(check_dict("headword\tpos\ttranslations\n", p()).is_err());
}

#[test]
fn languages_are_codes_or_pairs() {
    assert!(check_lang(Kind::IpcTitles, "en").is_ok());
    assert!(check_lang(Kind::IpcTitles, "../x").is_err());
    assert!(check_lang(Kind::Dict, "eng-fra").is_ok());
    assert!(check_lang(Kind::Dict, "en").is_err());
    assert_eq!(
        lang_for(Kind::Dict, Path::new("/d/eng-fra.tsv"), None).unwrap(),
        "eng-fra"
    );
    assert!(lang_for(Kind::Dict, Path::new("/d/words.tsv"), None).is_err());
    assert_eq!(
        lang_for(Kind::IpcTitles, Path::new("x.tsv"), None).unwrap(),
        "en"
    );
}

#[test]
fn install_replaces_the_same_kind_and_language_and_lists_it() {
    let home = tempfile::tempdir().unwrap();
    let src = home.path().join("titles.tsv");
    std::fs::write(&src, "A01B\tSoil working\n").unwrap();
    install(home.path(), Kind::IpcTitles, &src, "en").unwrap();
    std::fs::write(&src, "A01B\tSoil working, revised\nA01C\tPlanting\n").unwrap();
    install(home.path(), Kind::IpcTitles, &src, "en").unwrap();
    let listed = list(home.path()).unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].entries, Some(2));
    assert_eq!(
        listed[0].path,
        kind_dir(home.path(), Kind::IpcTitles).join("en.tsv")
    );
    let t = IpcTitles::load_installed(home.path()).unwrap().unwrap();
    let c = ClassCode::parse("A01B").unwrap();
    assert_eq!(t.title(&c), Some("Soil working, revised"));
    // A refused file leaves the installed one in place.
    std::fs::write(&src, "A01B Soil working\n").unwrap();
    assert!(install(home.path(), Kind::IpcTitles, &src, "en").is_err());
    let t = IpcTitles::load_installed(home.path()).unwrap().unwrap();
    assert_eq!(t.len(), 2);
}
