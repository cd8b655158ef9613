#!/usr/bin/env python3
"""Build the tables of `tisc-bench gen-corpus` (bench/data/) from the shared real data sets.

Reads the data sets under $TISC_SHARED_DATA (default ../shared/data) and writes small derived
tables only: word frequencies, IPC symbol frequencies, field-length quantiles, name and journal
frequencies. No document text is copied; every table is a list of counts.

    python3 scripts/make_vocab.py               # writes bench/data/*.tsv, prints the measurements
    python3 scripts/make_vocab.py --out DIR     # writes the tables into DIR instead

Sources (see each data set's SOURCE.md; licences in bench/data/README.md):
  en_patent.tsv, en_claims.tsv, lengths.tsv (patent rows), ipc.tsv, names.tsv (inventors)
      USPTO full-text grants, uspto-patent-xml/grants-weekly-excerpts (public domain);
      ipc.tsv also counts the IPC codes of the other USPTO, EP and DOCDB samples.
  fr.tsv, de.tsv   EP publications, epo-ep-patent-xml (text in French / German, by `lang`).
  es.tsv           FreeDict spa-eng headwords and eng-spa translations (GPL-2.0-or-later).
  en_article.tsv, lengths.tsv (article rows)   BEIR SciFact corpus (ODC-By 1.0) and the
      MEDLINE 2016 sample, pubmed-pmc-xml/pubmed/medline16n0902.xml.gz (NLM terms).
  journals.tsv, names.tsv (authors)   the same MEDLINE sample.

Words are lower-cased runs of letters (with inner hyphens or apostrophes); stop words are kept,
since the claim words ("said", "wherein", "comprising"...) are what makes claims look like claims.
"""

import collections
import gzip
import html
import json
import os
import re
import sys

ROOT = os.environ.get("TISC_SHARED_DATA") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench", "data")

WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
TAG = re.compile(r"<[^>]+>")
PI = re.compile(r"<\?[^>]*\?>")

# Table sizes (each table stays well under 300 KB).
SIZES = {"en_patent": 15000, "en_claims": 4000, "fr": 8000, "de": 8000, "es": 6000, "en_article": 15000}
QUANTILES = 20  # lengths.tsv keeps the 0%, 5%, ..., 100% points


def die(msg):
    print(f"make_vocab: {msg}", file=sys.stderr)
    sys.exit(2)


def path(*parts):
    p = os.path.join(ROOT, *parts)
    if not os.path.exists(p):
        die(f"{p} not found (set TISC_SHARED_DATA to the shared data folder)")
    return p


def text_of(fragment):
    """Markup to plain text: processing instructions and tags dropped, entities decoded."""
    return " ".join(html.unescape(TAG.sub(" ", PI.sub(" ", fragment))).split())


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def nwords(text):
    return len(text.split())


def first(pattern, s, flags=re.S):
    m = re.search(pattern, s, flags)
    return m.group(1) if m else None


def quantiles(values):
    v = sorted(values)
    if not v:
        return [0] * (QUANTILES + 1)
    out = []
    for i in range(QUANTILES + 1):
        pos = (len(v) - 1) * i / QUANTILES
        lo = int(pos)
        hi = min(lo + 1, len(v) - 1)
        out.append(round(v[lo] + (v[hi] - v[lo]) * (pos - lo), 1))
    return out


def write_counts(name, counter, limit, header):
    # Most frequent first; ties in code-point order, so that the tables do not depend on the
    # order files were read in.
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    p = os.path.join(OUT, name)
    with open(p, "w", encoding="utf-8") as f:
        for line in header:
            f.write(f"# {line}\n")
        for w, c in rows:
            f.write(f"{w}\t{c}\n")
    print(f"{name}: {len(rows)} rows, {os.path.getsize(p):,} bytes")
    return rows


# --- USPTO grants: English patent words, claim words, field lengths, IPC, inventor names ---

def uspto_documents(folder):
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
            data = f.read()
        for doc in data.split("<?xml ")[1:]:
            yield name, doc


