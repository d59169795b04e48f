"""Disjoint sets over 0..n-1: a parent list + merges -> each item's root (the smallest merged index)."""

from __future__ import annotations


def find(parent: list[int], i: int) -> int:
    """Root of ``i``, halving the path on the way up."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def union(parent: list[int], i: int, j: int) -> None:
    """Merge the sets of ``i`` and ``j``; the smaller root becomes the root of both."""
    ri, rj = find(parent, i), find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)
