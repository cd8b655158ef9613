#!/usr/bin/env python3
"""nDCG@k and Recall@k of a TREC run against BEIR (TSV with header) or TREC qrels.

trec_eval's definitions: gain = judged level, discount log2(rank + 1), ideal DCG from the
judgments; every judged query counts (a query with no hits scores 0); hits whose doc id
equals the query id are dropped, as BEIR does. Used until `tisc eval` exists.

usage: eval_trec.py QRELS RUN [k ...]
"""
import math
import sys
from collections import defaultdict


def read_qrels(path):
    qrels = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            parts = line.split()
            if not parts:
                continue
            if len(parts) == 3:
                if i == 0 and not parts[2].lstrip("-").isdigit():
                    continue  # BEIR header
                q, d, rel = parts
            elif len(parts) == 4:
                q, _, d, rel = parts
            else:
                sys.exit(f"{path}:{i + 1}: expected 3 or 4 columns")
            qrels[q][d] = int(rel)
    return qrels


def read_run(path):
    run = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 5 and p[0] != p[2]:
                run[p[0]].append((float(p[4]), p[2]))
    # trec_eval orders by score descending, then doc id descending
    return {q: [d for _, d in sorted(v, key=lambda x: (-x[0], [-ord(c) for c in x[1]]))] for q, v in run.items()}


def main():
    qrels, run = read_qrels(sys.argv[1]), read_run(sys.argv[2])
    ks = [int(k) for k in sys.argv[3:]] or [10, 100]
    for k in ks:
        ndcg = recall = 0.0
        n = 0
        for q, rels in qrels.items():
            if not any(r > 0 for r in rels.values()):
                continue
            n += 1
            docs = run.get(q, [])[:k]
            dcg = sum(rels.get(d, 0) / math.log2(i + 2) for i, d in enumerate(docs) if rels.get(d, 0) > 0)
            ideal = sorted((r for r in rels.values() if r > 0), reverse=True)[:k]
            idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
            ndcg += dcg / idcg if idcg else 0.0
            relevant = {d for d, r in rels.items() if r > 0}
            recall += len(relevant & set(docs)) / len(relevant)
        print(f"ndcg@{k}\t{ndcg / n:.4f}\nrecall@{k}\t{recall / n:.4f}")
    print(f"queries\t{n}")


if __name__ == "__main__":
    main()
