"""The curated policy-term glossary: model, storage, matching, checks and term suggestions."""
