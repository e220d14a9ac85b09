"""Translation: engines behind one interface (Argos on CTranslate2, the embedded fallback),
glossary enforcement, the translation memory and TMX, and Argos model packages."""
