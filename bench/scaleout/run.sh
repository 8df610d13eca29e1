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
CHECK="$(mktemp -d /tmp/trustportal-nginx-XXXXXX)"
trap 'rm -rf "$WEB" "$CHECK"' EXIT

# The shipped deploy/nginx/trustportal.conf must load: a throwaway certificate in place of the placeholders, local
# ports, and "http2 on" commented out on nginx older than 1.25.1 (as the file says).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$CHECK/key.pem" -out "$CHECK/cert.pem" -days 1 -subj /CN=check 2>/dev/null
http2='s|^\(\s*\)http2 on;|\1# http2 on;|'
[[ "$(printf '%s\n' "1.25.1" "$(nginx -v 2>&1 | sed 's#.*/##')" | sort -V | head -1)" == "1.25.1" ]] && http2='s|^$||'
sed -e "s#/etc/ssl/trustportal/fullchain.pem#$CHECK/cert.pem#; s#/etc/ssl/trustportal/privkey.pem#$CHECK/key.pem#" -e "$http2" \
    -e 's#listen 80;#listen 127.0.0.1:18080;#; s#listen \[::\]:80;##; s#listen 443 ssl;#listen 127.0.0.1:18443 ssl;#; s#listen \[::\]:443 ssl;##' \
    "$ROOT/deploy/nginx/trustportal.conf" > "$CHECK/site.conf"
printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n  include %s/site.conf;\n}\n' "$CHECK" "$CHECK" "$CHECK" > "$CHECK/nginx.conf"
nginx -t -q -p "$CHECK" -c "$CHECK/nginx.conf" && echo "deploy/nginx/trustportal.conf: nginx -t passed ($(nginx -v 2>&1 | sed 's#.*/##'))"

dotnet publish "$ROOT/src/TrustPortal.Web/TrustPortal.Web.csproj" -c Release -o "$WEB" --nologo -v quiet
dotnet run -c Release --project "$ROOT/bench/TrustPortal.Benchmarks/TrustPortal.Benchmarks.csproj" -- \
  scaleout "$WEB" "${USERS:-200}" "${DURATION:-60}" "${KILL_AT:-30}" "${LINKS:-1500}"
