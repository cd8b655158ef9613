//! Synthetic documents: tisc [`Document`]s whose words, lengths, classes and names follow the
//! measured tables ([`Tables`]), built family by family.
//!
//! A family (1–5 patents) shares its language, title, abstract, IPC codes, parties, a priority
//! claim and a family id; each member has its own number, dates, claims and description.
//! Every document also repeats a few "key terms" of its family (rarer words drawn once per
//! family), as real documents repeat the words of their subject.

use super::lang::{phrases, Language};
use super::rng::Rng;
use super::tables::{Quantiles, TableError, Tables, Vocab, Weighted};
use tisc::model::{
    Biblio, Claim, ClaimSet, ClassCode, Date, Description, DocKind, Document, Lang, LangText,
    Paragraph, PatentNumber, Priority,
};

/// US publication numbers are `NUMBER_BASE + id`, 8 digits: ids stay below this bound.
pub const NUMBER_BASE: u64 = 30_000_000;
pub const MAX_ID: u64 = 99_999_999 - NUMBER_BASE;
/// PubMed ids of articles are `PMID_BASE + id`.
const PMID_BASE: u64 = 40_000_000;
/// Descriptions are cut to this many words: the real ones average ~7,000 words, which would
/// make a collection of a million patents too large for one small machine.
pub const DESCRIPTION_CAP_WORDS: u32 = 800;
/// Share of a text's words that are the family's key terms.
const KEY_RATE: f64 = 0.06;
const KEY_TERMS: usize = 10;
/// The most frequent words of a table, which no title opens with ("the", "of", "said"…).
const FUNCTION_WORDS: usize = 100;
/// Applicant organisations in the pool (drawn with a Zipf-like skew: a few file many).
const ORGS: usize = 4000;
/// First publication day: Tuesday 1995-01-03; publications spread over 30 years of weeks.
const FIRST_TUESDAY: (i32, u8, u8) = (1995, 1, 3);
const WEEKS: u64 = 30 * 52;

/// What one document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Title, abstract, all claims, description (capped).
    Patent,
    /// Title, abstract and the first claim.
    Biblio,
    /// Title, abstract, authors, journal (a PubMed-like record).
    Article,
}

/// The measured lengths the generator draws, looked up once.
struct Lengths {
    title: Quantiles,
    abstract_words: Quantiles,
    claims_count: Quantiles,
    first_claim: Quantiles,
    other_claim: Quantiles,
    description: Quantiles,
    paragraph: Quantiles,
    article_title: Quantiles,
    article_abstract: Quantiles,
    authors: Quantiles,
}

/// Builds documents from the tables; shared read-only by every file's worker.
pub struct Synth<'t> {
    t: &'t Tables,
    len: Lengths,
    /// Applicant organisations with their country.
    orgs: Weighted<(String, &'static str)>,
    first_day: i64,
}

/// What a family's members share.
struct Family {
    lang: Language,
    first_id: u64,
    title: String,
    abstract_text: String,
    ipc: Vec<ClassCode>,
    applicant: Option<(String, &'static str)>,
    inventors: Vec<String>,
    keys: Vec<&'static str>,
    priority: Priority,
    priority_day: i64,
    first_pub_week: u64,
}

fn capitalize_into(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
}

fn date(days: i64) -> Option<Date> {
    Date::from_days_since_epoch(days)
}

impl<'t> Synth<'t> {
    /// The organisation pool is drawn from `seed` alone, so every file of a collection (and
    /// every continuation run) shares it.
    pub fn new(t: &'t Tables, seed: u64) -> Result<Synth<'t>, TableError> {
        let q = |p, f| t.length(p, f).cloned();
        let len = Lengths {
            title: q("patent", "title_words")?,
            abstract_words: q("patent", "abstract_words")?,
            claims_count: q("patent", "claims_count")?,
            first_claim: q("patent", "first_claim_words")?,
            other_claim: q("patent", "other_claim_words")?,
            description: q("patent", "description_words")?,
            paragraph: q("patent", "paragraph_words")?,
            article_title: q("article", "title_words")?,
            article_abstract: q("article", "abstract_words")?,
            authors: q("article", "authors_count")?,
        };
        let mut rng = Rng::new(seed, u64::MAX);
        const SUFFIXES: [(&str, &str); 10] = [
            ("Corporation", "US"),
            ("Inc.", "US"),
            ("LLC", "US"),
            ("Co., Ltd.", "JP"),
            ("Kabushiki Kaisha", "JP"),
            ("Co., Ltd", "KR"),
            ("GmbH", "DE"),
            ("AG", "DE"),
            ("S.A.", "FR"),
            ("Ltd.", "GB"),
        ];
        let mut orgs = Vec::with_capacity(ORGS);
        let mut weights = Vec::with_capacity(ORGS);
        for i in 0..ORGS {
            let mut name = String::new();
            for k in 0..rng.between(1, 2) {
                if k > 0 {
                    name.push(' ');
                }
                let w = loop {
                    let w = *t.en_patent.words.pick(&mut rng);
                    if w.chars().count() >= 4 {
                        break w;
                    }
                };
                capitalize_into(&mut name, w);
            }
            let (suffix, country) = SUFFIXES[rng.index(SUFFIXES.len())];
            name.push(' ');
            name.push_str(suffix);
            orgs.push((name, country));
            weights.push((1_000_000 / (i + 1)) as u32);
        }
        let first_day = Date::new(FIRST_TUESDAY.0, FIRST_TUESDAY.1, FIRST_TUESDAY.2)
            .map_or(0, |d| d.days_since_epoch());
        Ok(Synth {
            t,
            len,
            orgs: Weighted::new(orgs, &weights),
            first_day,
        })
    }

    fn vocab(&self, lang: Language, kind: Kind) -> &'t Vocab {
        match (lang, kind) {
            (Language::En, Kind::Article) => &self.t.en_article,
            (Language::En, _) => &self.t.en_patent,
            (Language::Fr, _) => &self.t.fr,
            (Language::De, _) => &self.t.de,
            (Language::Es, _) => &self.t.es,
        }
    }

