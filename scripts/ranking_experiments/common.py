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


class Collection:
    """SciFact as a small BM25F sandbox: title and abstract words (stemmed), postings, field
    lengths, document and collection frequencies, and in how many titles each word is."""

    def __init__(self):
        import json
        self.post = collections.defaultdict(dict)
        self.lt, self.la = {}, {}
        self.cf, self.in_title = collections.Counter(), collections.Counter()
        for line in open(D + "corpus.jsonl"):
            d = json.loads(line)
            k = d["_id"]
            t = [stem(w) for w in re.findall(r"\w+", d["title"])]
            a = [stem(w) for w in re.findall(r"\w+", d["text"])]
            self.lt[k], self.la[k] = len(t), len(a)
            for w in t:
                self.post[w].setdefault(k, [0, 0])[0] += 1
                self.cf[w] += 1
            for w in set(t):
                self.in_title[w] += 1
            for w in a:
                self.post[w].setdefault(k, [0, 0])[1] += 1
                self.cf[w] += 1
        self.N = len(self.lt)
        self.avt, self.ava = sum(self.lt.values()) / self.N, sum(self.la.values()) / self.N
        self.df = {w: len(p) for w, p in self.post.items()}

    def score(self, terms):
        """BM25F of (word, weight) pairs: title x2 (b 0.5), abstract (b 0.6), k1 1.2."""
        N, df, lt, la = self.N, self.df, self.lt, self.la
        sc = collections.defaultdict(float)
        for w, weight in terms:
            idf = math.log(1 + (N - df[w] + .5) / (df[w] + .5))
            for d, (ft, fa) in self.post[w].items():
                tf = 2 * ft / (1 - .5 + .5 * lt[d] / self.avt) + fa / (1 - .6 + .6 * la[d] / self.ava)
                sc[d] += weight * idf * tf * 2.2 / (1.2 + tf)
        return sc


def is_identifier(w):
    """Letters and digits together (p53, h2o2), as tisc's free-text ranking defines it."""
    return bool(re.search(r"\d", w)) and bool(re.search(r"[^\W\d_]", w))


def content_words(text, df):
    """The first occurrence of each query stem that is not a stop word and is in the
    collection: (position among all words, word, stem, start, end), and the word count."""
    spans = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    out, seen = [], set()
    for i, (w, a, b) in enumerate(spans):
        s = stem(w)
        if w.lower() in STOP or s in seen or s not in df:
            continue
        seen.add(s)
        out.append((i, w, s, a, b))
    return out, len(spans)


def train_queries():
    """SciFact's training judgments and the text of every query."""
    import json
    queries = {}
    for line in open(D + "queries.jsonl"):
        q = json.loads(line)
        queries[q["_id"]] = q["text"]
    return qrels(D + "qrels/train.tsv"), queries


def mean_ndcg(collection, weighted_terms, qids, judgments):
    """Mean nDCG@10 over `qids` of ranking `collection` by `weighted_terms(qid)`, a list of
    (stem, weight); ties go by document id."""
    total = 0
    for q in qids:
        sc = collection.score(weighted_terms(q))
        total += ndcg(sorted(sc, key=lambda d: (-sc[d], d))[:10], judgments[q])
    return total / len(qids)

