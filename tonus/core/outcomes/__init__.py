"""Outcome measures: score questionnaire answers from the instrument data, compare two scores
with the minimal clinically important difference, and say when a reassessment is due."""
