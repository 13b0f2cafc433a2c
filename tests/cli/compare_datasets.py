#!/usr/bin/python3
"""Exit 0 iff two HDF5 files hold the same datasets with bit-identical contents.

usage: compare_datasets.py A.h5 B.h5 [--groups G1,G2,...] [--attributes] [--ignore A1,A2,...] [--b-may-add]
                           [--ignore-datasets D1,D2,...]

A comparison that cannot fail proves nothing, so it also fails when a file holds no dataset at
all or when one of the expected groups is missing from either file (default: `points` and
`summary`, the groups of every `hebbmc run` output; `--groups ""` expects none).
With --attributes, every attribute of A must also be in B with the same value, except those that
record when, where or by which build a file was written (VOLATILE) and those named by --ignore;
B may add attributes.
With --b-may-add, B may also hold datasets that A lacks (A written by a build from before they
existed); every dataset of A must still be in B, bit for bit.
With --ignore-datasets, datasets of those base names may differ in content (they must still exist
in both): for a change meant to alter what they hold, e.g. final_state, the serialized chain state,
when the recorder keeps more series, while every result must stay the same.
"""
import argparse
import sys

import h5py
import numpy as np

# Attributes that differ between two correct runs: creation time, wall-clock time, the build.
VOLATILE = {"created", "wall_seconds", "version", "git_commit", "writers", "kernel_variant"}


def read(path):
    """Datasets (name -> array) and attributes ((object name, attr) -> value) of a file."""
    datasets, attributes = {}, {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            datasets[name] = obj[()]
        for key, value in obj.attrs.items():
            attributes[(name, key)] = value

    with h5py.File(path, "r") as f:
        for key, value in f.attrs.items():
            attributes[("/", key)] = value
        f.visititems(visit)
        groups = {name for name in f if isinstance(f[name], h5py.Group)}
    return datasets, attributes, groups


def same_value(x, y):
    """Bit-identical arrays (same dtype, shape and bytes), or equal strings/objects."""
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape:
        return False
    if x.dtype.kind == "O" or y.dtype.kind == "O":
        return x.tolist() == y.tolist()
    return x.dtype == y.dtype and x.tobytes() == y.tobytes()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--groups", default="points,summary", help="top-level groups both files must have")
    parser.add_argument("--attributes", action="store_true", help="also compare the attributes of A with B's")
    parser.add_argument("--ignore", default="", help="more attributes that may differ (e.g. merged_parts)")
    parser.add_argument("--b-may-add", action="store_true", help="B may hold datasets A lacks")
    parser.add_argument("--ignore-datasets", default="", help="dataset base names whose contents may differ")
    args = parser.parse_args()
    loose = set(filter(None, args.ignore_datasets.split(",")))
    (da, aa, ga), (db, ab, gb) = read(args.a), read(args.b)
    for path, data, groups in ((args.a, da, ga), (args.b, db, gb)):
        if not data:
            sys.exit(f"{path}: holds no dataset; nothing to compare")
        for group in filter(None, args.groups.split(",")):
            if group not in groups:
                sys.exit(f"{path}: expected group /{group} is missing")
    missing = sorted(set(da) - set(db)) if args.b_may_add else sorted(set(da) ^ set(db))
    if missing:
        sys.exit(f"dataset names differ: {missing}")
    skipped = 0
    for name in sorted(da):
        if name.rsplit("/", 1)[-1] in loose:
            skipped += 1
            continue
        if not same_value(da[name], db[name]):
            sys.exit(f"dataset {name} differs")
    checked = 0
    volatile = VOLATILE | set(filter(None, args.ignore.split(",")))
    if args.attributes:
        for (obj, key), value in sorted(aa.items()):
            if key in volatile:
                continue
            if (obj, key) not in ab:
                sys.exit(f"attribute {obj}@{key} is missing from {args.b}")
            if not same_value(value, ab[(obj, key)]):
                sys.exit(f"attribute {obj}@{key} differs: {value!r} vs {ab[(obj, key)]!r}")
            checked += 1
    added = f", {len(set(db) - set(da))} added by B" if args.b_may_add else ""
    not_compared = f" ({skipped} not compared: {','.join(sorted(loose))})" if skipped else ""
    print(f"{len(da) - skipped} datasets bit-identical{not_compared}{added}" +
          (f", {checked} attributes equal" if args.attributes else ""))


if __name__ == "__main__":
    main()
