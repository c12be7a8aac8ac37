"""Posture from photos: four views per visit, landmark detection, correction, measures."""
