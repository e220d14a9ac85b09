"""Term suggestion: candidate new glossary terms mined from a corpus, with their evidence."""
