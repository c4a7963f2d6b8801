"""Export the local multilingual-e5-small to ONNX, offline: an fp32 graph and an int8 copy.

The exported folder (``<model folder>/onnx`` by default) holds:

* ``model.onnx`` — the transformer (``input_ids``, ``attention_mask`` → ``last_hidden_state``), traced by
  PyTorch's TorchScript exporter with eager attention, then fused by onnxruntime's transformer optimizer
  (one ``Attention``, ``SkipLayerNormalization`` and ``BiasGelu`` op per layer);
* ``model-int8.onnx`` — the same graph with its weights dynamically quantised to int8, per channel
  (``onnxruntime.quantization.quantize_dynamic``; activations are quantised on the fly);
* ``tokenizer.json``, ``tokenizer_config.json``, ``config.json`` — copied from the model folder;
* ``onnx_build.json`` — written last: the source model's build marker, the export format and the cosine
  agreement of each graph with the PyTorch model measured right after export.

Mean pooling, L2 normalisation and the E5 ``query: ``/``passage: `` prefixes stay outside the graph, in
:class:`advisor.retrieval.embed.OnnxE5Embedder`, exactly as in the sentence-transformers path.  The dynamo exporter
(``dynamo=True``, needs ``onnxscript``) also works but its graph does not match onnxruntime's attention
fusion patterns, and the unfused graph is slower, hence TorchScript.  Nothing is downloaded.

Run ``advisor build-onnx`` (idempotent) or ``python -m advisor.retrieval.onnxexport``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from advisor.retrieval.modelbuild import (
    MARKER_FILE,
    _fix_permissions,
    _replace_dir,
    _write_json,
    default_model_dir,
    ensure_model,
    load_tokenizer,
    mean_pool,
)

ONNX_DIRNAME = "onnx"
ONNX_MARKER = "onnx_build.json"
EXPORT_FORMAT = 1  # bump when the exported layout or graph changes so ensure_onnx re-exports
GRAPHS: dict[str, str] = {"fp32": "model.onnx", "int8": "model-int8.onnx"}
COPIED = ("tokenizer.json", "tokenizer_config.json", "config.json")
OPSET = 17
INPUTS = ("input_ids", "attention_mask")
OUTPUT = "last_hidden_state"
# Checked right after export against the PyTorch model (padded batch: the mask must be honoured).
CHECK_SENTENCES = (
    "passage: 对经济困难的高龄、失能老年人,按规定给予养老服务补贴和护理补贴。",
    "query: 我妈82岁失能,能领什么补贴?",
    "passage: 清远市推进县级特困人员供养服务机构改造提升,护理型床位占比不低于70%。",
)


def default_onnx_dir(model_dir: Path | None = None) -> Path:
    """Where the export lives: ``onnx/`` inside the model folder (default :func:`default_model_dir`)."""
    return Path(model_dir if model_dir is not None else default_model_dir()).expanduser().resolve() / ONNX_DIRNAME


def _source_marker(model_dir: Path) -> dict[str, Any]:
    return json.loads((model_dir / MARKER_FILE).read_text(encoding="utf-8"))


def _expected_marker(model_dir: Path) -> dict[str, Any]:
    return {"format": EXPORT_FORMAT, "source": _source_marker(model_dir)}


def read_marker(onnx_dir: Path) -> dict[str, Any] | None:
    """The build marker of an export folder, or None when missing or unreadable."""
    try:
        return json.loads((Path(onnx_dir) / ONNX_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_onnx_complete(onnx_dir: Path, model_dir: Path) -> bool:
    """True if ``onnx_dir`` holds a finished export of the model currently in ``model_dir``."""
    marker = read_marker(onnx_dir)
    if marker is None:
        return False
    try:
        expected = _expected_marker(model_dir)
    except (OSError, ValueError):
        return False
    if {k: marker.get(k) for k in expected} != expected:
        return False
    names = (*GRAPHS.values(), *COPIED)
    return all((Path(onnx_dir) / n).is_file() for n in names)


def _load_torch_model(model_dir: Path) -> Any:
    """The transformer of the model folder, eager attention (the pattern onnxruntime fuses), eval mode."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager")
    return model.eval()


def _tokenize(model_dir: Path, texts: list[str], max_length: int = 512) -> dict[str, np.ndarray]:
    """``input_ids``/``attention_mask`` (int64, padded to the longest) from the folder's tokenizer.json."""
    enc = load_tokenizer(model_dir, max_length).encode_batch(texts)
    return {
        "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
    }


