"""Resolve stage: per-paper findings become corpus-wide entities and relations."""

from kg.resolve.entities import relation_for, resolve

__all__ = ["relation_for", "resolve"]
