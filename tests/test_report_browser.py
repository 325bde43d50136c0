"""The seed report in headless Chromium: network, clicks, keyboard, offline.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them) and the ``selenium`` package (test extras); without them the tests are
skipped with a message saying what to install. A screenshot of the page after
a statement was clicked is saved as ``test-artifacts/report-seed.png`` (the
whole page as ``report-seed-full.png``) for a human to look at.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from newsgraph.report import write_report

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1440,900"]

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(f"browser test needs {CHROMIUM} and {CHROMEDRIVER}: "
                "apt-get install chromium chromium-driver", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver",
                                reason="browser test needs selenium: pip install -e '.[test]'")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# The actor definition of newsgraph.report.collect.ACTOR_DEFINITION, written again
# here as SPARQL so that the test does not trust the code it checks.
ACTORS = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
SELECT DISTINCT ?actor WHERE {
  VALUES ?class { ng:Person ng:Country ng:Organization ng:MediationGroup ng:Group }
  ?actor a ?class ; ng:mention ?mention .
}"""

SPEAKERS = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?label WHERE { ?statement ng:speaker ?speaker . ?speaker rdfs:label ?label }"""


@pytest.fixture(scope="module")
def page(seed_build, tmp_path_factory):
    """The seed report opened from the file system in headless Chromium."""
    from selenium.webdriver.chrome.service import Service

    tmp = tmp_path_factory.mktemp("report")
    report = tmp / "report-seed.html"
    write_report(seed_build.dataset, report, title="newsgraph report: seed article")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp / 'profile'}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # never let Selenium Manager download anything
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.get(report.as_uri())
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return document.body.dataset.ready") == "true")
        yield driver
    finally:
        driver.quit()


def details_text(driver) -> str:
    return driver.find_element(By.ID, "details-body").text


def speakers_of(dataset, statement_iri: str) -> set[str]:
    from rdflib import URIRef

    rows = dataset.query(SPEAKERS, initBindings={"statement": URIRef(statement_iri)})
    return {str(row.label) for row in rows}


def test_network_has_one_node_per_actor(page, seed_build):
    expected = {str(row.actor) for row in seed_build.dataset.query(ACTORS)}
    nodes = page.find_elements(By.CSS_SELECTOR, '#network .node[data-kind="actor"]')
    drawn = [node.get_attribute("data-iri") for node in nodes]
    assert len(drawn) == len(expected) and set(drawn) == expected
    # every node is on the canvas and labelled
    for node in nodes:
        assert node.is_displayed() and node.find_element(By.TAG_NAME, "button").text.strip()
    linked = page.find_elements(By.CSS_SELECTOR, "#network .node a.wd")
    assert linked and all(a.get_attribute("href").startswith("https://www.wikidata.org/wiki/Q")
                          for a in linked)


def test_clicking_a_statement_shows_its_speaker(page, seed_build):
    # the first stretch of a highlighted clause that is plain text (no badge, no mention)
    first = page.execute_script("""
        return [...document.querySelectorAll('#article-list .stmt')]
          .find(el => el.children.length === 0);""")
    statement_id = first.get_attribute("data-statements").split()[0]
    badge = page.find_element(By.CSS_SELECTOR, f'button.badge[data-statement="{statement_id}"]')
    expected = speakers_of(seed_build.dataset, badge.get_attribute("data-iri"))
    assert expected
    first.click()
    WebDriverWait(page, 5).until(lambda d: "Speaker" in details_text(d))
    shown = details_text(page)
    assert all(label in shown for label in expected), (expected, shown)
    assert "Confidence" in shown and "Statement" in shown
    ARTIFACTS.mkdir(exist_ok=True)
    page.save_screenshot(str(ARTIFACTS / "report-seed.png"))
    size = page.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = page.execute_cdp_cmd("Page.captureScreenshot", {
        "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    (ARTIFACTS / "report-seed-full.png").write_bytes(base64.b64decode(shot["data"]))
    assert (ARTIFACTS / "report-seed.png").stat().st_size > 10_000


def test_statements_work_from_the_keyboard(page, seed_build):
    badges = page.find_elements(By.CSS_SELECTOR, "#article-list button.badge")
    last = badges[-1]
    page.execute_script("arguments[0].focus()", last)
    last.send_keys(Keys.ENTER)
    expected = speakers_of(seed_build.dataset, last.get_attribute("data-iri"))
    WebDriverWait(page, 5).until(lambda d: all(s in details_text(d) for s in expected))
    assert page.find_element(By.ID, "details-body").get_attribute("aria-live") == "polite"


def test_controls_have_accessible_names(page):
    unnamed = page.execute_script("""
        return [...document.querySelectorAll('button, a[href]')]
          .filter(el => !(el.getAttribute('aria-label') || el.textContent).trim())
          .map(el => el.outerHTML.slice(0, 80));""")
    assert unnamed == []


def test_page_fetches_nothing_and_logs_no_errors(page):
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []

