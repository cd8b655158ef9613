use super::*;
use crate::mirror::{ProxySetting, DEFAULT_MAX_BODY};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use std::time::Duration;

fn workspace_with(text: Option<&str>) -> (tempfile::TempDir, Workspace) {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    if let Some(t) = text {
        std::fs::write(ws.config_file(), t).unwrap();
    }
    (home, ws)
}

fn error(text: &str) -> String {
    let (_home, ws) = workspace_with(Some(text));
    let e = Config::load(&ws).unwrap_err().to_string();
    assert!(
        e.contains(&ws.config_file().display().to_string()),
        "names the file: {e}"
    );
    e
}

#[test]
fn no_file_means_the_defaults() {
    let (_home, ws) = workspace_with(None);
    assert_eq!(Config::load(&ws).unwrap(), Config::default());
    let (_home, ws) = workspace_with(Some("# nothing set\n"));
    assert_eq!(Config::load(&ws).unwrap(), Config::default());
}

#[test]
fn the_ui_section_sets_the_language() {
    let (_home, ws) = workspace_with(Some("[ui]\nlang = \"fr\"\n"));
    let c = Config::load(&ws).unwrap();
    assert_eq!(c.ui.lang, UiLang::Fr);
    assert_eq!(c.keys, Keymap::default());
    assert_eq!(c.mirror, MirrorOptions::default());
    let e = error("[ui]\nlang = \"tlh\"\n");
    assert!(e.contains("`ui.lang`") && e.contains("tlh"), "{e}");
}

#[test]
fn portuguese_and_arabic_come_from_the_file_or_from_tisc_lang() {
    let (_home, ws) = workspace_with(Some("[ui]\nlang = \"pt\"\n"));
    let c = Config::load(&ws).unwrap();
    assert_eq!(c.ui.lang, UiLang::Pt);
    // TISC_LANG wins over the file; unset or empty leaves the file's choice.
    let over = c.clone().with_lang_override(Some("ar")).unwrap();
    assert_eq!(over.ui.lang, UiLang::Ar);
    assert_eq!(
        c.clone().with_lang_override(None).unwrap().ui.lang,
        UiLang::Pt
    );
    assert_eq!(
        c.clone().with_lang_override(Some(" ")).unwrap().ui.lang,
        UiLang::Pt
    );
    let e = c.with_lang_override(Some("xx")).unwrap_err().to_string();
    assert!(e.starts_with("TISC_LANG=xx:"), "{e}");
    assert!(e.contains("en, fr, es, pt, ar"), "{e}");
    let e = error("[ui]\nlang = \"br\"\n");
    assert!(e.contains("`ui.lang`") && e.contains("pt, ar"), "{e}");
}

#[test]
fn the_keys_section_rebinds_keys() {
    let (_home, ws) = workspace_with(Some(
        "[keys]\nquit = [\"x\", \"ctrl-q\"]\n[keys.results]\nsort = \"S\"\n",
    ));
    let c = Config::load(&ws).unwrap();
    assert_eq!(
        c.keys,
        Keymap::from_config("[keys]\nquit = [\"x\", \"ctrl-q\"]\n[keys.results]\nsort = \"S\"\n")
            .unwrap()
    );
    assert_ne!(c.keys, Keymap::default());
    assert_eq!(
        c.keys
            .key_for(Context::Results, &Action::ToggleSort)
            .as_deref(),
        Some("S")
    );
    let e = error("[keys.results]\nfly = \"x\"\n");
    assert!(e.contains("`keys.results.fly`"), "{e}");
    let e = error("[keys]\nquit = \"hyper-x\"\n");
    assert!(e.contains("`keys.quit`") && e.contains("hyper-x"), "{e}");
    let e = error("[keys.nowhere]\nquit = \"x\"\n");
    assert!(e.contains("`keys.nowhere`"), "{e}");
}

