#!/usr/bin/python3
"""The Python package python/hebbmc against the files the binary writes (README, "Python").

usage: test_package.py HEBBMC SOURCE_DIR    (PYTHONPATH must hold SOURCE_DIR/python)

Checks: the Dataset and the table give the same numbers as /summary and /points read with h5py;
the axes are the swept values of the parameter file (a product grid, a zipped axis); the
parameters, provenance, trajectories, histograms and theory curve; the phase lines and anchors
and the multitask grid; the install script's .pth; and that missing, foreign, damaged, too new and wrong-kind files raise
HebbmcFileError (a ValueError) naming the file.
"""
import os
import shutil
import sys
import tempfile
import tomllib
import unittest

import h5py
import numpy as np

import hebbmc
from fixtures import make_files

BINARY, SOURCE = (os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])) if len(sys.argv) > 2 else (None, None)
FILES = {}


def setUpModule():
    """Make the sample files once for all tests."""
    FILES["dir"] = tempfile.mkdtemp()
    FILES.update(make_files(BINARY, FILES["dir"]))


def tearDownModule():
    """Remove the sample files."""
    shutil.rmtree(FILES["dir"], ignore_errors=True)


class RunFile(unittest.TestCase):
    """hebbmc.open on `hebbmc run` + `hebbmc theory` outputs."""

    @classmethod
    def setUpClass(cls):
        cls.out = hebbmc.open(FILES["grid"])
        cls.h5 = h5py.File(FILES["grid"], "r")

    @classmethod
    def tearDownClass(cls):
        cls.h5.close()

    def test_is_run(self):
        self.assertIsInstance(self.out, hebbmc.Run)

    def test_axes_are_the_swept_values_of_the_parameter_file(self):
        sweep = tomllib.loads(self.out.parameter_file)["sweep"]
        self.assertEqual(self.out.dims, ("T", "N"))
        self.assertEqual(dict(self.out.dataset.sizes)["N"], 2)
        np.testing.assert_array_equal(self.out.dataset["N"].values, sweep["N"])
        t = sweep["T"]
        np.testing.assert_allclose(self.out.dataset["T"].values, np.linspace(t["from"], t["to"], t["steps"]),
                                   rtol=1e-12)
        self.assertEqual(self.out.swept, ["T", "N"])

    def test_dataset_equals_summary_table(self):
        s = self.h5["summary"]
        ds = self.out.dataset
        for row, point in enumerate(s["point"][()]):
            at = ds.sel(N=s["N"][row], T=s["T"][row])
            for column in ("m_mean", "m_error", "q_mean", "q_error", "energy_mean", "energy_error",
                           "theory_m", "theory_q", "theory_energy"):
                value = at[column].sel(mu=1) if "mu" in at[column].dims else at[column]
                self.assertEqual(float(value), s[column][row], f"{column} at point {point}")
                self.assertEqual(self.out.table.loc[point, column], s[column][row], f"table {column}")
            self.assertTrue(bool(at["complete"]))
        for column in s:  # every /summary column is in the table, row by point (alpha = K / N^(P-1) too)
            if column != "point":
                np.testing.assert_allclose(self.out.table.loc[s["point"][()], column].to_numpy(dtype=float),
                                           s[column][()].astype(float), rtol=0, err_msg=column)

    def test_dataset_equals_point_groups(self):
        ds = self.out.dataset
        for name in self.h5["points"]:
            g = self.h5["points"][name]
            at = ds.sel(N=g.attrs["N"], T=g.attrs["T"])
            np.testing.assert_array_equal(at["m_mean"].values, g["summary/m/mean"][()])
            np.testing.assert_array_equal(at["m_tau_int"].values, g["summary/m/tau_int"][()])
            self.assertEqual(float(at["binder_m_mean"]), g["summary/binder_m/mean"][0])
            self.assertEqual(float(at["acceptance"]), g["summary/acceptance"][()])
            self.assertEqual(float(at["theory_free_energy"]), g["theory/free_energy"][()])
            self.assertEqual(self.out.table.loc[int(name), "m_mean_mu2"], g["summary/m/mean"][1])
            self.assertEqual(float(at["beta"]), g.attrs["beta"])

    def test_quantile_bands_are_numpy_quantiles_of_the_sample_means(self):
        # docs/statistics.md S-Q: median and quartiles over samples of per_sample_mean, linear
        # interpolation (numpy.quantile's default); the file's values must be those to rounding.
        for name in self.h5["points"]:
            for obs, group in self.h5["points"][name]["summary"].items():
                if not isinstance(group, h5py.Group):
                    continue
                expected = np.quantile(group["per_sample_mean"][()], [0.25, 0.5, 0.75], axis=0)
                for row, stat in enumerate(("quantile_25", "median", "quantile_75")):
                    np.testing.assert_allclose(group[stat][()], expected[row], rtol=1e-14, atol=1e-15,
                                               err_msg=f"{name}/{obs}/{stat}")
            s = self.h5["summary"]
            row = list(s["point"][()]).index(int(name))
            self.assertEqual(s["m_median"][row], self.h5["points"][name]["summary/m/median"][0])
            at = self.out.dataset.sel(N=self.h5["points"][name].attrs["N"], T=self.h5["points"][name].attrs["T"])
            np.testing.assert_array_equal(at["m_quantile_75"].values, self.h5["points"][name]["summary/m/quantile_75"][()])

    def test_parameters_and_provenance(self):
        with open(FILES["grid"][:-3] + ".toml") as f:
            self.assertEqual(self.out.parameter_file, f.read())
        p = self.out.parameters
        self.assertEqual(list(p.index), list(range(6)))
        np.testing.assert_allclose(p["beta"], 1 / p["T"], rtol=1e-12)
        self.assertEqual(set(p["status"]), {"complete"})
        prov = self.out.provenance
        self.assertEqual(prov.program, "hebbmc")
        self.assertEqual(prov.format_version, 1)
        self.assertEqual(prov.version, self.h5.attrs["version"])
        self.assertTrue(prov.parameter_file_name.endswith("grid.toml"))
        self.assertEqual(len(prov.writers), 2)  # run, then theory
        self.assertIn(": run at ", prov.writers[0])
        self.assertIn(": theory at ", prov.writers[1])

    def test_trajectory_and_histogram(self):
        raw = self.h5["points/000004/trajectory/m"][()]
        m = self.out.trajectory(4, "m")
        self.assertEqual(m.dims, ("sample", "replica", "record", "mu"))
        np.testing.assert_array_equal(m.values, raw)
        self.assertEqual(self.out.trajectory(4, "q").dims, ("sample", "record"))
        h = self.out.histogram(4, "m", component=2, bins=7)
        self.assertEqual(int(h.sum()), raw[..., 1].size)
        np.testing.assert_array_equal(h.values, np.histogram(raw[..., 1], bins=7)[0])
        self.assertEqual(self.out.point(N=60, T=0.8), 3)  # T index 1, N index 1
        with self.assertRaises(KeyError):
            self.out.trajectory(4, "nbar")

    def test_theory_curve(self):
        curve = self.out.theory_curve
        g = self.h5["theory_curve"]
        self.assertEqual(curve.attrs["x"], "T")
        np.testing.assert_array_equal(curve["T"].values, g["x"][()])
        np.testing.assert_array_equal(curve["m"].values, g["m"][()])
        self.assertEqual(list(curve["label"].values), [v.decode() if isinstance(v, bytes) else v for v in g["label"][()]])

    def test_zipped_axis(self):
        run = hebbmc.open(FILES["zipped"])
        self.assertEqual(run.dims, ("seed", "T"))
        np.testing.assert_array_equal(run.dataset["T"].values, [0.3, 0.6, 0.9])
        np.testing.assert_array_equal(run.dataset["sweeps"].values, [20, 30, 40])
        self.assertEqual(run.dataset["sweeps"].dims, ("T",))
        with h5py.File(FILES["zipped"], "r") as f:
            for row, point in enumerate(f["summary/point"][()]):
                g = f[f"points/{point:06d}"]
                at = run.dataset.sel(seed=g.attrs["seed"], T=g.attrs["T"])
                self.assertEqual(float(at["m_mean"].sel(mu=1)), f["summary/m_mean"][row])

    def test_diluted_amplitudes(self):
        run = hebbmc.open(FILES["diluted"])
        ds = run.dataset
        with h5py.File(FILES["diluted"], "r") as f:
            g = f["points/000001"]
            np.testing.assert_array_equal(ds["amplitudes_mean"].sel(d=0.5).values, g["summary/amplitudes/mean"][()])
            if "theory/amplitudes" in g:
                np.testing.assert_array_equal(ds["theory_amplitudes"].sel(d=0.5).values, g["theory/amplitudes"][()])

    def test_old_format_file(self):
        run = hebbmc.open(os.path.join(SOURCE, "tests/data/format1/small.h5"))
        self.assertEqual(run.provenance.writers, ())  # written before the writers attribute
        np.testing.assert_array_equal(run.dataset["T"].values, [0.05, 0.1])


