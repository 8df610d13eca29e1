#!/usr/bin/env bash
# HTTP benchmark: public home page (/) vs. a static asset of similar size (/css/site.css).
#
# Publishes src/TrustPortal.Web in Release, starts it on a free loopback port with
# demo data (ASPNETCORE_ENVIRONMENT=Development) in a throw-away data directory,
# then runs wrk against both URLs one after the other.
#
# Environment:
#   DURATION=15      seconds per measured wrk run (warm-up is always 5 s per URL)
#   THREADS=2        wrk threads
#   CONNECTIONS=32   wrk connections
#   BENCH_ENFORCE=1  exit 1 when a target is missed (default: report only, exit 0)
#
# Targets: home req/s >= 0.5 x static req/s, and home p99 < 50 ms.
set -euo pipefail

DURATION="${DURATION:-15}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
BENCH_ENFORCE="${BENCH_ENFORCE:-0}"
STATIC_PATH="/css/site.css"
TARGET_RATIO="0.5"
TARGET_P99_MS="50"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

log() { printf '[bench] %s\n' "$*" >&2; }

# --- 1. wrk ---------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    log "wrk not found; installing with apt-get"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || { log "curl is required"; exit 2; }

# --- temp folders and cleanup ------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/trustportal-bench.XXXXXX")"
OUT="$WORK/publish"
DATA="$WORK/data"
SERVER_LOG="$WORK/server.log"
mkdir -p "$OUT" "$DATA"
SERVER_PID=""

cleanup() {
    local rc=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "${BENCH_KEEP:-0}" = "1" ]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 2. publish ------------------------------------------------------------------
log "publishing src/TrustPortal.Web (Release) to $OUT"
dotnet publish src/TrustPortal.Web -c Release -o "$OUT" -nologo -v quiet >"$WORK/publish.log" 2>&1 || {
    cat "$WORK/publish.log" >&2
    log "dotnet publish failed"
    exit 2
}

# --- 3. start the server ---------------------------------------------------------
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
    fi
    local p
    for _ in $(seq 1 100); do
        p=$(( 20000 + RANDOM % 20000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"; return 0
        fi
    done
    return 1
}
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"

log "starting server on $BASE (data: $DATA)"
ASPNETCORE_ENVIRONMENT=Development \
ASPNETCORE_URLS="$BASE" \
Storage__DataDirectory="$DATA" \
Logging__LogLevel__Default=Warning \
    dotnet "$OUT/TrustPortal.Web.dll" --contentRoot "$OUT" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

deadline=$(( SECONDS + 60 ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" 2>/dev/null || true)" = "200" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        cat "$SERVER_LOG" >&2
        log "server exited before /healthz returned 200"
        exit 2
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        tail -n 50 "$SERVER_LOG" >&2
        log "timed out after 60 s waiting for $BASE/healthz"
        exit 2
    fi
    sleep 0.5
done
log "server healthy (pid $SERVER_PID)"

# --- 4. pick URLs and sizes --------------------------------------------------------
HOME_URL="$BASE/"
STATIC_URL="$BASE$STATIC_PATH"

check_200() {
    local code
    code="$(curl -s -o /dev/null -w '%{http_code}' "$1")"
    if [ "$code" != "200" ]; then
        log "$1 returned HTTP $code (expected 200)"
        exit 2
    fi
}
check_200 "$HOME_URL"
check_200 "$STATIC_URL"

# Byte sizes as wrk sees them (no Accept-Encoding header, so no compression).
HOME_HTML="$WORK/home.html"
curl -s -o "$HOME_HTML" "$HOME_URL"
HOME_BYTES="$(wc -c <"$HOME_HTML" | tr -d ' ')"
STATIC_BYTES="$(curl -s -o /dev/null -w '%{size_download}' "$STATIC_URL")"
CSS_REF="$(grep -oE 'css/site[^"'"'"' >]*\.css' "$HOME_HTML" | head -n1 || true)"
log "home page: $HOME_BYTES bytes; static asset $STATIC_PATH: $STATIC_BYTES bytes${CSS_REF:+ (page references $CSS_REF)}"

# --- 5. warm-up and measurement ------------------------------------------------------
log "warm-up: 5 s each"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$HOME_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$STATIC_URL" >/dev/null

log "measuring $HOME_URL (${DURATION}s)"
HOME_OUT="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$HOME_URL")"
log "measuring $STATIC_URL (${DURATION}s)"
STATIC_OUT="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$STATIC_URL")"

if [ "${BENCH_VERBOSE:-0}" = "1" ]; then
    printf '\n--- wrk %s ---\n%s\n--- wrk %s ---\n%s\n' "$HOME_URL" "$HOME_OUT" "$STATIC_URL" "$STATIC_OUT" >&2
fi

# Requests/sec:  12345.67
parse_rps() { awk '/^Requests\/sec:/ { print $2; exit }' <<<"$1"; }
# "     99%    4.56ms" -> milliseconds (wrk prints us, ms, s, m, h)
parse_p99_ms() {
    awk '$1 == "99%" {
        v = $2; n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000;
        else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000;
        printf "%.2f\n", n; exit }' <<<"$1"
}
parse_errors() {
    awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$1"
}

