#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input (CSV, .npy, model-file JSON) with
# logit-fuzz, a seeded in-process mutation driver (Sources/LogitFuzz), over
# the committed corpus Tests/FuzzCorpus/{csv,npy,model} (valid and hostile
# inputs; scripts/make_fuzz_corpus.py writes it). Each kind runs in child
# processes watched by a supervisor: a crash or an input slower than 10 s is a
# finding, saved under fuzz-findings/ with the command that replays it.
#
#   bash scripts/fuzz.sh --minutes N [--seed S]   long campaign: N minutes per kind
#   bash scripts/fuzz.sh --smoke                  CI smoke: 20 s per kind (≤ 2 min in all, with the build)
#
# Exit status 0 when nothing crashed or hung.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=""
seed="$(date +%s)"
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
        --smoke) seconds=20; seed=1; shift ;;
        --seed) seed="$2"; shift 2 ;;
        *) echo "usage: bash scripts/fuzz.sh --minutes N [--seed S] | --smoke" >&2; exit 2 ;;
    esac
done
if [ -z "$seconds" ]; then
    echo "usage: bash scripts/fuzz.sh --minutes N [--seed S] | --smoke" >&2
    exit 2
fi

swift build --product logit-fuzz
bin="$(swift build --product logit-fuzz --show-bin-path)/logit-fuzz"
"$bin" --corpus Tests/FuzzCorpus --kind all --seconds "$seconds" --seed "$seed" --timeout 10 --findings fuzz-findings
