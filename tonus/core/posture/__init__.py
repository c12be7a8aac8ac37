"""Posture: measure definitions and norms, geometry from landmarks, findings for the reasoning."""
