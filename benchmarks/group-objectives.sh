#!/usr/bin/env bash
# Runs gym-sft, then gym-grpo and gym-rloo from it (each in its own process, rewarded by the gym's ground truth), and
# prints per run: the mean reward and the training KL of the first and last metrics reads (each the mean over LogEvery
# steps), the evaluated KL to the SFT reference and the attack success rate before → after, steps and wall time.
#   bash benchmarks/group-objectives.sh [output-root] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
shift || true
run() { local experiment="$1"; shift; dotnet run --project examples/QuickStart -c Release --no-build -- run "$experiment" --device cpu --out "$out" "$@" > /dev/null; }
dotnet build examples/QuickStart -c Release > /dev/null
[ -d "$out/gym-sft" ] || run gym-sft
for experiment in gym-grpo gym-rloo; do run "$experiment" "$@"; done
echo "| experiment | reward first → last read | train kl first → last read | eval KL before → after | ASR before → after | steps | seconds |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for experiment in gym-grpo gym-rloo; do
  folder=$(ls -d "$out/$experiment"/*/ | sort | tail -1)
  python3 - "$folder" <<'PY'
import json, sys, os
folder = sys.argv[1]
s = json.load(open(os.path.join(folder, "summary.json")))
train = [json.loads(l) for l in open(os.path.join(folder, "metrics.jsonl")) if '"kind":"train"' in l]
def reads(key):
    values = [t[key] for t in train if key in t]
    return f"{values[0]:.3f} → {values[-1]:.3f}" if values else "–"
b, a = s["eval"]["before"], s["eval"]["after"]
def figure(evaluation, key):
    value = evaluation.get(key)
    return value.get(key) if isinstance(value, dict) else value  # a suite with categories nests its overall figure
def pair(key):
    before, after = figure(b, key), figure(a, key)
    return f"{before:.3f} → {after:.3f}" if before is not None and after is not None else "–"
print(f"| {s['experiment']} | {reads('reward')} | {reads('kl')} | {pair('kl')} | {pair('attack_success_rate')} | {s['steps']} | {s['seconds']:.1f} |")
PY
done
echo "(run folders under $out)"
