#!/usr/bin/env python3
"""Builds damaged and foreign HDF5 files from one valid hebbmc output (tests/cli/test_hostile.sh).

usage: make_damaged.py VALID.h5 OUTDIR NAME...

Each NAME is a case of tests/hostile/h5/cases.tsv; OUTDIR/NAME is written (a file, a
directory or a symbolic link). Every damage is deterministic: fixed offsets relative to the
objects' addresses in the file, fixed replacement bytes, no randomness.
"""
import os
import shutil
import sys

import h5py
import numpy as np


def copy(src, dst):
    shutil.copyfile(src, dst)


def edit(src, dst, change):
    """Copy, then change the file through h5py (attributes, groups, datasets)."""
    copy(src, dst)
    with h5py.File(dst, "r+") as f:
        change(f)


def address(path, obj):
    """Address of an object's header in the file."""
    with h5py.File(path, "r") as f:
        return h5py.h5o.get_info(f[obj].id).addr


def data_offset(path, dataset):
    """File offset of a contiguous dataset's raw data."""
    with h5py.File(path, "r") as f:
        return f[dataset].id.get_offset()


def overwrite(src, dst, offset, data):
    copy(src, dst)
    with open(dst, "r+b") as f:
        f.seek(offset)
        f.write(data)


def find(path, signature):
    """Offset of the first occurrence of bytes in the file."""
    with open(path, "rb") as f:
        offset = f.read().find(signature)
    if offset < 0:
        sys.exit(f"make_damaged.py: {signature!r} not found in {path}")
    return offset


def truncate(src, dst, size):
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(data[:size] if size >= 0 else data[:len(data) + size])


def replace_dataset(f, path, value, **kw):
    del f[path]
    f.create_dataset(path, data=value, **kw)


