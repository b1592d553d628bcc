"""Write stored events in the formats analysts use: CSV, GeoJSON, Parquet, JSONL."""
