"""Simplified ⇄ Traditional Chinese with OpenCC: the one place zhen converts scripts.

OpenCC is imported on first use and each converter is built once per process, under a lock
(batch workers and the translation service may convert from threads).
"""

from __future__ import annotations

import threading

# Traditional spellings differ by region (碳達峯 standard, 碳達峰 Taiwan): a glossary keeps each.
_TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2hk")

_lock = threading.Lock()
_converters: dict[str, object] = {}


def _converter(config: str):
    with _lock:
        converter = _converters.get(config)
        if converter is None:
            import opencc

            converter = _converters[config] = opencc.OpenCC(config)
        return converter


def _convert(config: str, text: str) -> str:
    try:
        return _converter(config).convert(text)
    except UnicodeEncodeError:  # lone surrogates: OpenCC takes UTF-8; they become "?"
        return _converter(config).convert(text.encode("utf-8", "replace").decode("utf-8"))


def to_simplified(text: str) -> str:
    """Simplified characters of any Traditional spelling: standard (t2s), Taiwan (看著 → 看着,
    tw2s) and Hong Kong (衞 → 卫, hk2s) — the regions `traditional_forms` writes."""
    return _convert("hk2s", _convert("tw2s", text))


def to_traditional(text: str) -> str:
    """Standard Traditional characters (OpenCC s2t), character for character."""
    return _convert("s2t", text)


def traditional_forms(simplified: str) -> tuple[str, ...]:
    """Every Traditional spelling of a Simplified form (standard, Taiwan, Hong Kong), without the
    ones equal to it."""
    forms = (_convert(config, simplified) for config in _TRADITIONAL_CONFIGS)
    return tuple(form for form in dict.fromkeys(forms) if form != simplified)
