#!/usr/bin/env python3
"""Grid search of the free-text ranking parameters on TRAINING judgments only.

Runs `tisc search --batch` with `--bm25 <spec>` for each point of a small grid and reports
nDCG@10 on the training qrels, best first. Test judgments are never read here.

usage: TISC_HOME=... tune_bm25.py CORPUS QUERIES TRAIN_QRELS [TISC_BINARY]
"""
import itertools
import subprocess
import sys
import tempfile

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from eval_trec import read_qrels  # noqa: E402
import math


def ndcg10(qrels, run_path):
    from eval_trec import read_run
    run = read_run(run_path)
    total, n = 0.0, 0
    for q, rels in qrels.items():
        n += 1
        docs = run.get(q, [])[:10]
        dcg = sum(rels.get(d, 0) / math.log2(i + 2) for i, d in enumerate(docs))
        ideal = sorted(rels.values(), reverse=True)[:10]
        idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
        total += dcg / idcg if idcg else 0
    return total / n


def main():
    corpus, queries, train = sys.argv[1:4]
    binary = sys.argv[4] if len(sys.argv) > 4 else "target/release/tisc"
    qrels = read_qrels(train)
    results = []
    grid = itertools.product([0.9, 1.2, 1.5], [1.0, 1.5, 2.0, 3.0], [0.3, 0.5, 0.75], [0.4, 0.6, 0.75])
    for k1, wti, bti, bab in grid:
        spec = f"k1={k1},ti={wti}:{bti},ab=1:{bab}"
        with tempfile.NamedTemporaryFile(suffix=".trec") as out:
            subprocess.run([binary, "search", "--corpus", corpus, "--batch", queries, "--format", "trec",
                            "--limit", "10", "--bm25", spec], stdout=out, check=True)
            results.append((ndcg10(qrels, out.name), spec))
    results.sort(reverse=True)
    for score, spec in results[:10]:
        print(f"{score:.4f}\t{spec}")


if __name__ == "__main__":
    main()
