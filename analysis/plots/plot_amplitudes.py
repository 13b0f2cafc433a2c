#!/usr/bin/env python3
"""Sorted amplitudes of a multitasking run versus a swept dilution d (docs/multitasking.md).

    plot_amplitudes.py RUN.h5 -o amplitudes.png

Monte Carlo: summary/amplitudes (k-th largest |m| per replica and record, averaged; error bars are
the disorder errors). RS: theory/amplitudes of each point (`hebbmc theory`, the equilibrium state of
eq. MT3), joined by lines. Dashed: the T = 0 hierarchical law (1-d) d^(k-1). Reads the file with the
hebbmc Python package (python/hebbmc); exit status 2 with a message for a file that is not a hebbmc
run output with amplitudes.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import hebbmc  # noqa: E402
from hebbmc.plotting.multitask import amplitudes_figure  # noqa: E402
from hebbmc.plotting.script import draw  # noqa: E402


def main(argv=None):
    """Parse the options, draw the figure, return the exit status."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="HDF5 output of `hebbmc run` on a file sweeping d (d > 0)")
    p.add_argument("-o", "--output", required=True, help="PNG to write")
    args = p.parse_args(argv)

    def figure():
        amplitudes_figure(hebbmc.open_run(args.file), args.output)
    return draw("plot_amplitudes", figure)


if __name__ == "__main__":
    sys.exit(main())
