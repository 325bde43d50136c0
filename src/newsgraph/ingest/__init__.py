"""Ingest: files (text, sidecars, JSON Lines, saved web pages) to ``Article`` records.
"""
