#!/usr/bin/python3
"""Plot a hebbmc sweep: Monte Carlo points with error bars over the replica-symmetric curves.

Usage: plot_sweep.py OUTPUT.h5 [-o PLOT.png] [--x KEY] [--y OBS[,OBS...]]

Reads the layout written by the C++ side (docs/output.md): /summary columns (parameters,
<obs>_mean, <obs>_error, theory_<obs>) and the optional /theory_curve group. One series per
combination of the swept parameters other than the x axis; with several observables (e.g.
--y m,nbar for the learning models, docs/learning.md) one marker per observable on one axes. Exit status 2 with a
message on stderr when the file is not a hebbmc output or the requested columns are missing.
"""
import argparse
import os
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")
import h5py  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

PARAMETERS = ["N", "P", "K", "alpha", "d", "T", "beta", "M", "r"]
DESCRIPTIONS = {"m": "Mattis magnetization m", "q": "replica overlap q", "energy": "energy per neuron H/N",
                "nbar": "normalised teacher overlap nbar", "example_dominance": "example dominance max_a n_a - m"}
MARKERS = ["o", "s", "^", "D", "v"]
LINESTYLES = ["-", "--", ":", "-."]


class UsageError(Exception):
    """A problem with the input file or the options, reported with exit status 2."""


def text(value):
    """An HDF5 string attribute or dataset element as str."""
    return value.decode() if isinstance(value, bytes) else str(value)


