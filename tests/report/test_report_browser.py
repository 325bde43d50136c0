"""The seed report in headless Chromium: network, clicks, keyboard, offline.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them) and the ``selenium`` package (test extras); without them the tests are
skipped with a message saying what to install. A screenshot of the page after
a statement was clicked is saved as ``test-artifacts/report-seed.png`` (the
whole page as ``report-seed-full.png``), and a report of three articles at a
phone's width (420 px) and a desktop's (1400 px) as ``report-corpus-W.png`` and
``report-network-W.png``, for a human to look at.
"""

from __future__ import annotations

import base64
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsgraph.report import write_report

from ..conftest import ROOT

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


@contextmanager
def browser(report: Path, profile: Path, width: int = 1440, height: int = 900):
    """Headless Chromium showing ``report`` (opened from the file system) in a viewport of
    ``width`` CSS pixels, once the page script says it is ready."""
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # never let Selenium Manager download anything
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        driver.get(report.as_uri())
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return document.body.dataset.ready") == "true")
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(seed_build, tmp_path_factory):
    """The seed report opened from the file system in headless Chromium."""
    tmp = tmp_path_factory.mktemp("report")
    report = tmp / "report-seed.html"
    write_report(seed_build.dataset, report, title="newsgraph report: seed article")
    with browser(report, tmp / "profile") as driver:
        yield driver


@pytest.fixture(scope="module")
def corpus_report(seed_build, tmp_path_factory) -> Path:
    """A report of several conflicts: the seed and the wire stories of tests/contradictions."""
    import newsgraph

    tmp = tmp_path_factory.mktemp("corpus-report")
    report = tmp / "report-corpus.html"
    built = newsgraph.build([ROOT / "tests" / "contradictions"])
    dataset = built.dataset
    for quad in seed_build.dataset.quads((None, None, None, None)):
        dataset.add(quad)
    write_report(dataset, report, title="newsgraph report: three articles")
    return report


def details_text(driver) -> str:
    return driver.find_element(By.ID, "details-body").text


def speakers_of(dataset, statement_iri: str) -> set[str]:
    from rdflib import URIRef

    rows = dataset.query(SPEAKERS, initBindings={"statement": URIRef(statement_iri)})
    return {str(row.label) for row in rows}


def groups(driver) -> list[str]:
    """The values of the network's conflict filter, one per drawing."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#network-filter option')].map(o => o.value);")


def choose(driver, group: str) -> None:
    """Draw the network of ``group`` (the page redraws synchronously on change)."""
    driver.execute_script("""
        const s = document.getElementById('network-filter');
        s.value = arguments[0]; s.dispatchEvent(new Event('change'));""", group)


def test_network_has_one_node_per_actor(page, seed_build):
    expected = {str(row.actor) for row in seed_build.dataset.query(ACTORS)}
    drawn: list[str] = []
    for group in groups(page):  # the seed is one article: one drawing
        choose(page, group)
        nodes = page.find_elements(By.CSS_SELECTOR, '#network .node[data-kind="actor"]')
        loose = page.find_elements(By.CSS_SELECTOR, "#network-loose .chip")
        drawn += [el.get_attribute("data-iri") for el in nodes + loose]
        # every node is on the canvas and labelled
        for node in nodes:
            assert node.is_displayed() and node.find_element(By.TAG_NAME, "button").text.strip()
    assert len(drawn) == len(expected) and set(drawn) == expected
    linked = page.find_elements(By.CSS_SELECTOR, "#network .node a.wd")
    assert linked and all(a.get_attribute("href").startswith("https://www.wikidata.org/wiki/Q")
                          for a in linked)


# Every node of every drawing inside the network's box, to the half pixel.
NODES_OUTSIDE = """
const box = document.getElementById('network').getBoundingClientRect();
return [...document.querySelectorAll('#network .node')].filter(n => {
  const r = n.getBoundingClientRect();
  return r.left < box.left - .5 || r.right > box.right + .5
      || r.top < box.top - .5 || r.bottom > box.bottom + .5;
}).map(n => n.textContent);"""


@pytest.mark.parametrize("width", [420, 1400])
def test_layout_fits_phone_and_desktop(corpus_report, tmp_path, width):
    """No sideways scrolling at 420 px, and every network node inside its box at both
    widths, in every conflict's drawing; screenshots go to test-artifacts/."""
    with browser(corpus_report, tmp_path / "profile", width=width) as driver:
        overflow = driver.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];")
        assert overflow[0] <= overflow[1], f"page is {overflow[0]} px wide at {width} px"
        values = groups(driver)
        assert len(values) >= 2  # one drawing per conflict: Nagorno-Karabakh, the wire stories
        drawn = 0
        for group in values:
            choose(driver, group)
            drawn += len(driver.find_elements(By.CSS_SELECTOR, "#network .node"))
            assert driver.execute_script(NODES_OUTSIDE) == [], (width, group)
        assert drawn > 10
        choose(driver, values[0])
        ARTIFACTS.mkdir(exist_ok=True)
        section = driver.find_element(By.ID, "network-section")
        driver.execute_script("arguments[0].scrollIntoView()", section)
        section.screenshot(str(ARTIFACTS / f"report-network-{width}.png"))
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "captureBeyondViewport": True, "clip": {
                "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
        (ARTIFACTS / f"report-corpus-{width}.png").write_bytes(base64.b64decode(shot["data"]))
        assert (ARTIFACTS / f"report-network-{width}.png").stat().st_size > 10_000


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

