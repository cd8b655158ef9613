"""Per-word query weights learnt from surface features, two-fold cross-validation on SciFact
TRAINING judgments only: term_weights.py. A word's weight is exp(w . features); BM25F over
title (x2, b 0.5) and abstract (b 0.6), k1 1.2, a repeated query word counted once. Prints, per
fold, the weights fitted on one half and nDCG@10 on the other half with and without them.
Slow (minutes): every evaluation ranks the whole collection in Python. Needs PyStemmer."""
import math
import random
import re

from common import Collection, content_words, is_identifier, mean_ndcg, train_queries

FEATURES = ["pure number", "letters and digits", "all capitals", "in a hyphenated compound",
            "after (", "length", "position"]

C = Collection()
df = C.df


def features(text):
    words, n = content_words(text, df)
    return [(s, [
        float(w.isdigit()),
        float(is_identifier(w)),
        float(w.isupper() and len(w) > 1 and not re.search(r"\d", w)),
        float((a > 0 and text[a - 1] == "-") or (b < len(text) and text[b] == "-")),
        float(a > 0 and text[a - 1] == "("),
        min(len(w), 15) / 15,
        i / n,
    ]) for i, w, s, a, b in words]


train, queries = train_queries()
F = {q: features(queries[q]) for q in train}


def evaluate(w, qids):
    return mean_ndcg(C, lambda q: [(s, math.exp(sum(a * b for a, b in zip(w, f)))) for s, f in F[q]],
                     qids, train)


qids = sorted(train)
random.seed(0)
random.shuffle(qids)
folds = [qids[0::2], qids[1::2]]
base = [0.0] * len(FEATURES)
for i in range(2):
    w, best = list(base), evaluate(base, folds[i])
    for _ in range(2):
        for k in range(len(FEATURES)):
            for step in [-1, -.5, -.25, .25, .5, 1]:
                w2 = list(w)
                w2[k] += step
                v = evaluate(w2, folds[i])
                if v > best + 1e-4:
                    best, w = v, w2
    fitted = {f: x for f, x in zip(FEATURES, w) if x}
    print(f"fold {i}: fitted {fitted}, held-out {evaluate(base, folds[1 - i]):.4f} -> "
          f"{evaluate(w, folds[1 - i]):.4f}", flush=True)
