#!/usr/bin/env python3
"""Write the tisc demo corpus into corpora/demo/.

The demo corpus is a small, INVENTED collection of patent and journal documents on subjects
that Technology and Innovation Support Centres (TISCs) meet every day: solar water pumping,
drip irrigation, low-cost malaria diagnostics, plant-extract formulations, cassava processing,
and a few neighbouring topics (solar dryers, ceramic and sand water filters, clay evaporative
coolers).  Every title, abstract, description, claim, name and number below was composed for
this corpus; none is copied from a real publication.  Publication numbers, PMIDs and DOIs are
made up (DOIs use the reserved test prefix 10.5555) and may coincide with numbers of real,
unrelated documents.

The files mimic the structure of the real formats tisc reads:

* corpora/demo/uspto/ipgYYMMDD.xml  USPTO weekly grant files (several <?xml ...?> documents
  concatenated; DTD v4.2, v4.3 and v4.5 structures), and one ipaYYMMDD.xml application file;
* corpora/demo/ep/*.xml             EPO publication-server ep-patent-document files (A1 with
  abstract, B1 with claims in en, de and fr), about 15 in French;
* corpora/demo/pubmed/demo-pubmed.xml.gz  a PubmedArticleSet (gzip), some records in French;
* corpora/demo/jats/*.nxml          JATS full-text articles as found in PMC.

Texts are built from per-topic templates and vocabularies combined with a seeded random number
generator, so that documents on one subject share a vocabulary but differ in wording, scope and
detail.  Families (a US and an EP publication claiming one priority) and near-duplicates (a later
filing re-using most of an earlier text) are planned explicitly; see PLAN below and the generated
corpora/demo/README.md.

Standard library only.  Output is deterministic: running the script twice gives identical files.

    python3 scripts/make_demo_corpus.py            # (re)write corpora/demo/
    python3 scripts/make_demo_corpus.py --check    # only check the files already written
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import gzip
import math
import re
import sys
import xml.dom.minidom
from pathlib import Path
import random

SEED = 20240917
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "corpora" / "demo"


def rng_for(*key) -> random.Random:
    """A random generator seeded from a stable string key (independent of PYTHONHASHSEED)."""
    return random.Random("tisc-demo:%d:%s" % (SEED, ":".join(str(k) for k in key)))


# ---------------------------------------------------------------------------------------------
# Small helpers: templates, dates, escaping
# ---------------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_AN_ACRONYM = set("AEFHILMNORSX")


def article_for(word: str) -> str:
    first = word.split()[0] if word.split() else word
    if len(first) > 1 and first[:2].isupper() and first[0] in _AN_ACRONYM:
        return "an"
    return "an" if word[:1].lower() in "aeiou" else "a"


def fill(tpl: str, env: dict) -> str:
    """Replace {slot}s: {x} -> env[x]; {X...} capitalised; {a_x}/{A_x} with an article."""

    def rep(m):
        name = m.group(1)
        if name in env:
            return str(env[name])
        low = name[0].lower() + name[1:]
        if low in env:
            v = str(env[low])
            return v[:1].upper() + v[1:]
        if name[:2] in ("a_", "A_"):
            v = fill("{" + name[2:] + "}", env)
            art = article_for(v)
            if name[0] == "A":
                art = art.capitalize()
            return art + " " + v
        raise KeyError("unknown slot %r in template %r" % (name, tpl))

    return _SLOT.sub(rep, tpl)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def lc_first(s: str) -> str:
    if len(s) > 1 and s[1].isupper():  # keep acronyms ("PV array")
        return s
    return s[:1].lower() + s[1:]


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def ymd(x: dt.date) -> str:
    return x.strftime("%Y%m%d")


def next_weekday(x: dt.date, weekday: int) -> dt.date:
    """The first date on or after x falling on weekday (Mon=0 ... Sun=6)."""
    return x + dt.timedelta(days=(weekday - x.weekday()) % 7)


def add_months(x: dt.date, months: int) -> dt.date:
    y, m = divmod(x.month - 1 + months, 12)
    day = min(x.day, 28)
    return dt.date(x.year + y, m + 1, day)


MONTHS_EN = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."]
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre"]


def us_date_text(x: dt.date) -> str:
    return "%s %d, %d" % (MONTHS_EN[x.month - 1], x.day, x.year)


def fr_date_text(x: dt.date) -> str:
    return "%s %s %d" % ("1er" if x.day == 1 else str(x.day), MONTHS_FR[x.month - 1], x.year)


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr_escape(s: str) -> str:
    return xml_escape(s).replace('"', "&quot;")


def ncr(s: str, pad: int = 0) -> str:
    """Non-ASCII characters as hexadecimal character references (&#xe9; or &#x000e9;)."""
    out = []
    for ch in s:
        if ord(ch) < 128:
            out.append(ch)
        else:
            out.append("&#x%0*x;" % (pad, ord(ch)))
    return "".join(out)


def us_text(s: str) -> str:
    """USPTO style: & as &#x26;, curly quotes and all non-ASCII as &#x...; references."""
    s = s.replace("&", "\x00")
    s = xml_escape(s).replace("\x00", "&#x26;")
    s = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", s)
    return ncr(s)


def jats_text(s: str) -> str:
    """PMC style: non-ASCII as five-digit references (&#x000e9;)."""
    return ncr(xml_escape(s), pad=5)


# Reference numerals are written [12] in the templates.
_NUMERAL = re.compile(r"\[(\d{1,3}[a-z]?)\]")
_FIG = re.compile(r"\b(FIGS?\. \d+[A-Z]?(?: (?:and|to) \d+[A-Z]?)?)")
_FIG_FR = re.compile(r"\b((?:la |les )?figures? \d+(?: (?:et|à) \d+)?)")


def strip_numerals(s: str) -> str:
    return re.sub(r" ?\[\d{1,3}[a-z]?\]", "", s)


def us_markup(s: str) -> str:
    s = us_text(s)
    s = _NUMERAL.sub(r"<b>\1</b>", s)
    s = _FIG.sub(r'<figref idref="DRAWINGS">\1</figref>', s)
    return s


def ep_markup(s: str, figs: bool = True) -> str:
    s = xml_escape(s)
    s = _NUMERAL.sub(r"\1", s)
    if figs:
        def fig(m):
            n = re.search(r"\d+", m.group(1)).group(0)
            return '<figref idref="f%04d">%s</figref>' % (int(n), m.group(1))
        s = re.sub(r"\b((?:FIGS?\.|Fig\.|Figure) \d+)", fig, s)
    return s


def wilson(k: int, n: int) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    z = 1.96
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, centre - half) * 100, min(1.0, centre + half) * 100)


