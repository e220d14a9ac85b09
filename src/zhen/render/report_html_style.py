"""The look and the one script of the HTML page report: CSS, the copy buttons, the policy.

The filters and the words toggle are CSS alone (radio buttons and a checkbox ahead of the page,
`:checked ~` selectors), so they work with scripts off. Copying needs a script: the report
carries exactly one, its own, and the Content Security Policy admits that script by its SHA-256
hash and nothing else — no script written on the page, no inline handler, no request anywhere.
"""

from __future__ import annotations

import base64
import hashlib

from zhen.types import Role

ROLE_COLORS = {
    Role.NAVIGATION: "#cfe8fc",
    Role.HEADLINE: "#e7d4f7",
    Role.DATELINE: "#fff2b3",
    Role.BODY: "#ffe0b8",
    Role.BYLINE: "#c9f0c9",
    Role.RELATED: "#d5dcf7",
    Role.NOTICE: "#ffd0d0",
    Role.FOOTER: "#dddddd",
    Role.OTHER: "#f0e6c8",
}
#: Fonts with Chinese characters on each system, so no text shows as boxes where one exists.
_SANS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans"')
_CJK_SIMPLIFIED = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
                   '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Heiti SC", '
                   '"SimHei", "Droid Sans Fallback"')
_CJK_TRADITIONAL = ('"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", '
                    '"Microsoft JhengHei", "Heiti TC"')
FONTS = f"{_SANS}, {_CJK_SIMPLIFIED}, {_CJK_TRADITIONAL}, sans-serif"

STYLE = f"""
body {{ font: 15px/1.5 {FONTS}; margin: 0 auto; max-width: 1400px; padding: 0 2em 2em;
       color: #1d1d1f; background: #fff; }}
:lang(zh-Hant) {{ font-family: {_SANS}, {_CJK_TRADITIONAL}, {_CJK_SIMPLIFIED}, sans-serif; }}
h1 {{ font-size: 1.2em; margin: 0; display: inline; }} h2 {{ font-size: 1.15em; margin-top: 2em; }}
input.control {{ position: absolute; opacity: 0; pointer-events: none; }}
header.bar {{ position: sticky; top: 0; z-index: 2; background: #fff; padding: 0.6em 0;
              border-bottom: 2px solid #e3e3e3; }}
header.bar .counts {{ margin: 0.3em 0; color: #333; }}
.count {{ display: inline-block; margin-right: 0.9em; }} .count strong {{ font-size: 1.1em; }}
.count.error strong {{ color: #c5221f; }} .count.warning strong {{ color: #b06000; }}
nav.filters label, button.copy {{ display: inline-block; border: 1px solid #bbb;
  border-radius: 4px; padding: 0.15em 0.6em; margin: 0.15em 0.3em 0.15em 0; cursor: pointer;
  background: #f7f7f7; font: inherit; font-size: 0.9em; color: inherit; }}
nav.filters label:hover, button.copy:hover {{ background: #ececec; }}
#rows-all:checked ~ header label[for=rows-all],
#rows-changed:checked ~ header label[for=rows-changed],
#rows-findings:checked ~ header label[for=rows-findings],
#show-words:checked ~ header label[for=show-words] {{ background: #1d1d1f; color: #fff;
  border-color: #1d1d1f; }}
#rows-changed:checked ~ main tr.unchanged:not(:target),
#rows-findings:checked ~ main tbody tr:not(.has-findings):not(:target) {{ display: none; }}
.words {{ display: none; font-size: 0.8em; color: #555; }}
#show-words:checked ~ main .words {{ display: block; }}
.source {{ font-family: monospace; color: #555; margin-left: 0.6em; }}
.engine {{ padding: 0.4em 0.7em; border-left: 4px solid #999; background: #f5f5f5; }}
.engine.fallback {{ border-color: #d98c00; background: #fff6e0; }}
dl.summary {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; }}
dl.summary dt {{ font-weight: 600; }} dl.summary dd {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #e3e3e3; padding: 0.35em 0.5em; vertical-align: top;
         text-align: left; }}
table.page td.original, table.page td.translation {{ width: 44%; }}
table.page tr {{ scroll-margin-top: 9em; }}
td.where, td.role {{ white-space: nowrap; font-size: 0.85em; color: #555; }}
td.where a {{ color: inherit; }}
tr:target {{ outline: 3px solid #d98c00; }}
tr.unchanged td.translation .english {{ color: #777; }}
td.translation button.copy {{ float: right; font-size: 0.75em; padding: 0 0.4em; opacity: 0.6; }}
td.translation button.copy:hover {{ opacity: 1; }}
.zh, .swatch {{ border-radius: 3px; padding: 0 2px; }}
.tr {{ font-weight: 600; background: #e6f4ea; border-radius: 3px; padding: 0 2px; }}
.tr.gloss {{ background: #fdecc8; font-style: italic; }}
.tr:empty {{ display: none; }}
.term {{ text-decoration: underline dotted #0b57d0 2px; text-underline-offset: 3px; cursor: help; }}
.term.deprecated, .term.superseded {{ text-decoration-color: #c5221f; }}
ul.row-findings {{ list-style: none; margin: 0.3em 0 0; padding: 0; }}
ul.row-findings li {{ font-size: 0.88em; border-left: 3px solid #0b57d0; padding-left: 0.4em;
                      margin-top: 0.2em; }}
ul.row-findings li.error {{ border-color: #c5221f; }}
ul.row-findings li.warning {{ border-color: #b06000; }}
ol.findings li {{ margin: 0.2em 0; }}
.severity {{ font-weight: 600; text-transform: uppercase; font-size: 0.8em; }}
.severity.error {{ color: #c5221f; }} .severity.warning {{ color: #b06000; }}
.severity.info {{ color: #0b57d0; }}
.legend span {{ margin-right: 0.6em; }}
textarea#all-english {{ display: none; }}
"""


def role_css() -> str:
    return "".join(f".zh.role-{role.value}, .swatch.role-{role.value} {{ background: {color}; }}\n"
                   for role, color in ROLE_COLORS.items())


#: The copy buttons: a row's English (the text of its .english element) or the whole page's
#: (the hidden textarea). Page text is only ever read as text, never parsed as markup.
SCRIPT = """
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("button.copy") : null;
  if (!button) { return; }
  var text;
  if (button.dataset.copy === "all") {
    text = document.getElementById("all-english").value;
  } else {
    var row = document.getElementById(button.dataset.copy);
    var english = row ? row.querySelector(".english") : null;
    text = english ? english.textContent : "";
  }
  function done(word) {
    var label = button.textContent;
    button.textContent = word;
    setTimeout(function () { button.textContent = label; }, 1200);
  }
  function fallback() {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    done(copied ? "Copied" : "Select and copy");
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function () { done("Copied"); }, fallback);
  } else {
    fallback();
  }
});
"""
_DIGEST = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
POLICY = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_DIGEST}'; "
          "img-src data:; form-action 'none'; base-uri 'none'")
