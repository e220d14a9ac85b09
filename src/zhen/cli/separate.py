"""`zhen separate PAGE`: English and Chinese spans of a page, with roles and words."""

from __future__ import annotations

import click

from zhen.cli import options
from zhen.page.reader import read_page
from zhen.render import separation as render

OUTPUTS = ("text", "json", "tsv")


@click.command("separate")
@click.argument("page", metavar="PAGE")
@options.page_format
@options.page_encoding
@click.option(
    "--output",
    "output",
    type=click.Choice(OUTPUTS),
    default="text",
    show_default=True,
    help="text: a readable table; json: blocks → spans → tokens "
    "(docs/schema/zhen.schema.json); tsv: one row per span.",
)
def separate_command(page: str, page_format: str | None, encoding: str | None, output: str) -> None:
    """Split PAGE (a path, or - for standard input) into English, Chinese and neutral spans.

    Every block gets a role (navigation, headline, dateline, body, byline, related, notice,
    footer, other); Chinese spans are marked Simplified/Traditional and cut into words with POS
    tags, person names romanized (林雨晨 → Lin Yuchen).
    """

    result = read_page(page, format=page_format, encoding=encoding)
    if output == "text" and options.terminal_colors():
        from rich.console import Console

        render.print_rich(result, Console(highlight=False, soft_wrap=True))
        return
    writer = {"text": render.write_text, "json": render.write_json, "tsv": render.write_tsv}[output]
    with _BufferedEcho() as write:
        writer(result, write)


class _BufferedEcho:
    """Collects output chunks and hands them to click.echo about a megabyte at a time."""

    _LIMIT = 1 << 20

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.size = 0

    def __enter__(self):
        return self.write

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is None:
            self.flush()

    def write(self, chunk: str) -> None:
        self.chunks.append(chunk)
        self.size += len(chunk)
        if self.size >= self._LIMIT:
            self.flush()

    def flush(self) -> None:
        click.echo("".join(self.chunks), nl=False)
        self.chunks.clear()
        self.size = 0
