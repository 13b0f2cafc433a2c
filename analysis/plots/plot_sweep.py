#!/usr/bin/python3
"""Plot a hebbmc sweep: Monte Carlo points with error bars over the replica-symmetric curves.

Usage: plot_sweep.py OUTPUT.h5 [-o PLOT.png] [--x KEY] [--y OBS[,OBS...]]

Reads the run file with the hebbmc Python package (python/hebbmc, docs/output.md): the per-point
<obs>_mean, <obs>_error, theory_<obs> and the optional /theory_curve. One series per combination
of the swept parameters other than the x axis; with several observables (e.g. --y m,nbar for the
learning models, docs/learning.md) one marker per observable on one axes. Exit status 2 with a
message on stderr when the file is not a hebbmc output or the requested columns are missing.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import hebbmc  # noqa: E402
from hebbmc.plotting import PlotError  # noqa: E402
from hebbmc.plotting.script import draw  # noqa: E402
from hebbmc.plotting.sweep import sweep_figure  # noqa: E402


def warn(message):
    """A note on stderr that does not stop the plot."""
    print(f"plot_sweep: {message}", file=sys.stderr)


def main(argv):
    """Parse the options, draw the figure, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="hebbmc HDF5 output")
    parser.add_argument("-o", "--output", help="image file (default: FILE_<obs>.png)")
    parser.add_argument("--x", help="x axis key (default: the first swept key)")
    parser.add_argument("--y", default="m",
                        help="observable(s), comma-separated: m, q, energy, nbar, example_dominance, ... (default m)")
    args = parser.parse_args(argv)
    observables = [obs.strip() for obs in args.y.split(",") if obs.strip()]
    output = args.output or f"{os.path.splitext(args.file)[0]}_{'_'.join(observables)}.png"

    def figure():
        if not observables:
            raise PlotError("--y names no observable")
        return sweep_figure(hebbmc.open_run(args.file), output, args.x, observables, warn)
    return draw("plot_sweep", figure)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
