"""Storage of results in SQLite (default) or PostgreSQL, through SQLAlchemy and Alembic."""
