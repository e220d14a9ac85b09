"""The HTML report as a browser shows it: Chromium renders it; scripts on the page don't run.

`make test` installs Debian's chromium when it is missing and it runs as root; elsewhere these
tests are skipped with the reason. Chromium runs offline, with a fresh profile per run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_pages import NOTICE

from conftest import EXAMPLES, ROOT, STARTING_PAGE
from zhen.cli import main
from zhen.render.report_html_style import SCRIPT

pytestmark = [pytest.mark.usefixtures("isolated_segmenter"), pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("chromium is not installed (make test installs it with apt-get when run as root)",
                allow_module_level=True)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--virtual-time-budget=10000"]
HOSTILE_TEXT = (
    "Mixed page with a script in its text\n\n"
    "<script>document.body.insertAdjacentHTML('beforeend', '<div id=\"pwned\"></div>');"
    "document.title = 'pwned'</script>\n\n"
    "<img src=x onerror=\"document.title='pwned'\">\n\n"
    "Editor: 林雨晨\n\n"
    "继续浏览\n"
)
HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><title>Hostile</title>"
    "<script>document.title = 'pwned'</script></head><body><h1>Hostile page</h1>"
    "<p>Shown as text: &lt;script&gt;document.title='pwned'&lt;/script&gt; 继续浏览</p>"
    "<script>document.body.insertAdjacentHTML('beforeend', '<div id=\"pwned\"></div>')</script>"
    "</body></html>"
)
# Queries the report from a page that frames it (file:// pages may read each other only with
# --allow-file-access-from-files), and writes what it finds as JSON into its own DOM: first the
# report as it opens, then after each filter, the words toggle, a finding's link and a copy button.
PROBE = """<!DOCTYPE html><html><body><iframe id="report" src="%s" width="1400" height="900">
</iframe><pre id="probe"></pre><script>
document.getElementById('report').addEventListener('load', () => {
  const frame = document.getElementById('report');
  const d = frame.contentDocument, w = frame.contentWindow;
  const box = e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  const style = (e, p) => w.getComputedStyle(e).getPropertyValue(p);
  const shown = () => [...d.querySelectorAll('table.page tbody tr')]
    .filter(e => style(e, 'display') !== 'none').map(e => e.id);
  const seen = {
    title: d.title,
    pwned: d.getElementById('pwned') !== null,
    scripts: [...d.querySelectorAll('script')].map(e => e.textContent),
    policy: d.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
    headers: [...d.querySelectorAll('table.page thead th')].map(e => e.textContent),
    rows: d.querySelectorAll('table.page tbody tr').length,
    originals: [...d.querySelectorAll('td.original')].map(e => [e.innerText, box(e)]),
    translations: [...d.querySelectorAll('td.translation .english')]
      .map(e => [e.textContent, box(e.parentElement)]),
    chinese: [...d.querySelectorAll('span.zh')].map(e => [e.textContent, e.dataset.role,
              style(e, 'background-color')]),
    font: style(d.body, 'font-family'),
    terms: [...d.querySelectorAll('span.term')].map(e => [e.textContent, e.title,
            style(e, 'text-decoration-line')]),
    findings: [...d.querySelectorAll('#findings a')].map(e => e.getAttribute('href')),
    anchors: [...d.querySelectorAll('table.page tbody tr')].map(e => e.id),
    changedRows: [...d.querySelectorAll('tr.changed')].map(e => e.id),
    findingRows: [...d.querySelectorAll('tr.has-findings')].map(e => e.id),
    rowFindings: [...d.querySelectorAll('ul.row-findings li')].map(e => e.textContent),
    bar: style(d.querySelector('header.bar'), 'position'),
    shownAll: shown(),
    wordsHidden: [...d.querySelectorAll('.words')].every(e => style(e, 'display') === 'none'),
  };
  d.getElementById('rows-changed').checked = true;
  seen.shownChanged = shown();
  d.getElementById('rows-findings').checked = true;
  seen.shownFindings = shown();
  d.getElementById('rows-all').checked = true;
  seen.shownAgain = shown();
  d.getElementById('show-words').checked = true;
  seen.wordsShown = [...d.querySelectorAll('td.original .words')].filter(
    e => style(e, 'display') !== 'none').map(e => e.textContent);
  d.getElementById('show-words').checked = false;
  const link = d.querySelector('#findings a');
  seen.scrollBefore = w.scrollY;
  if (link) { link.click(); }
  setTimeout(() => {
    const target = link ? d.querySelector(link.getAttribute('href')) : null;
    seen.hash = w.location.hash;
    seen.scrollAfter = w.scrollY;
    seen.targetTop = target ? target.getBoundingClientRect().top : null;
    seen.barBottom = d.querySelector('header.bar').getBoundingClientRect().bottom;
    seen.viewport = w.innerHeight;
    const copy = d.querySelector('td.translation button.copy');
    copy.click();
    setTimeout(() => {
      seen.copyLabel = copy.textContent;
      seen.fetched = w.performance.getEntriesByType('resource').map(e => e.name);
      document.getElementById('probe').textContent = JSON.stringify(seen);
    }, 50);
  }, 100);
});
</script></body></html>
"""
TRANSPARENT = "rgba(0, 0, 0, 0)"
EXAMPLE_HTML = EXAMPLES / "xinhua-style-new-quality-forces.html"
BUILD = ROOT / "build"  # where make test leaves the screenshots


def chromium(tmp_path: Path, *arguments: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *arguments],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def report_html(page: Path, target: Path) -> Path:
    result = CliRunner().invoke(main, ["page", str(page), "--output-format", "html",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def probe(tmp_path: Path, report: Path) -> dict:
    harness = tmp_path / "probe.html"
    harness.write_text(PROBE % report.name, encoding="utf-8")
    dom = chromium(tmp_path, "--allow-file-access-from-files", "--dump-dom", harness.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found and found.group(1), f"the probe found nothing: {dom[-1000:]}"
    return json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">")
                      .replace("&quot;", '"').replace("&amp;", "&"))


def test_starting_page_report_renders_both_columns_with_highlights(tmp_path):
    report = report_html(STARTING_PAGE, tmp_path / "report.html")
    seen = probe(tmp_path, report)
    assert seen["headers"] == ["Line", "Role", "Original", "English"]
    assert seen["rows"] == 41
    editor = next(i for i, (text, _) in enumerate(seen["originals"]) if text == "Editor: 林雨晨")
    assert seen["translations"][editor][0] == "Editor: Lin Yuchen"
    assert "Continue browsing" in [text for text, _ in seen["translations"]]
    for _, (width, height) in seen["originals"] + seen["translations"]:
        assert width > 100 and height > 0  # both columns are laid out and visible
    assert [(text, role) for text, role, _ in seen["chinese"]] == [
        ("林雨晨", "byline"), *((line, "notice") for line in NOTICE)]
    backgrounds = {role: color for _, role, color in seen["chinese"]}
    assert TRANSPARENT not in backgrounds.values()
    assert backgrounds["byline"] != backgrounds["notice"]  # highlighted by role
    belt = next(t for t in seen["terms"] if t[0] == "Belt and Road Initiative")
    assert belt[1:] == ["approved: Belt and Road Initiative", "underline"]
    assert seen["findings"] and set(seen["findings"]) <= {f"#{a}" for a in seen["anchors"]}
    assert seen["scripts"] == [SCRIPT] and not seen["pwned"]  # zhen's copy script alone


def test_filters_words_findings_and_copying_work_and_nothing_is_fetched(tmp_path):
    report = report_html(EXAMPLE_HTML, tmp_path / "report.html")
    seen = probe(tmp_path, report)
    everything = seen["anchors"]
    assert seen["shownAll"] == everything and seen["shownAgain"] == everything
    # "Chinese and changed": exactly the rows with a translation
    assert seen["shownChanged"] == seen["changedRows"]
    assert 0 < len(seen["changedRows"]) < len(everything)
    # "With findings": exactly the rows a finding points into, each finding shown on its row
    assert seen["shownFindings"] == seen["findingRows"] and seen["findingRows"]
    assert len(seen["rowFindings"]) == len(seen["findings"])
    assert any("ZH002" in line and "according to local conditions" in line
               for line in seen["rowFindings"])  # the severity, the code and the fix
    # words and engines appear only with the toggle
    assert seen["wordsHidden"] and "欧阳晓敏/nr=Ouyang Xiaomin" in seen["wordsShown"]
    # a finding's link scrolls its row into view, below the sticky bar
    assert seen["bar"] == "sticky"
    assert seen["hash"] == seen["findings"][0]
    assert seen["scrollAfter"] > seen["scrollBefore"]
    assert seen["barBottom"] - 1 <= seen["targetTop"] < seen["viewport"]
    # the copy script runs (the policy admits it by its hash) and nothing is fetched at all
    assert seen["copyLabel"] in ("Copied", "Select and copy")
    assert seen["fetched"] == []
    assert "default-src 'none'" in seen["policy"] and "script-src 'sha256-" in seen["policy"]
    assert "Noto Sans CJK SC" in seen["font"] and "Microsoft YaHei" in seen["font"]


@pytest.mark.parametrize("name, content", [("hostile.txt", HOSTILE_TEXT),
                                           ("hostile.html", HOSTILE_HTML)])
def test_a_script_on_the_page_is_shown_as_text_and_never_runs(tmp_path, name, content):
    page = tmp_path / name
    page.write_text(content, encoding="utf-8")
    report = report_html(page, tmp_path / "report.html")
    dom = chromium(tmp_path, "--dump-dom", report.as_uri())  # the report alone, scripts allowed
    assert '<div id="pwned">' not in dom and "&lt;script&gt;document" in dom
    assert re.search(r"<title>zhen page: [^<]*hostile[^<]*</title>", dom)
    seen = probe(tmp_path, report)
    assert not seen["pwned"] and seen["scripts"] == [SCRIPT] and "pwned" not in seen["title"]
    originals = "\n".join(text for text, _ in seen["originals"])
    assert "<script>document" in originals  # the page's script, as text
    assert any("Continue browsing" in text for text, _ in seen["translations"])


SHOWN = """<!DOCTYPE html><html><body style="margin:0"><iframe id="report" src="%s"
width="1400" height="1200" style="border:0"></iframe><script>
document.getElementById('report').addEventListener('load', () => {
  const d = document.getElementById('report').contentDocument;
  d.getElementById('rows-findings').checked = true;
  d.getElementById('show-words').checked = true;
});
</script></body></html>
"""


def test_screenshots_of_the_report_for_a_person_to_look_at(tmp_path):
    """build/report.png: the report as it opens; build/report-findings.png: the rows with
    findings, words and engines shown. `make test` writes both; look at them."""
    BUILD.mkdir(exist_ok=True)
    report = report_html(EXAMPLE_HTML, BUILD / "report.html")
    pictures = [BUILD / "report.png", BUILD / "report-findings.png"]
    chromium(tmp_path, f"--screenshot={pictures[0]}", "--window-size=1400,1200", report.as_uri())
    harness = BUILD / "report-findings-view.html"
    harness.write_text(SHOWN % report.name, encoding="utf-8")
    chromium(tmp_path, "--allow-file-access-from-files", f"--screenshot={pictures[1]}",
             "--window-size=1400,1200", harness.as_uri())
    for picture in pictures:
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert picture.stat().st_size > 50_000  # a rendered page, not a blank one
