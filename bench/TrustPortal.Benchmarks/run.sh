#!/usr/bin/env bash
# Document engine benchmark: render + seal of the sample DPA against the PDFsharp "floor" (same text, same pages,
# no layout, no seal). Targets: RenderAndSeal median <= 2 x Floor median, and < 30 ms.
#
# Environment:
#   QUICK=1   BenchmarkDotNet's short job (fewer iterations, a minute or so) instead of the default job
# Extra arguments go to BenchmarkDotNet, e.g. ./run.sh --filter '*RenderAndSeal*'.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$SCRIPT_DIR"

args=(--filter '*')
if [ "${QUICK:-0}" = "1" ]; then
    args+=(--job short)
fi
if [ $# -gt 0 ]; then
    args=("$@")
    [ "${QUICK:-0}" = "1" ] && args+=(--job short)
fi

dotnet run -c Release --project TrustPortal.Benchmarks.csproj -- "${args[@]}"

results="$SCRIPT_DIR/BenchmarkDotNet.Artifacts/results"
echo
echo "Results (markdown): $(ls "$results"/*-report-github.md 2>/dev/null | tr '\n' ' ')"
