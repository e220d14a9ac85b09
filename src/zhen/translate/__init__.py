"""Translation engines (Argos/CTranslate2 and the embedded fallback) behind one interface."""
