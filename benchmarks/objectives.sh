#!/usr/bin/env bash
# Runs every example objective from the same SFT start (PPO after the reward model it uses), each in its own process, and prints one table row per
# objective from the runs' summary.json: held-out preference accuracy and attack success rate before/after, steps,
# wall time, and the process's peak resident memory.
#   bash benchmarks/objectives.sh [output-root]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
run() { dotnet run --project examples/QuickStart -c Release --no-build -- run "$1" --device cpu --out "$out" > /dev/null; }
dotnet build examples/QuickStart -c Release > /dev/null
run gym-sft
for experiment in gym-dpo gym-dpo-precomputed gym-ipo gym-simpo gym-orpo gym-kto gym-rm gym-ppo gym-cai-dpo gym-cai-sft; do run "$experiment"; done
echo "| objective | experiment | pref. accuracy before → after | ASR before → after | over-refusal before → after | steps | seconds | peak RSS (MiB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for summary in "$out"/*/*/summary.json; do
  python3 - "$summary" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
b, a = s["eval"]["before"], s["eval"]["after"]
def pair(key):
    return f"{b[key]:.3f} → {a[key]:.3f}" if key in a and a[key] is not None else "–"
print(f"| {s['objective']} | {s['experiment']} | {pair('preference_accuracy')} | {pair('attack_success_rate')} | {pair('over_refusal_rate')} | {s['steps']} | {s['seconds']:.1f} | {s['process_peak_resident_mib']} |")
PY
done
echo "(run folders under $out)"
