"""Intake tokens: 256 random bits, shown once; only their SHA-256 is stored and a presented
token is compared with the stored hash in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100  # anything longer is not one of ours (and is not hashed)


def token_new() -> tuple[str, str]:
    """(token for the link, hash to store)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)
