#!/usr/bin/env bash
# Every test of the project: typecheck and lint, unit tests (vitest), and the
# end-to-end tests (Playwright driving Debian's Chromium against the built app).
# Installs Debian's chromium when it is missing. Ends with one plain line per
# suite, "<suite>: N passed, N failed", which is what CI counts.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mkdir -p reports screenshots

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund || exit 1
fi

if [ -z "${CHROMIUM_PATH:-}" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium (Playwright's own browser download is not used)..."
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
  CHROMIUM_PATH="$(command -v chromium || true)"
  export CHROMIUM_PATH
fi

# Korean glyphs for the Korean UI's screenshots and text-fit checks (e2e/i18n.spec.ts).
if ! fc-list :lang=ko 2>/dev/null | grep -q .; then
  echo "Installing Debian's Noto CJK fonts (Korean text in the screenshots)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null) || echo "could not install fonts-noto-cjk: Korean screenshots will show empty boxes"
fi

# The kernel conformance test needs iproute2, iptables and socat (Debian packages).
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing=""
  command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
  command -v iptables-restore >/dev/null 2>&1 || missing="$missing iptables"
  command -v socat >/dev/null 2>&1 || missing="$missing socat"
  if [ -n "$missing" ]; then
    echo "Installing$missing for the kernel conformance test..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null) || echo "could not install$missing: the kernel test will say it is skipped"
  fi
fi

status=0
static_passed=0; static_failed=0
echo "== typecheck"
if npx tsc --noEmit; then static_passed=$((static_passed+1)); else static_failed=$((static_failed+1)); status=1; fi
echo "== lint"
if npx eslint .; then static_passed=$((static_passed+1)); else static_failed=$((static_failed+1)); status=1; fi

echo "== unit tests"
rm -f reports/unit.json
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json || status=1

echo "== kernel conformance (the engine's rules on a real Linux kernel)"
rm -f reports/kernel.log
npm run -s test:kernel 2>&1 | tee reports/kernel.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

echo "== build"
build_ok=1
npx vite build --logLevel warn || { build_ok=0; status=1; }

echo "== end-to-end tests"
rm -f reports/e2e.json
if [ "$build_ok" = 1 ] && [ -n "${CHROMIUM_PATH:-}" ]; then
  CI=${CI:-true} npx playwright test || status=1
else
  echo "e2e skipped: the build failed or chromium is missing"
  status=1
fi

echo
echo "== summary"
echo "static: ${static_passed} passed, ${static_failed} failed"
kernel_line="$(grep -aoE '^kernel: [0-9]+ passed, [0-9]+ failed' reports/kernel.log | tail -1)"
if [ -n "$kernel_line" ]; then echo "$kernel_line"; else grep -aE '^kernel: skipped' reports/kernel.log | tail -1 || echo "kernel: 0 passed, 1 failed"; fi
node -e '
const fs = require("fs")
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")) } catch { return null } }
const unit = read("reports/unit.json")
if (unit) console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests + (unit.numRuntimeErrorTestSuites ?? 0)} failed`)
else console.log("unit: 0 passed, 1 failed")
const e2e = read("reports/e2e.json")
if (e2e) console.log(`e2e: ${e2e.stats.expected + e2e.stats.flaky} passed, ${e2e.stats.unexpected} failed`)
else console.log("e2e: 0 passed, 1 failed")
'
exit $status
