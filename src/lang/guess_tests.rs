//! Tests of language guessing: disclosures, document texts and the fallbacks.

use super::*;

#[test]
fn language_is_guessed_from_function_words() {
    assert_eq!(
        guess_lang("Une pompe solaire pour les puits et la irrigation des champs").as_str(),
        "fr"
    );
    assert_eq!(
        guess_lang("A solar pump for the wells and the irrigation of fields").as_str(),
        "en"
    );
    assert_eq!(
        guess_lang("Una bomba solar para los pozos y el riego de los campos").as_str(),
        "es"
    );
}

fn interface(code: &str) -> LangGuess {
    LangGuess::fallback(Lang::new(code), LangSource::Interface)
}

#[test]
fn portuguese_spanish_and_arabic_are_told_apart() {
    let guessed = |text: &str| {
        let g = guess_lang_or(text, &interface("fr"));
        assert_eq!(g.source, LangSource::Guessed, "{text}");
        g.lang.as_str().to_string()
    };
    assert_eq!(
        guessed(
            "A invenção refere-se a uma bomba de água acionada por energia solar, \
             não necessita de baterias e trabalha nos poços das comunidades rurais"
        ),
        "pt"
    );
    assert_eq!(
        guessed(
            "La invención se refiere a una bomba de agua accionada por energía solar, \
             no necesita baterías y trabaja en los pozos de las comunidades rurales"
        ),
        "es"
    );
    // Close words, told apart by spelling: -ção/-lh-/-ão against -ción/ñ/ll.
    assert_eq!(
        guessed("Máquina de colheita com ligação hidráulica, melhor pressão e válvula"),
        "pt"
    );
    assert_eq!(
        guessed("Máquina de cosecha con conexión hidráulica, mejor presión y llave pequeña"),
        "es"
    );
    assert_eq!(
        guessed(
            "يتعلق الاختراع بمضخة مياه تعمل بالطاقة الشمسية لري الحقول في المناطق الريفية \
             دون الحاجة إلى بطاريات"
        ),
        "ar"
    );
}

#[test]
fn a_text_with_fewer_than_five_content_words_takes_the_fallback_language() {
    // Four content words (bomba, água, poços, rurais) among function words.
    let short = "uma bomba de água para os poços rurais";
    assert_eq!(content_word_count(short), 4);
    assert_eq!(guess_lang_or(short, &interface("ar")), interface("ar"));
    let corpus = LangGuess::fallback(Lang::new("es"), LangSource::Corpus);
    assert_eq!(guess_lang_or("مضخة شمسية للآبار", &corpus), corpus);
    // One more content word and it is guessed.
    let longer = "uma bomba de água solar para os poços rurais";
    assert_eq!(content_word_count(longer), 5);
    let g = guess_lang_or(longer, &interface("ar"));
    assert_eq!((g.lang.as_str(), g.source), ("pt", LangSource::Guessed));
}

#[test]
fn stop_words_match_the_folded_words_the_analyser_gives() {
    assert!(is_stopword("en", "without"));
    assert!(is_stopword("fr", "ete") && is_stopword("fr", "ou"));
    assert!(is_stopword("es", "segun") && is_stopword("es", "invencion"));
    assert!(!is_stopword("en", "pump") && !is_stopword("de", "the"));
    assert!(is_stopword("pt", "nao") && is_stopword("pt", "invencao"));
    // Arabic stop words are normalised as the analyser normalises text (إلى → الي).
    assert!(is_stopword("ar", "الي") && is_stopword("ar", "ان"));
}

#[test]
fn document_texts_are_guessed_only_with_enough_words_and_evidence() {
    let g = |t: &str| guess_document_text(t).map(|l| l.as_str().to_string());
    assert_eq!(
        g(
            "Bomba de água solar para poços rurais. A invenção refere-se a uma bomba \
           acionada por painéis fotovoltaicos, sem baterias, para a irrigação das lavouras."
        )
        .as_deref(),
        Some("pt")
    );
    assert_eq!(
        g("مضخة مياه شمسية للآبار الريفية تعمل بالألواح الكهروضوئية دون بطاريات").as_deref(),
        Some("ar")
    );
    assert_eq!(
        g(
            "Bomba de agua solar para pozos rurales. La invención se refiere a una bomba \
           accionada por paneles fotovoltaicos, sin baterías, para el riego de los campos."
        )
        .as_deref(),
        Some("es")
    );
    assert_eq!(
        g(
            "Solar water pump for rural wells. The pump is driven by photovoltaic panels \
           without batteries and irrigates the fields."
        )
        .as_deref(),
        Some("en")
    );
    // Four content words: too few.
    assert_eq!(g("Bomba de água para poços rurais"), None);
    // German shows none of the guessed languages' function words: not taken for English.
    assert_eq!(
        g(
            "Solarpumpe für ländliche Brunnen, die mit Photovoltaikmodulen ohne Batterien \
           betrieben wird und die Felder bewässert"
        ),
        None
    );
}

#[test]
fn the_fallback_is_the_corpus_language_when_every_corpus_declares_the_same() {
    let en = Lang::new("en");
    let fr = || Some(Lang::new("fr"));
    assert_eq!(
        fallback(&[fr(), Some(Lang::new("FR"))], en.clone()),
        LangGuess::fallback(Lang::new("fr"), LangSource::Corpus)
    );
    let interface = LangGuess::fallback(en.clone(), LangSource::Interface);
    // Two languages, one corpus without a declared language, or none at all: the interface's.
    assert_eq!(
        fallback(&[fr(), Some(Lang::new("es"))], en.clone()),
        interface
    );
    assert_eq!(fallback(&[fr(), None], en.clone()), interface);
    assert_eq!(fallback(&[None, fr()], en.clone()), interface);
    assert_eq!(fallback(&[Some(Lang::new(""))], en.clone()), interface);
    assert_eq!(fallback(&[], en), interface);
}
