"""Link: entities to Wikidata items (offline gazetteer, optional online lookup)
and to the corpus identity that makes them one node across articles.
"""
