"""`zhen separate PAGE`: English and Chinese spans of a page, with roles and words."""

from __future__ import annotations

import click

from zhen.cli import options
from zhen.page.damage import damage_warning
from zhen.page.reader import open_page
from zhen.render import separation as render

OUTPUTS = ("text", "json", "tsv")


@click.command("separate")
@click.argument("page", metavar="[PAGE]", required=False)
@options.input_format
@options.page_encoding
@options.output_format(
    OUTPUTS, "text",
    "text: a readable table; json: blocks → spans → tokens (docs/schema/zhen.schema.json); "
    "tsv: one row per span.",
)
@options.output_file
@options.output_controls
def separate_command(page: str | None, input_format: str | None, encoding: str | None,
                     output_format: str, output_file: str | None) -> None:
    """Split PAGE (a path; - or nothing: standard input) into English, Chinese and neutral spans.

    Every block gets a role (navigation, headline, dateline, body, byline, related, notice,
    footer, other); Chinese spans are marked Simplified/Traditional and cut into words with POS
    tags, person names romanized (林雨晨 → Lin Yuchen). The page is written block by block as
    it is read, so memory stays flat however large the page.
    """

    result, blocks = open_page(options.input_or_stdin(page, "PAGE"), format=input_format,
                               encoding=encoding)
    warning = damage_warning(result)
    if warning:
        options.inform(warning)
    to_stdout = output_file in (None, options.STDIN)
    if output_format == "text" and to_stdout and options.use_color():
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True, force_terminal=True, no_color=False)
        render.print_rich(result, console, blocks)
        return
    writer = {"text": render.write_text, "json": render.write_json,
              "tsv": render.write_tsv}[output_format]
    with options.Output(output_file) as write:
        writer(result, write, blocks)
