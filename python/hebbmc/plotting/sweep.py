"""A sweep figure: Monte Carlo points with error bars over the replica-symmetric curves."""
import textwrap

import numpy as np

from .errors import PlotError

PARAMETERS = ["N", "P", "K", "alpha", "d", "T", "beta", "M", "r"]
DESCRIPTIONS = {"m": "Mattis magnetization m", "q": "replica overlap q", "energy": "energy per neuron H/N",
                "nbar": "normalised teacher overlap nbar", "example_dominance": "example dominance max_a n_a - m"}
MARKERS = ["o", "s", "^", "D", "v"]
LINESTYLES = ["-", "--", ":", "-."]


def fmt(value):
    """A parameter value as short text (integers without a decimal point)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"


def series_keys(table, swept, x_key):
    """Row positions of the points of each series (same values of the other swept keys), in file order."""
    others = [key for key in swept if key != x_key and key in table]
    groups = {}
    for i in range(len(table)):
        label = ", ".join(f"{key}={fmt(table[key].iloc[i])}" for key in others)
        groups.setdefault(label, []).append(i)
    return groups


def title(table, swept):
    """N, P and every other parameter that is fixed over the sweep."""
    parts = []
    for key in PARAMETERS:
        if key not in table or key in swept:
            continue
        values = np.asarray(table[key], dtype=float)
        finite = values[np.isfinite(values)]
        if finite.size and np.all(finite == finite[0]):
            parts.append(f"{key}={fmt(finite[0])}")
        elif key in ("N", "P") and finite.size:
            parts.append(f"{key} varies")
    return "hebbmc sweep: " + ", ".join(parts) + f"  ({len(table)} points)"


def plot_theory_curves(axes, curves, x_key, obs, colors, style="-", tag="", warn=None):
    """Draw the fine RS curves (run.theory_curve), broken where the solver did not converge."""
    if curves is None or obs not in curves:
        return False
    if curves.attrs.get("x") and curves.attrs["x"] != x_key:
        if warn:
            warn(f"theory curves are along {curves.attrs['x']}, not {x_key}; not drawn")
        return False
    values = np.array(curves[obs].values, dtype=float)
    if "converged" in curves and curves["converged"].shape == values.shape:
        values[~curves["converged"].values] = np.nan
    x = curves[curves.attrs.get("x") or x_key].values
    labels = [str(v) for v in curves["label"].values]
    for row, y in enumerate(values):
        label = labels[row] if row < len(labels) else f"curve {row}"
        name = " ".join(part for part in (tag, label) if part)
        axes.plot(x, y, style, lw=1.2, color=colors.get(label), label=f"RS {name}" if name else "RS")
    return True


def plot_sweep(axes, run, x_key=None, observables=("m",), warn=None):
    """Draw MC points (pattern 1 for vectors) and RS values of a Run over one swept key on axes."""
    table, swept = run.table, run.swept
    x_key = x_key or (swept[0] if swept else None)
    if x_key is None:
        raise PlotError("nothing was swept (/summary attribute swept is empty): give --x KEY")
    for obs in observables:
        for name in (x_key, f"{obs}_mean"):
            if name not in table:
                raise PlotError(f"{run.path}: no column '{name}' (columns: {', '.join(sorted(map(str, table)))})")
    x = np.asarray(table[x_key], dtype=float)
    groups = series_keys(table, swept, x_key)
    several = len(observables) > 1
    for k, obs in enumerate(observables):
        tag = obs if several else ""
        marker, style = MARKERS[k % len(MARKERS)], LINESTYLES[k % len(LINESTYLES)]
        mean = np.asarray(table[f"{obs}_mean"], dtype=float)
        error = np.asarray(table[f"{obs}_error"], dtype=float) if f"{obs}_error" in table else None
        colors = {}
        for label, idx in groups.items():
            idx = sorted(idx, key=lambda i: x[i])
            name = " ".join(part for part in (tag, label) if part)
            bars = axes.errorbar(x[idx], mean[idx], yerr=None if error is None else error[idx], fmt=marker, ms=4,
                                 capsize=3, label=f"MC {name}" if name else "MC")
            colors[label] = bars[0].get_color()
        drawn = plot_theory_curves(axes, run.theory_curve, x_key, obs, colors, style, tag, warn)
        if not drawn and f"theory_{obs}" in table:
            theory = np.asarray(table[f"theory_{obs}"], dtype=float)
            for label, idx in groups.items():
                idx = sorted(idx, key=lambda i: x[i])
                if np.any(np.isfinite(theory[idx])):
                    name = " ".join(part for part in (tag, label) if part)
                    axes.plot(x[idx], theory[idx], "--", color=colors[label], label=f"RS {name}".strip())
    axes.set_xlabel(x_key)
    axes.set_ylabel(", ".join(observables) if several else DESCRIPTIONS.get(observables[0], observables[0]))
    axes.set_title("\n".join(textwrap.wrap(title(table, swept), 72)), fontsize=10)
    axes.legend(fontsize=8)
    axes.grid(alpha=0.3)
    return axes


def sweep_figure(run, output, x_key=None, observables=("m",), warn=None):
    """Draw plot_sweep into a new figure and save it as output (PNG, PDF, ...)."""
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(figsize=(7, 4.8))
    try:
        plot_sweep(axes, run, x_key, observables, warn)
        figure.tight_layout()
        figure.savefig(output, dpi=150)
    finally:
        plt.close(figure)
    return output
