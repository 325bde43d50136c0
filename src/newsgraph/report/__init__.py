"""The HTML report: one self-contained page an analyst opens in a browser.

    from newsgraph.report import render, write_report
    write_report(result.dataset, "report.html")

It reads the RDF (never the extraction objects), so it works on a fresh build
and on any file ``newsgraph validate`` accepts: :mod:`.collect` reads the
graph, :mod:`.views` decides what is shown (highlighted text, actor network,
tables), :mod:`.render` inlines data, script and style into one HTML file
that opens from the file system and fetches nothing.
"""

from .collect import ACTOR_DEFINITION, actor_iris, collect
from .render import render, report_data, write_report

__all__ = ["ACTOR_DEFINITION", "actor_iris", "collect", "render", "report_data",
           "write_report"]
