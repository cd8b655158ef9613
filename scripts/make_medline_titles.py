#!/usr/bin/env python3
"""Build a second ranking test collection from real MEDLINE citations: each citation's
title is a query, its abstract (without the title) the one relevant document, in BEIR
format. Used to check that ranking choices tuned on SciFact carry over.

With a third argument, the documents of a BEIR corpus (e.g. SciFact's 5,183 abstracts) are
added as distractors, so that the collection is not trivially small. They keep their titles
when the relevant documents have one (--conclusion, --disclosure), and lose them when they
do not.

With --conclusion, the query is instead the abstract's conclusion (its CONCLUSION(S) section,
else its last sentence) and the relevant document the title with the rest of the abstract: a
one-sentence finding checked against the paper that reports it, as a SciFact claim is, and a
harder collection than titles.

With --disclosure, the query is the abstract without its conclusion (background, methods,
results; only abstracts where that is 100 words or more) and the relevant document the title
with the conclusion: a long description looking for the short statement of the same work, as
an inventor's disclosure looks for the prior art that anticipates it.

usage: make_medline_titles.py [--conclusion | --disclosure] MEDLINE_XML_GZ OUT_DIR [DISTRACTOR_CORPUS_JSONL]
"""
import gzip
import json
import os
import re
import sys
import xml.etree.ElementTree as ET


def split_conclusion(sections):
    """(conclusion, rest of the abstract) from its (label, text) sections."""
    for i, (label, text) in enumerate(sections):
        if label.upper().startswith("CONCLUSION") and len(text.split()) >= 5:
            rest = [t for j, (_, t) in enumerate(sections) if j != i]
            return text, " ".join(rest)
    whole = " ".join(t for _, t in sections)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", whole.strip())
    if len(sentences) < 3:
        return None, whole
    return sentences[-1], " ".join(sentences[:-1])


def main():
    args = sys.argv[1:]
    conclusion = "--conclusion" in args
    disclosure = "--disclosure" in args
    args = [a for a in args if a not in ("--conclusion", "--disclosure")]
    src, out = args[0], args[1]
    os.makedirs(os.path.join(out, "qrels"), exist_ok=True)
    root = ET.parse(gzip.open(src)).getroot()
    n = 0
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as corpus, \
         open(os.path.join(out, "queries.jsonl"), "w", encoding="utf-8") as queries, \
         open(os.path.join(out, "qrels", "test.tsv"), "w", encoding="utf-8") as qrels:
        qrels.write("query-id\tcorpus-id\tscore\n")
        for cit in root.iter("MedlineCitation"):
            pmid = cit.findtext("PMID")
            title = "".join(cit.find("Article/ArticleTitle").itertext()) if cit.find("Article/ArticleTitle") is not None else ""
            sections = [(t.get("Label") or "", "".join(t.itertext()))
                        for t in cit.findall("Article/Abstract/AbstractText")]
            abstract = " ".join(t for _, t in sections)
            if not pmid or not title.strip() or len(abstract.split()) < 30:
                continue
            if disclosure:
                found, rest = split_conclusion(sections)
                if found is None or len(rest.split()) < 100:
                    continue
                query, doc = rest, {"_id": f"d{pmid}", "title": title, "text": found}
            elif conclusion:
                query, rest = split_conclusion(sections)
                if query is None:
                    continue
                doc = {"_id": f"d{pmid}", "title": title, "text": rest}
            else:
                query, doc = title, {"_id": f"d{pmid}", "title": "", "text": abstract}
            corpus.write(json.dumps(doc, ensure_ascii=False) + "\n")
            queries.write(json.dumps({"_id": f"q{pmid}", "text": query}, ensure_ascii=False) + "\n")
            qrels.write(f"q{pmid}\td{pmid}\t1\n")
            n += 1
        if len(args) > 2:
            with open(args[2], encoding="utf-8") as extra:
                for line in extra:
                    d = json.loads(line)
                    # Distractors look like the relevant documents: with their title where
                    # relevant documents have one, without it where the title is the query.
                    title = d.get("title", "") if conclusion or disclosure else ""
                    corpus.write(json.dumps({"_id": "x" + str(d["_id"]), "title": title, "text": d.get("text", "")}, ensure_ascii=False) + "\n")
    print(f"{n} queries and documents written to {out}")


if __name__ == "__main__":
    main()
