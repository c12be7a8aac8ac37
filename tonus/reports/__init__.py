"""Presentations of core results: plain text, HTML (and, in the web app, PDF)."""
