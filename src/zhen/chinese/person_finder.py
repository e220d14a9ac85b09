"""Where the evidence for a person name is: labels, credits, titles, kin, lists, CC-CEDICT.

Each method of `Finder` looks for one kind of evidence (`zhen.chinese.persons` lists them) and
proposes candidates to `Candidates.take`, which keeps those the text does not speak against.
"""

from __future__ import annotations

from zhen.chinese import person_cues as cue
from zhen.chinese.names import COMMON_SURNAMES, COMPOUND_SURNAMES
from zhen.chinese.people import people
from zhen.chinese.person_judge import CONTEXT, LABELLED, SHAPE, Candidates, Word, han
from zhen.chinese.script import HAN_WORD

JIEBA_NAME_TAGS = frozenset({"nr", "nrfg"})
_NEARBY = 400  # characters: how far a list or a parallel clause is looked for


class Finder(Candidates):
    """The evidence rules, strongest first; `zhen.chinese.persons.find_names` runs them."""

    def labelled(self) -> None:
        key = self.key
        for match in cue.LABEL.finditer(key):
            self._items_after(match.end(), strong=match.group(1) is not None)
        for match in cue.INLINE_REPORTER.finditer(key):
            item = HAN_WORD.match(key, match.end())
            if item is not None and 2 <= len(item.group()) <= 3:
                self.take(item.start(), item.end(), LABELLED, surname="any")
        for match in cue.PHOTO.finditer(key):
            start, end = match.span(1)
            if not self._is_word(key[end - 1] + "摄"):  # 拍摄, 航摄
                self.take(start, end, LABELLED, surname="any")
        closing = cue.CLOSING_CREDIT.search(key)
        if closing is not None:
            self.take(*closing.span(1), LABELLED, surname="common")

    def _items_after(self, position: int, strong: bool) -> None:
        """The names after a byline label: 汤诗瑶、丁涛; 罗博 萧海川; not 付三义 日照报道."""
        key = self.key
        while (item := HAN_WORD.match(key, position)) is not None:
            start, end = item.span()
            if end - start > 4:
                self.name_from(start, LABELLED)  # 作者：方敏北京大学经济学院教授
                return
            if end - start < 2 or key[end : end + 1] in (":", "："):
                return  # another label (作者：责任编辑：肖春芳)
            if item.group() in cue.LABEL_WORDS:
                return
            credit = key[end:].lstrip().startswith(("摄", "攝"))
            surname = None if strong or credit else "any"
            if not self.take(start, end, LABELLED, surname=surname, label=True):
                return
            separator = cue.LIST_SEPARATOR.match(key, end)
            if separator is None:
                return
            strong = not separator.group().isspace()  # 、 & / list names; a space needs a surname
            position = separator.end()

    def listed(self) -> None:
        """People CC-CEDICT lists, at word edges (or inside a word the HMM made)."""
        persons = people().persons
        key = self.key
        for word in self.words:
            for length in (4, 3, 2):
                end = word.start + length
                candidate = key[word.start : end]
                if (len(candidate) == length and candidate in persons and self._edge(end)
                        and self._listed_fits(word.start, end, persons[candidate])
                        and self.take(word.start, end, LABELLED, reading=persons[candidate])):
                    break

    def _listed_fits(self, start: int, end: int, reading: str) -> bool:
        """A foreign name (one word: Telangpu) needs real words around it, not 转朱 + 比利 + 线."""
        if " " in reading:
            return True
        before, after = self._containing(start - 1), self._word_at(end)
        return all(word is None or word.known or not HAN_WORD.fullmatch(
            self.key[word.start : word.end]) for word in (before, after))

    def titled(self) -> None:
        key = self.key
        for match in cue.TITLE_BEFORE.finditer(key):
            if match.end() in self.ends and match.end() < len(key):
                self.name_from(match.end(), CONTEXT)
        for match in cue.TITLE_AFTER.finditer(key):
            if match.start() in self.starts:
                self._name_until(match.start(), CONTEXT)
        for match in cue.KIN_AFTER.finditer(key):
            if match.start() in self.starts:
                self._name_until(match.start(), CONTEXT, surname="listed")
        for match in cue.KIN_BEFORE.finditer(key):
            if match.end() in self.ends and match.end() < len(key):
                self.name_from(match.end(), CONTEXT)

    def spoken(self) -> None:
        """A clause opening with a name that speaks: 熊节：…, 音频：黄文广谈薄案."""
        key = self.key
        for run in HAN_WORD.finditer(key):
            start = run.start()
            for length in (3, 2):
                end = start + length
                if end > run.end() or length == 3 and key[end - 1] in cue.STOP:
                    continue  # too short a run; 卢宇还认为
                speaks = end < run.end() and cue.SPEECH.match(key, end) or (
                    end == run.end() and key[end : end + 1] in (":", "："))
                if speaks and self._edge(end) and self.take(start, end, CONTEXT, surname="common"):
                    break

    def shaped(self) -> None:
        """Words jieba took for names, kept when they look like one."""
        key, words = self.key, self.words
        for index, word in enumerate(words):
            text = key[word.start : word.end]
            if word.tag not in JIEBA_NAME_TAGS or self.strength[word.start] or not han(text):
                continue
            following = words[index + 1] if index + 1 < len(words) else None
            if len(text) == 1:
                self._surname_then_given(index)
            elif len(text) == 2 and following is not None and self._extends(following):
                end = following.end if following.end - following.start == 1 else word.end + 1
                if not self.take(word.start, end, SHAPE, surname="common"):
                    self.take(word.start, word.end, SHAPE, surname="common")
            elif len(text) == 3 and text[-1] in cue.STOP:
                if text[-1] not in cue.PLACE_SUFFIX:  # not 童乐会
                    self.take(word.start, word.end - 1, SHAPE, surname="common")  # 陆聿的
            else:
                self.take(word.start, word.end, SHAPE, surname="common")

    def neighbours(self) -> bool:
        """Names listed with a name (、 和 与 及, white space), or followed by the same words as
        a name; True when it found any."""
        key = self.key
        found = False
        for start, name in sorted(self.found.items()):
            joiner = cue.LIST_JOINERS.match(key, name.end)
            if joiner is not None:
                found |= self.name_from(joiner.end(), CONTEXT)
            found |= self._run_of_names(start, name.end)
            before = key[:start]
            joined = before.rstrip("、，,&＆/／ 和与及")
            if joined != before:
                found |= self._name_until(len(joined), CONTEXT, neighbour=True)
            found |= self._parallel(name.end)
        return found

    def _run_of_names(self, start: int, end: int) -> bool:
        """Names written one after another (杨幂石天琦刘诗诗柳岩): when the rest of the run splits
        one way only into names, those are names."""
        key = self.key
        run_start, run_end = start, end
        while run_start > 0 and han(key[run_start - 1]):
            run_start -= 1
        while run_end < len(key) and han(key[run_end]):
            run_end += 1
        if (run_start, run_end) == (start, end) or run_end - run_start > 4 * 3:
            return False
        pieces = self._split_names(run_start, start) + self._split_names(end, run_end)
        if None in pieces:
            return False
        if end - start < 3 and self.found[start].strength < CONTEXT:
            return False  # 於中 is too little to go on
        return any([self.take(a, b, CONTEXT, surname="common") for a, b in pieces])

    def _split_names(self, start: int, end: int) -> list[tuple[int, int] | None]:
        """key[start:end] cut into two- or three-character names, if one cut only fits."""
        if start == end:
            return []
        cuts = []
        for length in (2, 3):
            if end - start >= length and self._could_be_name(self.key[start : start + length]):
                rest = self._split_names(start + length, end)
                if None not in rest:
                    cuts.append([(start, start + length), *rest])
        return cuts[0] if len(cuts) == 1 else [None]

    def _could_be_name(self, text: str) -> bool:
        return text[0] in COMMON_SURNAMES and self._kind(text) is None

    def _parallel(self, end: int) -> bool:
        """戴耀廷判囚10年,邹家成判囚93个月: what precedes the same word is a name too."""
        word = self._word_at(end)
        if word is None or word.end - word.start < 2 or not han(self.key[word.start : word.end]):
            return False
        key, found = self.key, False
        follow = key[word.start : word.end]
        last = min(len(key), end + _NEARBY)
        position = key.find(follow, max(0, end - _NEARBY), last)
        while position != -1:
            run_start = position
            while run_start > 0 and han(key[run_start - 1]):
                run_start -= 1
            if 2 <= position - run_start <= 3 and position != end:
                found |= self.take(run_start, position, CONTEXT, surname="any")
            position = key.find(follow, position + 1, last)
        return found

    # -- where a name starts and ends ---------------------------------------------------------

    def name_from(self, start: int, strength: int) -> bool:
        """The name starting at `start`: three characters if they end at a word's edge, else
        two; a compound surname adds one; 张 勇 (a space padding a two-character name)."""
        key = self.key
        lengths = (4, 3) if key[start : start + 2] in COMPOUND_SURNAMES else (3, 2)
        for length in lengths:
            end = start + length
            if end > len(key) or not han(key[start:end]) or not self._edge(end):
                continue
            if length == 3 and key[end - 1] in cue.STOP:
                continue
            if self.take(start, end, strength, surname="any"):
                return True
        padded = key[start : start + 3]
        if len(padded) == 3 and padded[1] in " \u3000" and han(padded[0] + padded[2]) and (
                start + 3 == len(key) or not han(key[start + 3])):
            return self.take(start, start + 3, strength, surname="common")
        return False

    def _name_until(self, end: int, strength: int, neighbour: bool = False,
                    surname: str = "common") -> bool:
        """The name ending at `end` (钟南山院士, 陈伊芬秘书长; 杨幂 before 石天琦)."""
        key = self.key
        for length in (3, 2):
            start = end - length
            if start < 0 or not han(key[start:end]) or not self._edge(start):
                continue
            if neighbour and start > 0 and han(key[start - 1]):
                continue
            if self.take(start, end, strength, surname=surname):
                return True
        return False

    def _surname_then_given(self, index: int) -> None:
        """陈 + 伟业, 李 + 小林: a surname jieba tagged as a name, then a given name."""
        words, key = self.words, self.key
        start = words[index].start
        end = start + 1
        for word in words[index + 1 : index + 3]:
            if not han(key[word.start : word.end]) or word.end - start > 3:
                break
            end = word.end
        if end - start >= 2 and key[end - 1] not in cue.STOP:
            self.take(start, end, SHAPE, surname="common")

    def _extends(self, following: Word) -> bool:
        """Whether a two-character name goes on into the next word: 李博 + 灏, 邹家 + 成判囚."""
        key = self.key
        text = key[following.start : following.end]
        if not han(text) or text[0] in cue.STOP:
            return False
        if len(text) == 1:
            return True
        return not following.known and self._is_word(text[1:])

    # -- judging a candidate ------------------------------------------------------------------
