"""Multitasking figures (docs/multitasking.md): (d, T) diagrams, branch amplitudes, MC sorted amplitudes."""
import numpy as np

from .errors import PlotError

NAMES = ["paramagnetic", "hierarchical", "parallel", "mixed"]
COLOURS = ["#f0f0f0", "#9ecae1", "#fdae6b", "#a1d99b"]


def phase_panel(ax, panel, P):
    """Regions of the equilibrium state on the grid of one MultitaskPanel, labelled, with the boundary points."""
    from matplotlib.colors import ListedColormap
    grid = panel.grid
    d, T = grid["d"].values, grid["T"].values
    codes = grid["region"].values
    region = codes.astype(float)
    region[region < 0] = np.nan
    dd, dT = (d[1] - d[0]) / 2, (T[1] - T[0]) / 2
    ax.imshow(region, origin="lower", aspect="auto", extent=(d[0] - dd, d[-1] + dd, T[0] - dT, T[-1] + dT),
              cmap=ListedColormap(COLOURS), vmin=-0.5, vmax=3.5, interpolation="nearest")
    retrieved = grid["retrieved"].values
    for code, name in enumerate(NAMES):  # label each (region, retrieved) class at its median cell
        for n in np.unique(retrieved[codes == code]):
            iT, id_ = np.nonzero((codes == code) & (retrieved == n))
            if len(iT) < 3:
                continue
            k = np.argsort(iT * len(d) + id_)[len(iT) // 2]
            text = name if name in ("paramagnetic", "parallel") else f"{name}\n{n} of {panel.K}"
            ax.text(d[id_[k]], T[iT[k]], text, ha="center", va="center", fontsize=7)
    b = panel.boundaries
    kind = b["kind"].to_numpy(dtype=str) if "kind" in b else np.array([], dtype=str)
    for k, marker, colour, label in (("pattern lost", "o", "k", "pattern lost"),
                                     ("region", "s", "tab:red", "region change")):
        sel = kind == k
        if sel.any():
            ax.plot(b["d"].to_numpy()[sel], b["T"].to_numpy()[sel], marker, ms=2, color=colour, ls="none", label=label)
    if P == 2:
        ax.plot(d, 1 - d, "k--", lw=0.8, label="T = 1 - d")
    ax.set_xlabel("dilution d")
    ax.set_ylabel("temperature T")
    ax.set_title(f"K = {panel.K}")
    ax.set_xlim(d[0] - dd, d[-1] + dd)
    ax.set_ylim(T[0] - dT, T[-1] + dT)
    ax.legend(loc="upper right", fontsize=6)


def amplitude_panel(ax, panel):
    """Amplitudes of the hierarchical branch followed in d at T_min, over the T = 0 law."""
    a = panel.amplitudes
    d, m, law = a["d"].values, a["m"].values, a["law"].values
    for k in range(m.shape[1]):
        line, = ax.plot(d, m[:, k], "-", lw=1.5, label=f"m_{k + 1}")
        ax.plot(d, law[:, k], "--", lw=0.8, color=line.get_color())
    ax.set_xlabel("dilution d")
    ax.set_ylabel("amplitude")
    ax.set_title(f"K = {panel.K}, T = {a.attrs['T']:g} (dashed: (1-d) d^(k-1))")
    ax.legend(fontsize=7)


def multitask_figure(diagram, output, amplitudes=False):
    """One panel per K of a MultitaskDiagram (regions, or branch amplitudes) saved as output."""
    import matplotlib.pyplot as plt
    if not diagram.panels:
        raise PlotError(f"{diagram.path}: no /multitask/K* groups")
    P = int(diagram.meta["P"])
    panels = list(diagram.panels.values())
    figure, axes = plt.subplots(1, len(panels), figsize=(4.5 * len(panels), 4), squeeze=False)
    try:
        for ax, panel in zip(axes[0], panels):
            amplitude_panel(ax, panel) if amplitudes else phase_panel(ax, panel, P)
        figure.suptitle(f"multitasking, P = {P}, rho = {diagram.meta['rho']:g}"
                        + ("" if amplitudes else ": equilibrium state (docs/multitasking.md)"))
        figure.tight_layout()
        figure.savefig(output, dpi=130)
    finally:
        plt.close(figure)
    return output


def sorted_amplitudes(ax, run):
    """MC sorted amplitudes of a Run swept in d (error bars), RS theory/amplitudes, and the T = 0 law."""
    ds = run.dataset
    if "amplitudes_mean" not in ds:
        raise PlotError(f"{run.path}: no summary/amplitudes (needs d > 0)")
    table = run.table.sort_values("d")
    L = ds.sizes["k"]
    mean, error, theory = (components(table, name, L) for name in ("amplitudes_mean", "amplitudes_error",
                                                                   "theory_amplitudes"))
    if not np.all(np.isfinite(mean)):
        raise PlotError(f"{run.path}: a point has no summary/amplitudes (needs d > 0)")
    d = table["d"].to_numpy(dtype=float)
    fine = np.linspace(0, 1, 201)
    for k in range(L):
        color = f"C{k}"
        ax.plot(fine, (1 - fine) * fine**k, "--", color=color, lw=1, alpha=0.7)
        ax.errorbar(d, mean[k], yerr=error[k], fmt="o", color=color, ms=4, capsize=2, label=f"k = {k + 1}: MC")
        if np.all(np.isfinite(theory[k])):
            ax.plot(d, theory[k], "-", color=color, lw=1.2, label=f"k = {k + 1}: RS")
    ax.plot([], [], "k--", lw=1, label="(1-d) d^(k-1), T = 0")
    ax.set_xlabel("dilution d")
    ax.set_ylabel("sorted amplitude |m|_(k)")
    ax.set_xlim(0, 1)
    ax.set_ylim(bottom=0)
    ax.set_title(f"multitasking, P = 2, K = {L}, N = {int(table['N'].iloc[0])}, T = {float(table['T'].iloc[0]):g}")
    ax.legend(fontsize=7, ncol=2)


def components(table, name, width):
    """Components 1..width of a run-table variable ([width, points]; columns name, name_k2, ...), NaN if absent."""
    columns = [name if k == 0 else f"{name}_k{k + 1}" for k in range(width)]
    return np.array([table[c].to_numpy(dtype=float) if c in table else np.full(len(table), np.nan) for c in columns])


def amplitudes_figure(run, output):
    """sorted_amplitudes into a new figure saved as output."""
    import matplotlib.pyplot as plt
    figure, ax = plt.subplots(figsize=(6.4, 4.4))
    try:
        sorted_amplitudes(ax, run)
        figure.tight_layout()
        figure.savefig(output, dpi=130)
    finally:
        plt.close(figure)
    return output
