"""Uploaded files (posture photos, movement clips) live on disk while a database row refers to
them: the row and the file are written in that order, and a failure in between, or a
replacement, must leave no file behind. One mechanism for every upload that stores a file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from django.db import transaction


@contextlib.contextmanager
def file_kept_only_if_saved(*, created: bool, sha256: str,
                            forget: Callable[[str], None]) -> Iterator[None]:
    """Wrap the database write that refers to a just-stored file: when it fails, a file this
    upload created is forgotten again (one that was already stored belongs to another row)."""
    try:
        yield
    except BaseException:
        if created:
            forget(sha256)
        raise


def forget_replaced_on_commit(*, replaced: str | None, new: str,
                              forget: Callable[[str], None]) -> None:
    """Once the transaction commits, forget the file a row pointed to before this upload."""
    if replaced is not None and replaced != new:
        transaction.on_commit(lambda: forget(replaced))

