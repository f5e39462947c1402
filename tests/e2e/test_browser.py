"""A person in a browser: an article, a norm, a canned question in the query UI.

Headless Chromium from Debian, driven by Playwright with its executable path set
(Playwright's own browser download is never used). Screenshots go to build/screenshots/.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
DOC = "/eli/cn/330382/work-rules/2020"


@pytest.fixture(scope="module")
def page():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        yield page
        browser.close()


def test_regulation_article_and_norm(server_url, page):
    page.goto(server_url + DOC)
    assert page.locator("section.article").count() == 34
    page.screenshot(path=str(SHOTS / "regulation.png"))
    page.goto(server_url + DOC + "/art_25")
    assert "第二十五条" in page.locator("h1").inner_text()
    page.locator(f'a[href="{DOC}/norm/art_25-7"]').first.click()
    page.wait_for_url("**/norm/art_25-7")
    summary = page.locator("dl.norm-summary").inner_text()
    assert "市政府各部门" in summary and "15日" in summary and "备案" in summary
    page.screenshot(path=str(SHOTS / "norm.png"), full_page=True)


def test_canned_question_in_the_query_ui(server_url, page):
    page.goto(server_url + "/sparql")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=15000)
    page.locator(".tabsList .tab", has_text="时限").first.click()
    editor = page.locator(".tabPanel.active .yasqe .CodeMirror").first
    assert "gwr:deadline" in editor.inner_text()
    page.locator(".tabPanel.active .yasqe_queryButton").first.click()
    results = page.locator(".tabPanel.active .yasr table tbody tr")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    assert "P15D" in page.locator(".tabPanel.active .yasr").inner_text()
    page.screenshot(path=str(SHOTS / "query-ui.png"), full_page=True)


def test_comparison_page(server_url, page):
    page.goto(server_url + "/compare")
    table = page.locator("table.comparison")
    assert table.locator("tr").count() == 15  # the head and 14 document versions
    assert page.locator("td.differs").count() >= 1
    row = table.locator("tr", has_text="中华人民共和国全国人民代表大会常务委员会议事规则")
    cell = row.locator('td[data-concern="quorum"]')
    assert "全体组成人员的过半数" in cell.inner_text() and "第七条" in cell.inner_text()
    page.screenshot(path=str(SHOTS / "compare.png"), full_page=True)
    cell.locator("a").first.click()
    page.wait_for_url("**/1987/2022-06-24/art_7")
    assert "第七条" in page.locator("h1").inner_text()
    page.goto(server_url + "/compare?as-of=2015-06-01")
    row = page.locator(
        "table.comparison tr", has_text="中华人民共和国全国人民代表大会常务委员会议事规则"
    )
    assert "第四条" in row.locator('td[data-concern="quorum"]').inner_text()


NPCSC = "/eli/cn/100000/rules-of-procedure/1987"


def test_documents_versions_and_as_of(server_url, page):
    page.goto(server_url + "/documents?jurisdiction=100000")
    assert page.locator("#documents tr").count() == 3  # header and the two national rules
    page.locator(f'#documents a[href="{NPCSC}"]').first.click()
    page.wait_for_url("**" + NPCSC)
    assert "2009-04-24" in page.locator("section.versions").inner_text()
    page.screenshot(path=str(SHOTS / "work-versions.png"), full_page=True)
    page.goto(server_url + NPCSC + "/2022-06-24/art_7")
    page.fill("section.versions input[name=as-of]", "2015-06-01")
    page.locator("section.versions form.asof button").click()
    page.wait_for_url("**/2009-04-24/art_4")
    assert "才能举行" in page.locator("main").inner_text()


def test_search_and_changes_pages(server_url, page):
    page.goto(server_url + "/search")
    page.fill("input[name=q]", "备案")
    page.locator("main form button").click()
    page.wait_for_selector("ol.hits li")
    assert "【备案】" in page.locator("ol.hits").inner_text()
    page.screenshot(path=str(SHOTS / "search.png"))
    page.goto(
        server_url
        + "/changes?document=全国人民代表大会常务委员会议事规则&from=2015-01-01&to=2023-01-01"
    )
    renumbered = page.locator("table.changes.renumbered").inner_text()
    assert "第4条" in renumbered and "始得举行" in renumbered
    page.screenshot(path=str(SHOTS / "changes.png"), full_page=True)