def ipcr_codes(doc):
    """IPC codes of a USPTO document, as `A61K31/47` (IPCR parts, or the old text form)."""
    out = []
    for block in re.findall(r"<classification-ipcr>(.*?)</classification-ipcr>", doc, re.S):
        part = {k: (first(rf"<{k}>(.*?)</{k}>", block) or "").strip()
                for k in ("section", "class", "subclass", "main-group", "subgroup")}
        if part["section"] and part["class"] and part["subclass"]:
            sym = f"{part['section']}{part['class']}{part['subclass']}"
            if part["main-group"]:
                sym += f"{part['main-group'].lstrip('0') or '0'}/{part['subgroup'] or '00'}"
            out.append(sym)
    ipc = first(r"<classification-ipc>(.*?)</classification-ipc>", doc)
    if ipc:
        for t in re.findall(r"<(?:main|further)-classification>(.*?)</", ipc):
            t = t.rstrip()
            if len(t) >= 8 and t[:4].isalnum() and "/" not in t:
                mg, sg = t[4:7].strip(), t[7:].strip()
                if mg.isdigit() and sg.isdigit():
                    out.append(f"{t[:4]}{int(mg)}/{sg}")
    return out


def text_ipc_codes(fragment):
    """IPC codes of EP and DOCDB records (`<text>A61K  31/47  20060101AFI...</text>`)."""
    out = []
    for t in re.findall(r"<classification-ipcr[^>]*>\s*<text>([^<]*)</text>", fragment):
        m = re.match(r"\s*([A-H]\d\d[A-Z])\s*(\d+)\s*/\s*(\d+)", t)
        if m:
            out.append(f"{m.group(1)}{int(m.group(2))}/{m.group(3)}")
    return out


def measure_uspto():
    folder = path("uspto-patent-xml", "grants-weekly-excerpts")
    vocab, claim_vocab, ipc, surnames, given = (collections.Counter() for _ in range(5))
    lengths = collections.defaultdict(list)
    kinds = collections.Counter()
    for _, doc in uspto_documents(folder):
        if "<us-patent-grant" not in doc:
            kinds["not a grant"] += 1
            continue
        kind = first(r"<publication-reference>.*?<kind>(.*?)</kind>", doc) or "?"
        kinds[kind] += 1
        for c in ipcr_codes(doc):
            ipc[c] += 1
        for who in re.findall(r"<inventor[ >].*?</inventor>", doc, re.S):
            last, fore = first(r"<last-name>(.*?)</last-name>", who), first(r"<first-name>(.*?)</first-name>", who)
            if last:
                surnames[html.unescape(last).strip()] += 1
            if fore:
                given[html.unescape(fore).split()[0]] += 1
        if kind not in ("B1", "B2"):  # lengths and words from utility grants only
            continue
        title = text_of(first(r"<invention-title[^>]*>(.*?)</invention-title>", doc) or "")
        abstract = text_of(first(r"<abstract[^>]*>(.*?)</abstract>", doc) or "")
        desc_xml = first(r"<description[^>]*>(.*?)</description>", doc) or ""
        paragraphs = [text_of(p) for p in re.findall(r"<p [^>]*>(.*?)</p>", desc_xml, re.S)]
        paragraphs = [p for p in paragraphs if p]
        claims = [text_of(c) for c in re.findall(r"<claim [^>]*>(.*?)</claim>", doc, re.S)]
        claims = [re.sub(r"^\d+\s*\.\s*", "", c) for c in claims if c]
        if not title or not claims:
            continue
        lengths["patent", "title_words"].append(nwords(title))
        lengths["patent", "abstract_words"].append(nwords(abstract))
        lengths["patent", "claims_count"].append(len(claims))
        lengths["patent", "claims_words"].append(sum(nwords(c) for c in claims))
        lengths["patent", "first_claim_words"].append(nwords(claims[0]))
        for c in claims[1:]:
            lengths["patent", "other_claim_words"].append(nwords(c))
        lengths["patent", "description_words"].append(sum(nwords(p) for p in paragraphs))
        for p in paragraphs:
            lengths["patent", "paragraph_words"].append(nwords(p))
        lengths["patent", "text_bytes"].append(
            len(" ".join([title, abstract] + claims + paragraphs).encode("utf-8")))
        for t in [title, abstract] + paragraphs:
            vocab.update(words(t))
        for c in claims:
            ws = words(c)
            vocab.update(ws)
            claim_vocab.update(ws)
    return vocab, claim_vocab, ipc, surnames, given, lengths, kinds