    fn claim_vocab(&self, lang: Language) -> &'t Vocab {
        match lang {
            Language::En => &self.t.en_claims,
            other => self.vocab(other, Kind::Patent),
        }
    }

    fn word(v: &Vocab, keys: &[&'static str], rng: &mut Rng) -> &'static str {
        if !keys.is_empty() && rng.chance(KEY_RATE) {
            keys[rng.index(keys.len())]
        } else {
            v.words.pick(rng)
        }
    }

    /// `n` words in a row, space-separated, appended to `out`.
    fn words_into(out: &mut String, v: &Vocab, keys: &[&'static str], rng: &mut Rng, n: u32) {
        for _ in 0..n {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(Self::word(v, keys, rng));
        }
    }

    /// Sentences totalling about `n` words.
    fn prose(v: &Vocab, keys: &[&'static str], rng: &mut Rng, n: u32) -> String {
        let mut out = String::with_capacity(n as usize * 8);
        let mut left = n.max(1);
        while left > 0 {
            let len = (rng.between(8, 28) as u32).min(left);
            left -= len;
            if !out.is_empty() {
                out.push(' ');
            }
            for i in 0..len {
                let w = Self::word(v, keys, rng);
                if i == 0 {
                    capitalize_into(&mut out, w);
                } else {
                    out.push(' ');
                    out.push_str(w);
                    if i + 2 < len && i > 2 && rng.chance(0.06) {
                        out.push(',');
                    }
                }
            }
            out.push('.');
        }
        out
    }

    /// A word past the most frequent ones (the function words), to open a title.
    fn content_word(v: &Vocab, rng: &mut Rng) -> &'static str {
        for _ in 0..20 {
            let i = v.words.index(rng);
            if i >= FUNCTION_WORDS {
                return v.words.items[i];
            }
        }
        v.words.items[v.words.len() - 1]
    }

    fn title(v: &Vocab, keys: &[&'static str], rng: &mut Rng, n: u32) -> String {
        let mut out = String::new();
        for i in 0..n.max(1) {
            let w = if i == 0 {
                Self::content_word(v, rng)
            } else {
                Self::word(v, keys, rng)
            };
            if i == 0 {
                capitalize_into(&mut out, w);
            } else {
                out.push(' ');
                out.push_str(w);
            }
        }
        out
    }

    fn person(&self, rng: &mut Rng, comma: bool) -> String {
        let last = self.t.last_names.pick(rng);
        let first = self.t.first_names.pick(rng);
        if comma {
            format!("{last}, {first}")
        } else {
            format!("{last} {first}")
        }
    }

    fn family(&self, rng: &mut Rng, first_id: u64, kind: Kind) -> Family {
        let lang = Language::draw(rng);
        let v = self.vocab(lang, kind);
        // Key terms: rarer words of the vocabulary (past its 200 most frequent).
        let n = v.words.len();
        let keys: Vec<&'static str> = (0..KEY_TERMS)
            .map(|_| v.words.items[(200 + rng.index(n.saturating_sub(200).max(1))).min(n - 1)])
            .collect();
        let (title_len, abstract_len) = match kind {
            Kind::Article => (
                self.len.article_title.draw(rng),
                self.len.article_abstract.draw(rng),
            ),
            _ => (self.len.title.draw(rng), self.len.abstract_words.draw(rng)),
        };
        let title = Self::title(v, &keys, rng, title_len);
        let abstract_text = Self::prose(v, &keys, rng, abstract_len);
        let mut ipc = Vec::new();
        for _ in 0..rng.weighted(&[0, 45, 30, 15, 10]) {
            if let Ok(c) = ClassCode::parse(self.t.ipc.pick(rng)) {
                if !ipc.contains(&c) {
                    ipc.push(c);
                }
            }
        }
        let applicant = rng.chance(0.8).then(|| self.orgs.pick(rng).clone());
        let inventors = (0..=rng.weighted(&[35, 30, 20, 15]))
            .map(|_| self.person(rng, true))
            .collect();
        let first_pub_week = rng.below(WEEKS);
        let pub_day = self.first_day + 7 * first_pub_week as i64;
        // Filed 1½–4 years before publication; priority up to a year before filing.
        let filing = pub_day - rng.between(540, 1460) as i64;
        let priority_day = filing - rng.between(0, 365) as i64;
        let country = match lang {
            Language::Fr => "FR",
            Language::De => "DE",
            Language::Es => "ES",
            Language::En => ["US", "JP", "KR", "CN", "GB", "TW", "CA", "IN"]
                [rng.weighted(&[30, 25, 12, 12, 6, 5, 5, 5])],
        };
        let prio_date = date(priority_day);
        let year = prio_date.map_or(1994, |d| d.year);
        Family {
            lang,
            first_id,
            title,
            abstract_text,
            ipc,
            applicant,
            inventors,
            keys,
            priority: Priority {
                country: country.to_string(),
                number: format!("{year}-{first_id:08}"),
                date: prio_date,
            },
            priority_day,
            first_pub_week,
        }
    }

    /// Family sizes: 1 (55 %), 2 (20 %), 3 (12 %), 4 (8 %), 5 (5 %).
    fn family_size(rng: &mut Rng) -> u64 {
        rng.weighted(&[55, 20, 12, 8, 5]) as u64 + 1
    }

    /// Documents `first..end`, in id order, of the given kinds (`mixed` draws per family).
    pub fn documents(
        &self,
        rng: &mut Rng,
        first: u64,
        end: u64,
        kinds: &[(Kind, u32)],
        mut emit: impl FnMut(Document) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let weights: Vec<u32> = kinds.iter().map(|k| k.1).collect();
        let mut id = first;
        while id < end {
            let kind = kinds[rng.weighted(&weights)].0;
            let size = match kind {
                Kind::Article => 1,
                _ => Self::family_size(rng).min(end - id),
            };
            let fam = self.family(rng, id, kind);
            for member in 0..size {
                let doc = match kind {
                    Kind::Article => self.article(rng, &fam),
                    _ => self.patent(rng, &fam, id, member, kind),
                };
                emit(doc)?;
                id += 1;
            }
        }
        Ok(())
    }

    fn article(&self, rng: &mut Rng, fam: &Family) -> Document {
        let lang = Lang::new(fam.lang.code());
        let pmid = (PMID_BASE + fam.first_id).to_string();
        let authors = (0..self.len.authors.draw(rng).min(40))
            .map(|_| self.person(rng, false))
            .collect();
        let day = self.first_day + rng.below(WEEKS * 7) as i64;
        Document {
            biblio: Biblio {
                id: format!("PMID:{pmid}"),
                kind: DocKind::Article,
                lang: lang.clone(),
                titles: vec![LangText {
                    lang: lang.clone(),
                    text: fam.title.clone(),
                }],
                abstracts: vec![LangText {
                    lang,
                    text: fam.abstract_text.clone(),
                }],
                authors,
                journal: Some(self.t.journals.pick(rng).to_string()),
                publication_date: date(day),
                pmid: Some(pmid),
                ..Biblio::default()
            },
            ..Document::default()
        }
    }

    fn patent(&self, rng: &mut Rng, fam: &Family, id: u64, member: u64, kind: Kind) -> Document {
        let lang = Lang::new(fam.lang.code());
        let kind_code = if rng.chance(0.2) { "B1" } else { "B2" };
        let digits = format!("{:08}", NUMBER_BASE + id);
        let number = PatentNumber {
            country: "US".into(),
            number: digits.clone(),
            kind: Some(kind_code.into()),
        };
        // Later members publish up to three years after the first.
        let week = if member == 0 {
            fam.first_pub_week
        } else {
            (fam.first_pub_week + rng.between(4, 156)).min(WEEKS - 1)
        };
        let pub_day = self.first_day + 7 * week as i64;
        let filing_day = (fam.priority_day + rng.between(0, 365) as i64).min(pub_day - 180);
        let filing = date(filing_day);
        let series = 8 + (filing.map_or(2000, |d| d.year) - 1993).max(0) / 3;
        let applicants = match &fam.applicant {
            Some((org, _)) => vec![org.clone()],
            None => fam.inventors.clone(),
        };
        let claims = self.claims(rng, fam, kind);
        let description = match kind {
            Kind::Patent => vec![self.description(rng, fam)],
            _ => Vec::new(),
        };
        Document {
            biblio: Biblio {
                id: number.canonical(),
                kind: DocKind::Patent,
                number: Some(number),
                lang: lang.clone(),
                titles: vec![LangText {
                    lang: lang.clone(),
                    text: fam.title.clone(),
                }],
                abstracts: vec![LangText {
                    lang: lang.clone(),
                    text: fam.abstract_text.clone(),
                }],
                applicants,
                inventors: fam.inventors.clone(),
                ipc: fam.ipc.clone(),
                publication_date: date(pub_day),
                filing_date: filing,
                application_number: Some(format!("{series:02}{:06}", id % 1_000_000)),
                family_id: Some((500_000_000 + fam.first_id).to_string()),
                ..Biblio::default()
            },
            claims: vec![ClaimSet { lang, claims }],
            description,
            priorities: vec![fam.priority.clone()],
            ..Document::default()
        }
    }

    /// The subject of the claims: the first words of the title, lower-cased.
    fn subject(fam: &Family) -> String {
        fam.title
            .split(' ')
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    fn claims(&self, rng: &mut Rng, fam: &Family, kind: Kind) -> Vec<Claim> {
        let p = phrases(fam.lang);
        let v = self.claim_vocab(fam.lang);
        let subject = Self::subject(fam);
        let count = match kind {
            Kind::Patent => self.len.claims_count.draw(rng),
            _ => 1,
        };
        let mut out = Vec::with_capacity(count as usize);
        for num in 1..=count {
            let independent = num == 1 || rng.chance(0.08);
            let mut text = String::new();
            let depends_on = if independent {
                let target = if num == 1 {
                    self.len.first_claim.draw(rng)
                } else {
                    self.len.other_claim.draw(rng)
                };
                if fam.lang == Language::En {
                    let vowel = subject.starts_with(['a', 'e', 'i', 'o', 'u']);
                    text.push_str(if vowel { "An " } else { "A " });
                    text.push_str(&subject);
                } else {
                    capitalize_into(&mut text, &subject);
                }
                text.push(' ');
                text.push_str(p.comprising);
                let mut left = target;
                let mut first = true;
                while left > 0 {
                    let n = (rng.between(6, 18) as u32).min(left);
                    left -= n;
                    if !first {
                        text.push(';');
                        if left == 0 {
                            text.push(' ');
                            text.push_str(p.and);
                        }
                    }
                    first = false;
                    text.push(' ');
                    Self::words_into(&mut text, v, &fam.keys, rng, n);
                }
                text.push('.');
                Vec::new()
            } else {
                let dep = if rng.chance(0.6) {
                    1
                } else {
                    rng.between(1, u64::from(num) - 1) as u32
                };
                if fam.lang == Language::En {
                    text.push_str("The ");
                    text.push_str(&subject);
                } else {
                    capitalize_into(&mut text, &subject);
                }
                text.push_str(&format!(" {} {} {dep}{} ", p.refers, p.claim, p.wherein));
                // The opening ("The <subject> of claim N, wherein") counts in the length.
                let opening = subject.split(' ').count() as u32 + 5;
                let n = self
                    .len
                    .other_claim
                    .draw(rng)
                    .saturating_sub(opening)
                    .max(3);
                Self::words_into(&mut text, v, &fam.keys, rng, n);
                text.push('.');
                vec![dep]
            };
            out.push(Claim {
                num,
                text,
                depends_on,
            });
        }
        out
    }

    fn description(&self, rng: &mut Rng, fam: &Family) -> Description {
        let p = phrases(fam.lang);
        let v = self.vocab(fam.lang, Kind::Patent);
        let total = self.len.description.draw(rng).min(DESCRIPTION_CAP_WORDS);
        let mut paragraphs = Vec::new();
        let mut written = 0;
        let mut num = 0;
        let mut section = 0;
        while written < total {
            // A heading opens each quarter of the text.
            if section < p.headings.len() && written >= total * section as u32 / 4 {
                paragraphs.push(Paragraph {
                    num: None,
                    heading: true,
                    text: p.headings[section].to_string(),
                });
                section += 1;
            }
            let n = self.len.paragraph.draw(rng).min(total - written).max(1);
            written += n;
            num += 1;
            paragraphs.push(Paragraph {
                num: Some(format!("{num:04}")),
                heading: false,
                text: Self::prose(v, &fam.keys, rng, n),
            });
        }
        Description {
            lang: Lang::new(fam.lang.code()),
            paragraphs,
        }
    }
}