HOME_RPS="$(parse_rps "$HOME_OUT")";   STATIC_RPS="$(parse_rps "$STATIC_OUT")"
HOME_P99="$(parse_p99_ms "$HOME_OUT")"; STATIC_P99="$(parse_p99_ms "$STATIC_OUT")"
HOME_ERR="$(parse_errors "$HOME_OUT")"; STATIC_ERR="$(parse_errors "$STATIC_OUT")"
if [ -z "$HOME_RPS" ] || [ -z "$STATIC_RPS" ] || [ -z "$HOME_P99" ] || [ -z "$STATIC_P99" ]; then
    printf '%s\n%s\n' "$HOME_OUT" "$STATIC_OUT" >&2
    log "could not parse wrk output"
    exit 2
fi

# --- 6. report ---------------------------------------------------------------------
RATIO="$(awk -v h="$HOME_RPS" -v s="$STATIC_RPS" 'BEGIN { printf "%.2f", (s > 0 ? h / s : 0) }')"
RATIO_OK="$(awk -v r="$RATIO" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t ? "yes" : "no") }')"
P99_OK="$(awk -v p="$HOME_P99" -v t="$TARGET_P99_MS" 'BEGIN { print (p < t ? "yes" : "no") }')"

echo
echo "TrustPortal HTTP benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
echo
printf '| %-18s | %8s | %12s | %12s | %8s |\n' "URL" "bytes" "req/s" "p99 (ms)" "errors"
printf '|%s|%s|%s|%s|%s|\n' "--------------------" "----------" "--------------" "--------------" "----------"
printf '| %-18s | %8s | %12s | %12s | %8s |\n' "/" "$HOME_BYTES" "$HOME_RPS" "$HOME_P99" "$HOME_ERR"
printf '| %-18s | %8s | %12s | %12s | %8s |\n' "$STATIC_PATH" "$STATIC_BYTES" "$STATIC_RPS" "$STATIC_P99" "$STATIC_ERR"
echo
echo "ratio (home req/s / static req/s): $RATIO"
echo "target ratio >= $TARGET_RATIO:         $RATIO_OK"
echo "target home p99 < ${TARGET_P99_MS} ms:        $P99_OK"
if [ "$HOME_ERR" != "0" ] || [ "$STATIC_ERR" != "0" ]; then
    echo "warning: wrk reported non-2xx/3xx responses or socket errors (see 'errors' column)"
fi

if [ "$RATIO_OK" = "yes" ] && [ "$P99_OK" = "yes" ]; then
    echo "result: targets met"
else
    echo "result: targets NOT met"
    if [ "$BENCH_ENFORCE" = "1" ]; then
        exit 1
    fi
fi
exit 0
