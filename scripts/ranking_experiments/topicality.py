"""Query-word weights from collection statistics, on SciFact TRAINING judgments only:
topicality.py. BM25F as in term_weights.py (title x2 b 0.5, abstract b 0.6, k1 1.2, a repeated
query word counted once, identifiers x2). Two weights are measured, each multiplying a query
word's BM25F contribution:

- topicality exp(a * t), t = share of the documents containing the word that have it in
  their title;
- residual idf exp(a * ridf) (Church & Gale 1995: idf minus the idf a Poisson
  distribution with the same collection frequency predicts).

Prints nDCG@10 on all training queries for a small grid of a, then a two-fold
cross-validation of the topicality weight (two random splits): a picked on one half,
nDCG@10 of the other half without and with it. Slow (a few minutes). Needs PyStemmer."""
import math
import random

from common import Collection, content_words, is_identifier, mean_ndcg, train_queries

C = Collection()
N, df, cf, in_title = C.N, C.df, C.cf, C.in_title


def topicality(w):
    return in_title[w] / df[w]


def ridf(w):
    return -math.log2(df[w] / N) + math.log2(1 - math.exp(-cf[w] / N))


def query_words(text):
    return [(s, is_identifier(w)) for _, w, s, _, _ in content_words(text, df)[0]]


train, queries = train_queries()
Q = {q: query_words(queries[q]) for q in train}


def evaluate(weight, qids):
    return mean_ndcg(C, lambda q: [(s, (2 if ident else 1) * weight(s)) for s, ident in Q[q]],
                     qids, train)


everything = sorted(train)
print(f"no weight: {evaluate(lambda s: 1, everything):.4f}")
for a in [0.5, 1, 1.5, 2]:
    print(f"topicality a={a}: {evaluate(lambda s: math.exp(a * topicality(s)), everything):.4f}",
          flush=True)
for a in [0.1, 0.2, 0.4]:
    print(f"residual idf a={a}: {evaluate(lambda s: math.exp(a * ridf(s)), everything):.4f}",
          flush=True)
for seed in [0, 1]:
    random.seed(seed)
    qids = sorted(train)
    random.shuffle(qids)
    folds = [qids[0::2], qids[1::2]]
    for i in range(2):
        grid = {a: evaluate(lambda s: math.exp(a * topicality(s)), folds[i])
                for a in [0, 0.5, 1, 1.5, 2]}
        a = max(grid, key=grid.get)
        print(f"split {seed} fold {i}: a={a} picked; held-out "
              f"{evaluate(lambda s: 1, folds[1 - i]):.4f} -> "
              f"{evaluate(lambda s: math.exp(a * topicality(s)), folds[1 - i]):.4f}", flush=True)
