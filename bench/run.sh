#!/usr/bin/env bash
# `npm run bench`: the engine, bundle and browser benchmarks, then one table
# (bench/report.ts) with the issue's target and PASS/MISS next to each figure.
# Not part of `npm test`. The TypeScript is bundled with rolldown (Vite's
# bundler) into node_modules/.cache/ksp-bench and run with plain node.
#
#   BENCH_SIZES=S,M      only some sizes (default S,M,L)
#   BENCH_SKIP=browser   skip parts (engine, bundle, browser; comma-separated)
#   BENCH_DIST=path      a built app to measure (default dist/, built when missing)
#   BENCH_REBUILD=1      run `vite build` into dist/ first even when it exists
#   BENCH_PORT=4183      the port of the private `vite preview`
#   BENCH_WAIT_QUIET=300 first wait up to 300 s for the machine to be idle (load average < 1)
#   CHROMIUM_PATH        default /usr/bin/chromium
#   bash bench/run.sh profile L [create|iptables|request|graph]   a CPU profile instead: hottest functions
#   bash bench/run.sh profile-browser M [edit|load|animation]      a CPU profile of the page (unminified build)
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CACHE=node_modules/.cache/ksp-bench
export BENCH_OUT="${BENCH_OUT:-$PWD/$CACHE/results}"
mkdir -p "$CACHE" "$BENCH_OUT"
SECONDS=0

compile() { # bench/<name>.ts -> $CACHE/<name>.mjs
  node bench/compile.mjs "$CACHE" "$@" || { echo "[bench] could not compile $*" >&2; exit 1; }
}

if [ "${1:-}" = "profile" ]; then
  rm -rf "$CACHE/profile" "$CACHE/prof" && mkdir -p "$CACHE/prof"
  compile --modules profile
  node --cpu-prof --cpu-prof-dir="$CACHE/prof" "$CACHE/profile/bench/profile.mjs" "${2:-L}" "${3:-create}" || exit 1
  node bench/cpuprofile-top.mjs "$CACHE"/prof/*.cpuprofile 25 "${4:-}"
  exit 0
fi

if [ "${1:-}" = "profile-browser" ]; then
  npx vite build --logLevel warn --minify false --outDir "$CACHE/dist-prof" || exit 1
  compile profile-browser
  node "$CACHE/profile-browser.mjs" "${2:-M}" "${3:-edit}" "$CACHE/page.cpuprofile" || exit 1
  node bench/cpuprofile-top.mjs "$CACHE/page.cpuprofile" 30 "${4:-}"
  exit 0
fi

skip=",${BENCH_SKIP:-},"
want() { case "$skip" in *",$1,"*) return 1 ;; *) return 0 ;; esac; }
rm -f "$BENCH_OUT"/*.json
# BENCH_WAIT_QUIET=300: first wait (up to that many seconds) for the 1-minute load average to fall below 1.
if [ -n "${BENCH_WAIT_QUIET:-}" ]; then
  end=$((SECONDS + BENCH_WAIT_QUIET))
  while [ "$SECONDS" -lt "$end" ] && awk '{ exit !($1 >= 1.0) }' /proc/loadavg; do sleep 5; done
  SECONDS=0
fi
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
# Other test runs on the machine (read only: counted, never touched) make the timings pessimistic.
others="$(pgrep -fc 'playwright test|vitest run|vite build' 2>/dev/null || true)"
echo "{\"startedAt\":\"$(date -u +%FT%TZ)\",\"loadavg\":\"$load\",\"others\":${others:-0},\"cpus\":$(nproc),\"git\":\"$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo '+dirty')\"}" > "$BENCH_OUT/meta.json"

compile engine.bench bundle browser report
want engine && { node "$CACHE/engine.bench.mjs" || echo "[bench] engine benchmark failed" >&2; }

if want bundle || want browser; then
  DIST="${BENCH_DIST:-dist}"
  if [ "${BENCH_REBUILD:-}" = 1 ] || [ ! -f "$DIST/index.html" ]; then
    echo "[bench] building the app into $DIST (vite build)" >&2
    npx vite build --logLevel warn --outDir "$DIST" || { echo "[bench] build failed" >&2; exit 1; }
  fi
  newer="$(find src index.html vite.config.ts -newer "$DIST/index.html" -type f 2>/dev/null | head -1)"
  [ -n "$newer" ] && export BENCH_DIST_STALE="$newer" && echo "[bench] $DIST is older than $newer: BENCH_REBUILD=1 measures the current source" >&2
  # A private copy: other work may rebuild dist/ while the browser runs.
  rm -rf "$CACHE/dist" && cp -r "$DIST" "$CACHE/dist"
  export BENCH_DIST_COPY="$PWD/$CACHE/dist"
  export BENCH_DIST_BUILT="$(date -u -r "$DIST/index.html" +%FT%TZ)"
  want bundle && { node "$CACHE/bundle.mjs" || echo "[bench] bundle benchmark failed" >&2; }
  want browser && { node "$CACHE/browser.mjs" || echo "[bench] browser benchmark failed" >&2; }
fi

export BENCH_ELAPSED="$SECONDS"
node "$CACHE/report.mjs"