def pct(x: float, nd: int = 1) -> str:
    return ("%%.%df" % nd) % x


def luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return str((10 - total % 10) % 10)


# ---------------------------------------------------------------------------------------------
# People and organisations (all invented)
# ---------------------------------------------------------------------------------------------

FIRST = {
    "KE": ["Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Kiprono", "Mwende", "Odhiambo", "Wambui", "Chebet"],
    "SN": ["Mamadou", "Aïssatou", "Ousmane", "Fatou", "Cheikh", "Awa", "Ibrahima", "Ndèye", "Moussa", "Khady"],
    "FR": ["Camille", "Julien", "Hélène", "François", "Élodie", "Thomas", "Sophie", "Mathieu", "Anne-Laure", "Benoît"],
    "DE": ["Jürgen", "Katrin", "Matthias", "Sabine", "Tobias", "Anja", "Stefan", "Birgit"],
    "IN": ["Anand", "Priya", "Suresh", "Kavita", "Rajesh", "Meera", "Vikram", "Lakshmi", "Arjun", "Sunita"],
    "BR": ["João", "Ana Paula", "Marcos", "Fernanda", "Luiz", "Juliana", "Rafael", "Patrícia"],
    "MA": ["Youssef", "Fatima Zahra", "Karim", "Nadia", "Hicham", "Salma"],
    "PE": ["Luis", "Rosa", "Jorge", "Carmen", "Miguel", "Lucía"],
    "US": ["Karen", "Michael", "David", "Jennifer", "Robert", "Laura", "James", "Emily"],
    "NG": ["Chinedu", "Adebayo", "Ngozi", "Oluwaseun", "Emeka", "Funmilayo"],
    "GH": ["Kwame", "Akosua", "Kofi", "Ama", "Yaw"],
    "CI": ["Koffi", "Adjoua", "Yao", "Aya", "Konan"],
    "CM": ["Paul", "Clarisse", "Emmanuel", "Béatrice", "Hervé"],
    "BF": ["Issa", "Mariam", "Boukary", "Salimata", "Adama"],
    "ML": ["Bakary", "Oumou", "Seydou", "Kadiatou"],
    "UG": ["Brian", "Harriet", "Moses", "Esther"],
    "TZ": ["Juma", "Neema", "Baraka", "Rehema"],
    "GB": ["Alison", "Peter", "Rachel", "Simon"],
}
LAST = {
    "KE": ["Kamau", "Otieno", "Mwangi", "Ochieng", "Kiprotich", "Wafula", "Njoroge", "Mutiso", "Chege", "Omondi"],
    "SN": ["Ndiaye", "Diop", "Fall", "Sow", "Sarr", "Faye", "Diallo", "Mbaye", "Gueye", "Ba"],
    "FR": ["Martin", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Chevalier", "Garnier", "Mercier", "Lambert"],
    "DE": ["Schäfer", "Becker", "Hoffmann", "Wagner", "Krüger", "Neumann", "Schröder", "Zimmermann"],
    "IN": ["Patil", "Sharma", "Iyer", "Reddy", "Deshpande", "Nair", "Kulkarni", "Rao", "Gupta", "Menon"],
    "BR": ["Oliveira", "Santos", "Souza", "Ferreira", "Almeida", "Carvalho", "Ribeiro", "Barbosa"],
    "MA": ["El Amrani", "Benali", "Bennani", "Ouazzani", "Tazi", "El Idrissi"],
    "PE": ["Quispe", "Mamani", "Huamán", "Flores", "Condori", "Vargas"],
    "US": ["Miller", "Johnson", "Anderson", "Carter", "Nguyen", "Brooks", "Hughes", "Foster"],
    "NG": ["Okonkwo", "Adeyemi", "Eze", "Balogun", "Okafor", "Olatunji"],
    "GH": ["Mensah", "Boateng", "Owusu", "Asante", "Osei"],
    "CI": ["Kouassi", "Koné", "N'Guessan", "Kouamé", "Bamba"],
    "CM": ["Mbarga", "Nkoulou", "Tchoumi", "Fotso", "Ngono"],
    "BF": ["Ouédraogo", "Sawadogo", "Kaboré", "Traoré", "Compaoré"],
    "ML": ["Coulibaly", "Keïta", "Diarra", "Touré", "Sangaré"],
    "UG": ["Okello", "Namubiru", "Mugisha", "Ssemwogerere"],
    "TZ": ["Mushi", "Swai", "Mollel", "Massawe"],
    "GB": ["Whitfield", "Harrow", "Pembridge", "Ashworth"],
}
CITIES = {
    "KE": ["Nairobi", "Nakuru", "Kisumu", "Eldoret", "Machakos", "Thika"],
    "SN": ["Dakar", "Thiès", "Saint-Louis", "Kaolack", "Ziguinchor"],
    "FR": ["Toulouse", "Montpellier", "Lyon", "Grenoble", "Nantes"],
    "DE": ["Hamburg", "Freiburg im Breisgau", "Kassel", "Stuttgart", "Bremen"],
    "IN": ["Pune", "Jalgaon", "Bengaluru", "Hyderabad", "Nashik", "Coimbatore"],
    "BR": ["Petrolina", "Cruz das Almas", "Recife", "Campinas", "Fortaleza"],
    "MA": ["Agadir", "Rabat", "Marrakech", "Meknès"],
    "PE": ["Arequipa", "Cusco", "Lima", "Piura"],
    "US": [("Tucson", "AZ"), ("Fresno", "CA"), ("Seattle", "WA"), ("Gainesville", "FL"),
           ("Albuquerque", "NM"), ("Davis", "CA"), ("Madison", "WI")],
    "NG": ["Ibadan", "Enugu", "Abeokuta", "Ilorin"],
    "GH": ["Kumasi", "Accra", "Tamale"],
    "CI": ["Abidjan", "Yamoussoukro", "Bouaké"],
    "CM": ["Yaoundé", "Douala", "Bafoussam"],
    "BF": ["Ouagadougou", "Bobo-Dioulasso", "Koudougou"],
    "ML": ["Bamako", "Mopti", "Ségou"],
    "UG": ["Kampala", "Mbarara"],
    "TZ": ["Arusha", "Mwanza", "Dodoma"],
    "GB": ["Cambridge", "Reading"],
}
POSTCODE = {"FR": {"Toulouse": "31400", "Montpellier": "34090", "Lyon": "69007", "Grenoble": "38000",
                   "Nantes": "44000", "Paris": "75014"},
            "DE": {"Hamburg": "20095", "Freiburg im Breisgau": "79098", "Kassel": "34117",
                   "Stuttgart": "70173", "Bremen": "28195", "München": "80331"},
            "KE": {"Nairobi": "00100", "Nakuru": "20100", "Kisumu": "40100"},
            "MA": {"Agadir": "80000", "Rabat": "10000"},
            "BR": {"Petrolina": "56300-000", "Cruz das Almas": "44380-000"}}
STREETS = {
    "fr": ["rue des Acacias", "avenue du Fleuve", "rue de la Source", "chemin des Puits", "boulevard du Sahel",
           "rue du Marché", "allée des Manguiers"],
    "de": ["Sonnenstraße", "Brunnenweg", "Am Wasserturm", "Lindenallee", "Mühlenstraße"],
    "en": ["Mombasa Road", "Station Road", "Market Street", "Riverside Drive", "Church Road", "Mission Lane"],
    "pt": ["Rua das Palmeiras", "Avenida do Sertão", "Rua da Mandioca"],
    "es": ["Avenida Ejército", "Calle Los Molles", "Jirón Puno"],
}
COUNTRY_LANG = {"FR": "fr", "SN": "fr", "MA": "fr", "CI": "fr", "CM": "fr", "BF": "fr", "ML": "fr",
                "DE": "de", "BR": "pt", "PE": "es"}
COUNTRY_ADJ = {"KE": "Kenyan", "FR": "French", "IN": "Indian", "MA": "Moroccan", "DE": "German",
               "BR": "Brazilian", "PE": "Peruvian", "OA": "OAPI", "SN": "Senegalese", "US": "U.S.",
               "NG": "Nigerian"}


class Party:
    def __init__(self, country, org=None, last=None, first=None, city=None, state=None, street=None):
        self.country, self.org, self.last, self.first = country, org, last, first
        self.city, self.state, self.street = city, state, street

    @property
    def is_org(self):
        return self.org is not None

    def ep_name(self):
        if self.org:
            return self.org
        return "%s, %s" % (self.last.upper(), self.first)

    def display(self):
        return self.org or "%s %s" % (self.first, self.last)

    def ep_city(self):
        pc = POSTCODE.get(self.country, {}).get(self.city)
        return "%s %s" % (pc, self.city) if pc else self.city


ORGS = {
    # solar pumping
    "juamaji": ("Jua Maji Technologies Ltd.", "Nairobi", None, "KE"),
    "savanna": ("Savanna Solar Pumps Ltd.", "Nakuru", None, "KE"),
    "sashys": ("Société Sahélienne d'Hydraulique Solaire", "Dakar", None, "SN"),
    "heliopompe": ("Héliopompe SAS", "Toulouse", None, "FR"),
    "sonnenwasser": ("Sonnenwasser Pumpentechnik GmbH", "Freiburg im Breisgau", None, "DE"),
    "aquasun": ("AquaSun Systems LLC", "Tucson", "AZ", "US"),
    "suryajal": ("Suryajal Pumps Pvt. Ltd.", "Pune", None, "IN"),
    "sertao": ("Sertão Bombas Solares Ltda.", "Petrolina", None, "BR"),
    # irrigation
    "kisan": ("Kisan Drip Systems Pvt. Ltd.", "Jalgaon", None, "IN"),
    "atlas": ("Atlas Goutte-à-Goutte SARL", "Agadir", None, "MA"),
    "irrigasud": ("Irrigasud SA", "Montpellier", None, "FR"),
    "andes": ("Andes Riego Tecnificado S.A.C.", "Arequipa", None, "PE"),
    "prairie": ("Prairie Micro-Irrigation Inc.", "Fresno", "CA", "US"),
    "teranga": ("Teranga Irrigation SARL", "Thiès", None, "SN"),
    "deccan": ("Deccan Institute of Rural Technology", "Hyderabad", None, "IN"),
    # diagnostics
    "diagtrop": ("Diagnostika Tropika GmbH", "Hamburg", None, "DE"),
    "clearwell": ("Clearwell Diagnostics, Inc.", "Seattle", "WA", "US"),
    "csdr": ("Centre Sahélien de Diagnostic Rapide", "Dakar", None, "SN"),
    "lakeside": ("Lakeside Institute of Tropical Medicine", "Kisumu", None, "KE"),
    "sahyadri": ("Sahyadri Diagnostics Pvt. Ltd.", "Pune", None, "IN"),
    "optimal": ("Optilume Field Instruments Ltd.", "Cambridge", None, "GB"),
    # plant extracts
    "neemveda": ("Neemveda Formulations Pvt. Ltd.", "Bengaluru", None, "IN"),
    "phytosahel": ("Laboratoires Phytosahel SA", "Montpellier", None, "FR"),
    "fasobio": ("Faso Bio-Intrants SARL", "Bobo-Dioulasso", None, "BF"),
    "highlands": ("Highlands University of Agriculture and Technology", "Nakuru", None, "KE"),
    "amazonia": ("Instituto Amazônico de Fitoterapia", "Recife", None, "BR"),
    "greenleaf": ("GreenLeaf Botanicals Inc.", "Gainesville", "FL", "US"),
    # cassava
    "attieke": ("Attiéké Process SARL", "Abidjan", None, "CI"),
    "ictm": ("Institut Camerounais de Transformation du Manioc", "Yaoundé", None, "CM"),
    "mandioca": ("Mandioca Tecnologia Industrial Ltda.", "Cruz das Almas", None, "BR"),
    "garritech": ("Garritech Nigeria Ltd.", "Ibadan", None, "NG"),
    "volta": ("Volta Root Crop Machinery Ltd.", "Kumasi", None, "GH"),
    # dryers, filters, coolers
    "fasosechage": ("Faso Séchage Solaire SARL", "Ouagadougou", None, "BF"),
    "secandinos": ("Secadores Andinos S.A.C.", "Cusco", None, "PE"),
    "sunharvest": ("SunHarvest Dryers Ltd.", "Kampala", None, "UG"),
    "terracotta": ("Terracotta Water Works, Inc.", "Albuquerque", "NM", "US"),
    "majisafi": ("Maji Safi Filters Ltd.", "Mwanza", None, "TZ"),
    "frigoterre": ("Coopérative Frigo-Terre", "Mopti", None, "ML"),
    "ferlo": ("Université Polytechnique du Ferlo", "Saint-Louis", None, "SN"),
    "iater": ("Instituto Andino de Tecnologías Apropiadas", "Cusco", None, "PE"),
    "imer": ("Institut Marocain des Énergies Rurales", "Rabat", None, "MA"),
}


def org(key: str) -> Party:
    name, city, state, country = ORGS[key]
    return Party(country, org=name, city=city, state=state)


def person(rng: random.Random, country: str) -> Party:
    c = CITIES[country][rng.randrange(len(CITIES[country]))]
    state = None
    if isinstance(c, tuple):
        c, state = c
    lang = COUNTRY_LANG.get(country, "en")
    street = "%d %s" % (rng.randint(2, 180), rng.choice(STREETS[lang]))
    if lang == "fr":
        street = "%d, %s" % (rng.randint(2, 120), rng.choice(STREETS[lang]))
    if lang == "de":
        street = "%s %d" % (rng.choice(STREETS[lang]), rng.randint(2, 90))
    return Party(country, last=rng.choice(LAST[country]), first=rng.choice(FIRST[country]),
                 city=c, state=state, street=street)


def people(rng: random.Random, country: str, n: int) -> list:
    out, seen = [], set()
    while len(out) < n:
        p = person(rng, country)
        if (p.first, p.last) in seen:
            continue
        seen.add((p.first, p.last))
        out.append(p)
    return out


US_AGENTS = ["Hollis & Grant LLP", "Brightwater IP Law PLLC", "Marsh Kettering & Dunn", "Pereira Stone LLP",
             "Lindqvist Patent Group", "Okafor & Reyes LLP"]
EP_AGENTS = [("Cabinet Lavoisier & Associés", "12, rue de Naples", "75008 Paris", "FR"),
             ("Brandt Vogel Patentanwälte PartG mbB", "Theresienstraße 40", "80333 München", "DE"),
             ("Harcourt Lane IP LLP", "21 Fetter Yard", "London EC4A 1AB", "GB"),
             ("Cabinet Moreau-Sahel", "8, place du Capitole", "31000 Toulouse", "FR"),
             ("Van Dijk Octrooibureau B.V.", "Prinsengracht 700", "1017 KX Amsterdam", "NL")]
EXAMINERS = [("Whitaker", "Janine M"), ("Osei-Bonsu", "Daniel"), ("Lindgren", "Paul T"), ("Castillo", "Marisol"),
             ("Feld", "Aaron"), ("Petrov", "Irina"), ("Hargrove", "Calvin L"), ("Tanaka", "Melissa"),
             ("Boateng", "Richard K"), ("Sorensen", "Ingrid")]
