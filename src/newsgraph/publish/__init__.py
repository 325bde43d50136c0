"""Publish: output files in five formats, written atomically, with their VoID/DCAT
description, N-Quads shards and the ontology's documentation.
"""
