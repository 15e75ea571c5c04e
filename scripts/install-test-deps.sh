#!/usr/bin/env bash
# Installs what the tests drive for real, when missing: Debian's chromium (Playwright launches it;
# it never downloads a browser of its own), a Korean font, LibreOffice headless, redis-server (the ranking store's tests), PostgreSQL (the server database's tests), and from npm (under .tools/) the s3rver
# S3-protocol server and axe-core, which the browser tests inject into pages to check accessibility.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's chromium drives the browser tests; LibreOffice (headless) proves that xlsx exports open.
# Browser tests measure Korean pages: without a Korean font chromium lays out narrower placeholder boxes.
has_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
has_korean_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ko family)" ]; }
if ! command -v chromium >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1 || ! has_korean_font || ! command -v redis-server >/dev/null 2>&1 || ! has_postgres; then
  echo "Installing chromium, a Korean font, LibreOffice Calc, Redis and PostgreSQL from apt…"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  command -v chromium >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  has_korean_font || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null
  command -v soffice >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
  # The tests start their own server (RedisServerFixture); the package's service is not needed.
  command -v redis-server >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # Likewise PostgreSQL: scripts/postgres-test-server.sh starts a throwaway server of the package's binaries.
  has_postgres || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

if [ ! -f .tools/node_modules/s3rver/bin/s3rver.js ] || [ ! -f .tools/node_modules/axe-core/axe.min.js ]; then
  echo "Installing s3rver and axe-core from npm…"
  mkdir -p .tools
  (cd .tools && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error s3rver@3.7.1 axe-core@4.14.1 >/dev/null)
fi
