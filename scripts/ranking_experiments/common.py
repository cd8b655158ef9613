"""What the ranking experiments share: where SciFact is, its tokenisation (PyStemmer's English
Snowball, as tisc's English analyser), the query stop words of tisc, judgments, runs, nDCG@10."""
import collections
import math
import os
import re

import Stemmer

D = os.path.join(os.environ.get("TISC_SHARED_DATA", "../shared/data"), "beir-scifact/")
STOP = set("a an and are as at be but by for if in into is it no not of on or such that the their then there "
           "these they this to was will with which than from has have its can been were we our".split())
_stemmer = Stemmer.Stemmer("english")


def tok(text):
    return [_stemmer.stemWord(w) for w in re.findall(r"\w+", text.lower())]


def stem(word):
    return _stemmer.stemWord(word.lower())


def qrels(path):
    r = collections.defaultdict(dict)
    for i, line in enumerate(open(path)):
        if i == 0:
            continue
        q, d, level = line.split("\t")
        r[q][d] = int(level)
    return r


def load_run(path, depth=100):
    run = collections.defaultdict(list)
    for line in open(path):
        q, _, d, rank, score, _ = line.split()
        if int(rank) <= depth:
            run[q].append((d, float(score)))
    return run


def ndcg(ranked, rel):
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum((2 ** r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0
