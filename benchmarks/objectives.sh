#!/usr/bin/env bash
# Runs example objectives from the same SFT start (PPO after the reward model it uses), each in its own process, and prints one table row per
# objective from the runs' summary.json: held-out preference accuracy, attack success rate and over-refusal before → after, and, where the run
# checks its reward with RewardModelBias, the reward's length bias after (length correlation, accuracy on chosen-longer / chosen-shorter bias
# pairs); steps, wall time, and the process's peak resident memory.
#   bash benchmarks/objectives.sh [output-root] [experiment ...]     (default: every example objective)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
shift $(( $# > 0 ? 1 : 0 ))
experiments=("$@")
if [ ${#experiments[@]} -eq 0 ]; then
  experiments=(gym-dpo gym-dpo-precomputed gym-ipo gym-simpo gym-orpo gym-kto gym-rm gym-ppo gym-cai-dpo gym-cai-sft
               gym-dpo-length-biased gym-simpo-length-biased)
fi
run() { dotnet run --project examples/QuickStart -c Release --no-build -- run "$1" --device cpu --out "$out" > /dev/null; }
dotnet build examples/QuickStart -c Release > /dev/null
run gym-sft
for experiment in "${experiments[@]}"; do run "$experiment"; done
echo "| objective | experiment | pref. accuracy before → after | ASR before → after | over-refusal before → after | length corr. after | chosen longer / shorter after | steps | seconds | peak RSS (MiB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for summary in "$out"/*/*/summary.json; do
  python3 - "$summary" <<'PY'
import json, math, sys
s = json.load(open(sys.argv[1]))
b, a = s["eval"]["before"], s["eval"]["after"]
def known(key):
    return key in a and isinstance(a[key], (int, float)) and not math.isnan(a[key])
def pair(key):
    return f"{b[key]:.3f} → {a[key]:.3f}" if known(key) and key in b else "–"
def after(*keys):
    return " / ".join(f"{a[k]:.3f}" for k in keys) if all(known(k) for k in keys) else "–"
print(f"| {s['objective']} | {s['experiment']} | {pair('preference_accuracy')} | {pair('attack_success_rate')} | {pair('over_refusal_rate')} "
      f"| {after('length_correlation')} | {after('accuracy_chosen_longer', 'accuracy_chosen_shorter')} "
      f"| {s['steps']} | {s['seconds']:.1f} | {s['process_peak_resident_mib']} |")
PY
done
echo "(run folders under $out)"
