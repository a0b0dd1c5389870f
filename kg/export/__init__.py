"""Export stage: files other tools read."""

from kg.export.jsonl import extraction_line, extraction_record, finding_record, write_extractions

__all__ = ["extraction_line", "extraction_record", "finding_record", "write_extractions"]
