#!/usr/bin/env bash
# Runs gym-ppo after the runs it starts from (gym-sft, gym-rm), each in its own process, and prints PPO's training
# curve from metrics.jsonl: the reward model's score, the KL to the reference per answer, the RLHF reward and the
# per-answer entropy, as the mean of the first and of the last two metric reads (LogEvery steps each), then the
# evaluation before and after.
#   bash benchmarks/ppo.sh [output-root] [experiment]   (gym-ppo by default; gym-ppo-groups with the same root compares)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
experiment="${2:-gym-ppo}"
run() { dotnet run --project examples/QuickStart -c Release --no-build -- run "$1" --device cpu --out "$out" > /dev/null; }
dotnet build examples/QuickStart -c Release > /dev/null
# The runs it starts from, unless this output root already has them (a second experiment compares from the same start).
[ -d "$out/gym-sft" ] || run gym-sft
[ -d "$out/gym-rm" ] || run gym-rm
run "$experiment"
python3 - "$out/$experiment" <<'PY'
import glob, json, os, sys
run = sorted(glob.glob(os.path.join(sys.argv[1], "*", "metrics.jsonl")))[-1]
train = [l for l in map(json.loads, open(run)) if l.get("kind") == "train"]
def mean(rows, key):
    values = [r[key] for r in rows if key in r]
    return sum(values) / len(values) if values else float("nan")
first, last = train[:1], train[-2:]
print(f"{'metric':<28} {'first read':>12} {'last 2 reads':>14}")
for key in ["objective/scores", "objective/kl", "objective/rlhf_reward", "objective/entropy", "rollout/token_entropy", "objective/kl_coef", "loss/value_avg"]:
    if any(key in r for r in train):
        print(f"{key:<28} {mean(first, key):>12.4f} {mean(last, key):>14.4f}")
summary = json.load(open(os.path.join(os.path.dirname(run), "summary.json")))
b, a = summary["eval"]["before"], summary["eval"]["after"]
for key in sorted(set(a) & set(b)):
    if isinstance(a[key], (int, float)) and isinstance(b[key], (int, float)):
        print(f"eval {key:<23} {b[key]:>12.4f} {a[key]:>14.4f}")
print(f"steps {summary['steps']}, {summary['seconds']:.1f} s; run folder {os.path.dirname(run)}")
PY
