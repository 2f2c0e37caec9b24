"""Pages of the competition, one module per actor (organiser, agency, evaluator) and the pages they share."""
