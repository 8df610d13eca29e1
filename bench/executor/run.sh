#!/usr/bin/env bash
# Executor: N signed-in customers execute the seeded DPA at once against one portal (Release, SQLite file) for a fixed
# time. Prints executions/s and p50/p95/p99; exits 1 on an error, a lost execution, or a gap/duplicate in the numbers.
#
# Environment: SIGNERS (default 50), DURATION in seconds (default 30), WARMUP in seconds (default 5).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet run -c Release --project "$ROOT/bench/TrustPortal.Benchmarks/TrustPortal.Benchmarks.csproj" -- executor "${SIGNERS:-50}" "${DURATION:-30}" "${WARMUP:-5}"
