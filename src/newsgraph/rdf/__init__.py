"""RDF: the vocabulary's terms, records to triples (the mapper), triples to text.
"""
