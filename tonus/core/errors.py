"""Errors raised by the clinical core; every message names the offending file, field or id."""

from __future__ import annotations


class TonusError(Exception):
    """Base class of every error the core raises on purpose."""


class KnowledgeError(TonusError):
    """The knowledge base is malformed: the message names the file, the entry and the field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class CaseError(TonusError):
    """A case is invalid: one problem per line, each naming the field and the bad value."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class UnknownIdError(TonusError, KeyError):
    """An id that the spec or the knowledge base does not define."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown id"


class OutcomeError(TonusError):
    """Questionnaire answers that cannot be scored: one problem per line, naming the item."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
