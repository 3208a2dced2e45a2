"""Shared fixtures, small and generic: a CLI runner and a stand-in extractor."""
from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

import casegraph
from casegraph.document import Document


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner (stderr kept apart from stdout)."""
    return CliRunner()


def tiny_graph(doc: Document) -> nx.MultiDiGraph:
    """A schema-shaped graph for ``doc`` that does not depend on the real extractor."""
    graph = nx.MultiDiGraph(doc=doc.id, city=doc.city, date=doc.date,
                            date_source="given" if doc.date else "unknown")
    span = [{"doc": doc.id, "start": 0, "end": len(doc.text)}]
    graph.add_node("case:病例1", type="case", name="病例1", sources=span)
    graph.add_node("location:样例小区", type="location", name="样例小区", sources=span)
    graph.add_edge("case:病例1", "location:样例小区", key="resides_at",
                   relation="resides_at", sources=span)
    return graph


@pytest.fixture
def fake_extract(monkeypatch: pytest.MonkeyPatch) -> list[Document]:
    """Make ``casegraph.extract_document`` (and the extract command's ``extract_data``) build
    :func:`tiny_graph`; returns the documents seen."""
    seen: list[Document] = []

    def fake(doc: Document) -> nx.MultiDiGraph:
        seen.append(doc)
        return tiny_graph(doc)

    monkeypatch.setattr(casegraph, "extract_document", fake)
    # ``casegraph extract`` writes the node-link data of the same graph, made without networkx
    monkeypatch.setattr("casegraph.cli.extract.extract_data",
                        lambda doc: nx.node_link_data(fake(doc), edges="edges"))
    return seen
