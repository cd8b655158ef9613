//! The workbench's strings for workshop exercises (the timer of a case bound to an exercise
//! and the submit dialog), in English, French, Spanish,
//! Portuguese and Arabic. Placeholders as in the main
//! tables: `{t}`, `{id}`, `{path}`, `{limit}`, `{why}`.

use super::UiLang;

/// One table of the exercise strings.
#[derive(Debug)]
pub struct WorkshopStrings {
    /// The exercise in the title line: `{id}`.
    pub exercise: &'static str,
    /// Time left before the limit: `{t}` as `12:34`.
    pub left: &'static str,
    /// Time past the limit: `{t}`.
    pub late: &'static str,
    pub submitted: &'static str,
    /// Title of the submit dialog: `{id}` is the exercise.
    pub submit_title: &'static str,
    /// The folder field.
    pub folder: &'static str,
    /// Under the folder field: what Enter and Esc do.
    pub form_hint: &'static str,
    /// The form with an empty folder.
    pub folder_needed: &'static str,
    /// Asked before submitting: `{id}` the exercise, `{path}` the folder.
    pub confirm: &'static str,
    pub submitting: &'static str,
    /// In the hint line of the case and report screens of an exercise: `{key}` submits.
    pub submit_hint: &'static str,
    /// `S` on a case that is not an exercise.
    pub not_exercise: &'static str,
    /// The folder named does not exist: `{path}`.
    pub no_such_folder: &'static str,
    /// Where the submission went: `{path}`.
    pub written: &'static str,
    /// Handed in in time: `{t}` taken of `{limit}`.
    pub on_time: &'static str,
    /// Handed in late: `{t}` taken of `{limit}`.
    pub was_late: &'static str,
    /// An earlier submission kept: `{path}`.
    pub kept: &'static str,
    /// Strategies left without hits: `{why}`.
    pub skipped: &'static str,
    /// Submitting failed: `{why}`.
    pub failed: &'static str,
}

impl UiLang {
    /// The exercise strings of the language.
    pub fn workshop(self) -> &'static WorkshopStrings {
        match self {
            UiLang::En => &EN,
            UiLang::Fr => &FR,
            UiLang::Es => &ES,
            UiLang::Pt => &PT,
            UiLang::Ar => &AR,
        }
    }
}

pub static EN: WorkshopStrings = WorkshopStrings {
    exercise: "exercise {id}",
    left: "{t} left",
    late: "late {t}",
    submitted: "submitted",
    submit_title: "Submit exercise {id}",
    folder: "Trainer's folder",
    form_hint: "Enter submits (asks first) · Esc cancels",
    folder_needed: "Name the folder your trainer collects submissions in.",
    confirm: "Submit exercise {id} to {path}? A later submission replaces it (the earlier one is kept). y / n",
    submitting: "submitting…",
    submit_hint: "{key} submits",
    not_exercise: "This case is not a workshop exercise: only a case opened with `tisc workshop start` can be submitted.",
    no_such_folder: "{path}: no such folder",
    written: "Submission written to {path}",
    on_time: "Time taken {t} of {limit}: on time.",
    was_late: "Time taken {t} of {limit}: late (accepted, and marked late).",
    kept: "The earlier submission is kept as {path}",
    skipped: "Some strategies have no hits in the file: {why}",
    failed: "Not submitted: {why}",
};

pub static FR: WorkshopStrings = WorkshopStrings {
    exercise: "exercice {id}",
    left: "reste {t}",
    late: "en retard {t}",
    submitted: "rendu",
    submit_title: "Rendre l'exercice {id}",
    folder: "Dossier du formateur",
    form_hint: "Entrée rend (avec confirmation) · Échap annule",
    folder_needed: "Indiquez le dossier où votre formateur recueille les rendus.",
    confirm: "Rendre l'exercice {id} dans {path}\u{202f}? Un rendu ultérieur le remplace (le précédent est conservé). y / n",
    submitting: "rendu en cours…",
    submit_hint: "{key} rendre",
    not_exercise: "Ce dossier n'est pas un exercice d'atelier\u{a0}: seul un dossier ouvert par `tisc workshop start` peut être rendu.",
    no_such_folder: "{path}\u{a0}: dossier introuvable",
    written: "Rendu écrit dans {path}",
    on_time: "Temps passé {t} sur {limit}\u{a0}: dans les temps.",
    was_late: "Temps passé {t} sur {limit}\u{a0}: en retard (accepté, et marqué en retard).",
    kept: "Le rendu précédent est conservé sous {path}",
    skipped: "Certaines stratégies n'ont pas de résultats dans le fichier\u{a0}: {why}",
    failed: "Non rendu\u{a0}: {why}",
};

