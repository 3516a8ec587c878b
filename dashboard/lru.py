"""A small thread-safe LRU cache, kept per data version in `AppData.extras`."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class LRU:
    """At most `size` values, least recently used evicted first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The cached value of `key`, made (outside the lock) on a miss."""
        value = self.find(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def find(self, key: Hashable) -> Any | None:
        """The cached value of `key`, or None."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` under `key`."""
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


_CREATE = threading.Lock()


def cache_of(extras: dict[str, Any], name: str, size: int) -> LRU:
    """The LRU named `name` of one data version (created on first use)."""
    with _CREATE:
        if name not in extras:
            extras[name] = LRU(size)
        return extras[name]
