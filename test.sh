#!/usr/bin/env bash
# Builds everything and runs every test. Installs what the tests need when it is missing and it can.
# Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '%s\n' "$*" >&2; }

# Real servers for the store tests: redis-server from Debian when we are root and it is missing.
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "test.sh: installing redis-server (Debian package) for the Redis store tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
      || log "test.sh: could not install redis-server; the Redis tests will be skipped"
  else
    log "test.sh: redis-server is missing and cannot be installed here; the Redis tests will be skipped"
  fi
fi

# tmux drives the interactive `rapport chat` test in a real terminal.
if ! command -v tmux >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  log "test.sh: installing tmux (Debian package) for the terminal test of rapport chat"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null) \
    || log "test.sh: could not install tmux; the terminal test will be skipped"
fi

# Chromium drives the dashboard's browser tests (Playwright for .NET pointed at Debian's chromium; no browser download).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "test.sh: installing chromium (Debian package) for the dashboard's browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || log "test.sh: could not install chromium; the dashboard's browser tests will be skipped"
  else
    log "test.sh: chromium is missing and cannot be installed here; the dashboard's browser tests will be skipped"
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! dotnet build Rapport.slnx -c Release -nologo -v:q -clp:ErrorsOnly; then
  log "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

out="$(mktemp)"
# The fault-injection tests append their figures (writes, kills, lost, duplicated, residue) here; printed after the run.
RAPPORT_TEST_FIGURES="$(mktemp)"
export RAPPORT_TEST_FIGURES
dotnet test --solution Rapport.slnx -c Release --no-build 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
if [ -s "$RAPPORT_TEST_FIGURES" ]; then
  printf '\nFault-injection figures:\n'
  sed 's/^/  /' "$RAPPORT_TEST_FIGURES"
fi
rm -f "$RAPPORT_TEST_FIGURES"

# Microsoft.Testing.Platform prints a run summary: total / failed / succeeded / skipped.
total=$(grep -E '^\s*total:' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s*failed:' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
passed=$(grep -E '^\s*succeeded:' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s*skipped:' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
rm -f "$out"
: "${total:=0}" "${failed:=0}" "${passed:=0}" "${skipped:=0}"

if [ "$status" -ne 0 ] && [ "$failed" = "0" ]; then
  # The runner failed without counting a failed test (a crash, or no test ran): count it as one failure.
  failed=1
fi

if [ "$skipped" != "0" ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" = "0" ] && [ "$status" -eq 0 ]
