#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and open modex on the demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product modex
exec .build/release/modex "$@"
