"""The curated policy-term glossary as data: model, file format, store, edits, validation, queries.

Its exchange formats live beneath it (`glossary.exchange`); finding its terms in text is
`zhen.terms`'s.
"""
