"""Finding glossary terms and checking them: matchers, near misses, the check registry, runs.

`english` and `chinese` find terms; `nearmiss` finds wordings close to them; `checks` registers
the linter's checks; `run` runs them over pages and pairs; `translations` checks translations.
"""
