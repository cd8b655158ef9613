//! The workbench's query editor with a strategy nested far too deeply: the check under the
//! editor shows the depth error with its caret, nothing runs, and nothing overflows a stack.

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tisc::tui::action::{Action, InputKey};
use tisc::tui::strings::UiLang;
use tisc::tui::update;
use tisc_test_kit::fixtures;

#[test]
fn a_strategy_of_eight_hundred_parentheses_is_refused_in_the_editor() {
    let screen = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut s = fixtures::state(UiLang::En, 120, 40);
            let q = format!("{}solar{}", "(".repeat(800), ")".repeat(800));
            for c in q.chars() {
                let _ = update(&mut s, Action::Input(InputKey::Char(c)));
            }
            let e = s.parse_error.clone().expect("the editor shows an error");
            assert!(e.message.contains("nests too deeply"), "{}", e.message);
            assert_eq!(e.span, 100..101);
            let effects = update(&mut s, Action::Input(InputKey::Submit));
            assert!(effects.is_empty(), "nothing runs");
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| tisc::tui::views::render(&s, f)).unwrap();
            let buf = t.backend().buffer().clone();
            let mut out = String::new();
            for y in 0..40 {
                for x in 0..120 {
                    out.push_str(buf[(x, y)].symbol());
                }
                out.push('\n');
            }
            out
        })
        .unwrap()
        .join()
        .expect("no panic and no overflow");
    assert!(
        screen.contains("the query nests too deeply here"),
        "{screen}"
    );
}
