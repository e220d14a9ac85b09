"""Chinese text: scripts and spans, Simplified ⇄ Traditional, segmentation, names, CC-CEDICT.

The only package that imports jieba, OpenCC and pypinyin — each lazily, once per process.
"""
