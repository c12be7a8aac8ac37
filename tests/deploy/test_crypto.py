"""Archive encryption: round trip in chunks, and every kind of tampering is refused."""

from __future__ import annotations

import io
import os

import pytest

from tonus.web.maintenance import crypto
from tonus.web.maintenance.crypto import (
    CHUNK,
    DecryptingReader,
    DecryptionError,
    EncryptingWriter,
)


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "LOG2_N", 12)  # the format carries N; tests need no 128 MiB


def _seal(data: bytes, passphrase: str = "pass phrase") -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, passphrase)
    for start in range(0, len(data), 10_000):  # written in pieces, like tarfile does
        writer.write(data[start:start + 10_000])
    writer.close()
    return out.getvalue()


def _open(sealed: bytes, passphrase: str = "pass phrase") -> bytes:
    return DecryptingReader(io.BytesIO(sealed), passphrase).read()


@pytest.mark.parametrize("size", [0, 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
def test_round_trip(size: int) -> None:
    data = os.urandom(size)
    sealed = _seal(data)
    assert sealed.startswith(b"TONUSENC")
    if size >= 16:  # a byte or two of plaintext can turn up in random ciphertext by chance
        assert data not in sealed
    assert _open(sealed) == data


def test_the_wrong_passphrase_is_refused() -> None:
    with pytest.raises(DecryptionError, match="Wrong passphrase"):
        _open(_seal(b"client records"), "another phrase")


@pytest.mark.parametrize("damage", ["flip", "truncate", "drop-chunk", "swap-chunks", "append"])
def test_tampering_is_detected(damage: str) -> None:
    data = os.urandom(3 * CHUNK + 100)
    sealed = bytearray(_seal(data))
    header, sealed_chunk = 8 + 4 + 16 + 7, CHUNK + 16
    chunks = [bytes(sealed[i:i + sealed_chunk])
              for i in range(header, len(sealed), sealed_chunk)]
    if damage == "flip":
        sealed[len(sealed) // 2] ^= 1
        bad = bytes(sealed)
    elif damage == "truncate":  # cut at a chunk boundary: only the last-chunk flag tells
        bad = bytes(sealed[:header]) + b"".join(chunks[:2])
    elif damage == "drop-chunk":
        bad = bytes(sealed[:header]) + chunks[0] + chunks[2] + chunks[3]
    elif damage == "swap-chunks":
        bad = bytes(sealed[:header]) + chunks[1] + chunks[0] + chunks[2] + chunks[3]
    else:
        bad = bytes(sealed) + chunks[0]
    with pytest.raises(DecryptionError):
        _open(bad)
