#!/usr/bin/env bash
# Installs everything the tests need, then runs the whole test suite.
#   Chromium from Debian's packages (for Playwright), the Nu Html Checker (npm vnu-jar, run
#   with java), rsgen with its test extras in .venv; then pytest. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
VNU_VERSION=26.9.27
AXE_VERSION=4.14.1
LIGHTHOUSE_VERSION=12.8.2

if [ ! -x /usr/bin/chromium ]; then
    echo "== installing Chromium from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if ! command -v java >/dev/null; then
    echo "== installing a Java runtime for the Nu Html Checker"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi

mkdir -p .tools
if [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f .tools/node_modules/axe-core/axe.min.js ] \
   || [ ! -d .tools/node_modules/lighthouse ]; then
    echo "== installing vnu-jar@$VNU_VERSION, axe-core@$AXE_VERSION, lighthouse@$LIGHTHOUSE_VERSION into .tools/"
    (cd .tools && { [ -f package.json ] || echo '{"private": true}' >package.json; } \
        && npm i -E --no-audit --no-fund --loglevel=error \
            "vnu-jar@$VNU_VERSION" "axe-core@$AXE_VERSION" "lighthouse@$LIGHTHOUSE_VERSION")
fi

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
echo "== installing rsgen and its test requirements into $VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "is ignored" || true

echo "== running the tests"
"$VENV/bin/ruff" check src tests benchmarks scripts
"$VENV/bin/ruff" format --check src tests benchmarks scripts
exec "$VENV/bin/python" -m pytest "$@"