pub static ES: WorkshopStrings = WorkshopStrings {
    exercise: "ejercicio {id}",
    left: "quedan {t}",
    late: "con retraso {t}",
    submitted: "entregado",
    submit_title: "Entregar el ejercicio {id}",
    folder: "Carpeta del formador",
    form_hint: "Intro entrega (pregunta antes) · Esc cancela",
    folder_needed: "Indique la carpeta donde su formador recoge las entregas.",
    confirm: "¿Entregar el ejercicio {id} en {path}? Una entrega posterior la sustituye (la anterior se conserva). y / n",
    submitting: "entregando…",
    submit_hint: "{key} entregar",
    not_exercise: "Este expediente no es un ejercicio de taller: solo se puede entregar un expediente abierto con `tisc workshop start`.",
    no_such_folder: "{path}: no existe esa carpeta",
    written: "Entrega escrita en {path}",
    on_time: "Tiempo empleado {t} de {limit}: a tiempo.",
    was_late: "Tiempo empleado {t} de {limit}: con retraso (aceptada, y marcada con retraso).",
    kept: "La entrega anterior se conserva como {path}",
    skipped: "Algunas estrategias no tienen resultados en el archivo: {why}",
    failed: "No entregado: {why}",
};

pub static PT: WorkshopStrings = WorkshopStrings {
    exercise: "exercício {id}",
    left: "restam {t}",
    late: "atrasado {t}",
    submitted: "entregue",
    submit_title: "Entregar o exercício {id}",
    folder: "Pasta do formador",
    form_hint: "Enter entrega (pergunta antes) · Esc cancela",
    folder_needed: "Indique a pasta onde o seu formador recolhe as entregas.",
    confirm: "Entregar o exercício {id} em {path}? Uma entrega posterior a substitui (a anterior é conservada). y / n",
    submitting: "entregando…",
    submit_hint: "{key} entregar",
    not_exercise: "Este processo não é um exercício de oficina: só se pode entregar um processo aberto com `tisc workshop start`.",
    no_such_folder: "{path}: pasta inexistente",
    written: "Entrega gravada em {path}",
    on_time: "Tempo gasto {t} de {limit}: dentro do prazo.",
    was_late: "Tempo gasto {t} de {limit}: atrasado (aceito e marcado como atrasado).",
    kept: "A entrega anterior é conservada como {path}",
    skipped: "Algumas estratégias não têm resultados no arquivo: {why}",
    failed: "Não entregue: {why}",
};

pub static AR: WorkshopStrings = WorkshopStrings {
    exercise: "التمرين {id}",
    left: "المتبقي {t}",
    late: "متأخر {t}",
    submitted: "سُلِّم",
    submit_title: "تسليم التمرين {id}",
    folder: "مجلد المدرِّب",
    form_hint: "Enter للتسليم (بعد السؤال) · Esc إلغاء",
    folder_needed: "اذكر المجلد الذي يجمع فيه المدرِّب التسليمات.",
    confirm: "تسليم التمرين {id} إلى {path}؟ أي تسليم لاحق يحل محله (ويُحتفظ بالسابق). y / n",
    submitting: "جارٍ التسليم…",
    submit_hint: "{key} تسليم",
    not_exercise: "هذا الملف ليس تمرين ورشة: لا يُسلَّم إلا ملف فُتح بالأمر `tisc workshop start`.",
    no_such_folder: "{path}: لا يوجد مجلد بهذا الاسم",
    written: "كُتب التسليم في {path}",
    on_time: "الوقت المستغرق {t} من {limit}: في الموعد.",
    was_late: "الوقت المستغرق {t} من {limit}: متأخر (مقبول، مع وسمه بالتأخر).",
    kept: "التسليم السابق محفوظ باسم {path}",
    skipped: "بعض الاستراتيجيات بلا نتائج في الملف: {why}",
    failed: "لم يُسلَّم: {why}",
};
