"""Names a package exports that load on first use (PEP 562's module `__getattr__`).

A package's `__init__` says where each name lives and gets the `__getattr__` that imports
it when first asked for, then keeps it in the package so the next use is a plain lookup:
entering the package costs nothing of what a command doesn't use.
"""

from __future__ import annotations

import importlib

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, MutableMapping


def lazy_exports(
    package: str, homes: Mapping[str, str], namespace: MutableMapping[str, object]
) -> Callable[[str], object]:
    """The module `__getattr__` for `package`, whose `namespace` is its `globals()`.

    `homes` maps each name to the module it lives in: relative to the package
    (`.loader`) or absolute (`stretchtui.kinds`).
    """

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, package), name)
        namespace[name] = value
        return value

    return __getattr__
