"""zhen: offline separation, segmentation, translation and terminology checks for mixed Chinese/English pages.

Importing zhen does no work: jieba, models and dictionaries load lazily on first use.
"""

__version__ = "0.1.0"
