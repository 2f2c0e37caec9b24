"""The public catalogue (no login): per region, the running innovations their agencies chose to publish, and the
same list as open data."""
