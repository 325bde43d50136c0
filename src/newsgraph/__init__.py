"""newsgraph: news articles to a validated, Wikidata-linked RDF knowledge graph."""
