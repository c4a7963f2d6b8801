#!/usr/bin/env bash
# Set up, lint, and run the whole test suite (real model, real Chroma).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-llm.sh  # the optional generative mode, so the `llm` marker tests run too
.venv/bin/ruff check .
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv/bin/python -m pytest -q "$@"
