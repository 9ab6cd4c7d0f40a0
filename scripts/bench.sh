#!/usr/bin/env bash
#! Installs what is missing, then runs the benchmark (scripts/bench.mjs) and prints its table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec node scripts/bench.mjs "$@"
