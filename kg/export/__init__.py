"""Export stage: files other tools read (extraction JSON Lines; GraphML lives in kg.graph)."""

from kg.export.jsonl import extraction_record, write_extractions, write_extractions_file

__all__ = ["extraction_record", "write_extractions", "write_extractions_file"]
