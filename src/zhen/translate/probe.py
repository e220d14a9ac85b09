"""Does a package folder load? Its SentencePiece model and its CTranslate2 model, tried for real.

`zhen models install` asks before a package is put in place (a corrupt model.bin must not
install), `zhen models verify` for packages already there.
"""

from __future__ import annotations

from pathlib import Path

from zhen.translate.archive import REQUIRED_FILES


def load_problems(folder: Path) -> list[str]:
    """Problems that would stop the engine loading the package in `folder`; empty when it loads."""
    problems = [f"missing {name}" for name in REQUIRED_FILES if not (folder / name).is_file()]
    if problems:
        return problems
    try:
        import sentencepiece

        sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    except Exception as error:  # any failure to load untrusted bytes means "does not load"
        problems.append(f"sentencepiece.model does not load ({_first_line(error)})")
    try:
        import ctranslate2

        ctranslate2.Translator(str(folder / "model"), device="cpu", compute_type="auto")
    except Exception as error:
        problems.append(f"model/ does not load in CTranslate2 ({_first_line(error)})")
    return problems


def shown(text: str) -> str:
    """Text from a package as it may be printed: control characters and the like escaped."""
    return text if text.isprintable() else ascii(text)


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return shown(lines[0][:200]) if lines else type(error).__name__
