#!/usr/bin/env bash
# Operator probes of run safety against QuickStart: each prints the command, the exit code and what it left behind.
# Usage: bash benchmarks/run-safety-probes.sh [work-folder]   (builds QuickStart in Release first)
set -u
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d /tmp/aligndsl-probes.XXXXXX)}"
mkdir -p "$work"
dotnet build examples/QuickStart -c Release -v q >/dev/null || exit 1
app=(dotnet examples/QuickStart/bin/Release/net10.0/QuickStart.dll)
probe() { echo; echo "\$ ${app[*]} $*"; "${app[@]}" "$@" >"$work/out.txt" 2>"$work/err.txt"; local rc=$?; tail -n 2 "$work/err.txt"; echo "exit $rc"; return $rc; }
wait_for() { for _ in $(seq 600); do compgen -G "$1" >/dev/null && return 0; sleep 0.2; done; return 1; }

echo "## kill -9 at a step, then --resume: equal to an uninterrupted run"
probe run gym-sft --steps 120 --device cpu --out "$work/a"
"${app[@]}" run gym-sft --steps 120 --device cpu --out "$work/b" >/dev/null 2>&1 &
pid=$!
wait_for "$work/b/gym-sft/*.incomplete/checkpoints/step-000050/state.json" && sleep 1
kill -9 "$pid"; wait "$pid" 2>/dev/null
echo "killed with -9 after $(grep -c '"kind":"train"' "$work"/b/gym-sft/*.incomplete/metrics.jsonl) logged intervals"
probe runs --out "$work/b"
probe run gym-sft --steps 120 --device cpu --out "$work/b" --resume latest
a=$(ls -d "$work"/a/gym-sft/*/); b=$(ls -d "$work"/b/gym-sft/*/ | grep -v incomplete)
cmp "$a/metrics.jsonl" "$b/metrics.jsonl" && echo "metrics.jsonl: equal"
cmp "$a/checkpoint/model.safetensors" "$b/checkpoint/model.safetensors" && echo "model.safetensors: equal"

echo; echo "## SIGTERM: a clean stop that keeps the checkpoint"
"${app[@]}" run gym-sft --steps 120 --device cpu --out "$work/c" >/dev/null 2>"$work/err.txt" &
pid=$!
wait_for "$work/c/gym-sft/*.incomplete/checkpoints/step-000050/state.json" && sleep 1
kill -TERM "$pid"; wait "$pid"; echo "exit $?"; tail -n 1 "$work/err.txt"
grep -E '"status"|"last_checkpoint_step"' "$work"/c/gym-sft/*.incomplete/summary.json
echo "(checkpoints come every 50 steps: a last_checkpoint_step past 50 is the step SIGTERM stopped at)"
probe run gym-sft --steps 120 --device cpu --out "$work/c" --resume latest

echo; echo "## divergence: a learning rate no model survives"
probe run gym-sft --steps 40 --lr 1e30 --device cpu --out "$work/d"
grep '"status"' "$work"/d/gym-sft/*/summary.json

echo; echo "## operator errors"
probe run gym-dpo --steps -1 --out "$work/e"
ls "$work/e" 2>/dev/null | grep -c gym-sft | sed 's/^/gym-sft folders trained first: /'
touch "$work/a-file"; probe run gym-sft --out "$work/a-file"
probe run gym-sft --out "$work/f" --bogus
probe run gym-sft --stpes 3 --out "$work/f"
probe run gym-dpp
probe run gym-sft --lr 0 --out "$work/f"
probe run gym-sft --beta 0.2 --out "$work/f"
probe run gym-ppo --beta 0 --out "$work/f"

echo; echo "## PPO failure-mode guards (declared to warn), from the gym-sft run above: paid for length, then paid for refusing"
fired() { python3 -c "import json,sys; [print(' ', e['guard'], e['signal'], 'first at step', e['first_step']) for e in json.load(open(sys.argv[1]))['guards']['fired']]" "$1"; }
probe run gym-ppo-length-hack --device cpu --out "$work/a"
fired "$(ls -d "$work"/a/gym-ppo-length-hack/*/ | tail -n 1)summary.json"
probe run gym-ppo-refusal-collapse --device cpu --out "$work/a"
fired "$(ls -d "$work"/a/gym-ppo-refusal-collapse/*/ | tail -n 1)summary.json"

echo; echo "probe folders under $work"
