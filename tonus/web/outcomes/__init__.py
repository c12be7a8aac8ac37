"""Outcome questionnaires per visit: stored answers, the core's score, charts and API."""
