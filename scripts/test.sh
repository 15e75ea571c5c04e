#!/usr/bin/env bash
# Runs every test: installs what the tests drive for real (chromium, s3rver, PostgreSQL…) when missing, starts a
# throwaway PostgreSQL server, builds, and runs the suite. Extra arguments go to `dotnet test` (for example --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

log="$(mktemp)"
# One throwaway PostgreSQL server for the run; each test makes a database of its own on it.
postgres_dir="$(mktemp -d)"
trap 'scripts/postgres-test-server.sh stop "$postgres_dir"; rm -f "$log"' EXIT
# Below the kernel's ephemeral range, so no outgoing connection holds it.
postgres_port="$(shuf -i 20000-32000 -n 1)"
PARTNEROFFICE_TEST_POSTGRES="$(scripts/postgres-test-server.sh start "$postgres_dir" "$postgres_port")"
export PARTNEROFFICE_TEST_POSTGRES
set +e
# The whole solution first, the benchmark included: dotnet test builds only what the tests reference.
dotnet build PartnerOffice.sln --nologo -v quiet 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  dotnet test PartnerOffice.sln --nologo --no-build "$@" 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
fi
set -e

# One plain closing line that any CI can read.
count() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(count Passed)
failed=$(count Failed)
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -eq 0 ] && [ "${passed:-0}" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
