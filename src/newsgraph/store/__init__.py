"""Stores: the embedded pyoxigraph store, its SPARQL server, and the Graph Store
Protocol client that publishes to any remote store.
"""