def _export_raw(model: Any, inputs: dict[str, np.ndarray], out: Path) -> None:
    """Trace the transformer to ONNX with dynamic batch and sequence axes."""
    import torch

    class Encoder(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    args = tuple(torch.from_numpy(inputs[k]) for k in INPUTS)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUTS, OUTPUT)}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer warnings about Python control flow on constant shapes
        torch.onnx.export(
            Encoder(model),
            args,
            str(out),
            input_names=list(INPUTS),
            output_names=[OUTPUT],
            dynamic_axes=axes,
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def _fuse(raw: Path, out: Path, heads: int, hidden: int) -> dict[str, int]:
    """onnxruntime's BERT fusions (attention, skip layer norm, bias gelu); returns the fused op counts."""
    from onnxruntime.transformers.optimizer import optimize_model

    optimized = optimize_model(str(raw), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=0)
    optimized.save_model_to_file(str(out))
    stats = optimized.get_fused_operator_statistics()
    return {k: int(v) for k, v in stats.items() if v}


def _quantize(src: Path, out: Path) -> None:
    """Dynamic int8 quantisation, per output channel (per tensor loses ~1 point of cosine)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(src),
        str(out),
        per_channel=True,
        weight_type=QuantType.QInt8,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},  # types of the fused ops' outputs
    )


def _run(path: Path, inputs: dict[str, np.ndarray]) -> np.ndarray:
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run([OUTPUT], {k: inputs[k] for k in INPUTS})[0]


def export_onnx(model_dir: Path | None = None, out_dir: Path | None = None, progress: bool = True) -> Path:
    """Export ``model_dir`` (default: the local model folder, built first if needed) to ``out_dir``.

    Always re-exports.  Everything is written to a temporary sibling folder that replaces ``out_dir`` only
    when complete.  Takes ~1 min and ~2 GB of RAM on 2 cores.  Raises RuntimeError when an exported graph
    disagrees with PyTorch (fp32 cosine < 0.999, int8 < 0.98).  Returns the resolved ``out_dir``.
    """
    model_dir = ensure_model(model_dir, progress=progress)
    out_dir = Path(out_dir).expanduser().resolve() if out_dir is not None else default_onnx_dir(model_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)

    def say(msg: str) -> None:
        if progress:
            print(f"[build-onnx] {msg}", file=sys.stderr, flush=True)

    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        t0 = time.perf_counter()
        import torch

        model = _load_torch_model(model_dir)
        inputs = _tokenize(model_dir, list(CHECK_SENTENCES))
        with torch.no_grad():
            ref_hidden = model(**{k: torch.from_numpy(v) for k, v in inputs.items()}).last_hidden_state.numpy()
        reference = mean_pool(ref_hidden, inputs["attention_mask"])
        raw = tmp / "raw.onnx"
        _export_raw(model, inputs, raw)
        del model
        say(f"exported ({time.perf_counter() - t0:.0f} s)")
        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        fused = _fuse(raw, tmp / GRAPHS["fp32"], int(cfg["num_attention_heads"]), int(cfg["hidden_size"]))
        raw.unlink()
        say(f"fused {fused} ({time.perf_counter() - t0:.0f} s)")
        _quantize(tmp / GRAPHS["fp32"], tmp / GRAPHS["int8"])
        say(f"quantised to int8 ({time.perf_counter() - t0:.0f} s)")
        agreement: dict[str, float] = {}
        for variant, name in GRAPHS.items():
            vecs = mean_pool(_run(tmp / name, inputs), inputs["attention_mask"])
            agreement[variant] = round(float((vecs * reference).sum(axis=1).min()), 5)
        if agreement["fp32"] < 0.999 or agreement["int8"] < 0.98:
            raise RuntimeError(f"ONNX export disagrees with PyTorch: min cosine {agreement}")
        for name in COPIED:
            shutil.copy2(model_dir / name, tmp / name)
        _fix_permissions(tmp)
        marker = _expected_marker(model_dir) | {
            "torch": torch.__version__,
            "opset": OPSET,
            "fused_ops": fused,
            "min_cosine_vs_torch": agreement,
        }
        _write_json(tmp / ONNX_MARKER, marker)  # written last: marks the export complete
        _replace_dir(tmp, out_dir, marker=ONNX_MARKER)
        say(f"ready at {out_dir} ({time.perf_counter() - t0:.0f} s), min cosine vs torch {agreement}")
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def ensure_onnx(model_dir: Path | None = None, out_dir: Path | None = None, progress: bool = True) -> Path:
    """Return a ready export folder, exporting first only if it is missing, incomplete or outdated."""
    model_dir = ensure_model(model_dir, progress=progress)
    target = Path(out_dir).expanduser().resolve() if out_dir is not None else default_onnx_dir(model_dir)
    if is_onnx_complete(target, model_dir):
        return target
    return export_onnx(model_dir, target, progress=progress)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m advisor.retrieval.onnxexport [--model DIR] [--out DIR] [--force]``."""
    parser = argparse.ArgumentParser(prog="python -m advisor.retrieval.onnxexport", description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: models/…)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: <model>/onnx)")
    parser.add_argument("--force", action="store_true", help="re-export even if a complete export exists")
    args = parser.parse_args(argv)
    fn = export_onnx if args.force else ensure_onnx
    print(fn(args.model, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
