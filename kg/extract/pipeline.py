"""Build the extraction pipeline from its config file: no downloaded model is needed."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from kg.errors import ConfigError

# importing the modules registers their component and tokenizer factories with spaCy
from kg.extract import (  # noqa: F401
    acronyms,
    boundaries,
    context,
    cues,
    gazetteer,
    hints,
    link_finder,
    metrics,
    nonnames,
    sentences,
    shapes,
    tasks,
    title,
    tokenizer,
)
from kg.resources import PIPELINE_CONFIG


def build_pipeline(
    config_path: Path | None = None, gazetteers: list[Path] | None = None
) -> Language:
    """A blank English pipeline with the components named in the config file."""
    path = Path(config_path) if config_path else PIPELINE_CONFIG
    try:
        config = Config().from_disk(path)
    except OSError as exc:
        raise ConfigError(f"cannot read pipeline config {path}: {exc.strerror}") from exc
    except Exception as exc:  # thinc reports syntax errors with several exception types
        raise ConfigError(f"pipeline config {path} is not valid: {exc}") from exc
    _end_with_hints(config, path)
    for extra in gazetteers or []:
        if not Path(extra).is_file():
            raise ConfigError(f"gazetteer file not found: {extra}")
    if gazetteers and "kg_gazetteer" in config.get("components", {}):
        listed = list(config["components"]["kg_gazetteer"].get("files", []))
        config["components"]["kg_gazetteer"]["files"] = listed + [str(g) for g in gazetteers]
    try:
        return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError(f"pipeline config {path} cannot be built: {exc}") from exc


def _end_with_hints(config: Config, path: Path) -> None:
    """Every pipeline ends with ``kg_hints``, which leaves the plain hints extraction reads."""
    names = list(config.get("nlp", {}).get("pipeline", []))
    if hints.COMPONENT in names[:-1]:
        raise ConfigError(f"pipeline config {path}: {hints.COMPONENT!r} must come last")
    if not names or names[-1] != hints.COMPONENT:
        config.setdefault("nlp", {})["pipeline"] = [*names, hints.COMPONENT]
        config.setdefault("components", {})[hints.COMPONENT] = {"factory": hints.COMPONENT}


def load_model(name: str) -> Language:
    """An optional trained spaCy model whose entities are added as extra hints."""
    try:
        return spacy.load(name, exclude=["lemmatizer"])
    except OSError as exc:
        raise ConfigError(f"cannot load spaCy model {name!r}: {exc}") from exc
