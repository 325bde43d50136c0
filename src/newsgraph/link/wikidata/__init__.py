"""Wikidata: the SPARQL client, its on-disk cache, online linking and the
gazetteer refresh.
"""
