"""Reading the /points/NNNNNN groups of a run file into plain per-point records."""
import dataclasses

import h5py
import numpy as np

from .errors import HebbmcFileError
from .files import attributes, plain

#: Per-observable statistics of /points/NNNNNN/summary/<obs>/ (docs/output.md), one value per component.
STATISTICS = ("mean", "error", "error_thermal", "error_samples", "sample_spread", "tau_int", "median", "quantile_25",
              "quantile_75")

#: Point attributes that describe the computation, not the physics (kept out of the Dataset coordinates).
BOOKKEEPING = frozenset({"index", "status", "wall_seconds", "parameter_fingerprint", "run_length_warnings",
                         "rng_patterns", "rng_dynamics", "rng_examples", "rng_initial_noise", "data_note", "exact_arithmetic"})

#: The component dimension of the vector observables (docs/output.md); others have width 1.
COMPONENT_DIMS = {"m": "mu", "abs_m": "mu", "m2": "mu", "nbar": "mu", "loss": "mu", "support_loss": "mu",
                  "amplitudes": "k", "n_example": "a"}

#: Dimensions of the trajectory datasets (docs/output.md, "trajectory/").
TRAJECTORY_DIMS = {"m": ("sample", "replica", "record", "mu"), "energy": ("sample", "replica", "record"),
                   "q": ("sample", "record"), "nbar": ("sample", "replica", "record", "mu"),
                   "example_dominance": ("sample", "replica", "record"),
                   "loss": ("sample", "replica", "record", "mu"), "n_example": ("sample", "replica", "record", "a"),
                   "amplitudes": ("sample", "replica", "record", "k"),
                   "support_loss": ("sample", "replica", "record", "k"), "retrieved": ("sample", "replica", "record")}


@dataclasses.dataclass
class PointRecord:
    """What one sweep point holds: its parameters, summary statistics and theory values."""

    index: int
    name: str
    parameters: dict
    values: dict  # variable name -> 1-D float array (components) or a scalar
    theory_attributes: dict


def point_name(index):
    """The group name of a point index (6 digits)."""
    return f"{int(index):06d}"


def read_summary_group(group, values):
    """The observables of /points/NNNNNN/summary into values (name_statistic -> array)."""
    for obs, item in group.items():
        if isinstance(item, h5py.Dataset):
            values[obs] = np.atleast_1d(np.asarray(item[()], dtype=float))
            continue
        for stat in STATISTICS:
            if stat in item:
                values[f"{obs}_{stat}"] = np.atleast_1d(np.asarray(item[stat][()], dtype=float))


def read_theory_group(group, values):
    """The theory values of /points/NNNNNN/theory into values (theory_name -> array)."""
    for name, item in group.items():
        if isinstance(item, h5py.Dataset) and item.dtype.kind in "fiu":
            values[f"theory_{name}"] = np.atleast_1d(np.asarray(item[()], dtype=float))
    return attributes(group)


def read_points(path, handle):
    """Every point group of an open run file, in index order, as PointRecords."""
    records = []
    for name in sorted(handle["points"]):
        if len(name) != 6 or not name.isdigit():
            raise HebbmcFileError(path, f"damaged hebbmc file: /points/{name} is not a point group "
                                        "(point groups are named by 6-digit indices such as 000017)")
        group = handle["points"][name]
        if not isinstance(group, h5py.Group):
            raise HebbmcFileError(path, f"damaged hebbmc file: /points/{name} is not a group")
        parameters = {key: plain(value) for key, value in group.attrs.items()}
        parameters.setdefault("status", "pending")
        values = {}
        if "summary" in group:
            read_summary_group(group["summary"], values)
        elif parameters["status"] == "complete":
            raise HebbmcFileError(path, f"damaged hebbmc file: /points/{name} is marked complete but has no summary")
        theory = read_theory_group(group["theory"], values) if "theory" in group else {}
        records.append(PointRecord(index=int(name), name=name, parameters=parameters, values=values,
                                   theory_attributes=theory))
    return records


def component_dim(variable):
    """The component dimension of a variable name (m_mean -> mu), None for width-1 observables."""
    for obs, dim in COMPONENT_DIMS.items():
        if variable == f"theory_{obs}" or any(variable == f"{obs}_{stat}" for stat in STATISTICS):
            return dim
    return None
