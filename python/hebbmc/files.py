"""Opening a hebbmc HDF5 file with the checks of the C++ reader (runs/io/file_check.cpp)."""
import contextlib
import os

import h5py
import numpy as np

from .errors import HebbmcFileError

#: The largest layout version this package reads (docs/output.md, "Provenance").
FORMAT_VERSION = 1

HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"

#: Root attributes every hebbmc file carries (docs/output.md, "Provenance").
ROOT_STRINGS = ("version", "git_commit", "created", "parameter_file", "parameter_file_name", "layout")


def text(value):
    """An HDF5 string (bytes, str or a 0-d array of either) as str."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    return value.decode() if isinstance(value, bytes) else str(value)


def plain(value):
    """An HDF5 attribute value as a Python scalar (str, int, float) or a NumPy array."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return plain(value[()])
        if value.dtype.kind in "OS":
            return np.array([text(v) for v in value.ravel()], dtype=object).reshape(value.shape)
        return value
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def attributes(obj):
    """All attributes of an HDF5 group or dataset as a dict of plain values."""
    return {name: plain(value) for name, value in obj.attrs.items()}


def kind_of(handle):
    """The root attribute kind ("" for the files of `hebbmc run` and `hebbmc theory`)."""
    return text(handle.attrs["kind"]) if "kind" in handle.attrs else ""


def check_root(path, handle):
    """Refuse a file that is not a hebbmc output or has a layout newer than FORMAT_VERSION."""
    if "program" not in handle.attrs:
        raise HebbmcFileError(path, "not a hebbmc output file (no root attribute program = \"hebbmc\")")
    program = handle.attrs["program"]
    if not isinstance(program, (str, bytes)) or text(program) != "hebbmc":
        raise HebbmcFileError(path, f"not a hebbmc output file (root attribute program = {plain(program)!r}, "
                                    "expected 'hebbmc')")
    if "format_version" not in handle.attrs:
        raise HebbmcFileError(path, "damaged hebbmc file: root attribute 'format_version' is missing")
    try:
        version = float(handle.attrs["format_version"])
    except (TypeError, ValueError):
        raise HebbmcFileError(path, "damaged hebbmc file: root attribute 'format_version' is not a number") from None
    if not (version >= 1) or version != int(version):
        raise HebbmcFileError(path, f"damaged hebbmc file: format_version = {version:g}, expected an integer >= 1")
    if version > FORMAT_VERSION:
        raise HebbmcFileError(path, f"written by a newer hebbmc (format_version {int(version)}; "
                                    f"this package reads format_version <= {FORMAT_VERSION})")
    for name in ROOT_STRINGS:
        if name not in handle.attrs:
            raise HebbmcFileError(path, f"damaged hebbmc file: root attribute '{name}' is missing")


@contextlib.contextmanager
def checked(path, kind=None, groups=()):
    """The open h5py.File of a hebbmc file of the given kind with the given groups, else HebbmcFileError.

    Any HDF5 read error (OSError) or missing object (KeyError) while the file is in use is turned
    into a HebbmcFileError naming the file, so a damaged file never surfaces as an h5py traceback.
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        raise HebbmcFileError(path, "no such file")
    if os.path.isdir(path):
        raise HebbmcFileError(path, "is a directory, not an HDF5 file")
    try:
        with open(path, "rb") as raw:
            head = raw.read(8)
    except OSError as err:
        raise HebbmcFileError(path, f"cannot read ({err.strerror or err})") from None
    if not h5py.is_hdf5(path):
        what = "not an HDF5 file" if head != HDF5_SIGNATURE else "damaged HDF5 file (cannot be opened)"
        raise HebbmcFileError(path, what)
    try:
        handle = h5py.File(path, "r")
    except OSError as err:
        raise HebbmcFileError(path, f"damaged HDF5 file (cannot be opened: {err})") from None
    with handle:
        try:
            check_root(path, handle)
            found = kind_of(handle)
            if kind is not None and found != kind:
                wanted = f"kind = '{kind}'" if kind else "an output of `hebbmc run`"
                actual = f"kind = '{found}'" if found else "an output of `hebbmc run`"
                raise HebbmcFileError(path, f"hebbmc file of the wrong kind ({actual}, expected {wanted})")
            for group in groups:
                if group not in handle or not isinstance(handle[group], h5py.Group):
                    raise HebbmcFileError(path, f"damaged hebbmc file: group /{group} is missing")
            yield handle
        except (OSError, KeyError, RuntimeError) as err:
            raise HebbmcFileError(path, f"damaged hebbmc file (read error: {err})") from None


def file_kind(path):
    """The kind of a hebbmc file ("" for run files), after the root checks."""
    with checked(path) as handle:
        return kind_of(handle)
