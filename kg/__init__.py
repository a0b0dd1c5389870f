"""kg: research-paper abstracts to a knowledge graph of papers, methods, datasets and code."""

__version__ = "0.1.0"