def fmt(value):
    """A parameter value as short text (integers without a decimal point)."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"


def read_summary(path):
    """The /summary columns as numpy arrays and the list of swept keys; UsageError if not hebbmc."""
    try:
        handle = h5py.File(path, "r")
    except OSError as err:
        raise UsageError(f"{path}: not an HDF5 file ({err})")
    with handle:
        if text(handle.attrs.get("program", "")) != "hebbmc":
            raise UsageError(f"{path}: not a hebbmc file (root attribute program != 'hebbmc')")
        if "summary" not in handle:
            raise UsageError(f"{path}: hebbmc file without a /summary group")
        group = handle["summary"]
        columns = {name: np.asarray(group[name][()]) for name in group if group[name].ndim == 1}
        swept = [key.strip() for key in text(group.attrs.get("swept", "")).split(",") if key.strip()]
        curves = read_theory_curves(handle["theory_curve"]) if "theory_curve" in handle else None
    return columns, swept, curves


def read_theory_curves(group):
    """The /theory_curve group as a dict (x axis name, x, m, q, labels, converged mask)."""
    curves = {"axis": text(group.attrs.get("x", "")), "x": np.asarray(group["x"][()], dtype=float)}
    for name in ("m", "q", "nbar"):
        if name in group:
            curves[name] = np.atleast_2d(np.asarray(group[name][()], dtype=float))
    curves["label"] = [text(v) for v in group["label"][()]] if "label" in group else []
    if "converged" in group:
        curves["converged"] = np.atleast_2d(np.asarray(group["converged"][()]) != 0)
    return curves


def series_keys(columns, swept, x_key):
    """Indices of the points of each series (same values of the other swept keys), in file order."""
    others = [key for key in swept if key != x_key and key in columns]
    groups = {}
    for i in range(len(columns[x_key])):
        label = ", ".join(f"{key}={fmt(columns[key][i])}" for key in others)
        groups.setdefault(label, []).append(i)
    return groups


def title(columns, swept, n_points):
    """N, P and every other parameter that is fixed over the sweep."""
    parts = []
    for key in PARAMETERS:
        if key not in columns or key in swept:
            continue
        values = np.asarray(columns[key], dtype=float)
        finite = values[np.isfinite(values)]
        if finite.size and np.all(finite == finite[0]):
            parts.append(f"{key}={fmt(finite[0])}")
        elif key in ("N", "P") and finite.size:
            parts.append(f"{key} varies")
    return "hebbmc sweep: " + ", ".join(parts) + f"  ({n_points} points)"


def plot_theory_curves(axes, curves, x_key, obs, colors, style="-", tag=""):
    """Draw the fine RS curves, breaking them where the solver did not converge."""
    if curves is None or obs not in curves:
        return False
    if curves["axis"] and curves["axis"] != x_key:
        print(f"plot_sweep: theory curves are along {curves['axis']}, not {x_key}; not drawn", file=sys.stderr)
        return False
    values = curves[obs].copy()
    if "converged" in curves and curves["converged"].shape == values.shape:
        values[~curves["converged"]] = np.nan
    for row, y in enumerate(values):
        label = curves["label"][row] if row < len(curves["label"]) else f"curve {row}"
        color = colors.get(label)
        name = " ".join(part for part in (tag, label) if part)
        axes.plot(curves["x"], y, style, lw=1.2, color=color, label=f"RS {name}" if name else "RS")
    return True


def plot(columns, swept, curves, x_key, observables, output):
    """Draw the figure (one or several observables) and save it."""
    for obs in observables:
        for name in (x_key, f"{obs}_mean"):
            if name not in columns:
                raise UsageError(f"/summary has no column '{name}' (columns: {', '.join(sorted(columns))})")
    x = np.asarray(columns[x_key], dtype=float)
    figure, axes = plt.subplots(figsize=(7, 4.8))
    groups = series_keys(columns, swept, x_key)
    several = len(observables) > 1
    for k, obs in enumerate(observables):
        mean, error = f"{obs}_mean", f"{obs}_error"
        tag = obs if several else ""
        marker, style = MARKERS[k % len(MARKERS)], LINESTYLES[k % len(LINESTYLES)]
        colors = {}
        for label, idx in groups.items():
            idx = sorted(idx, key=lambda i: x[i])
            err = np.asarray(columns[error], dtype=float)[idx] if error in columns else None
            name = " ".join(part for part in (tag, label) if part)
            bars = axes.errorbar(x[idx], np.asarray(columns[mean], dtype=float)[idx], yerr=err, fmt=marker, ms=4,
                                 capsize=3, label=f"MC {name}" if name else "MC")
            colors[label] = bars[0].get_color()
        if not plot_theory_curves(axes, curves, x_key, obs, colors, style, tag) and f"theory_{obs}" in columns:
            theory = np.asarray(columns[f"theory_{obs}"], dtype=float)
            for label, idx in groups.items():
                idx = sorted(idx, key=lambda i: x[i])
                if np.any(np.isfinite(theory[idx])):
                    name = " ".join(part for part in (tag, label) if part)
                    axes.plot(x[idx], theory[idx], "--", color=colors[label], label=f"RS {name}".strip())
    axes.set_xlabel(x_key)
    axes.set_ylabel(", ".join(observables) if several else DESCRIPTIONS.get(observables[0], observables[0]))
    axes.set_title("\n".join(textwrap.wrap(title(columns, swept, len(x)), 72)), fontsize=10)
    axes.legend(fontsize=8)
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(output, dpi=150)
    plt.close(figure)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="hebbmc HDF5 output")
    parser.add_argument("-o", "--output", help="image file (default: FILE_<obs>.png)")
    parser.add_argument("--x", help="x axis key (default: the first swept key)")
    parser.add_argument("--y", default="m",
                        help="observable(s), comma-separated: m, q, energy, nbar, example_dominance, ... (default m)")
    args = parser.parse_args(argv)
    try:
        columns, swept, curves = read_summary(args.file)
        x_key = args.x or (swept[0] if swept else None)
        if x_key is None:
            raise UsageError("nothing was swept (/summary attribute swept is empty): give --x KEY")
        observables = [obs.strip() for obs in args.y.split(",") if obs.strip()]
        if not observables:
            raise UsageError("--y names no observable")
        output = args.output or f"{os.path.splitext(args.file)[0]}_{'_'.join(observables)}.png"
        plot(columns, swept, curves, x_key, observables, output)
    except UsageError as err:
        print(f"plot_sweep: {err}", file=sys.stderr)
        return 2
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
