#!/usr/bin/python3
"""rule = "parallel" through `hebbmc run` against the exact stationary state of Little dynamics
(docs/dynamics.md, eqs. D1-D3), computed here in NumPy from the energy alone.

The point: N = 10, P = 2, K = 1, T = 1. With one pattern the gauge sigma_i -> xi_i sigma_i maps the
chain onto the one with xi = (1, ..., 1), so the recorded energy per neuron does not depend on
the drawn pattern and the 1024 states of that ferromagnet give its exact law. The energy of
physics.md section 3 (distinct indices): H = -(M^2 - N) / (2 N), M = sum_i sigma_i.

usage: test_parallel_rule.py HEBBMC SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

BINARY = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
N, T = 10, 1.0
RUN = f"""\
[model]
N = {N}
P = 2
K = 1

[dynamics]
rule = "parallel"
T = {T}
sweeps = 400000
thermalization = 100

[run]
seed = 4
samples = 1
replicas = 2
"""


def energies(states):
    """H of each row of +-1 spins (K = 1, xi = 1)."""
    M = states.sum(axis=1)
    return -(M ** 2 - N) / (2 * N)


def exact_energies():
    """Mean energy per neuron under the stationary law of (D2) and under Boltzmann."""
    states = np.array([[1 if (b >> i) & 1 else -1 for i in range(N)] for b in range(2 ** N)], dtype=float)
    e = energies(states)
    fields = np.empty_like(states)
    for i in range(N):  # (D1): h_i = s_i (H(s with i flipped) - H(s)) / 2
        flipped = states.copy()
        flipped[:, i] *= -1
        fields[:, i] = states[:, i] * (energies(flipped) - e) / 2
    up = 1 / (1 + np.exp(-2 * fields / T))  # (D2), [from state, site]
    # T(s -> t) = prod_i P(t_i | s); stationary pi = pi T with sum pi = 1, by a linear solve.
    transition = np.exp(np.log(np.where(states[None, :, :] > 0, up[:, None, :], 1 - up[:, None, :])).sum(axis=2))
    system = transition.T - np.eye(len(states))
    system[-1, :] = 1
    rhs = np.zeros(len(states))
    rhs[-1] = 1
    pi = np.linalg.solve(system, rhs)
    boltzmann = np.exp(-e / T)
    boltzmann /= boltzmann.sum()
    return float(pi @ e) / N, float(boltzmann @ e) / N


class ParallelRule(unittest.TestCase):
    """The recorded energy is Little's stationary value, not Boltzmann's."""

    def test_energy_is_the_stationary_value_of_the_synchronous_chain(self):
        # Tolerance 4 recorded errors (binning error of the replica-averaged series, docs/statistics.md):
        # a correct chain fails with probability ~6e-5; the seed is fixed, so the test is deterministic.
        # The Boltzmann value must lie more than 10 errors away, or the test could not tell the chains apart.
        with tempfile.TemporaryDirectory() as work:
            toml = os.path.join(work, "little.toml")
            with open(toml, "w") as f:
                f.write(RUN)
            subprocess.run([BINARY, "run", toml, "-o", "little.h5", "-q", "-j", "1"], cwd=work, check=True)
            with h5py.File(os.path.join(work, "little.h5")) as f:
                energy = f["points/000000/summary/energy"]
                mean, error = float(energy["mean"][0]), float(energy["error"][0])
        stationary, boltzmann = exact_energies()
        print(f"N={N} K=1 T={T} parallel: H/N = {mean:.5f} +- {error:.5f}; stationary {stationary:.5f}, "
              f"Boltzmann {boltzmann:.5f}", file=sys.stderr)
        self.assertGreater(error, 0)
        self.assertLess(abs(mean - stationary), 4 * error)
        self.assertGreater(abs(mean - boltzmann), 10 * error)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
