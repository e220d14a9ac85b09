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

from conftest import STARTING_PAGE
from zhen.cli import main

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
# --allow-file-access-from-files), and writes what it finds as JSON into its own DOM.
PROBE = """<!DOCTYPE html><html><body><iframe id="report" src="%s" width="1400" height="900">
</iframe><pre id="probe"></pre><script>
document.getElementById('report').addEventListener('load', () => {
  const frame = document.getElementById('report');
  const d = frame.contentDocument, w = frame.contentWindow;
  const box = e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  const style = (e, p) => w.getComputedStyle(e).getPropertyValue(p);
  document.getElementById('probe').textContent = JSON.stringify({
    title: d.title,
    pwned: d.getElementById('pwned') !== null,
    scripts: d.querySelectorAll('script').length,
    headers: [...d.querySelectorAll('table.page thead th')].map(e => e.textContent),
    rows: d.querySelectorAll('table.page tbody tr').length,
    originals: [...d.querySelectorAll('td.original')].map(e => [e.textContent, box(e)]),
    translations: [...d.querySelectorAll('td.translation')].map(e => [e.textContent, box(e)]),
    chinese: [...d.querySelectorAll('span.zh')].map(e => [e.textContent, e.dataset.role,
              style(e, 'background-color')]),
    terms: [...d.querySelectorAll('span.term')].map(e => [e.textContent, e.title,
            style(e, 'text-decoration-line')]),
    findings: [...d.querySelectorAll('#findings a')].map(e => e.getAttribute('href')),
    anchors: [...d.querySelectorAll('table.page tbody tr')].map(e => e.id),
  });
});
</script></body></html>
"""
TRANSPARENT = "rgba(0, 0, 0, 0)"


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
    assert seen["scripts"] == 0 and not seen["pwned"]


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
    assert not seen["pwned"] and seen["scripts"] == 0 and "pwned" not in seen["title"]
    originals = "\n".join(text for text, _ in seen["originals"])
    assert "<script>document" in originals  # the page's script, as text
    assert any("Continue browsing" in text for text, _ in seen["translations"])


def test_screenshot_of_the_report(tmp_path):
    report = report_html(STARTING_PAGE, tmp_path / "report.html")
    picture = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={picture}", "--window-size=1400,1200", report.as_uri())
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size > 50_000  # a rendered page, not a blank one
