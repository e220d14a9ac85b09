"""Read a page: bytes → text (decode) → blocks with their source map (html) → roles → script spans.

The first steps of the pipeline; `reader.read_page` is the entry. Also which files are pages
(`inputs`) and aligned translation pairs from files (`pairs`).
"""
