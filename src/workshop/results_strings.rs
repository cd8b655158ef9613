//! Every word `tisc workshop results` prints in a table or an HTML page, in English, French,
//! Spanish, Portuguese and Arabic: one table per language, so a missing translation is a compile error.
//!
//! Sentences with `{k}`, `{n}` are filled in by [`fill`].

use crate::case::ReportLang;

macro_rules! labels {
    ($($field:ident),* $(,)?) => {
        /// The labels of the results in one language.
        #[derive(Debug)]
        pub struct ResultLabels {
            $(pub $field: &'static str,)*
        }

        impl ResultLabels {
            /// Every label with its field name, for the test that walks them.
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field),)*]
            }
        }
    };
}

labels!(
    title,
    pack,
    exercise,
    by_exercise,
    by_trainee,
    rank,
    trainee,
    f1,
    recall,
    precision,
    pres,
    map,
    strategies,
    time,
    late_mark,
    categories_agree,
    found_not_cited,
    exercises_done,
    mean_f1,
    mean_recall,
    mean_pres,
    mean_ap,
    total_time,
    late_count,
    statistics,
    submissions,
    median_time,
    most_missed,
    gold_document,
    category,
    missed_by,
    none_missed,
    no_submissions,
    definitions,
);

const EN: ResultLabels = ResultLabels {
    title: "Workshop results",
    pack: "Pack",
    exercise: "Exercise",
    by_exercise: "Leaderboard by exercise",
    by_trainee: "Leaderboard by trainee",
    rank: "Rank",
    trainee: "Trainee",
    f1: "F1",
    recall: "Recall",
    precision: "Precision",
    pres: "PRES@100",
    map: "AP",
    strategies: "Strategies",
    time: "Time",
    late_mark: "late",
    categories_agree: "Same category",
    found_not_cited: "Found, not cited",
    exercises_done: "Exercises",
    mean_f1: "Mean F1",
    mean_recall: "Mean recall",
    mean_pres: "Mean PRES",
    mean_ap: "MAP",
    total_time: "Total time",
    late_count: "Late submissions",
    statistics: "Statistics",
    submissions: "Submissions",
    median_time: "Median time",
    most_missed: "Gold documents most missed",
    gold_document: "Document",
    category: "Category",
    missed_by: "missed by {k} of {n}",
    none_missed: "every trainee cited every gold document",
    no_submissions: "no submission",
    definitions: "Scores by patent family; means over every exercise of the pack (one not submitted counts 0). See docs/workshops.md.",
};

const FR: ResultLabels = ResultLabels {
    title: "Résultats de l’atelier",
    pack: "Dossier d’exercices",
    exercise: "Exercice",
    by_exercise: "Classement par exercice",
    by_trainee: "Classement par stagiaire",
    rank: "Rang",
    trainee: "Stagiaire",
    f1: "F1",
    recall: "Rappel",
    precision: "Précision",
    pres: "PRES@100",
    map: "PM",
    strategies: "Stratégies",
    time: "Durée",
    late_mark: "en retard",
    categories_agree: "Même catégorie",
    found_not_cited: "Trouvés, non cités",
    exercises_done: "Exercices",
    mean_f1: "F1 moyen",
    mean_recall: "Rappel moyen",
    mean_pres: "PRES moyen",
    mean_ap: "PM moyenne",
    total_time: "Durée totale",
    late_count: "Remises en retard",
    statistics: "Statistiques",
    submissions: "Remises",
    median_time: "Durée médiane",
    most_missed: "Documents de référence les plus manqués",
    gold_document: "Document",
    category: "Catégorie",
    missed_by: "manqué par {k} sur {n}",
    none_missed: "chaque stagiaire a cité chaque document de référence",
    no_submissions: "aucune remise",
    definitions: "Scores par famille de brevets ; moyennes sur tous les exercices du dossier (un exercice non remis compte 0). Voir docs/workshops.md.",
};

const ES: ResultLabels = ResultLabels {
    title: "Resultados del taller",
    pack: "Paquete de ejercicios",
    exercise: "Ejercicio",
    by_exercise: "Clasificación por ejercicio",
    by_trainee: "Clasificación por participante",
    rank: "Puesto",
    trainee: "Participante",
    f1: "F1",
    recall: "Exhaustividad",
    precision: "Precisión",
    pres: "PRES@100",
    map: "PP",
    strategies: "Estrategias",
    time: "Tiempo",
    late_mark: "con retraso",
    categories_agree: "Misma categoría",
    found_not_cited: "Hallados, no citados",
    exercises_done: "Ejercicios",
    mean_f1: "F1 medio",
    mean_recall: "Exhaustividad media",
    mean_pres: "PRES medio",
    mean_ap: "PP media",
    total_time: "Tiempo total",
    late_count: "Entregas con retraso",
    statistics: "Estadísticas",
    submissions: "Entregas",
    median_time: "Tiempo mediano",
    most_missed: "Documentos de referencia más omitidos",
    gold_document: "Documento",
    category: "Categoría",
    missed_by: "omitido por {k} de {n}",
    none_missed: "cada participante citó cada documento de referencia",
    no_submissions: "ninguna entrega",
    definitions: "Puntuaciones por familia de patentes; medias sobre todos los ejercicios del paquete (uno no entregado cuenta 0). Véase docs/workshops.md.",
};