def walk(base):
    """(folder, sorted file names) under `base`, folders in sorted order."""
    for dirpath, dirnames, files in os.walk(base):
        dirnames.sort()
        yield dirpath, sorted(files)


def measure_other_ipc(ipc):
    """IPC codes of the other patent samples: more real symbols for the frequency table."""
    for sub in ("bibliographic-ipgb", "samples-go-uspto", "samples-patentpublicdata", "applications"):
        base = path("uspto-patent-xml", sub)
        for dirpath, files in walk(base):
            for name in files:
                if name.endswith(".xml"):
                    with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                        for doc in f.read().split("<?xml ")[1:]:
                            for c in ipcr_codes(doc):
                                ipc[c] += 1
    for ds in ("epo-ep-patent-xml", "epo-docdb-xml"):
        for dirpath, files in walk(path(ds)):
            for name in files:
                if name.endswith(".xml"):
                    with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                        for c in text_ipc_codes(f.read()):
                            ipc[c] += 1


# --- EP: French and German words ---

def measure_ep():
    by_lang = {"fr": collections.Counter(), "de": collections.Counter()}
    base = path("epo-ep-patent-xml")
    for dirpath, files in walk(base):
        for name in files:
            if not name.endswith(".xml"):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                doc = f.read()
            for tag in ("claims", "description", "abstract"):
                for lang, body in re.findall(rf'<{tag}\b[^>]*\blang="(\w+)"[^>]*>(.*?)</{tag}>', doc, re.S):
                    if lang in by_lang:
                        by_lang[lang].update(words(text_of(body)))
            for lang, title in re.findall(r"<B541>(\w+)</B541>\s*<B542>(.*?)</B542>", doc, re.S):
                if lang in by_lang:
                    by_lang[lang].update(words(text_of(title)))
    return by_lang


# --- FreeDict: Spanish words ---

