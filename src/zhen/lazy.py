"""Heavy libraries imported on first use, so `import zhen` and `zhen --help` stay instant."""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    """Stands for a module and imports it when an attribute is first asked for:
    `np = LazyModule("numpy")` at the top of a module, `np.zeros(…)` in its functions."""

    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)
