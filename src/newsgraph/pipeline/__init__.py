"""The pipeline: each article through extraction, linking, mapping and validation.

- :mod:`.recipe`: what happens to one article, written once (extract,
  post-process, link);
- :mod:`.extractor`: the seam an extractor plugs into (the rule-based one is
  :mod:`newsgraph.extract`);
- :mod:`.postprocess`, :mod:`.record_links`, :mod:`.role_repair`: what every
  extractor's records get (the narrator's statements, ids, refutes and
  corroborates, roles repaired);
- :mod:`.pool` (the worker pool, and the task it runs: recipe, map, validate,
  text), :mod:`.cluster` (the same task on a Dask cluster), :mod:`.lifeline`
  (workers that end with their parent), :mod:`.incremental` (what a store
  already holds is not built again).
"""
