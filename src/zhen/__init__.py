"""zhen: separate, segment, translate and terminology-check mixed Chinese/English pages, offline.

Importing zhen does no work: jieba, models and dictionaries load lazily on first use.
"""

__version__ = "0.1.0"
