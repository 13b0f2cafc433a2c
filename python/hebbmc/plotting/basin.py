"""A basin-of-attraction figure: final m_1 against the initial overlap init_overlap (docs/parameters.md I1)."""
import textwrap

import numpy as np

from .errors import PlotError
from .sweep import MARKERS, series_keys, title

X_KEY = "init_overlap"


def plot_basin(axes, run, observable="m"):
    """Draw the mean of observable (pattern 1) over init_overlap with error bars, the 25-75 % band
    and the median over disorder samples where the file has them, and the diagonal m = m0."""
    table, swept = run.table, run.swept
    for name in (X_KEY, f"{observable}_mean"):
        if name not in table:
            raise PlotError(f"{run.path}: no column '{name}' (a basin run has init = \"noisy_pattern\" "
                            f"with init_overlap swept)")
    x = np.asarray(table[X_KEY], dtype=float)
    groups = series_keys(table, swept, X_KEY)
    banded = all(f"{observable}_{stat}" in table for stat in ("median", "quantile_25", "quantile_75"))
    for k, (label, idx) in enumerate(groups.items()):
        idx = sorted(idx, key=lambda i: x[i])

        def column(stat, idx=idx):
            return np.asarray(table[f"{observable}_{stat}"], dtype=float)[idx]

        error = column("error") if f"{observable}_error" in table else None
        bars = axes.errorbar(x[idx], column("mean"), yerr=error, fmt=MARKERS[k % len(MARKERS)], ms=4, capsize=3,
                             label=f"mean {label}".strip())
        if banded:
            color = bars[0].get_color()
            axes.fill_between(x[idx], column("quantile_25"), column("quantile_75"), color=color, alpha=0.2, lw=0,
                              label=f"25-75 % of samples {label}".strip())
            axes.plot(x[idx], column("median"), "-", color=color, lw=1, label=f"median {label}".strip())
    lo, hi = np.nanmin(x), np.nanmax(x)
    axes.plot([lo, hi], [lo, hi], ":", color="gray", lw=1, label="final = initial")
    axes.set_xlabel("initial overlap m0 (init_overlap)")
    axes.set_ylabel(f"final {observable}_1 (mean over the measurement sweeps)")
    axes.set_title("\n".join(textwrap.wrap("basin of attraction; " + title(table, swept).replace("hebbmc sweep: ", ""),
                                           72)), fontsize=10)
    axes.legend(fontsize=7)
    axes.grid(alpha=0.3)
    return axes


def basin_figure(run, output, observable="m"):
    """Draw plot_basin into a new figure and save it as output (PNG, PDF, ...)."""
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(figsize=(7, 4.8))
    try:
        plot_basin(axes, run, observable)
        figure.tight_layout()
        figure.savefig(output, dpi=150)
    finally:
        plt.close(figure)
    return output
