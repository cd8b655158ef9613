#!/usr/bin/env python3
"""Build a second ranking test collection from real MEDLINE citations: each citation's
title is a query, its abstract (without the title) the one relevant document, in BEIR
format. Used to check that ranking choices tuned on SciFact carry over.

With a third argument, the documents of a BEIR corpus (e.g. SciFact's 5,183 abstracts) are
added as distractors, so that the collection is not trivially small.

usage: make_medline_titles.py MEDLINE_XML_GZ OUT_DIR [DISTRACTOR_CORPUS_JSONL]
"""
import gzip
import json
import os
import sys
import xml.etree.ElementTree as ET


def main():
    src, out = sys.argv[1], sys.argv[2]
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
            abstract = " ".join("".join(t.itertext()) for t in cit.findall("Article/Abstract/AbstractText"))
            if not pmid or not title.strip() or len(abstract.split()) < 30:
                continue
            corpus.write(json.dumps({"_id": f"d{pmid}", "title": "", "text": abstract}, ensure_ascii=False) + "\n")
            queries.write(json.dumps({"_id": f"q{pmid}", "text": title}, ensure_ascii=False) + "\n")
            qrels.write(f"q{pmid}\td{pmid}\t1\n")
            n += 1
        if len(sys.argv) > 3:
            with open(sys.argv[3], encoding="utf-8") as extra:
                for line in extra:
                    d = json.loads(line)
                    corpus.write(json.dumps({"_id": "x" + str(d["_id"]), "title": "", "text": d.get("text", "")}, ensure_ascii=False) + "\n")
    print(f"{n} queries and documents written to {out}")


if __name__ == "__main__":
    main()
