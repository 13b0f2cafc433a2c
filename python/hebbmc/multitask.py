"""A `hebbmc multitask` output: (d, T) phase diagrams per K (docs/multitasking.md, "Output")."""
import dataclasses
import os

import numpy as np
import pandas as pd
import xarray as xr

from .files import attributes, checked, plain
from .provenance import Provenance

#: Region codes of /multitask/K<K>/grid/region (-1: no stable solution found).
REGION_NAMES = ("paramagnetic", "hierarchical", "parallel", "mixed")


def open_multitask(path):
    """Read a `hebbmc multitask` output; HebbmcFileError if it is not one or is damaged."""
    return MultitaskDiagram(path)


def values(dataset):
    """One HDF5 dataset as a NumPy array (strings decoded)."""
    value = plain(dataset[()])
    return value if isinstance(value, np.ndarray) else np.asarray(value)


@dataclasses.dataclass
class MultitaskPanel:
    """The diagram of one K: equilibrium grid, located boundary points, hierarchical branch in d."""

    K: int
    attrs: dict
    grid: xr.Dataset        # region, retrieved, f, hessian_min [T, d]; m [T, d, k]
    boundaries: pd.DataFrame  # one row per located point
    amplitudes: xr.Dataset  # m, law [d, k]; f, hessian_min, stable, branch, status [d]


def read_grid(group):
    """The grid group as an xarray Dataset over (T, d) (and k for the amplitudes m)."""
    data = {}
    for name, item in group.items():
        if name in ("d", "T", "region_names"):
            continue
        dims = ("T", "d", "k")[:item.ndim]
        data[name] = (dims, values(item))
    names = [str(v) for v in values(group["region_names"])] if "region_names" in group else list(REGION_NAMES)
    return xr.Dataset(data, coords={"T": values(group["T"]), "d": values(group["d"])},
                      attrs={**attributes(group), "region_names": names})


def read_amplitudes(group):
    """The amplitudes group as an xarray Dataset along d (and k)."""
    data = {name: (("d", "k")[:item.ndim], values(item)) for name, item in group.items() if name != "d"}
    return xr.Dataset(data, coords={"d": values(group["d"])}, attrs=attributes(group))


class MultitaskDiagram:
    """The /multitask attributes and the panels K<K> of one multitask file."""

    def __init__(self, path):
        self.path = os.fspath(path)
        with checked(self.path, kind="multitask phase diagram", groups=("multitask",)) as handle:
            self.provenance = Provenance.read(handle)
            group = handle["multitask"]
            self.meta = attributes(group)
            self.panels = {}
            for name, k in group.items():
                if not name.startswith("K"):
                    continue
                boundaries = pd.DataFrame({key: values(item) for key, item in k["boundaries"].items()})
                panel = MultitaskPanel(K=int(k.attrs["K"]), attrs=attributes(k), grid=read_grid(k["grid"]),
                                       boundaries=boundaries, amplitudes=read_amplitudes(k["amplitudes"]))
                self.panels[panel.K] = panel
            self.panels = dict(sorted(self.panels.items()))

    def __repr__(self):
        return f"<hebbmc.MultitaskDiagram {self.path!r}: K = {', '.join(map(str, self.panels))}>"