class PhaseFiles(unittest.TestCase):
    """hebbmc.open on `hebbmc phase` and `hebbmc multitask` outputs."""

    def test_phase_lines_and_anchors(self):
        diagram = hebbmc.open(FILES["phase"])
        self.assertIsInstance(diagram, hebbmc.PhaseDiagram)
        self.assertFalse(diagram.learning)
        with h5py.File(FILES["phase"], "r") as f:
            self.assertEqual(set(diagram.lines), set(f["phase/lines"]))
            for name, line in diagram.lines.items():
                np.testing.assert_array_equal(line["alpha"], f[f"phase/lines/{name}/alpha"][()])
                np.testing.assert_array_equal(line.frame()["T"].to_numpy(), f[f"phase/lines/{name}/T"][()])
                self.assertIn(line.attrs["level"], ("RS", "1RSB", "closed form"))
            self.assertEqual(set(diagram.anchors), set(f["phase/anchors"]))
        self.assertAlmostEqual(diagram.anchors["T_c_alpha0"], 1.0, delta=1e-9)  # AGS, alpha = 0
        self.assertEqual(diagram.meta["P"], 2)
        self.assertIn("T_c_alpha0", diagram.anchors_frame().index)
        self.assertEqual(diagram.provenance.kind, "phase diagram")

    def test_multitask_grid(self):
        diagram = hebbmc.open(FILES["multitask"])
        self.assertIsInstance(diagram, hebbmc.MultitaskDiagram)
        self.assertEqual(list(diagram.panels), [2])
        panel = diagram.panels[2]
        with h5py.File(FILES["multitask"], "r") as f:
            g = f["multitask/K2"]
            np.testing.assert_array_equal(panel.grid["region"].values, g["grid/region"][()])
            self.assertEqual(panel.grid["region"].dims, ("T", "d"))
            np.testing.assert_array_equal(panel.grid["d"].values, g["grid/d"][()])
            self.assertEqual(len(panel.boundaries), len(g["boundaries/d"]))
            np.testing.assert_array_equal(panel.amplitudes["m"].values, g["amplitudes/m"][()])


