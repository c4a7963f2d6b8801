#!/usr/bin/env bash
# Set up (first time only does real work) and start the web page; the first start builds the index.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python app.py "$@"
