"""Pages of the Ombudsman part: assessments (assessments.py) and the improvement notes (findings.py)."""
