"""Reads of the competition, one module per subject: rounds (and the panel), entries, reviews, ranking. Every
list, detail, download and API view starts from one of them."""
