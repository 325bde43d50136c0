"""newsgraph: news articles to a validated, Wikidata-linked RDF knowledge graph."""

from .api import BuildResult, ValidationFailed, build, extract_article

__version__ = "0.1.0"
__all__ = ["BuildResult", "ValidationFailed", "build", "extract_article", "__version__"]