const PT: ResultLabels = ResultLabels {
    title: "Resultados da oficina",
    pack: "Conjunto de exercícios",
    exercise: "Exercício",
    by_exercise: "Classificação por exercício",
    by_trainee: "Classificação por participante",
    rank: "Posição",
    trainee: "Participante",
    f1: "F1",
    recall: "Revocação",
    precision: "Precisão",
    pres: "PRES@100",
    map: "PM",
    strategies: "Estratégias",
    time: "Tempo",
    late_mark: "em atraso",
    categories_agree: "Mesma categoria",
    found_not_cited: "Encontrados, não citados",
    exercises_done: "Exercícios",
    mean_f1: "F1 médio",
    mean_recall: "Revocação média",
    mean_pres: "PRES médio",
    mean_ap: "PM média",
    total_time: "Tempo total",
    late_count: "Entregas em atraso",
    statistics: "Estatísticas",
    submissions: "Entregas",
    median_time: "Tempo mediano",
    most_missed: "Documentos de referência mais omitidos",
    gold_document: "Documento",
    category: "Categoria",
    missed_by: "omitido por {k} de {n}",
    none_missed: "cada participante citou cada documento de referência",
    no_submissions: "nenhuma entrega",
    definitions: "Pontuações por família de patentes; médias sobre todos os exercícios do conjunto (um exercício não entregue conta 0). Ver docs/workshops.md.",
};

const AR: ResultLabels = ResultLabels {
    title: "نتائج الورشة",
    pack: "مجموعة التمارين",
    exercise: "التمرين",
    by_exercise: "الترتيب حسب التمرين",
    by_trainee: "الترتيب حسب المتدرب",
    rank: "المرتبة",
    trainee: "المتدرب",
    f1: "F1",
    recall: "الاستدعاء",
    precision: "الدقة",
    pres: "PRES@100",
    map: "متوسط الدقة",
    strategies: "الاستراتيجيات",
    time: "المدة",
    late_mark: "متأخر",
    categories_agree: "الفئة نفسها",
    found_not_cited: "عُثر عليها ولم يُستشهد بها",
    exercises_done: "التمارين",
    mean_f1: "متوسط F1",
    mean_recall: "متوسط الاستدعاء",
    mean_pres: "متوسط PRES",
    mean_ap: "متوسط متوسطات الدقة",
    total_time: "المدة الإجمالية",
    late_count: "التسليمات المتأخرة",
    statistics: "الإحصاءات",
    submissions: "التسليمات",
    median_time: "المدة الوسيطة",
    most_missed: "الوثائق المرجعية الأكثر إغفالاً",
    gold_document: "الوثيقة",
    category: "الفئة",
    missed_by: "أغفلها {k} من أصل {n}",
    none_missed: "استشهد كل متدرب بكل الوثائق المرجعية",
    no_submissions: "لا توجد تسليمات",
    definitions: "الدرجات محسوبة حسب أسرة البراءات؛ والمتوسطات على جميع تمارين المجموعة (التمرين غير المسلَّم يُحتسب 0). انظر docs/workshops.md.",
};

/// The labels of a language.
pub fn labels(lang: ReportLang) -> &'static ResultLabels {
    match lang {
        ReportLang::En => &EN,
        ReportLang::Fr => &FR,
        ReportLang::Es => &ES,
        ReportLang::Pt => &PT,
        ReportLang::Ar => &AR,
    }
}

/// A sentence with its `{k}` and `{n}` filled in.
pub fn fill(template: &str, k: usize, n: usize) -> String {
    template
        .replace("{k}", &k.to_string())
        .replace("{n}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels that may be the same in a language as in English (a measure's name, and
    /// "Document" in French and Spanish).
    const SAME_EVERYWHERE: [&str; 3] = ["f1", "pres", "gold_document"];

    #[test]
    fn every_label_is_translated_in_every_language() {
        let en = labels(ReportLang::En).all();
        assert_eq!(ReportLang::ALL[0], ReportLang::En);
        for lang in ReportLang::ALL.into_iter().skip(1) {
            let other = labels(lang).all();
            assert_eq!(other.len(), en.len());
            for ((field, text), (_, english)) in other.iter().zip(&en) {
                assert!(!text.trim().is_empty(), "{field} is empty in {lang:?}");
                if !SAME_EVERYWHERE.contains(field) {
                    assert_ne!(text, english, "{field} is not translated in {lang:?}");
                }
                // The placeholders of a sentence are kept.
                for p in ["{k}", "{n}"] {
                    assert_eq!(
                        text.contains(p),
                        english.contains(p),
                        "{field} {p} {lang:?}"
                    );
                }
            }
        }
        for (field, text) in &en {
            assert!(!text.trim().is_empty(), "{field} is empty in English");
        }
        assert_eq!(fill(EN.missed_by, 2, 3), "missed by 2 of 3");
    }
}
