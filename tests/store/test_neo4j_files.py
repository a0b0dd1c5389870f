"""The files that set up Neo4j for browsing: docker compose, .env.example and the style file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.schema import NodeLabel

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
GRASS = REPO / "kg" / "data" / "neo4j" / "kg.grass"


def compose_text() -> str:
    return COMPOSE.read_text(encoding="utf-8")


def test_compose_pins_a_neo4j_5_community_image() -> None:
    images = re.findall(r"^\s+image:\s*(\S+)\s*$", compose_text(), re.MULTILINE)
    assert len(images) == 1
    assert re.fullmatch(r"neo4j:5\.\d+\.\d+-community", images[0])


def test_compose_publishes_browser_and_bolt_ports_and_keeps_data_in_a_named_volume() -> None:
    text = compose_text()
    assert '- "7474:7474"' in text
    assert '- "7687:7687"' in text
    assert re.search(r"^\s+- neo4j-data:/data\s*$", text, re.MULTILINE)
    assert re.search(r"^volumes:\n\s+neo4j-data:", text, re.MULTILINE)


def test_compose_takes_credentials_from_the_environment_and_has_a_healthcheck() -> None:
    text = compose_text()
    assert "NEO4J_AUTH:" in text
    assert "${NEO4J_PASSWORD:?" in text  # refuses to start without a password
    assert "healthcheck:" in text and "7474" in text.split("healthcheck:")[1]


def test_env_example_names_the_variables_the_tool_reads() -> None:
    names = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (REPO / ".env.example").read_text(), re.M)
    assert {"NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_URI", "NEO4J_DATABASE", "KG_HOME"} <= set(names)


def compose_command() -> list[str] | None:
    """``docker compose`` (v2) or the older ``docker-compose``, whichever is installed."""
    if shutil.which("docker") is not None:
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose") is not None:
        return ["docker-compose"]
    return None


@pytest.mark.skipif(compose_command() is None, reason="docker compose is not installed")
def test_docker_compose_accepts_the_file() -> None:
    result = subprocess.run(
        [*(compose_command() or []), "-f", str(COMPOSE), "config", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NEO4J_PASSWORD": "example-password"},
    )
    assert result.returncode == 0, result.stderr


def test_the_style_file_colours_and_captions_every_label() -> None:
    text = GRASS.read_text(encoding="utf-8")
    rules = dict(re.findall(r"^node\.(\w+) \{\n(.*?)\n\}", text, re.MULTILINE | re.DOTALL))
    assert set(rules) == {str(label) for label in NodeLabel}
    colours = {re.search(r"\bcolor: (#[0-9A-F]{6});", body).group(1) for body in rules.values()}  # type: ignore[union-attr]
    assert len(colours) == len(NodeLabel)
    assert 'caption: "{title}";' in rules["Paper"]
    for label in ("Method", "Dataset", "Repository"):
        assert 'caption: "{name}";' in rules[label]
