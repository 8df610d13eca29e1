#!/usr/bin/env bash
# Runs every test project. Installs what the tests need first (Debian's chromium for the browser tests,
# poppler-utils for PDF checks) when it is missing. Ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdfsig >/dev/null 2>&1 || missing+=(poppler-utils)
# The integration tests run a second time on a throwaway PostgreSQL cluster that the tests start themselves.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test TrustPortal.sln --nologo 2>&1 | tee "$log" || status=$?
echo "Integration tests on PostgreSQL ..."
TRUSTPORTAL_TEST_DATABASE=PostgreSQL dotnet test tests/TrustPortal.IntegrationTests --no-build --nologo 2>&1 | tee -a "$log" || status=$?

# Each test project ends with a summary like "Passed!  - Failed:     0, Passed:    25, Skipped: ..."; add them up.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
projects=$(grep -Ec '^(Passed|Failed)! ' "$log" || true)
# A test host that crashed reports no summary; count the aborted run as a failure so the totals say so.
aborted=$(grep -c 'Test Run Aborted' "$log" || true)
failed=$((failed + aborted))
if [ "$projects" -lt 4 ] && [ "$status" -eq 0 ]; then
    echo "Expected results from 4 test runs (unit, integration on SQLite and on PostgreSQL, end-to-end), found $projects." >&2
    status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
