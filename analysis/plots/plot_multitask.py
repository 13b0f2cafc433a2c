#!/usr/bin/env python3
"""Plots of `hebbmc multitask` output (docs/multitasking.md, "Commands").

    plot_multitask.py FILE.h5 -o docs/multitask_phase.png                 # (d, T) diagrams, one panel per K
    plot_multitask.py FILE.h5 --amplitudes -o docs/multitask_amplitudes.png  # m_k(d) at T_min over (1-d) d^(k-1)
"""
import argparse
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402

NAMES = ["paramagnetic", "hierarchical", "parallel", "mixed"]
COLOURS = ["#f0f0f0", "#9ecae1", "#fdae6b", "#a1d99b"]


def diagrams(f):
    """The K groups of the file, sorted by K."""
    groups = [g for name, g in f["multitask"].items() if name.startswith("K")]
    return sorted(groups, key=lambda g: int(g.attrs["K"]))


def phase_panel(ax, g, P):
    """Regions of the equilibrium state on the grid, labelled, with the bisected boundary points."""
    d, T = g["grid/d"][()], g["grid/T"][()]
    region = g["grid/region"][()].astype(float)
    region[region < 0] = np.nan
    dd, dT = (d[1] - d[0]) / 2, (T[1] - T[0]) / 2
    ax.imshow(region, origin="lower", aspect="auto", extent=(d[0] - dd, d[-1] + dd, T[0] - dT, T[-1] + dT),
              cmap=ListedColormap(COLOURS), vmin=-0.5, vmax=3.5, interpolation="nearest")
    retrieved = g["grid/retrieved"][()]
    for code, name in enumerate(NAMES):  # label each (region, retrieved) class at its median cell
        for n in np.unique(retrieved[g["grid/region"][()] == code]):
            iT, id_ = np.nonzero((g["grid/region"][()] == code) & (retrieved == n))
            if len(iT) < 3:
                continue
            k = np.argsort(iT * len(d) + id_)[len(iT) // 2]
            text = name if name in ("paramagnetic", "parallel") else f"{name}\n{n} of {g.attrs['K']:.0f}"
            ax.text(d[id_[k]], T[iT[k]], text, ha="center", va="center", fontsize=7)
    b = g["boundaries"]
    kind = np.array([k.decode() for k in b["kind"][()]])
    for k, marker, colour, label in (("pattern lost", "o", "k", "pattern lost"), ("region", "s", "tab:red", "region change")):
        sel = kind == k
        if sel.any():
            ax.plot(b["d"][()][sel], b["T"][()][sel], marker, ms=2, color=colour, ls="none", label=label)
    if P == 2:
        ax.plot(d, 1 - d, "k--", lw=0.8, label="T = 1 - d")
    ax.set_xlabel("dilution d")
    ax.set_ylabel("temperature T")
    ax.set_title(f"K = {g.attrs['K']:.0f}")
    ax.set_xlim(d[0] - dd, d[-1] + dd)
    ax.set_ylim(T[0] - dT, T[-1] + dT)
    ax.legend(loc="upper right", fontsize=6)


def amplitude_panel(ax, g):
    """Amplitudes of the hierarchical branch followed in d at T_min, over the T = 0 law."""
    a = g["amplitudes"]
    d, m, law = a["d"][()], a["m"][()], a["law"][()]
    for k in range(m.shape[1]):
        line, = ax.plot(d, m[:, k], "-", lw=1.5, label=f"m_{k + 1}")
        ax.plot(d, law[:, k], "--", lw=0.8, color=line.get_color())
    ax.set_xlabel("dilution d")
    ax.set_ylabel("amplitude")
    ax.set_title(f"K = {g.attrs['K']:.0f}, T = {a.attrs['T']:g} (dashed: (1-d) d^(k-1))")
    ax.legend(fontsize=7)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="HDF5 output of `hebbmc multitask`")
    p.add_argument("-o", "--output", required=True, help="PNG to write")
    p.add_argument("--amplitudes", action="store_true", help="plot amplitudes versus d instead of the diagram")
    args = p.parse_args(argv)
    with h5py.File(args.file, "r") as f:
        groups = diagrams(f)
        if not groups:
            sys.exit(f"{args.file}: no /multitask/K* groups")
        P = int(f["multitask"].attrs["P"])
        fig, axes = plt.subplots(1, len(groups), figsize=(4.5 * len(groups), 4), squeeze=False)
        for ax, g in zip(axes[0], groups):
            amplitude_panel(ax, g) if args.amplitudes else phase_panel(ax, g, P)
        fig.suptitle(f"multitasking, P = {P}, rho = {f['multitask'].attrs['rho']:g}"
                     + ("" if args.amplitudes else ": equilibrium state (docs/multitasking.md)"))
        fig.tight_layout()
        fig.savefig(args.output, dpi=130)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
