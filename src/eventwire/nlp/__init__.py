"""spaCy pipelines per language, loaded explicitly, and the stage that runs them."""
