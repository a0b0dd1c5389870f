"""Resolve stage: per-paper findings become corpus-wide entities and relations."""

from kg.resolve.entities import Resolver, relation_for, resolve

__all__ = ["Resolver", "relation_for", "resolve"]
