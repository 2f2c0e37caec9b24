"""National-scale data in SQL for the page benchmark (`manage.py seed_scale`)."""