def measure_es():
    es = collections.Counter()
    with open(path("freedict-bilingual", "tsv", "spa-eng.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            es.update(words(line.split("\t")[0]))
    with open(path("freedict-bilingual", "tsv", "eng-spa.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3:
                es.update(words(cols[2]))
    return es


# --- Articles: SciFact and MEDLINE ---

def measure_articles(lengths):
    vocab, journals, surnames, given = (collections.Counter() for _ in range(4))
    with open(path("beir-scifact", "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            title, text = d.get("title", ""), d.get("text", "")
            lengths["article", "title_words"].append(nwords(title))
            lengths["article", "abstract_words"].append(nwords(text))
            vocab.update(words(title))
            vocab.update(words(text))
    with gzip.open(path("pubmed-pmc-xml", "pubmed", "medline16n0902.xml.gz"), "rt", encoding="utf-8") as f:
        data = f.read()
    for cit in re.findall(r"<MedlineCitation[ >].*?</MedlineCitation>", data, re.S):
        j = first(r"<Journal>.*?<Title>(.*?)</Title>", cit)
        if j:
            journals[html.unescape(j).strip()] += 1
        authors = re.findall(r"<Author[ >].*?</Author>", cit, re.S)
        if authors:
            lengths["article", "authors_count"].append(len(authors))
        for a in authors:
            last, fore = first(r"<LastName>(.*?)</LastName>", a), first(r"<ForeName>(.*?)</ForeName>", a)
            if last:
                surnames[html.unescape(last).strip()] += 1
            if fore:
                given[html.unescape(fore).split()[0]] += 1
        abstract = first(r"<Abstract>(.*?)</Abstract>", cit)
        if abstract:
            vocab.update(words(text_of(abstract)))
    return vocab, journals, surnames, given


def main():
    global OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        OUT = sys.argv[2]
    elif len(sys.argv) != 1:
        die("usage: make_vocab.py [--out DIR]")
    os.makedirs(OUT, exist_ok=True)
    en, claims, ipc, inv_last, inv_first, lengths, kinds = measure_uspto()
    measure_other_ipc(ipc)
    ep = measure_ep()
    es = measure_es()
    art, journals, au_last, au_first = measure_articles(lengths)

    src_us = "USPTO full-text grants (uspto-patent-xml/grants-weekly-excerpts), utility grants B1/B2"
    write_counts("en_patent.tsv", en, SIZES["en_patent"],
                 [f"English patent words: {src_us}: title, abstract, claims, description.", "word\tcount"])
    rows = write_counts("en_claims.tsv", claims, SIZES["en_claims"],
                        [f"English claim words: {src_us}: claims only.", "word\tcount"])
    top = [w for w, _ in rows]
    for must in ("first", "second", "said", "wherein", "comprising"):
        if must not in top:
            die(f"claim word {must!r} missing from en_claims.tsv")
    write_counts("fr.tsv", ep["fr"], SIZES["fr"],
                 ["French words: EP publications (epo-ep-patent-xml), elements with lang=\"fr\".", "word\tcount"])
    write_counts("de.tsv", ep["de"], SIZES["de"],
                 ["German words: EP publications (epo-ep-patent-xml), elements with lang=\"de\".", "word\tcount"])
    write_counts("es.tsv", es, SIZES["es"],
                 ["Spanish words: FreeDict spa-eng headwords and eng-spa translations (counts are",
                  "occurrences in the dictionaries, not in running text).", "word\tcount"])
    write_counts("en_article.tsv", art, SIZES["en_article"],
                 ["English article words: BEIR SciFact corpus titles and abstracts, MEDLINE 2016 sample abstracts.",
                  "word\tcount"])
    write_counts("ipc.tsv", ipc, None,
                 ["IPC symbols (subclass + group) as they occur in the shared USPTO, EP and DOCDB samples.",
                  "symbol\tcount"])
    for must in ("A61K", "H04L", "G06F"):
        if not any(s.startswith(must) for s in ipc):
            print(f"note: no {must} symbol in the shared data", file=sys.stderr)
    write_counts("journals.tsv", journals, 2000,
                 ["Journal titles of the MEDLINE 2016 sample (pubmed-pmc-xml/pubmed/medline16n0902.xml.gz).",
                  "journal\tcount"])
    names = collections.Counter()
    for k, c in inv_last.items():
        names[f"last\t{k}"] += c
    for k, c in au_last.items():
        names[f"last\t{k}"] += c
    for k, c in inv_first.items():
        names[f"first\t{k}"] += c
    for k, c in au_first.items():
        names[f"first\t{k}"] += c
    write_counts("names.tsv", names, 6000,
                 ["Person names: USPTO grant inventors and MEDLINE 2016 sample authors (last = family name,",
                  "first = first given name).", "kind\tname\tcount"])

    p = os.path.join(OUT, "lengths.tsv")
    with open(p, "w", encoding="utf-8") as f:
        f.write("# Field lengths measured on the shared data (words, whitespace-separated; counts).\n")
        f.write(f"# patent: {src_us}; article: BEIR SciFact (title, abstract), MEDLINE 2016 sample (authors).\n")
        f.write(f"# kinds seen in the USPTO excerpts: {dict(sorted(kinds.items()))}\n")
        f.write("# profile\tfield\tn\tmean\t" + "\t".join(f"p{i * 100 // QUANTILES}" for i in range(QUANTILES + 1)) + "\n")
        for (prof, field), vals in sorted(lengths.items()):
            q = quantiles(vals)
            mean = sum(vals) / len(vals)
            f.write(f"{prof}\t{field}\t{len(vals)}\t{mean:.1f}\t" + "\t".join(str(x) for x in q) + "\n")
            print(f"{prof:8} {field:20} n={len(vals):6} mean={mean:9.1f} median={q[QUANTILES // 2]:8} "
                  f"p10={q[2]} p90={q[QUANTILES - 2]}")
    print(f"lengths.tsv: {os.path.getsize(p):,} bytes")


if __name__ == "__main__":
    main()
