#!/usr/bin/env bash
# Executor: signed-in customers execute the seeded DPA against one portal (Release, SQLite file) for a fixed time.
# Prints executions/s, p50/p95/p99, where the time went (draft, queue, transaction) and processor time per execution;
# exits 1 on an error, a lost execution, or a gap/duplicate in the numbers.
#
# Closed loop (default): SIGNERS (default 50) each start the next execution as soon as the last returns, or after a
# pause of THINK_MS on average (0.5 to 1.5 times it) when that is set.
# Open loop: RATE=60 sends that many executions per second whatever the portal's speed (latency counted from the planned
# arrival). DURATION in seconds (default 30), WARMUP in seconds (default 20, under the same load: the JIT needs about
# 15 s of it to settle on 2 cores). DRAFT_CONCURRENCY overrides
# Agreements:DraftConcurrency for a side-by-side comparison.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROJECT="$ROOT/bench/TrustPortal.Benchmarks/TrustPortal.Benchmarks.csproj"
if [ -n "${RATE:-}" ]; then
    dotnet run -c Release --project "$PROJECT" -- executor-rate "$RATE" "${DURATION:-30}" "${WARMUP:-20}"
else
    dotnet run -c Release --project "$PROJECT" -- executor "${SIGNERS:-50}" "${DURATION:-30}" "${WARMUP:-20}"
fi
