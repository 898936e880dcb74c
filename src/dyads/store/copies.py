"""Syndicated copies: MinHash signatures of the cleaned text (datasketch) and their LSH
bands, kept in the database so that finding a document's copies never needs the whole
corpus in memory."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # stored signatures name their permutation scheme (datasketch 2)
SHINGLE = 5  # words
CANDIDATE_THRESHOLD = 0.5  # the LSH bands are tuned to this Jaccard similarity
COPY_THRESHOLD = 0.7  # estimated Jaccard similarity of word 5-grams that makes a copy

_LSH = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
BANDS: list[tuple[int, int]] = list(_LSH.hashranges)
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64))


def band_hashes(minhash: MinHash) -> list[tuple[int, int]]:
    """(band number, signed 64-bit hash of the band) pairs."""
    out = []
    for number, (start, end) in enumerate(BANDS):
        digest = hashlib.blake2b(minhash.hashvalues[start:end].tobytes(), digest_size=8).digest()
        out.append((number, int.from_bytes(digest, "big", signed=True)))
    return out


def are_copies(a: MinHash, b: MinHash) -> bool:
    return a.jaccard(b) >= COPY_THRESHOLD
