#!/usr/bin/env bash
# The QuickStart (SFT warm-up, then DPO) on a quiet machine and beside two busy processes (`yes > /dev/null`, one per
# core on 2 cores), interleaved: quiet, busy, quiet, busy, … Prints every run's wall time with the load average at its
# start, the CPU-seconds it used and the cores that makes (CPU-seconds / wall), then the medians, busy / quiet, and the
# fair-share prediction: (busy CPU / quiet CPU) × (quiet cores / ⅔), ⅔ being one thread's share of two cores beside two
# busy processes. Last, the CPU-seconds of one more quiet run by thread name (the main thread, the JIT's, the GC's…).
# Target: busy / quiet ≤ 1.5.
#   bash benchmarks/busy-machine.sh [RUNS] [-- QUICKSTART ARGUMENTS]     (RUNS: 3 by default)
# Environment variables given to the script reach the QuickStart (e.g. OMP_WAIT_POLICY=ACTIVE to compare);
# QUICKSTART_DLL=path/QuickStart.dll times that build instead of building this checkout's (a before/after comparison).
# Also checks that libgomp started with the wait policy the host chose: OMP_DISPLAY_ENV=verbose prints its settings
# (GOMP_SPINCOUNT 0: an idle thread sleeps at once; 300000, the default: it spins first).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"; shift || true
[[ "${1:-}" == "--" ]] && shift
extra=("$@")
work="$(mktemp -d)"
busy=()
cleanup() { for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
app="${QUICKSTART_DLL:-}"
if [[ -z "$app" ]]; then
  dotnet build "$repo/examples/QuickStart" -c Release -v q -nologo > "$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
  app="$repo/examples/QuickStart/bin/Release/net10.0/QuickStart.dll"
fi

echo "cores: $(getconf _NPROCESSORS_ONLN)"
echo "libgomp's wait policy as the QuickStart starts it:"
OMP_DISPLAY_ENV=verbose dotnet "$app" run gym-sft --steps 1 --out "$work/check" 2>&1 \
  | grep -E "OMP_WAIT_POLICY|GOMP_SPINCOUNT|OMP_NUM_THREADS" | sort -u | sed 's/^/  /' || echo "  (libgomp printed nothing: not loaded, or not libgomp)"

# Prints "wall cpu" in seconds: bash's time of the run, user + system over all its threads.
one_run() {
  local out="$work/runs-$1-$2" TIMEFORMAT='%R %U %S' times
  times=$( { time dotnet "$app" --out "$out" "${extra[@]}" > "$work/$1-$2.log" 2>&1; } 2>&1 ) \
    || { echo "$1 run $2 failed:" >&2; tail -n 20 "$work/$1-$2.log" >&2; exit 1; }
  rm -rf "$out"
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' <<< "$times"
}

quiet=(); loaded=(); quiet_cpu=(); loaded_cpu=()
for i in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  r=$(one_run quiet "$i"); read -r t cpu <<< "$r"; quiet+=("$t"); quiet_cpu+=("$cpu")
  printf 'quiet %d: %6.1f s, %5.1f CPU-s, %.2f cores   (load at start %s)\n' "$i" "$t" "$cpu" "$(echo "$cpu / $t" | bc -l)" "$load"
  busy=()
  for _ in 1 2; do yes > /dev/null & busy+=("$!"); done
  load=$(cut -d' ' -f1 /proc/loadavg)
  r=$(one_run busy "$i"); read -r t cpu <<< "$r"; loaded+=("$t"); loaded_cpu+=("$cpu")
  for pid in "${busy[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
  busy=()
  printf 'busy  %d: %6.1f s, %5.1f CPU-s, %.2f cores   (load at start %s, plus two busy processes)\n' "$i" "$t" "$cpu" "$(echo "$cpu / $t" | bc -l)" "$load"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mq=$(median "${quiet[@]}"); mb=$(median "${loaded[@]}")
cq=$(median "${quiet_cpu[@]}"); cb=$(median "${loaded_cpu[@]}")
printf 'median quiet %.1f s, busy %.1f s, busy / quiet %.2f\n' "$mq" "$mb" "$(echo "$mb / $mq" | bc -l)"
printf 'median CPU-s quiet %.1f, busy %.1f; cores quiet %.2f, busy %.2f; fair-share prediction %.2f\n' \
  "$cq" "$cb" "$(echo "$cq / $mq" | bc -l)" "$(echo "$cb / $mb" | bc -l)" "$(echo "$cb / (2 / 3) / $mq" | bc -l)"

# Where the quiet run's CPU-seconds went, by thread name, in one more (untimed) quiet run: its threads are read every
# 0.2 s and each thread's last reading kept, so threads that ended before the process count up to that reading.
echo "CPU-seconds by thread, one more quiet run:"
dotnet "$app" --out "$work/threads" "${extra[@]}" > "$work/threads.log" 2>&1 &
pid=$!; busy=("$pid")   # stopped on exit, like the busy processes
declare -A last=()
while kill -0 "$pid" 2>/dev/null; do
  for stat in /proc/"$pid"/task/*/stat; do
    read -r line < "$stat" 2>/dev/null || continue
    name=${line#*(}; name=${name%)*}
    read -ra field <<< "${line##*) }"
    last[${stat%/stat}]="$name|$(( field[11] + field[12] ))"   # utime and stime, in clock ticks
  done
  sleep 0.2
done
wait "$pid" || { echo "the thread-sampled run failed:"; tail -n 20 "$work/threads.log"; exit 1; }
printf '%s\n' "${last[@]}" | awk -F'|' -v tick="$(getconf CLK_TCK)" '{ cpu[$1] += $2 } END { for (n in cpu) if (cpu[n] > 0) printf "  %7.2f  %s\n", cpu[n] / tick, n }' | sort -rn
