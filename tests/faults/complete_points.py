#!/usr/bin/python3
"""Reads every dataset of every point marked complete in a hebbmc run file; prints their number.

usage: complete_points.py FILE.h5

Exit 0 when the file is absent (a fault before it was created), or when it opens and every
complete point reads in full; exit 1 when it does not open or a complete point does not read.
A file that does not open at all is reported as "unreadable" with HDF5's reason.
"""
import os
import sys

import h5py


def main():
    path = sys.argv[1]
    if not os.path.exists(path):
        print("no output file")
        return 0
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        print(f"unreadable: {e}")
        return 1
    complete, datasets = 0, 0
    with f:
        points = f.get("points")
        for name in sorted(points) if points is not None else []:
            g = points[name]
            status = g.attrs.get("status", b"")
            status = status.decode() if isinstance(status, bytes) else str(status)
            if status != "complete":
                continue
            try:
                def read(_, obj):
                    nonlocal datasets
                    if isinstance(obj, h5py.Dataset):
                        obj[()]
                        datasets += 1
                g.visititems(read)
            except (OSError, KeyError, RuntimeError) as e:
                print(f"complete point {name} does not read: {e}")
                return 1
            complete += 1
    print(f"{complete} complete points readable ({datasets} datasets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
