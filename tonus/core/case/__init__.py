"""The case a therapist gathers (``tonus.case/1``): parsing and validation."""

from tonus.core.case.model import Case, PainMark, Palpation, RangeOfMotion, parse_case

__all__ = ["Case", "PainMark", "Palpation", "RangeOfMotion", "parse_case"]
