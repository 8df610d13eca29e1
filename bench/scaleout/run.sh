#!/usr/bin/env bash
# Scale-out: the published portal as two instances on a throwaway PostgreSQL 15 cluster (initdb in a temp folder, a
# free port) behind nginx, USERS users for DURATION seconds, instance 2 killed with SIGKILL at KILL_AT seconds.
# Prints requests, errors, p50/p99, signatures acknowledged vs stored, number gaps and duplicates, PDFs checked with
# pdfsig, the audit chain, emails queued vs sent; exits 1 if any check fails. Installs nginx, PostgreSQL and
# poppler-utils when missing (apt).
#
# Environment: USERS (default 200), DURATION (60), KILL_AT (30), LINKS (signing links prepared, 1500).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
missing=()
command -v nginx >/dev/null || missing+=(nginx-light)
command -v pdfsig >/dev/null || missing+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
WEB="$(mktemp -d /tmp/trustportal-web-XXXXXX)"
trap 'rm -rf "$WEB"' EXIT
dotnet publish "$ROOT/src/TrustPortal.Web/TrustPortal.Web.csproj" -c Release -o "$WEB" --nologo -v quiet
dotnet run -c Release --project "$ROOT/bench/TrustPortal.Benchmarks/TrustPortal.Benchmarks.csproj" -- \
  scaleout "$WEB" "${USERS:-200}" "${DURATION:-60}" "${KILL_AT:-30}" "${LINKS:-1500}"