#[test]
fn the_mirror_section_overrides_the_mirror_defaults() {
    let (_home, ws) = workspace_with(Some(
        "[mirror]\nparallel = 2\nattempts = 8\nfirst_delay_ms = 250\nmax_delay_secs = 9\n\
         connect_timeout_secs = 0\nread_timeout_secs = 30\nmax_rate = \"2MB/s\"\n\
         proxy = \"http://127.0.0.1:3128\"\n",
    ));
    let o = Config::load(&ws).unwrap().mirror;
    assert_eq!(o.parallel, 2);
    assert_eq!(o.retry.attempts, 8);
    assert_eq!(o.retry.first_delay, Duration::from_millis(250));
    assert_eq!(o.retry.max_delay, Duration::from_secs(9));
    assert_eq!(
        o.connect_timeout,
        Duration::from_secs(1),
        "at least a second"
    );
    assert_eq!(o.read_timeout, Duration::from_secs(30));
    assert_eq!(o.max_rate, Some(2_000_000));
    assert_eq!(o.proxy, ProxySetting::Url("http://127.0.0.1:3128".into()));
    assert_eq!(o.max_body, DEFAULT_MAX_BODY);

    let (_home, ws) = workspace_with(Some("[mirror]\nmax_body = \"2MiB\"\nproxy = \"none\"\n"));
    let o = Config::load(&ws).unwrap().mirror;
    assert_eq!(o.max_body, 2 << 20);
    assert_eq!(o.proxy, ProxySetting::Off);

    let e = error("[mirror]\nmax_body = \"lots\"\n");
    assert!(e.contains("`mirror.max_body`") && e.contains("lots"), "{e}");
    let e = error("[mirror]\nparallel = \"four\"\n");
    assert!(e.contains("`mirror.parallel`"), "{e}");
    let e = error("[mirror]\nattempts = -1\n");
    assert!(e.contains("`mirror.attempts`"), "{e}");
}

#[test]
fn an_unknown_key_or_section_is_an_error_naming_it_and_the_file() {
    let e = error("[mirror]\nparalel = 2\n");
    assert!(e.contains("unknown key `mirror.paralel`"), "{e}");
    let e = error("[ui]\nlanguage = \"fr\"\n");
    assert!(e.contains("unknown key `ui.language`"), "{e}");
    let e = error("[search]\nlimit = 5\n[mirror]\nparallel = 2\n");
    assert!(e.contains("unknown section `[search]`"), "{e}");
    let e = error("limit = 5\n");
    assert!(e.contains("unknown key `limit`"), "{e}");
    let e = error("ui = \"fr\"\n");
    assert!(e.contains("`ui`"), "{e}");
}

#[test]
fn a_file_that_does_not_parse_is_an_error_with_its_line() {
    let e = error("[mirror]\nparallel = \n");
    assert!(e.contains("not valid TOML") && e.contains("line 2"), "{e}");
}

#[test]
fn the_index_section_sets_the_writer_memory_and_checks_it() {
    let (_home, ws) = workspace_with(Some("[index]\nmemory = \"1GiB\"\n"));
    assert_eq!(Config::load(&ws).unwrap().index.memory, Some(1 << 30));
    let e = error("[index]\nmemory = \"5MB\"\n");
    assert!(
        e.contains("`index.memory`") && e.contains("at least 20 MB"),
        "{e}"
    );
    let e = error("[index]\nmemory = 512\n");
    assert!(
        e.contains("`index.memory`") && e.contains("in quotes"),
        "{e}"
    );
    let e = error("[index]\nthreads = 2\n");
    assert!(e.contains("unknown key `index.threads`"), "{e}");
}

#[test]
fn the_report_section_names_the_searcher_and_organisation() {
    let (_home, ws) = workspace_with(Some(
        "[report]\nsearcher = \" A. Martin \"\norganisation = \"Office, Univ. X\"\n",
    ));
    let c = Config::load(&ws).unwrap();
    assert_eq!(c.report.searcher.as_deref(), Some("A. Martin"));
    assert_eq!(c.report.organisation.as_deref(), Some("Office, Univ. X"));
    assert_eq!(c.ui, UiConfig::default());

    let e = error("[report]\nsearcher = 3\n");
    assert!(
        e.contains("`report.searcher`") && e.contains("name in quotes"),
        "{e}"
    );
    let e = error("[report]\norganisation = \"  \"\n");
    assert!(
        e.contains("`report.organisation`") && e.contains("empty"),
        "{e}"
    );
    let e = error("[report]\nsearcher = \"a\\nb\"\n");
    assert!(e.contains("one line"), "{e}");
    let e = error("[report]\nofficer = \"x\"\n");
    assert!(
        e.contains("unknown key `report.officer`") && e.contains("searcher, organisation"),
        "{e}"
    );
}

#[test]
fn the_semantic_section_sets_alpha_within_zero_and_one() {
    let (_home, ws) = workspace_with(None);
    assert_eq!(Config::load(&ws).unwrap().semantic.alpha(), 0.6);
    let (_home, ws) = workspace_with(Some("[semantic]\nalpha = 0.45\n"));
    assert_eq!(Config::load(&ws).unwrap().semantic.alpha(), 0.45);
    let (_home, ws) = workspace_with(Some("[semantic]\nalpha = 1\n"));
    assert_eq!(Config::load(&ws).unwrap().semantic.alpha(), 1.0);
    let e = error("[semantic]\nalpha = 1.5\n");
    assert!(
        e.contains("`semantic.alpha`") && e.contains("from 0 to 1"),
        "{e}"
    );
    let e = error("[semantic]\nbeta = 2\n");
    assert!(e.contains("unknown key `semantic.beta`"), "{e}");
}
