#!/usr/bin/python3
"""The scripts of analysis/plots/ on files made by the binary: each draws a PNG (exit 0), and each
exits 2 with a message naming the file for a foreign HDF5 file (and some for a text file or a file
of the wrong kind; tests/cli/test_phase.sh runs plot_phase.py on a text file).

usage: test_plots.py HEBBMC SOURCE_DIR    (the scripts find python/hebbmc themselves: no PYTHONPATH)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py

from fixtures import make_files

BINARY, SOURCE = (os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])) if len(sys.argv) > 2 else (None, None)
FILES = {}
#: script -> (input fixture, extra options)
GOOD = {"plot_sweep.py": [("grid", []), ("grid", ["--x", "N", "--y", "m,q"])],
        "plot_phase.py": [("phase", [])],
        "plot_multitask.py": [("multitask", []), ("multitask", ["--amplitudes"])],
        "plot_amplitudes.py": [("diluted", [])], "plot_basin.py": [("basin", [])]}
#: the files each script must refuse besides a foreign HDF5 file (each run costs ~1 s of imports)
ALSO_REFUSED = {"plot_sweep.py": ["text"], "plot_phase.py": [], "plot_multitask.py": ["grid"],
                "plot_amplitudes.py": ["multitask"], "plot_basin.py": ["grid"]}


def setUpModule():
    """Make the sample files and the files to refuse."""
    FILES["dir"] = tempfile.mkdtemp()
    FILES.update(make_files(BINARY, FILES["dir"]))
    FILES["text"] = os.path.join(FILES["dir"], "text.h5")
    with open(FILES["text"], "w") as f:
        f.write("not hdf5\n")
    FILES["foreign"] = os.path.join(FILES["dir"], "foreign.h5")
    with h5py.File(FILES["foreign"], "w") as f:
        f["points/000000/summary/m/mean"] = [1.0]


def tearDownModule():
    """Remove the sample files."""
    shutil.rmtree(FILES["dir"], ignore_errors=True)


def script(name, *args):
    """Run a plot script with Debian's python3 and no PYTHONPATH; the finished process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "analysis", "plots", name), *args],
                          cwd=FILES["dir"], env=env, capture_output=True, text=True)


class Scripts(unittest.TestCase):
    """Command lines, exit codes and outputs of the plot scripts."""

    def test_draws(self):
        for name, cases in GOOD.items():
            for k, (fixture, options) in enumerate(cases):
                png = os.path.join(FILES["dir"], f"{name}_{k}.png")
                done = script(name, FILES[fixture], *options, "-o", png)
                self.assertEqual(done.returncode, 0, f"{name} {options}: {done.stderr}")
                self.assertGreater(os.path.getsize(png), 10000, f"{name} wrote no figure")

    def test_refuses(self):
        for name in GOOD:
            for bad in ["foreign"] + ALSO_REFUSED[name]:
                done = script(name, FILES[bad], "-o", os.path.join(FILES["dir"], "never.png"))
                self.assertEqual(done.returncode, 2, f"{name} on {bad}: exit {done.returncode} {done.stderr}")
                self.assertIn(os.path.basename(FILES[bad]), done.stderr, f"{name} on {bad}")
                self.assertNotIn("Traceback", done.stderr, f"{name} on {bad}")
        self.assertFalse(os.path.exists(os.path.join(FILES["dir"], "never.png")))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
