"""jieba's accurate mode (dictionary DAG + HMM for unknown words) with less overhead per word.

The same words as `jieba.Tokenizer.cut(text, HMM=True)` (jieba 0.42): the same dictionary, the
same route scores computed in the same order, the same HMM for runs of single characters. What
differs is only bookkeeping — the DAG is never stored (each position's candidates are scored as
they are found, from the end of the block backwards), and words are collected in a list instead
of passing through three generators. That saves about a fifth of jieba's time and pays for
zhen's tokens. tests/test_segment.py checks the words against jieba's own `lcut`.
"""

from __future__ import annotations

from collections.abc import Callable
from math import log


def make_cutter(jieba, tokenizer) -> Callable[[str], list[str]]:
    """A `cut(text) -> list[str]` over `tokenizer`'s dictionary (words added later included)."""
    from jieba import finalseg

    freq = tokenizer.FREQ  # the live dictionary: add_word updates it in place
    split_han, is_han = jieba.re_han_default.split, jieba.re_han_default.match
    split_skip, is_skip = jieba.re_skip_default.split, jieba.re_skip_default.match
    hmm_cut = finalseg.cut

    def best_route(block: str) -> list[int]:
        """For each position, the end (exclusive) of the best word starting there."""
        length = len(block)
        log_total = log(tokenizer.total)
        scores = [0.0] * (length + 1)
        ends = [0] * (length + 1)
        get = freq.get
        for start in range(length - 1, -1, -1):
            best_score, best_end = None, start
            end = start
            fragment = block[start]
            while end < length and fragment in freq:
                count = freq[fragment]
                if count:
                    score = log(count) - log_total + scores[end + 1]
                    if best_score is None or score >= best_score:
                        best_score, best_end = score, end
                end += 1
                fragment = block[start : end + 1]
            if best_score is None:
                best_score = log(get(block[start]) or 1) - log_total + scores[start + 1]
            scores[start] = best_score
            ends[start] = best_end + 1
        return ends

    def flush(buffer: str, words: list[str]) -> None:
        """Single characters the dictionary did not join: the HMM may find a word in them."""
        if len(buffer) == 1:
            words.append(buffer)
        elif not freq.get(buffer):
            words.extend(hmm_cut(buffer))
        else:
            words.extend(buffer)

    def cut_han(block: str, words: list[str]) -> None:
        ends = best_route(block)
        append = words.append
        position, buffer, length = 0, "", len(block)
        while position < length:
            end = ends[position]
            if end - position == 1:
                buffer += block[position]
            else:
                if buffer:
                    flush(buffer, words)
                    buffer = ""
                append(block[position:end])
            position = end
        if buffer:
            flush(buffer, words)

    def cut(text: str) -> list[str]:
        words: list[str] = []
        for block in split_han(text):
            if not block:
                continue
            if is_han(block):
                cut_han(block, words)
                continue
            for piece in split_skip(block):
                if is_skip(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
        return words

    return cut
