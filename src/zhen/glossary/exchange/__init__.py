"""The glossary's exchange formats: TBX, DeepL, Google, Amazon, OmegaT; merging an import."""
