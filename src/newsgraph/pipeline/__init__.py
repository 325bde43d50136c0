"""The pipeline: each article through extraction, linking, mapping and validation.

The worker pool (:mod:`.pool`), the Dask runner (:mod:`.cluster`) and the
post-processing that any extractor's output gets (:mod:`.record_links`,
:mod:`.role_repair`).
"""
