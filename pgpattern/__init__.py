"""pgpattern: development-pattern intelligence that lives inside PostgreSQL (the Python side)."""

__version__ = "0.1.0"
