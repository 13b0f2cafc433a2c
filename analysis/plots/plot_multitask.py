#!/usr/bin/env python3
"""Plots of `hebbmc multitask` output (docs/multitasking.md, "Commands").

    plot_multitask.py FILE.h5 -o docs/multitask_phase.png                 # (d, T) diagrams, one panel per K
    plot_multitask.py FILE.h5 --amplitudes -o docs/multitask_amplitudes.png  # m_k(d) at T_min over (1-d) d^(k-1)

Reads the file with the hebbmc Python package (python/hebbmc); the drawing is
hebbmc.plotting.multitask. Exit status 2 with a message on stderr for a file that is not a
hebbmc multitask output.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import hebbmc  # noqa: E402
from hebbmc.plotting.multitask import multitask_figure  # noqa: E402
from hebbmc.plotting.script import draw  # noqa: E402


def main(argv=None):
    """Parse the options, draw the figure, return the exit status."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="HDF5 output of `hebbmc multitask`")
    p.add_argument("-o", "--output", required=True, help="PNG to write")
    p.add_argument("--amplitudes", action="store_true", help="plot amplitudes versus d instead of the diagram")
    args = p.parse_args(argv)

    def figure():
        multitask_figure(hebbmc.open_multitask(args.file), args.output, args.amplitudes)
        return f"wrote {args.output}"
    return draw("plot_multitask", figure)


if __name__ == "__main__":
    sys.exit(main())
