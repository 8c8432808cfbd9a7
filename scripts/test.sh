#!/usr/bin/env bash
# Installs everything the tests need, then runs the whole test suite.
#   Chromium from Debian's packages (for Playwright) and a Java runtime (for the Nu Html
#   Checker) with apt-get, which needs root; vnu-jar, axe-core and Lighthouse with npm into
#   .tools/; rsgen with its test extras into .venv, at the versions of constraints.txt. Then
#   ruff, mypy and pytest. Safe to run again: what is there is not installed twice.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
VNU_VERSION=26.9.27
AXE_VERSION=4.14.1
LIGHTHOUSE_VERSION=12.8.2

missing=()
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v java >/dev/null || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        missing+=("${need_apt[*]} (Debian packages: run this script as root on Debian/Ubuntu, or install them yourself)")
    fi
fi
command -v npm >/dev/null || missing+=("npm and Node.js 20 or newer (for vnu-jar, axe-core and Lighthouse)")
command -v python3 >/dev/null || missing+=("python3 (3.11 or newer)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "scripts/test.sh cannot install everything the tests need. Missing:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
fi

if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== installing ${need_apt[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
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
"$VENV/bin/pip" install -q --disable-pip-version-check -c constraints.txt -e '.[test]' 2>&1 \
    | grep -v "is ignored" || true

echo "== running the tests"
"$VENV/bin/ruff" check src tests benchmarks scripts
"$VENV/bin/ruff" format --check src tests benchmarks scripts
"$VENV/bin/mypy"
exec "$VENV/bin/python" -m pytest "$@"
