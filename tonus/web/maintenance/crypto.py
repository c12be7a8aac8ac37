"""Passphrase encryption of backup archives: scrypt for the key, AES-256-GCM in 64 KiB chunks.

The layout follows the STREAM construction (as used by age): the archive is cut into chunks,
each sealed with AES-GCM under a nonce made of a random per-file prefix, the chunk's counter and
a flag on the last chunk. So chunks cannot be reordered, dropped or appended and a truncated
file is detected, while archives of any size stream through in constant memory.

    header: b"TONUSENC" | version 1 | log2(N) | r | p | salt (16) | nonce prefix (7)
    chunks: AES-GCM(key, prefix | counter (4, big-endian) | last (1), plaintext <= 64 KiB)

The key is scrypt(passphrase, salt, N=2**17, r=8, p=1): about 128 MiB and half a second to try
one passphrase, so guessing is slow even offline. See docs/decisions/0007-backups.md.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"TONUSENC"
VERSION = 1
CHUNK = 64 * 1024
TAG = 16
_HEADER = struct.Struct(">8sBBBB16s7s")
LOG2_N, R, P = 17, 8, 1


class DecryptionError(Exception):
    """Wrong passphrase, or the encrypted archive is damaged or was altered."""


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not passphrase:
        raise ValueError("The passphrase is empty.")
    if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise DecryptionError("The archive's encryption header is damaged.")
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """A write-only file object: what is written comes out encrypted on ``out``."""

    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        salt, prefix = os.urandom(16), os.urandom(7)
        self._aead = AESGCM(_key(passphrase, salt, LOG2_N, R, P))
        self._out, self._prefix = out, prefix
        self._buffer = bytearray()
        self._counter = 0
        out.write(_HEADER.pack(MAGIC, VERSION, LOG2_N, R, P, salt, prefix))

    def write(self, data: bytes) -> int:
        self._buffer += data
        # Keep at least one byte back: only close() knows which chunk is the last.
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        if self._counter >= 2**32 - 1:
            raise ValueError("The archive is too large to encrypt in one file.")
        nonce = _nonce(self._prefix, self._counter, last)
        self._out.write(self._aead.encrypt(nonce, chunk, None))
        self._counter += 1

    def close(self) -> None:
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()
        self._out.flush()

    def flush(self) -> None:
        self._out.flush()


class DecryptingReader:
    """A read-only file object over an encrypted archive; every chunk is authenticated."""

    def __init__(self, source: BinaryIO, passphrase: str) -> None:
        header = source.read(_HEADER.size)
        if len(header) != _HEADER.size or not header.startswith(MAGIC):
            raise DecryptionError("This is not an encrypted Tonus archive.")
        _, version, log2_n, r, p, salt, prefix = _HEADER.unpack(header)
        if version != VERSION:
            raise DecryptionError(f"Unknown encryption version {version}.")
        self._aead = AESGCM(_key(passphrase, salt, log2_n, r, p))
        self._source, self._prefix = source, prefix
        self._counter = 0
        self._plain = b""
        self._done = False
        self._next = source.read(CHUNK + TAG)

    def _open_next(self) -> None:
        sealed = self._next
        self._next = self._source.read(CHUNK + TAG)
        last = not self._next
        try:
            self._plain += self._aead.decrypt(_nonce(self._prefix, self._counter, last), sealed,
                                              None)
        except InvalidTag:
            if self._counter == 0:
                raise DecryptionError(
                    "Wrong passphrase, or the archive is damaged.") from None
            raise DecryptionError(
                "The archive is damaged or was altered (a chunk does not authenticate).") from None
        self._counter += 1
        self._done = last

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._plain) < size):
            self._open_next()
        if size < 0:
            out, self._plain = self._plain, b""
        else:
            out, self._plain = self._plain[:size], self._plain[size:]
        return out
