"""A `hebbmc run` output file: parameters, axes, summary Dataset and table, trajectories, histograms."""
import os

import numpy as np
import pandas as pd
import xarray as xr

from .axes import grid_values, sweep_axes
from .errors import HebbmcFileError
from .files import checked, text
from .points import BOOKKEEPING, TRAJECTORY_DIMS, component_dim, point_name, read_points
from .provenance import Provenance


def open_run(path):
    """Read a `hebbmc run` output; HebbmcFileError if it is not one or is damaged."""
    return Run(path)


class Run:
    """The contents of one run file, read once; trajectories are read on demand."""

    def __init__(self, path):
        self.path = os.fspath(path)
        with checked(self.path, kind="", groups=("points", "summary")) as handle:
            self.provenance = Provenance.read(handle)
            self.swept = [key.strip() for key in text(handle["summary"].attrs.get("swept", "")).split(",")
                          if key.strip()]
            self.summary_columns = {name: np.asarray(item[()]) for name, item in handle["summary"].items()
                                    if getattr(item, "ndim", 0) == 1}
            self.records = read_points(self.path, handle)
            self.theory_curve = read_theory_curve(handle["theory_curve"]) if "theory_curve" in handle else None
        self.axes = sweep_axes(self.provenance.parameter_file) or []
        self.axis_values = grid_values(self.axes, [r.index for r in self.records],
                                       [r.parameters for r in self.records]) if self.axes else None
        self.row_of = {r.index: k for k, r in enumerate(self.records)}  # a part's indices need not start at 0
        self.dataset = self.build_dataset()
        self.table = self.build_table()

    def __repr__(self):
        return f"<hebbmc.Run {self.path!r}: {len(self.records)} points, swept {', '.join(self.swept) or 'nothing'}>"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @property
    def parameter_file(self):
        """The full text of the parameter file the run was made from."""
        return self.provenance.parameter_file

    @property
    def parameters(self):
        """The resolved parameters of every point (its attributes), one row per point."""
        frame = pd.DataFrame([r.parameters for r in self.records], index=[r.index for r in self.records])
        frame.index.name = "point"
        return frame

    @property
    def dims(self):
        """The sweep dimensions of the Dataset: the swept axes, or ("point",) if the points form no grid."""
        return tuple(axis.name for axis in self.axes) if self.axis_values is not None else ("point",)

    def position(self, index):
        """The Dataset position (a tuple of indices along self.dims) of a point index."""
        if self.axis_values is None:
            return (self.row_of[index],)
        return tuple(int(i) for i in np.unravel_index(index, tuple(axis.length for axis in self.axes)))

    def build_dataset(self):
        """Every summary observable, its errors and theory values over the swept axes, as an xarray Dataset."""
        dims = self.dims
        shape = tuple(axis.length for axis in self.axes) if self.axis_values is not None else (len(self.records),)
        widths = {}
        for record in self.records:
            for name, value in record.values.items():
                dim = variable_dim(name, value)
                if dim:
                    widths[dim] = max(widths.get(dim, 0), len(value))
        names = sorted({name for record in self.records for name in record.values})
        data = {}
        for name in names:
            dim = next((variable_dim(name, r.values[name]) for r in self.records if name in r.values), None)
            array = np.full(shape + ((widths[dim],) if dim else ()), np.nan)
            for record in self.records:
                if name in record.values:
                    value = record.values[name]
                    where = self.position(record.index)
                    if dim:
                        array[where + (slice(0, len(value)),)] = value
                    else:
                        array[where] = value[0]
            data[name] = (dims + ((dim,) if dim else ()), array)
        complete = np.zeros(shape, dtype=bool)
        for record in self.records:
            complete[self.position(record.index)] = record.parameters.get("status") == "complete"
        data["complete"] = (dims, complete)
        coords = {dim: np.arange(1, width + 1) for dim, width in widths.items()}
        coords.update(self.parameter_coords(dims, shape))
        attrs = {"file": self.path, "swept": ",".join(self.swept), "version": self.provenance.version,
                 "git_commit": self.provenance.git_commit, "created": self.provenance.created,
                 "parameter_file_name": self.provenance.parameter_file_name}
        return xr.Dataset(data, coords=coords, attrs=attrs)

    def parameter_coords(self, dims, shape):
        """The resolved parameters as coordinates: index coordinates for the axes, the others over all dims."""
        coords = {}
        if self.axis_values is not None:
            for axis in self.axes:
                for key in axis.keys:
                    coords[key] = ((axis.name,), self.axis_values[key])
        else:
            coords["point"] = np.array([r.index for r in self.records])
        keys = []
        for record in self.records:
            keys += [k for k in record.parameters if k not in BOOKKEEPING and k not in coords and k not in keys]
        for key in keys:
            values = [r.parameters.get(key) for r in self.records]
            numeric = all(isinstance(v, (int, float, type(None))) and not isinstance(v, bool) for v in values)
            integral = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
            if integral:
                array = np.zeros(shape, dtype=np.int64)
            else:
                array = np.full(shape, np.nan) if numeric else np.full(shape, "", dtype=object)
            for record, value in zip(self.records, values):
                if value is not None and not isinstance(value, np.ndarray):
                    array[self.position(record.index)] = value
            coords[key] = (dims, array)
        return coords

    def build_table(self):
        """One row per point: its parameters and every statistic (component 1 as m_mean, then m_mean_mu2, ...)."""
        rows = []
        for record in self.records:
            row = {k: v for k, v in record.parameters.items() if not isinstance(v, np.ndarray)}
            for name, value in record.values.items():
                dim = variable_dim(name, value)
                row[name] = value[0] if len(value) else np.nan
                for c in range(1, len(value) if dim else 0):
                    row[f"{name}_{dim}{c + 1}"] = value[c]
            rows.append(row)
        frame = pd.DataFrame(rows, index=pd.Index([r.index for r in self.records], name="point"))
        order = self.summary_columns.get("point")
        if order is not None:  # /summary columns the points lack as attributes (alpha from K, complete)
            for name, column in self.summary_columns.items():
                if name not in frame and name != "point" and len(column) == len(order):
                    frame[name] = pd.Series(column, index=order).reindex(frame.index)
        return frame

    def to_dataframe(self):
        """The per-point table (a pandas DataFrame, one row per point)."""
        return self.table.copy()

    def point(self, **values):
        """The index of the one point whose parameters have the given values (e.g. run.point(T=0.5))."""
        found = [r.index for r in self.records if all(matches(r.parameters, k, v) for k, v in values.items())]
        if len(found) != 1:
            raise KeyError(f"{len(found)} points of {self.path} have {values}")
        return found[0]

    def trajectory(self, point, name="m"):
        """The trajectory dataset `name` of a point (trajectories = true) as an xarray DataArray."""
        path = f"points/{point_name(point)}/trajectory/{name}"
        values, have = None, "none (run with trajectories = true)"
        with checked(self.path, kind="") as handle:
            if path in handle:
                values = handle[path][()]
            elif f"points/{point_name(point)}/trajectory" in handle:
                have = ", ".join(sorted(handle[f"points/{point_name(point)}/trajectory"]))
        if values is None:
            raise KeyError(f"{self.path}: no /{path} (trajectories of the point: {have})")
        dims = TRAJECTORY_DIMS.get(name, tuple(f"dim_{i}" for i in range(values.ndim)))
        if len(dims) != values.ndim:
            raise HebbmcFileError(self.path, f"damaged hebbmc file: /{path} has {values.ndim} dimensions, "
                                             f"expected {len(dims)} {dims}")
        coords = {d: np.arange(1, n + 1) for d, n in zip(dims, values.shape) if d in ("mu", "k", "a")}
        return xr.DataArray(values, dims=dims, coords=coords, name=name, attrs={"point": int(point)})

    def histogram(self, point, name="m", component=1, bins=50, range=None, absolute=False):
        """Histogram of a trajectory over all samples, replicas and records (counts per bin, DataArray)."""
        values = self.trajectory(point, name)
        for dim in ("mu", "k", "a"):
            if dim in values.dims:
                values = values.sel({dim: component})
        data = np.asarray(values).ravel()
        data = np.abs(data) if absolute else data
        counts, edges = np.histogram(data[np.isfinite(data)], bins=bins, range=range)
        centers = 0.5 * (edges[1:] + edges[:-1])
        return xr.DataArray(counts, dims=("bin",), name=f"{name}_count",
                            coords={"center": ("bin", centers), "left": ("bin", edges[:-1]),
                                    "right": ("bin", edges[1:])}, attrs={"point": int(point)})


