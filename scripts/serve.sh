#!/usr/bin/env bash
#! Installs what is missing and serves the app for development at http://127.0.0.1:8080/
#! (Trunk rebuilds on every change). Pass `--release` to try the optimised build.
set -euo pipefail
cd "$(dirname "$0")/.."
SENDA_NEED_BROWSER=0 scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo fetch --quiet
exec trunk serve --offline "$@"
