# The catalogue's cast (a head for Dinas Pendidikan), shared by the public catalogue's tests.
from tests.innovations.catalogue.conftest import disdik_head

__all__ = ["disdik_head"]
