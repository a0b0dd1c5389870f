"""Ingest stage: read papers from listing pages, JSON Lines, JSON or CSV into ``Paper`` records."""

from kg.ingest.errors import IngestError
from kg.ingest.ids import paper_id_for_title
from kg.ingest.inputs import read_inputs

__all__ = ["IngestError", "paper_id_for_title", "read_inputs"]
