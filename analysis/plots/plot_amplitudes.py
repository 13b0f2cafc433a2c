#!/usr/bin/env python3
"""Sorted amplitudes of a multitasking run versus a swept dilution d (docs/multitasking.md).

    plot_amplitudes.py RUN.h5 -o amplitudes.png

Monte Carlo: summary/amplitudes (k-th largest |m| per replica and record, averaged; error bars are
the disorder errors). RS: theory/amplitudes of each point (`hebbmc theory`, the equilibrium state of
eq. MT3), joined by lines. Dashed: the T = 0 hierarchical law (1-d) d^(k-1).
"""
import argparse
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="HDF5 output of `hebbmc run` on a file sweeping d (d > 0)")
    p.add_argument("-o", "--output", required=True, help="PNG to write")
    args = p.parse_args(argv)
    with h5py.File(args.file, "r") as f:
        if "points" not in f:
            sys.exit(f"plot_amplitudes: {args.file}: no /points (not a hebbmc run output)")
        rows = []
        for name in sorted(f["points"]):
            g = f["points"][name]
            if "summary/amplitudes" not in g:
                sys.exit(f"plot_amplitudes: {args.file}: point {name} has no summary/amplitudes (needs d > 0)")
            rs = g["theory/amplitudes"][:] if "theory/amplitudes" in g else None
            rows.append((float(g.attrs["d"]), g["summary/amplitudes/mean"][:], g["summary/amplitudes/error"][:], rs,
                         float(g.attrs["T"]), int(g.attrs["N"])))
    rows.sort(key=lambda r: r[0])
    d = np.array([r[0] for r in rows])
    mean = np.array([r[1] for r in rows])
    err = np.array([r[2] for r in rows])
    L = mean.shape[1]
    fine = np.linspace(0, 1, 201)
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    for k in range(L):
        color = f"C{k}"
        ax.plot(fine, (1 - fine) * fine**k, "--", color=color, lw=1, alpha=0.7)
        ax.errorbar(d, mean[:, k], yerr=err[:, k], fmt="o", color=color, ms=4, capsize=2,
                    label=f"k = {k + 1}: MC")
        if all(r[3] is not None for r in rows):
            rs = np.array([r[3][k] for r in rows])
            ax.plot(d, rs, "-", color=color, lw=1.2, label=f"k = {k + 1}: RS")
    ax.plot([], [], "k--", lw=1, label="(1-d) d^(k-1), T = 0")
    ax.set_xlabel("dilution d")
    ax.set_ylabel("sorted amplitude |m|_(k)")
    ax.set_xlim(0, 1)
    ax.set_ylim(bottom=0)
    ax.set_title(f"multitasking, P = 2, K = {L}, N = {rows[0][5]}, T = {rows[0][4]:g}")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(args.output, dpi=130)


if __name__ == "__main__":
    main()
