#!/usr/bin/env bash
# Load: the portal (Release build, Kestrel, SQLite) under concurrent users for a while: public pages over HTTP and
# DPA submissions. Prints throughput and latency percentiles, errors and lost submissions; exits 1 on any of those.
#
# Environment: USERS (default 200), DURATION in seconds (default 60). CI runs a short profile: USERS=40 DURATION=8.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet run -c Release --project "$ROOT/bench/TrustPortal.Benchmarks/TrustPortal.Benchmarks.csproj" -- load "${USERS:-200}" "${DURATION:-60}"
