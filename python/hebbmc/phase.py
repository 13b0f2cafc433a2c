"""A `hebbmc phase` output: transition lines and anchors (docs/theory.md, "Phase diagrams")."""
import dataclasses
import os

import numpy as np
import pandas as pd

from .files import attributes, checked, plain
from .provenance import Provenance


def open_phase(path):
    """Read a `hebbmc phase` output; HebbmcFileError if it is not one or is damaged."""
    return PhaseDiagram(path)


def column(dataset):
    """One HDF5 dataset as a NumPy array (strings decoded)."""
    value = plain(dataset[()])
    return value if isinstance(value, np.ndarray) else np.asarray(value)


@dataclasses.dataclass
class PhaseLine:
    """One transition line: its columns (alpha, T, m, bracket, status, ...) and attributes (level, ...)."""

    name: str
    attrs: dict
    columns: dict

    def __getitem__(self, key):
        return self.columns[key]

    def __contains__(self, key):
        return key in self.columns

    def get(self, key, default=None):
        """A column, or default if the line has none of that name."""
        return self.columns.get(key, default)

    def frame(self):
        """The line as a pandas DataFrame (one row per grid point; attributes in .attrs)."""
        frame = pd.DataFrame(self.columns)
        frame.attrs.update(self.attrs, name=self.name)
        return frame


class PhaseDiagram:
    """The lines, anchors and /phase attributes of one phase-diagram file."""

    def __init__(self, path):
        self.path = os.fspath(path)
        with checked(self.path, kind="phase diagram", groups=("phase", "phase/lines", "phase/anchors")) as handle:
            self.provenance = Provenance.read(handle)
            phase = handle["phase"]
            self.meta = attributes(phase)
            self.lines = {name: PhaseLine(name, attributes(group), {key: column(d) for key, d in group.items()})
                          for name, group in phase["lines"].items()}
            self.anchors = {name: float(d[()]) for name, d in phase["anchors"].items()}
            self.anchor_attributes = {name: attributes(d) for name, d in phase["anchors"].items()}

    def __repr__(self):
        return f"<hebbmc.PhaseDiagram {self.path!r}: {len(self.lines)} lines, {len(self.anchors)} anchors>"

    @property
    def learning(self):
        """Whether the diagram is of a learning model (lines in rho; docs/theory.md)."""
        return "model_type" in self.meta

    def anchors_frame(self):
        """The anchors as a pandas DataFrame (value, description, units, status)."""
        rows = {name: {"value": value, **self.anchor_attributes[name]} for name, value in self.anchors.items()}
        return pd.DataFrame.from_dict(rows, orient="index")
