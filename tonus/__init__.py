"""Tonus: software for neuromuscular therapists."""

__version__ = "0.1.0"
