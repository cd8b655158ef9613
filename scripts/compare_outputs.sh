#!/usr/bin/env bash
# Refactoring check: build tisc at two revisions, run the same commands with each binary and
# diff what they print. Exits 0 only when every output is the same.
#
#   scripts/compare_outputs.sh BASE [HEAD]
#
# BASE is a git revision (e.g. bce7804). HEAD is a revision too, or `worktree` (the default):
# the working tree as it is, uncommitted changes included. A revision is checked out with
# `git worktree add --detach` in a temporary folder and built there (debug profile: far quicker
# to build than release on a small machine, and fast enough to run everything below).
# Runtime on two cores, dependencies already compiled: 1.5-2.5 minutes (two builds of the tisc
# crate, then about 40 s of commands). With an empty COMPARE_TARGET_DIR the first run also
# compiles every dependency once.
#
# Environment:
#   TISC_SHARED_DATA    the shared data sets (default: ../shared/data from the repository root);
#                       beir-scifact/ must be there.
#   COMPARE_TARGET_DIR  a cargo target dir used to build the revisions (default:
#                       <repo>/target/compare). Point it at an existing target dir, e.g. the
#                       repository's own `target`, to reuse its compiled dependencies. The
#                       revisions are built one after the other and each `tisc` binary is
#                       copied out before the next build, so they never overwrite each other.
#                       The working tree is always built in its own target dir.
#   COMPARE_OUT         folder for the outputs and diffs (default: a new temporary folder,
#                       kept and named at the end).
#
# What runs, each binary with a fresh TISC_HOME, SOURCE_DATE_EPOCH fixed, TZ=UTC, LC_ALL=C.UTF-8:
#   1. SciFact: `tisc index --name scifact --format beir corpus.jsonl`, then `tisc search
#      --corpus scifact --batch <the 300 test queries> --format trec --limit 100`, and `tisc eval`
#      of that run against qrels/test.tsv;
#   2. the demo: `tisc` piped (indexes the demo corpus and prints the demo search), and
#      `tisc search --corpus demo` with several strategies in table and JSON, one bad query,
#      and `tisc explain`;
#   3. one multi-corpus JSON search (demo + scifact, several -q);
#   4. a case built by the same commands (new, searches recorded in its history, citations,
#      a note, show), and its report in every format (md, html, json) in en, fr and es;
#   5. probes of the changes CHANGELOG.md lists (steps named 7x-changelog-*): a small PubMed
#      file whose title uses entity names in capitals (&AACUTE; &SZLIG; &PRIME;…), indexed and
#      searched; and `tisc mirror status` under a config.toml with an unknown section, one that
#      is not TOML, and an unknown [mirror] key (each in a TISC_HOME of its own); and a second
#      `tisc index scifact --json` of the unchanged corpus (incremental indexing). The config
#      probes also show the `[index]` section in the list of known ones, and the index sizes of
#      step 70 include the file record of incremental indexing. Against a BASE
#      older than those changes these steps are expected to differ, and the script then exits
#      1: read their diffs against the CHANGELOG. No network is used by any step.
# Every command's exit code, standard output and standard error are kept in one file per step.
#
# Pinning: every tisc command runs pinned to one CPU (`taskset`, when it exists). The index
# writer uses one thread per available CPU, and with two or more the documents are spread over
# segments in an order that changes from run to run, which reorders hits of equal score (and
# moves the last digits of a few query-by-example scores). On one CPU the index, and so every
# ranking, is the same at each run; without `taskset` the script warns that such differences
# may be noise.
#
# Masking (sed, before diffing): timestamps that tisc takes from the clock are not comparable
# between two runs, so they are replaced by <TIME>: the report's "generated at" line
# (`generated_at` in JSON), the case's created_at/updated_at, history and note times, a
# citation's cited_at/updated_at — all printed as YYYY-MM-DDTHH:MM:SSZ. The HTML report shows
# the day alone of history and note times: the day of SOURCE_DATE_EPOCH (2100-01-01, a date no
# document of the data has) and the days the commands ran on (for a tisc that does not honour
# SOURCE_DATE_EPOCH) are replaced by <DATE> wherever they appear. The indexing
# summaries' elapsed time and throughput (`in 4.2 s — 1246 docs/s, 1.9 MB/s`, JSON
# `"seconds"`) are replaced by <ELAPSED>, and the temporary TISC_HOME paths by <TISC_HOME>.
# The exact `"index_bytes"` of `tisc index --json` is masked too, because it counts
# tisc-index.json, whose elapsed-seconds value varies in length (the sizes rounded to 0.1 MiB
# in the text summary and in `tisc corpora` are kept). Nothing else is masked: scores, ranks,
# counts and rounded index sizes must match exactly.
set -euo pipefail

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
}
[[ $# -ge 1 && $# -le 2 && "$1" != "-h" && "$1" != "--help" ]] || usage

repo=$(git rev-parse --show-toplevel)
base_rev=$1
head_rev=${2:-worktree}
data=${TISC_SHARED_DATA:-$repo/../shared/data}
data=$(realpath -m "$data")
[[ -f "$data/beir-scifact/corpus.jsonl" ]] || {
    echo "error: $data/beir-scifact/corpus.jsonl not found (set TISC_SHARED_DATA)" >&2
    exit 2
}
target=${COMPARE_TARGET_DIR:-$repo/target/compare}
out=${COMPARE_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/tisc-compare.XXXXXX")}
mkdir -p "$out"
out=$(realpath "$out")
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tisc-compare-build.XXXXXX")
worktrees=()
cleanup() {
    for w in "${worktrees[@]}"; do
        git -C "$repo" worktree remove --force "$w" >/dev/null 2>&1 || true
    done
    rm -rf "$scratch"
}
trap cleanup EXIT

pin=()
if command -v taskset >/dev/null 2>&1; then
    cpu=$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')
    pin=(taskset -c "$cpu")
else
    echo "warning: taskset not found; the index is built on several threads and hits of equal" \
        "score may come out in a different order at each run" >&2
fi

start=$SECONDS

# --- build -------------------------------------------------------------------------------
# build SIDE REV: leaves the binary at $out/SIDE/tisc.
build() {
    local side=$1 rev=$2 src
    mkdir -p "$out/$side"
    if [[ "$rev" == "worktree" ]]; then
        echo "building the working tree ($side)…" >&2
        local own=${CARGO_TARGET_DIR:-$repo/target}
        (cd "$repo" && CARGO_TARGET_DIR="$own" cargo build --quiet --bin tisc) || {
            echo "error: the working tree does not build" >&2
            exit 1
        }
        cp "$own/debug/tisc" "$out/$side/tisc"
        local state="clean"
        [[ -z "$(git -C "$repo" status --porcelain)" ]] || state="with uncommitted changes"
        echo "working tree at $(git -C "$repo" rev-parse --short HEAD), $state" >"$out/$side/revision"
    else
        local sha
        sha=$(git -C "$repo" rev-parse --verify --quiet "$rev^{commit}") || {
            echo "error: $rev is not a revision of $repo" >&2
            exit 2
        }
        src="$scratch/$side"
        git -C "$repo" worktree add --detach --quiet "$src" "$sha"
        worktrees+=("$src")
        echo "building $rev ($side) in $src with CARGO_TARGET_DIR=$target…" >&2
        (cd "$src" && CARGO_TARGET_DIR="$target" cargo build --quiet --bin tisc) || {
            echo "error: $rev does not build" >&2
            exit 1
        }
        cp "$target/debug/tisc" "$out/$side/tisc"
        echo "$rev $sha" >"$out/$side/revision"
    fi
}

build base "$base_rev"
build head "$head_rev"
built=$SECONDS

# --- inputs shared by both sides ------------------------------------------------------------
inputs="$out/inputs"
mkdir -p "$inputs"
python3 - "$data/beir-scifact" "$inputs/scifact-test-queries.jsonl" <<'EOF'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
ids = set()
with open(src + "/qrels/test.tsv", encoding="utf-8") as f:
    next(f)
    for line in f:
        if line.strip():
            ids.add(line.split("\t")[0])
with open(src + "/queries.jsonl", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as o:
    for line in f:
        if json.loads(line)["_id"] in ids:
            o.write(line)
EOF
cat >"$inputs/disclosure.txt" <<'EOF'
A solar water pump for a borehole. A float switch in the storage tank stops the motor when
the tank is full, and a controller tracks the maximum power point of the photovoltaic array.

The pump is a helical rotor pump driven by a brushless direct-current motor.
EOF
# Entity names in capitals, whose decoding CHANGELOG.md lists, with their lower-case forms.
cat >"$inputs/entities.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">99000001</PMID>
<Article><Journal><Title>Entity probe</Title><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>
<ArticleTitle>Named entities in capitals: &AACUTE; &AUML; &EACUTE; &NTILDE; &OUML; &UUML; &CCARON; &SZLIG; &PRIME; &CIRC; &THETAS; &PHIV; &ANGST;</ArticleTitle>
<Abstract><AbstractText>Lower case: &aacute; &auml; &eacute; &ntilde; &ouml; &uuml; &ccaron; &szlig; &prime; &circ; &thetas; &phiv; &angst; probe.</AbstractText></Abstract>
<Language>eng</Language></Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
EOF

# --- the commands -----------------------------------------------------------------------------
# step NAME ARGS...: run the side's tisc with ARGS; record exit code, stdout and stderr.
step() {
    local name=$1
    shift
    local f="$sdir/$name.txt" rc=0
    (cd "$inputs" && "${pin[@]}" "$bin" "$@") >"$sdir/.stdout" 2>"$sdir/.stderr" </dev/null || rc=$?
    {
        echo "\$ tisc $*"
        echo "== exit $rc"
        echo "== stdout"
        cat "$sdir/.stdout"
        echo "== stderr"
        cat "$sdir/.stderr"
    } >"$f"
}

run_side() {
    local side=$1
    bin="$out/$side/tisc"
    sdir="$out/$side/raw"
    rm -rf "$sdir" "$out/$side"/home*
    mkdir -p "$sdir"
    local home="$out/$side/home"
    export TISC_HOME="$home"
    export TISC_SHARED_DATA="$data" SOURCE_DATE_EPOCH=4102444800 TZ=UTC LC_ALL=C.UTF-8
    date -u +%F >"$out/$side/days"
    export NO_COLOR=1 TERM=dumb
    local sf="$data/beir-scifact"

    # 2a. the demo search that `tisc` prints when piped (indexes the demo corpus first).
    local rc=0
    (cd "$inputs" && "${pin[@]}" "$bin" </dev/null >"$sdir/.stdout" 2>"$sdir/.stderr") || rc=$?
    { echo "\$ tisc | cat"; echo "== exit $rc"; echo "== stdout"; cat "$sdir/.stdout"
      echo "== stderr"; cat "$sdir/.stderr"; } >"$sdir/01-demo-piped.txt"

    # 1. SciFact batch run.
    step 10-scifact-index index --name scifact --format beir "$sf/corpus.jsonl"
    step 11-scifact-batch search --corpus scifact --batch scifact-test-queries.jsonl \
        --format trec --limit 100
    sed -n '/^== stdout$/,/^== stderr$/p' "$sdir/11-scifact-batch.txt" | sed '1d;$d' \
        >"$inputs/run-$side.trec"
    step 12-scifact-eval eval --qrels "$sf/qrels/test.tsv" --run "run-$side.trec"
    step 14-corpora corpora

    # 2b. demo searches, table and JSON.
    local -a strategies=(
        "solar AND pump*"
        "ti:(drip OR micro) AND emitter* NOT cl:pressure"
        "(pump* OR compressor) NEAR/5 (solar OR photovoltaic)"
        "cassava grater"
        "malaria AND (rapid NEAR/3 test*)"
        "ipc:A61K36 OR cpc:A61K36"
        "pd:[2010 TO 2015] AND (float* ADJ/2 switch*)"
        "\"drip irrigation\" SAME emitter*"
        "colo?r OR *phosphate"
    )
    local i=0 s
    for s in "${strategies[@]}"; do
        i=$((i + 1))
        step "20-demo-$i-table" search --corpus demo "$s"
        step "20-demo-$i-json" search --corpus demo --limit 10 --format json "$s"
    done
    step 21-demo-cutoff search --corpus demo --cutoff 2012-06-30 \
        "(pump* OR compressor) NEAR/5 (solar OR photovoltaic)"
    step 22-demo-fused search --corpus demo -q "solar AND pump*" -q "float* NEAR/3 switch*" \
        --format json --limit 15
    step 23-demo-disclosure search --corpus demo --disclosure disclosure.txt --limit 10
    step 24-demo-disclosure-prf search --corpus demo --disclosure disclosure.txt --prf \
        --format json --limit 10
    step 25-demo-bad-query search --corpus demo "solar AND (pump OR"
    step 26-demo-explain explain --corpus demo "drip NEAR/3 emitter* AND pd<2015"

    # 3. multi-corpus JSON search.
    step 30-multi-corpus search --corpus demo --corpus scifact -q "malaria AND diagnos*" \
        -q "plasmodium OR falciparum" -q "ti:(rapid OR test*)" --format json --limit 25

    # 4. a case, with citations, and its reports.
    step 40-case-new case new cmp --title "Solar water pump with float switch" \
        --client "A. Inventor" --disclosure disclosure.txt --cutoff 2012-03-01 --lang fr \
        --ipc F04B17/00 --corpus demo
    step 41-case-search-1 search --case cmp "(solar OR photovoltaic) NEAR/3 pump*" --limit 10
    step 42-case-search-2 search --case cmp "float* AND switch*" --limit 10
    step 43-case-search-3 search --case cmp "#1 AND #2" --format json --limit 10
    step 44-case-cite-x case cite cmp US7739912B1 --category X --claims 1,3 \
        --passage "a float switch in the storage tank" --note "same float switch as claim 1"
    step 45-case-cite-px case cite cmp "US 8,598,428" --category P,X --claims 2 \
        --passage "figure 2"
    step 46-case-cite-y case cite cmp PMID:39900072 --category Y --claims 1
    step 47-case-cite-a case cite cmp 10.5555/jats.2009.01259 --category A --corpus demo
    step 48-case-cite-ep case cite cmp "EP 1 848 718" --category A --claims 1-4
    step 49-case-note case note cmp "Inventor confirms the float is magnetic"
    step 50-case-show case show cmp
    step 51-case-show-json case show cmp --format json
    local fmt lang
    for fmt in md html json; do
        for lang in en fr es; do
            step "60-report-$fmt-$lang" report cmp --format "$fmt" --lang "$lang"
        done
    done
    step 61-report-default report cmp
    date -u +%F >>"$out/$side/days"

    # 5. probes of the changes listed in CHANGELOG.md.
    step 70-changelog-entities-index index --name entities --format pubmed entities.xml
    step 71-changelog-entities-search search --corpus entities --format json "probe"
    local n=0 cfg
    for cfg in $'[search]\nx = 1' 'this is = = not toml' $'[mirror]\nparalel = 3'; do
        n=$((n + 1))
        TISC_HOME="$home-config$n"
        mkdir -p "$TISC_HOME"
        printf '%s\n' "$cfg" >"$TISC_HOME/config.toml"
        step "72-changelog-config-$n" mirror status pubmed-mirror
    done
    TISC_HOME="$home"
    # A second `tisc index` of an unchanged corpus: a full rebuild before incremental
    # indexing, "up to date" (nothing read) since.
    step 73-changelog-reindex-json index scifact --json
    rm -f "$sdir/.stdout" "$sdir/.stderr"
}

# mask SIDE: raw outputs -> masked outputs (see the header for what is masked and why).
mask() {
    local side=$1 f day
    local home="$out/$side/home"
    local -a days=(-e 's/2100-01-01/<DATE>/g')
    for day in $(sort -u "$out/$side/days"); do
        days+=(-e "s/$day/<DATE>/g")
    done
    mkdir -p "$out/$side/masked"
    for f in "$out/$side/raw"/*.txt; do
        sed -E \
            -e "s#$home#<TISC_HOME>#g" \
            -e "s#run-$side\\.trec#run-SIDE.trec#g" \
            -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})/<TIME>/g' \
            -e 's/ in [0-9.]+ ?(s|ms|min) — [0-9.]+ docs\/s, [0-9.]+ [KMGT]?i?B\/s/ in <ELAPSED>/g' \
            -e 's/"seconds": [0-9.eE+-]+/"seconds": <ELAPSED>/g' \
            -e 's/"index_bytes": [0-9]+/"index_bytes": <INDEX_BYTES>/g' \
            "${days[@]}" \
            "$f" >"$out/$side/masked/$(basename "$f")"
    done
}

for side in base head; do
    echo "running the commands with the $side binary…" >&2
    run_side "$side"
    mask "$side"
done
ran=$SECONDS

# --- compare ---------------------------------------------------------------------------------
mkdir -p "$out/diffs"
different=0
same=0
echo
echo "base: $(cat "$out/base/revision")"
echo "head: $(cat "$out/head/revision")"
for f in "$out/base/masked"/*.txt; do
    name=$(basename "$f" .txt)
    other="$out/head/masked/$name.txt"
    if cmp -s "$f" "$other"; then
        printf '  same       %s\n' "$name"
        same=$((same + 1))
    else
        note=""
        [[ "$name" == 7?-changelog-* ]] && note="   (probe of a change listed in CHANGELOG.md)"
        printf '  DIFFERENT  %s%s\n' "$name" "$note"
        diff -u --label "base/$name" --label "head/$name" "$f" "$other" \
            >"$out/diffs/$name.diff" || true
        sed -n '3,14p' "$out/diffs/$name.diff" | sed 's/^/      /'
        different=$((different + 1))
    fi
done
echo
echo "$same same, $different different; outputs and diffs in $out"
echo "time: build $((built - start)) s, runs $((ran - built)) s, total $((SECONDS - start)) s"
[[ $different -eq 0 ]]
