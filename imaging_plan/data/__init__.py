"""The input tables: codes, schemas, loading, uploads and templates."""
