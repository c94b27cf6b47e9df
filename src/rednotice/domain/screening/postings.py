"""A mapping whose entries are decoded one at a time, when first asked for, from a read-only base (the
screening index snapshot, decision 0009), with every change kept in memory on top of it.

The screening index (:mod:`.index`) keeps its tables in dicts. A process that loads the index from a
snapshot gets these tables as :class:`LazyMap` instead: nothing is decoded at load, a search decodes only
the entries it reaches, and the index writes to them exactly as to a dict (a decoded value is kept, so
changing it in place — adding an entry to a posting set — changes the map). The base is a function
from key to a freshly decoded value (the adapter reads it from a memory-mapped file); this module does
no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")

MISSING: Any = object()
"""What a base's ``get`` returns for a key it does not hold."""


class LazyMap(MutableMapping[K, V]):
    """A dict over a read-only base: ``base_get(key)`` decodes the base's value (or returns
    :data:`MISSING`), ``base_has(key)`` says whether the base holds it without decoding, ``base_keys()``
    lists the base's keys and ``base_len`` counts them. Values decoded are kept (so that they are
    decoded once, stay the same objects, and can be changed in place); keys set or deleted shadow the
    base's. Like a dict it takes one writer at a time: the index changes and searches its tables
    under its own lock."""

    __slots__ = ("_base_get", "_base_has", "_base_keys", "_cache", "_len", "_none")

    def __init__(
        self,
        base_get: Callable[[K], V],
        base_keys: Callable[[], Iterable[K]],
        base_len: int,
        base_has: Callable[[K], bool] | None = None,
    ) -> None:
        self._base_get = base_get
        self._base_has = base_has or (lambda key: base_get(key) is not MISSING)
        self._base_keys = base_keys
        self._cache: dict[K, V] = {}
        """Values decoded from the base or set since."""
        self._none: set[K] = set()
        """Keys known not to be here unless in the cache: not in the base, or deleted since."""
        self._len = base_len

    def get(self, key: K, default: Any = None) -> Any:
        value = self._cache.get(key, MISSING)
        if value is not MISSING:
            return value
        if key in self._none:
            return default
        value = self._base_get(key)
        if value is MISSING:
            self._none.add(key)
            return default
        self._cache[key] = value
        return value

    def __getitem__(self, key: K) -> V:
        value = self.get(key, MISSING)
        if value is MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        if key in self._cache:
            return True
        if key in self._none:
            return False
        if self._base_has(key):  # type: ignore[arg-type]
            return True
        self._none.add(key)  # type: ignore[arg-type]
        return False

    def __setitem__(self, key: K, value: V) -> None:
        if key not in self:
            self._len += 1
        self._none.discard(key)
        self._cache[key] = value

    def __delitem__(self, key: K) -> None:
        if key not in self:
            raise KeyError(key)
        self._cache.pop(key, None)
        self._none.add(key)
        self._len -= 1

    def pop(self, key: K, default: Any = MISSING) -> Any:
        value = self.get(key, MISSING)
        if value is MISSING:
            if default is MISSING:
                raise KeyError(key)
            return default
        del self[key]
        return value

    def setdefault(self, key: K, default: Any = None) -> Any:
        value = self.get(key, MISSING)
        if value is MISSING:
            self[key] = value = default
        return value

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[K]:
        yield from list(self._cache)
        for key in self._base_keys():
            if key not in self._cache and key not in self._none:
                yield key

    def items_decoded(self) -> Iterator[tuple[K, V]]:
        """Every key and value, decoding the base's without keeping them (to write them elsewhere)."""
        yield from list(self._cache.items())
        for key in self._base_keys():
            if key not in self._cache and key not in self._none:
                value = self._base_get(key)
                if value is not MISSING:
                    yield key, value

    @property
    def decoded(self) -> int:
        """How many values are held decoded (or set) in memory."""
        return len(self._cache)


def items(mapping: MutableMapping[K, V]) -> Iterator[tuple[K, V]]:
    """A dict's items, or a :class:`LazyMap`'s without keeping what is decoded for them."""
    if isinstance(mapping, LazyMap):
        return mapping.items_decoded()
    return iter(mapping.items())
