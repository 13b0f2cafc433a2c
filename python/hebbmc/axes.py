"""The swept axes of a run: their order and lengths from the parameter file, values from the points."""
import dataclasses
import tomllib

import numpy as np


@dataclasses.dataclass(frozen=True)
class Axis:
    """One axis of the sweep product: one key, or several zipped keys advancing together."""

    keys: tuple
    length: int

    @property
    def name(self):
        """The dimension name: the first key written in [sweep]."""
        return self.keys[0]


def declared_length(value):
    """Number of values of one [sweep] entry (a list or a {from, to, steps} range); None if unknown."""
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict) and isinstance(value.get("steps"), int):
        return value["steps"]
    return None


def zip_groups(value):
    """The zip entry of [sweep] as a list of key tuples (one zip list, or a list of them)."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [tuple(value)]
    if isinstance(value, list) and all(isinstance(v, list) for v in value):
        return [tuple(v) for v in value]
    return []


def sweep_axes(parameter_file):
    """The axes of the [sweep] table in product order (first written varies slowest); None if unreadable."""
    try:
        table = tomllib.loads(parameter_file).get("sweep", {})
    except tomllib.TOMLDecodeError:
        return None
    if not isinstance(table, dict):
        return None
    zipped = {}
    for group in zip_groups(table.get("zip", [])):
        for key in group:
            zipped[key] = group
    axes, seen = [], set()
    for key, value in table.items():
        if key == "zip" or key in seen:
            continue
        length = declared_length(value)
        if length is None:
            return None
        group = zipped.get(key, (key,))
        ordered = tuple(k for k in table if k in group)
        seen.update(ordered)
        axes.append(Axis(keys=ordered, length=length))
    return axes


def grid_values(axes, indices, parameters):
    """Per axis and key, the values along the axis, read from the points; None if not a full grid.

    indices are the point indices and parameters their resolved parameters (dicts), in file order.
    A point i sits at np.unravel_index(i, shape); every point at one position of an axis must
    carry the same value of its keys, else the points are not the product the file declares.
    """
    shape = tuple(axis.length for axis in axes)
    if not axes or int(np.prod(shape)) != len(indices) or sorted(indices) != list(range(len(indices))):
        return None
    values = {key: [None] * axis.length for axis in axes for key in axis.keys}
    for index, params in zip(indices, parameters):
        position = np.unravel_index(index, shape)
        for axis, k in zip(axes, position):
            for key in axis.keys:
                if key not in params:
                    return None
                value = params[key]
                if values[key][k] is None:
                    values[key][k] = value
                elif values[key][k] != value:
                    return None
    return {key: np.asarray(v) for key, v in values.items()}
