#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run every test against a real,
# throwaway PostgreSQL cluster that the tests start themselves. Nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --disable-swift-testing