class Install(unittest.TestCase):
    """scripts/install-python.sh DIR writes a .pth that makes the package importable without PYTHONPATH."""

    def test_pth_file(self):
        import subprocess
        target = os.path.join(FILES["dir"], "site")
        done = subprocess.run(["bash", os.path.join(SOURCE, "scripts", "install-python.sh"), target],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(os.path.join(target, "hebbmc.pth")) as f:
            self.assertEqual(f.read().strip(), os.path.join(SOURCE, "python"))
        check = subprocess.run(["/usr/bin/python3", "-I", "-c", "import site, sys; site.addsitedir(sys.argv[1]); "
                                "import hebbmc; print(hebbmc.__file__)", target], capture_output=True, text=True)
        self.assertEqual(check.stdout.strip(), os.path.join(SOURCE, "python", "hebbmc", "__init__.py"), check.stderr)


class RefusedFiles(unittest.TestCase):
    """Files the package must refuse with HebbmcFileError naming the file."""

    def refused(self, path, opener=hebbmc.open, needle=""):
        """Assert opener(path) raises HebbmcFileError whose message names path (and contains needle)."""
        with self.assertRaises(hebbmc.HebbmcFileError) as caught:
            opener(path)
        self.assertIsInstance(caught.exception, ValueError)
        self.assertIn(path, str(caught.exception))
        self.assertIn(needle, str(caught.exception))
        return str(caught.exception)

    def copy(self, name):
        """A fresh copy of the grid run file."""
        path = os.path.join(FILES["dir"], name)
        shutil.copyfile(FILES["grid"], path)
        return path

    def test_missing_and_not_hdf5(self):
        self.refused(os.path.join(FILES["dir"], "absent.h5"), needle="no such file")
        text = os.path.join(FILES["dir"], "text.h5")
        with open(text, "w") as f:
            f.write("not hdf5\n")
        self.refused(text, needle="not an HDF5 file")
        self.refused(text, hebbmc.open_run)

    def test_foreign_hdf5(self):
        path = os.path.join(FILES["dir"], "foreign.h5")
        with h5py.File(path, "w") as f:
            f["summary/m_mean"] = np.zeros(3)
        self.refused(path, needle="not a hebbmc output file")
        with h5py.File(path, "a") as f:
            f.attrs["program"] = "other"
        self.refused(path, hebbmc.open_phase, needle="'other'")

    def test_truncated(self):
        path = self.copy("truncated.h5")
        size = os.path.getsize(path)
        with open(path, "r+b") as f:
            f.truncate(size // 2)
        self.refused(path)

    def test_missing_group_and_newer_format(self):
        path = self.copy("no_summary.h5")
        with h5py.File(path, "a") as f:
            del f["summary"]
        self.refused(path, needle="/summary")
        path = self.copy("newer.h5")
        with h5py.File(path, "a") as f:
            f.attrs["format_version"] = 2
        self.refused(path, needle="newer")

    def test_wrong_kind(self):
        self.refused(FILES["phase"], hebbmc.open_run, needle="wrong kind")
        self.refused(FILES["grid"], hebbmc.open_phase, needle="wrong kind")
        self.refused(FILES["grid"], hebbmc.open_multitask, needle="wrong kind")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
