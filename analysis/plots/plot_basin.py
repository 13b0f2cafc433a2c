#!/usr/bin/python3
"""Plot a basin-of-attraction run: final m_1 against the initial overlap init_overlap.

Usage: plot_basin.py OUTPUT.h5 [-o PLOT.png] [--y OBS]

The run starts at a noisy copy of archetype 1 (init = "noisy_pattern", docs/parameters.md I1) with
init_overlap swept, e.g. runs/examples/basin_hopfield.toml. Reads the file with the hebbmc Python
package (python/hebbmc): per point the mean and error of the observable and, where recorded, its
median and 25 % / 75 % quantiles over disorder samples (drawn as a band). One series per combination
of the other swept keys. Exit status 2 with a message on stderr when the file is not a hebbmc output
or has no init_overlap.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import hebbmc  # noqa: E402
from hebbmc.plotting.basin import basin_figure  # noqa: E402
from hebbmc.plotting.script import draw  # noqa: E402


def main(argv):
    """Parse the options, draw the figure, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="hebbmc HDF5 output of a run with init_overlap swept")
    parser.add_argument("-o", "--output", help="image file (default: FILE_basin.png)")
    parser.add_argument("--y", default="m", help="observable (default m, pattern 1)")
    args = parser.parse_args(argv)
    output = args.output or f"{os.path.splitext(args.file)[0]}_basin.png"
    return draw("plot_basin", lambda: basin_figure(hebbmc.open_run(args.file), output, args.y))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
