"""Options shared by several commands, declared once: one name, one meaning, in every command.

| meaning            | option                                   |
|--------------------|------------------------------------------|
| output format      | --output-format NAME                     |
| output file        | -o, --output-file FILE (- = stdout)      |
| output folder      | --output-dir DIR                         |
| input kind         | --input-format NAME                      |
| input encoding     | --encoding NAME                          |
| languages          | --from LANG / --to LANG                  |
| citation           | --cite "URL [DATE]"                      |
| glossary written   | --into FILE                              |
| glossary read      | --glossary PATH (repeatable)             |
| colour, quiet      | --color/--no-color, -q/--quiet           |
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from zhen import paths
from zhen.cli.config import FAIL_ON, find_config
from zhen.cli.controls import inform, output_controls, quiet, use_color
from zhen.files import open_output, write_output
from zhen.page.dates import parse_iso_date
from zhen.page.reader import FORMATS

STDIN = "-"
__all__ = ["inform", "output_controls", "quiet", "use_color"]  # from controls, for the commands


def comma_separated(values: tuple[str, ...]) -> tuple[str, ...]:
    """The items of a repeatable option that also takes comma-separated lists, blanks dropped."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


glossary_paths = click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Glossary file or folder to read (repeatable). Default: $ZHEN_GLOSSARY, else "
    "glossary/.",
)


def glossary_choice(given: tuple[Path, ...] = ()) -> paths.GlossaryChoice:
    """Which glossary a command reads: --glossary, $ZHEN_GLOSSARY, the project configuration's
    `glossary` ([tool.zhen] or zhen.toml), ./glossary, else the shipped one."""
    if not given and not os.environ.get("ZHEN_GLOSSARY"):
        config = find_config()
        if config.glossary:
            return paths.GlossaryChoice(config.glossary, str(config.path))
    return paths.choose_glossary(given)


def selection(given: tuple[Path, ...]) -> list[Path] | None:
    """The glossary paths to pass to the library, or None for its own default."""
    choice = glossary_choice(given)
    named = choice.origin not in (paths.FROM_ENVIRONMENT, paths.FROM_CURRENT_FOLDER, paths.SHIPPED)
    return list(choice.paths) if named else None


def glossary_in_use(given: tuple[Path, ...]) -> list[Path] | None:
    """`selection`, after saying on stderr which glossary that is and why (not with --quiet)."""
    inform(f"glossary: {glossary_choice(given).describe()}")
    return selection(given)


input_format = click.option(
    "--input-format",
    "input_format",
    type=click.Choice(FORMATS),
    help="Read the input as text or html (default: detected from the content).",
)
page_encoding = click.option(
    "--encoding",
    help="Force the input's encoding, e.g. gb18030 or big5 (default: detected).",
)
engine = click.option(
    "--engine",
    type=click.Choice(("argos", "fallback")),
    help="Force an engine. Default: an installed Argos model for the pair, else the built-in "
    "fallback.",
)
def _iso_date(context, parameter, value: str | None) -> str | None:
    if value is None:
        return None
    iso = parse_iso_date(value)
    if iso is None:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    return iso


as_of = click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    callback=_iso_date,
    help="Judge dated renderings as of DATE (YYYY[-MM[-DD]]). Default: the page's own date "
    "(dateline, <meta> publish date, a date in its address or file name), else today.",
)
device = click.option(
    "--device", type=click.Choice(("auto", "cpu", "cuda")), default="auto", show_default=True,
    help="Argos: where CTranslate2 runs; auto takes a CUDA GPU when CTranslate2 sees one.",
)
compute_type = click.option(
    "--compute-type", default="int8", show_default=True,
    help="Argos: CTranslate2 compute type (int8, int8_float32, int16, float32; on a GPU also "
    "float16, bfloat16, int8_float16, int8_bfloat16; auto).",
)
no_memory = click.option(
    "--no-memory", is_flag=True, help="Neither read nor write the translation memory."
)
def fail_on(default: str):
    """--fail-on LEVEL: exit status 1 when a finding is at least this severe."""
    return click.option("--fail-on", type=click.Choice(FAIL_ON), default=default,
                        show_default=True,
                        help="Exit 1 when a finding is at least this severe (never: no finding "
                        "fails).")


cite = click.option("--cite", metavar="'URL [DATE]'",
                    help="Citation for the concepts written (URL, optionally a date).")
into = click.option("--into", type=click.Path(dir_okay=False, path_type=Path),
                    help="Glossary file to write into.")
output_file = click.option(
    "-o", "--output-file", "output_file", metavar="FILE",
    help="Write to FILE (atomically) instead of standard output; - is standard output.",
)


def output_format(choices, default: str, help: str, **extra):
    """--output-format with this command's forms."""
    return click.option("--output-format", "output_format", type=click.Choice(choices),
                        default=default, show_default=default is not None, help=help, **extra)


# --- input: a file, or standard input when none is given and it is not a terminal -------------

def stdin_is_piped() -> bool:
    return not sys.stdin.isatty()


def input_or_stdin(value: str | None, what: str) -> str:
    """`value`, else "-" when something is piped in; a usage error at a terminal."""
    if value is not None:
        return value
    if stdin_is_piped():
        return STDIN
    raise click.UsageError(f"give {what}, or pipe it into standard input")


# --- output: standard output or -o FILE, written in chunks or atomically ---------------------

class Output:
    """Where a command's result goes: stdout, or FILE written atomically, in ~1 MB chunks.

    `with Output(path) as write: write(chunk)`. A FILE is a temp file until the block ends
    without an error, then renamed into place; a failure inside (the command's, or a full disk's)
    leaves any old FILE as it was and no temp file. Memory stays flat however long the output.
    """

    _LIMIT = 1 << 20

    def __init__(self, path: str | Path | None, color: bool = False):
        self.path = None if path in (None, STDIN) else Path(path)
        self.color = color
        self.chunks: list[str] = []
        self.size = 0
        self._stack = contextlib.ExitStack()
        self._file = None

    @property
    def to_terminal(self) -> bool:
        return self.path is None

    def __enter__(self):
        if self.path is not None:
            self._file = self._stack.enter_context(open_output(self.path))
        return self.write

    def __exit__(self, exc_type, exc, traceback) -> bool:
        if exc_type is None:
            try:
                self._flush()
            except BaseException:
                if not self._stack.__exit__(*sys.exc_info()):
                    raise
                return False
        return bool(self._stack.__exit__(exc_type, exc, traceback))

    def write(self, chunk: str) -> None:
        self.chunks.append(chunk)
        self.size += len(chunk)
        if self.size >= self._LIMIT:
            self._flush()

    def _flush(self) -> None:
        if self.chunks:
            text = "".join(self.chunks)
            if self._file is None:
                click.echo(text, nl=False, color=self.color)
            else:
                self._file.write(text.encode("utf-8"))
        self.chunks.clear()
        self.size = 0


def emit(path: str | Path | None, text: str, *, color: bool = False) -> None:
    """One finished result to standard output or to FILE."""
    with Output(path, color=color) as write:
        write(text)


def emit_bytes(path: str | Path | None, as_text, as_bytes) -> None:
    """A result with its own encoding in a file (a translated page), as text on stdout."""
    if path in (None, STDIN):
        emit(None, as_text())
    else:
        write_output(Path(path), as_bytes())
