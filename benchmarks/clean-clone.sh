#!/usr/bin/env bash
# Times the README's two commands in a fresh clone of this checkout's HEAD (nothing built, no bin/ or obj/), once each,
# wall clock, with the machine's core count and load beside them: a figure measured under load is not the 2-core one.
# The global NuGet packages folder is reused, as on a machine that has restored once; the QuickStart runs first, so
# `dotnet test` starts with the runtime already built, as a user following the README would.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
git clone -q "$repo" "$work/clone"
cd "$work/clone"
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
time_it() {
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/$name.log" 2>&1 || { echo "$name failed; log:"; tail -n 30 "$work/$name.log"; exit 1; }
  end=$(date +%s.%N)
  printf '%-10s %6.0f s   (load after: %s)\n' "$name" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
time_it quickstart dotnet run --project examples/QuickStart -c Release
time_it test dotnet test Dsl.sln
