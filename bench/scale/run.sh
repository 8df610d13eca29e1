#!/usr/bin/env bash
# Scale: Legal's workspace over a large book of business. Seeds the portal (Release build, Kestrel, SQLite) with
# ORGS organizations and AGREEMENTS agreements (with stored documents) plus their attestations, then times the first
# page of /legal/attestations and of a filtered agreement library (services and HTTP prerender), and exports about
# 1,000 agreements while sampling memory. Exits 1 if a target is missed (median page < 150 ms, export growth < 150 MB).
#
# Environment: ORGS (default 100000), AGREEMENTS (default 300000).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet run -c Release --project "$ROOT/bench/TrustPortal.Benchmarks/TrustPortal.Benchmarks.csproj" -- scale "${ORGS:-100000}" "${AGREEMENTS:-300000}"
