"""The test database's engine: PostgreSQL as in production, with a cheaper flush after a transactional test.

A test that commits (live server, real Celery worker, `transaction=True`) ends with Django's flush, which on
PostgreSQL is one TRUNCATE of every table: about 130 tables and their indexes each get new files, about 1.2 s
of the database's time for a few dozen rows. DELETE of the same tables, in one transaction (foreign keys are
checked at its end: Django makes them DEFERRABLE INITIALLY DEFERRED), leaves the same empty tables in a few
milliseconds. A flush that must also reset the id sequences is left to Django.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        if reset_sequences or not tables:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