def matches(parameters, key, value):
    """Whether a point's parameter equals value (floats to rounding)."""
    have = parameters.get(key)
    if isinstance(value, float) and isinstance(have, (int, float)):
        return bool(np.isclose(have, value, rtol=1e-12, atol=0))
    return have == value


def variable_dim(name, value):
    """The component dimension of one variable at one point (theory scalars have none)."""
    dim = component_dim(name)
    if dim and name.startswith("theory_") and len(value) == 1:
        return None
    return dim


def read_theory_curve(group):
    """The /theory_curve group (RS branch on a fine grid of the first axis) as an xarray Dataset."""
    axis = text(group.attrs.get("x", "x")) or "x"
    x = np.asarray(group["x"][()], dtype=float)
    data = {}
    for name in ("m", "q", "nbar"):
        if name in group:
            data[name] = (("curve", axis), np.atleast_2d(np.asarray(group[name][()], dtype=float)))
    if "converged" in group:
        data["converged"] = (("curve", axis), np.atleast_2d(np.asarray(group["converged"][()]) != 0))
    n_curves = next(iter(data.values()))[1].shape[0] if data else 0
    labels = [text(v) for v in group["label"][()]] if "label" in group else [""] * n_curves
    return xr.Dataset(data, coords={axis: x, "label": ("curve", labels)}, attrs={"x": axis})
