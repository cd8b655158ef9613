#!/usr/bin/env python3
"""Grid search of the free-text ranking parameters on TRAINING judgments only.

Runs `tisc search --batch` with `--bm25 <spec>` for each point of a small grid, scores each
run with `tisc eval` on the training qrels, and prints the best points. Test judgments are
never read here.

usage: TISC_HOME=... tune_bm25.py CORPUS QUERIES TRAIN_QRELS [TISC_BINARY]
"""
import itertools
import json
import subprocess
import sys
import tempfile


def main():
    corpus, queries, train = sys.argv[1:4]
    binary = sys.argv[4] if len(sys.argv) > 4 else "target/release/tisc"
    results = []
    grid = itertools.product([0.9, 1.2, 1.5], [1.0, 1.5, 2.0, 3.0], [0.3, 0.5, 0.75], [0.4, 0.6, 0.75])
    for k1, wti, bti, bab in grid:
        spec = f"k1={k1},ti={wti}:{bti},ab=1:{bab}"
        with tempfile.NamedTemporaryFile(suffix=".trec") as out:
            subprocess.run([binary, "search", "--corpus", corpus, "--batch", queries, "--format", "trec",
                            "--limit", "100", "--bm25", spec], stdout=out, check=True)
            figures = json.loads(subprocess.run([binary, "eval", "--qrels", train, "--run", out.name,
                                                 "--format", "json"], capture_output=True, check=True).stdout)
            results.append((figures["ndcg@10"], spec))
    results.sort(reverse=True)
    for score, spec in results[:10]:
        print(f"{score:.4f}\t{spec}")


if __name__ == "__main__":
    main()