def build(name, src, dst):
    size = os.path.getsize(src)
    n = 0
    with h5py.File(src, "r") as f:
        n = f["summary/point"].shape[0]
    cases = {
        # --- not HDF5 at all, or not a file ---
        "empty.h5": lambda: open(dst, "wb").close(),
        "text.h5": lambda: open(dst, "w").write("[model]\nN = 100\n# a parameter file, not HDF5\n"),
        "directory.h5": lambda: os.mkdir(dst),
        "dangling_link.h5": lambda: os.symlink("no_such_target.h5", dst),
        "signature_then_garbage.h5": lambda: open(dst, "wb").write(
            b"\x89HDF\r\n\x1a\n" + bytes((i * 37 + 11) % 256 for i in range(4096))),
        # --- truncated ---
        "truncated_superblock.h5": lambda: truncate(src, dst, 40),
        "truncated_half.h5": lambda: truncate(src, dst, size // 2),
        "truncated_tail.h5": lambda: truncate(src, dst, -100),
        # --- bytes overwritten ---
        "overwritten_signature.h5": lambda: overwrite(src, dst, 0, b"\x00" * 8),
        # superblock v2: bytes 28-35 hold the end-of-file address, 44-47 the checksum
        "overwritten_superblock.h5": lambda: overwrite(src, dst, 30, b"\xa5\xa5"),
        # global heap collection ("GCOL", variable-length strings; no checksum): 8-byte size of
        # its first object at +24; HDF5 1.10 trusts it and copies out of bounds
        "overwritten_global_heap.h5": lambda: overwrite(src, dst, find(src, b"GCOL") + 24, b"\xa5" * 8),
        "overwritten_root_header.h5": lambda: overwrite(src, dst, address(src, "/") + 12, b"\xa5" * 16),
        "overwritten_points_header.h5": lambda: overwrite(src, dst, address(src, "/points") + 12, b"\xa5" * 16),
        "overwritten_summary_header.h5": lambda: overwrite(src, dst, address(src, "/summary") + 12, b"\xa5" * 16),
        "overwritten_summary_point_data.h5": lambda: overwrite(
            src, dst, data_offset(src, "/summary/point"), b"\xff" * 8 * n),
        # --- root attributes ---
        "root_program_deleted.h5": lambda: edit(src, dst, lambda f: f.attrs.__delitem__("program")),
        "root_program_changed.h5": lambda: edit(src, dst, lambda f: f.attrs.__setitem__("program", "hebbmc2")),
        "root_program_integer.h5": lambda: edit(src, dst, lambda f: f.attrs.__setitem__("program", np.int64(7))),
        "root_format_version_future.h5": lambda: edit(
            src, dst, lambda f: f.attrs.__setitem__("format_version", np.int64(99))),
        "root_format_version_zero.h5": lambda: edit(
            src, dst, lambda f: f.attrs.__setitem__("format_version", np.int64(0))),
        "root_format_version_fraction.h5": lambda: edit(
            src, dst, lambda f: f.attrs.__setitem__("format_version", 1.5)),
        "root_format_version_string.h5": lambda: edit(
            src, dst, lambda f: f.attrs.__setitem__("format_version", "1")),
        "root_format_version_deleted.h5": lambda: edit(src, dst, lambda f: f.attrs.__delitem__("format_version")),
        "root_version_deleted.h5": lambda: edit(src, dst, lambda f: f.attrs.__delitem__("version")),
        "root_created_integer.h5": lambda: edit(src, dst, lambda f: f.attrs.__setitem__("created", np.int64(0))),
        "root_parameter_file_deleted.h5": lambda: edit(src, dst, lambda f: f.attrs.__delitem__("parameter_file")),
        # --- /points ---
        "points_removed.h5": lambda: edit(src, dst, lambda f: f.__delitem__("points")),
        "points_is_dataset.h5": lambda: edit(
            src, dst, lambda f: (f.__delitem__("points"), f.create_dataset("points", data=[1, 2]))),
        "point_group_is_dataset.h5": lambda: edit(
            src, dst, lambda f: (f.__delitem__("points/000001"), f.create_dataset("points/000001", data=[0.0]))),
        "point_badly_named.h5": lambda: edit(src, dst, lambda f: f.create_group("points/extra")),
        "point_status_integer.h5": lambda: edit(
            src, dst, lambda f: f["points/000000"].attrs.__setitem__("status", np.int64(1))),
        "point_complete_without_summary.h5": lambda: edit(src, dst, lambda f: f.__delitem__("points/000000/summary")),
        "point_summary_mean_empty.h5": lambda: edit(
            src, dst, lambda f: replace_dataset(f, "points/000000/summary/m/mean", np.zeros(0))),
        "point_summary_mean_string.h5": lambda: edit(
            src, dst, lambda f: replace_dataset(f, "points/000000/summary/energy/mean", ["abc"])),
        "point_theory_m_missing.h5": lambda: edit(src, dst, lambda f: f.__delitem__("points/000000/theory/m")),
        # --- /summary ---
        "summary_removed.h5": lambda: edit(src, dst, lambda f: f.__delitem__("summary")),
        "summary_is_dataset.h5": lambda: edit(
            src, dst, lambda f: (f.__delitem__("summary"), f.create_dataset("summary", data=[1.0]))),
        "summary_column_missing.h5": lambda: edit(src, dst, lambda f: f.__delitem__("summary/q_mean")),
        "summary_column_2d.h5": lambda: edit(
            src, dst, lambda f: replace_dataset(f, "summary/point", np.zeros((n, 2)))),
        "summary_column_short.h5": lambda: edit(
            src, dst, lambda f: replace_dataset(f, "summary/T", np.zeros(n - 1))),
        "summary_column_string.h5": lambda: edit(
            src, dst, lambda f: replace_dataset(f, "summary/m_mean", ["x"] * n)),
        "summary_column_is_group.h5": lambda: edit(
            src, dst, lambda f: (f.__delitem__("summary/K"), f.create_group("summary/K"))),
        "summary_point_unknown.h5": lambda: edit(
            src, dst, lambda f: replace_dataset(f, "summary/point", np.arange(n, dtype=np.int64) + 7)),
        "summary_swept_deleted.h5": lambda: edit(src, dst, lambda f: f["summary"].attrs.__delitem__("swept")),
        # --- foreign files ---
        "foreign_h5py.h5": lambda: h5py.File(dst, "w", libver="latest").create_dataset("x", data=[1, 2, 3]),
        "foreign_with_program.h5": lambda: _foreign_with_program(dst),
        "foreign_old_superblock.h5": lambda: _foreign_old_superblock(dst),
        "foreign_user_block.h5": lambda: _foreign_user_block(dst),
    }
    if name not in cases:
        sys.exit(f"make_damaged.py: no recipe for case '{name}'")
    cases[name]()


def _foreign_with_program(dst):
    """A current-format file whose only hebbmc-like content is two root attributes."""
    with h5py.File(dst, "w", libver="latest") as f:
        f.attrs["program"] = "hebbmc"
        f.attrs["format_version"] = np.int64(1)


def _foreign_old_superblock(dst):
    """A file in the oldest format (superblock 0, no checksums), claiming to be hebbmc's."""
    with h5py.File(dst, "w", libver="earliest") as f:
        f.attrs["program"] = "hebbmc"
        f.attrs["format_version"] = np.int64(1)


def _foreign_user_block(dst):
    """An HDF5 file behind a 512-byte user block (hebbmc never writes one)."""
    with h5py.File(dst, "w", userblock_size=512, libver="latest") as f:
        f.attrs["program"] = "hebbmc"


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    src, outdir = sys.argv[1], sys.argv[2]
    for name in sys.argv[3:]:
        build(name, src, os.path.join(outdir, name))


if __name__ == "__main__":
    main()
