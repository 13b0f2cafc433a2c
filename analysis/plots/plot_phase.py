#!/usr/bin/python3
"""Draw the phase diagram written by `hebbmc phase` (docs/theory.md, "Phase diagrams").

usage: analysis/plots/plot_phase.py PHASE.h5 [-o PLOT.png]
       analysis/plots/plot_phase.py PARAMETERS.toml [--hebbmc PATH] [-o PLOT.png]   (runs `hebbmc phase` first)
       analysis/plots/plot_phase.py LEARNING.h5|.toml [LEARNING2 ...] --plane rho_T|alpha_rho [-o PLOT.png]

Reads /phase/lines/<name>/{alpha,T,status} and /phase/anchors with the hebbmc Python package
(python/hebbmc; the drawing is hebbmc.plotting.phase), draws every line (RS solid,
1RSB dashed, closed forms dotted), marks the T = 0 capacities, and labels the regions:
P (paramagnet), SG (spin glass), R (retrieval is the equilibrium state), M (retrieval states
exist but are metastable). Exit status 2 with a message on stderr if the file is not a hebbmc
phase-diagram file. Needs Debian's /usr/bin/python3 with h5py, numpy, matplotlib.

Learning files (type = "supervised" / "unsupervised", docs/theory.md "Phase diagrams of the learning
models") are drawn in one plane (--plane): rho_T (T_s and T_c versus rho at alpha = 0; top axis r at
the file's M) or alpha_rho (alpha_s and alpha_c versus rho at T_fixed, log alpha). Several learning
files (e.g. the supervised and the unsupervised model) are overlaid, one colour per model; in the
alpha_rho plane the supervised lines divided by gamma (eq. L16) are drawn dotted for comparison.
Regions: R retrieval stable, M retrieval metastable, P paramagnet, SG spin glass.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import hebbmc  # noqa: E402
from hebbmc.plotting import PlotError  # noqa: E402
from hebbmc.plotting.phase import phase_figure  # noqa: E402


def fail(message):
    """Report an unusable input on stderr and exit with status 2."""
    print(f"plot_phase.py: error: {message}", file=sys.stderr)
    sys.exit(2)


def run_hebbmc(path, hebbmc):
    """A .toml input: run `hebbmc phase` into a temporary file and return its path."""
    if not path.endswith(".toml"):
        return path
    import os
    import subprocess
    import tempfile
    tmp = tempfile.mkdtemp()
    import atexit
    import shutil
    atexit.register(shutil.rmtree, tmp, True)
    out = os.path.join(tmp, "phase.h5")
    done = subprocess.run([hebbmc, "phase", path, "-o", out, "--force"])
    if done.returncode != 0:
        sys.exit(done.returncode)
    return out


def main():
    """Parse the options, run `hebbmc phase` for .toml inputs, draw and save the figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="+", help="phase-diagram HDF5 file(s), or parameter file(s) to run `hebbmc phase` on; "
                        "several files only for learning models")
    parser.add_argument("-o", "--output", help="PNG to write (default: FILE with .png)")
    parser.add_argument("--hebbmc", default="hebbmc", help="hebbmc executable used for a .toml input")
    parser.add_argument("--plane", choices=("rho_T", "alpha_rho"), help="plane of a learning diagram")
    parser.add_argument("--mc", nargs="+", metavar="RUN.h5",
                        help="hebbmc run outputs of learning points drawn over the rho_T lines (filled: m_1 > 0.5)")
    args = parser.parse_args()
    paths = [run_hebbmc(p, args.hebbmc) for p in args.file]
    try:
        diagrams = [hebbmc.open_phase(p) for p in paths]
        runs = [hebbmc.open_run(p) for p in args.mc or ()]
        learning = len(diagrams) > 1 or diagrams[0].learning
        out = args.output or args.file[0].rsplit(".", 1)[0] + (f"_{args.plane}.png" if learning else ".png")
        phase_figure(diagrams, out, args.plane, runs)
    except (hebbmc.HebbmcFileError, PlotError) as err:
        fail(str(err))
    print(out)


if __name__ == "__main__":
    main()
