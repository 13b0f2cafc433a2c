#!/usr/bin/python3
"""The authors' style of simulation against hebbmc: time to the same error bar on m.

The dense-network scripts of the papers this project serves update all spins at once from fields
computed by dense matrix products. Here, for the storage model at P (physics.md section 3) in its
large-N form H = -(N / P!) sum_mu m_mu^P:

    m = xi^T sigma / N,   h = xi m^(P-1) / (P-1)!,   P(sigma_i -> +1) = 1 / (1 + exp(-2 beta h)),

two BLAS matrix-vector products (float64) and one vector of uniforms per update of all N spins,
started at pattern 1. The field keeps the self-interaction terms that the distinct-index
Hamiltonian of hebbmc leaves out (an O(1/N) difference), and the synchronous chain is a different
Markov chain from hebbmc's sequential Glauber chain (docs/dynamics.md, D3), so their raw speeds
are not comparable. What is comparable is the wall time each needs to measure <m_1> to a given
error: with the integrated autocorrelation time tau of the m_1 series (in updates or sweeps) and
its variance var, n = 2 tau var / eps^2 updates give the error eps, so

    seconds_to_error(eps) = (seconds per update) x 2 tau var / eps^2.

tau is estimated by Sokal's automatic window (the smallest W with W >= 6 tau(W)) from the
recorded series of each chain, the same estimator for both. hebbmc runs the same model
(`hebbmc run` with one sample, one replica, trajectories on, every sweep recorded, started at
pattern 1, Glauber, random site order); its seconds per sweep are its wall time over its sweeps,
start-up included.

Usage: bench/numpy_parallel_baseline.py HEBBMC [--P 4] [--N 200] [--alpha 0.01] [--beta 30]
                                        [--updates 4000] [--warmup 400] [--eps 1e-3] [--seed 1] [--reps 1]
Each chain runs --reps times with the same seed, so its series (and tau, var) are the same every
time and only the clock varies; the seconds per update are the median over the repetitions.
Prints one RESULT line per chain and one RATIO line (NumPy seconds to eps / hebbmc seconds to eps;
undefined when a chain's m_1 never changed, as the NumPy chain's at beta = 30, where the
self-interaction of its field pins pattern 1 exactly).
"""
import argparse
import math
import os
import subprocess
import tempfile
import time

import h5py
import numpy as np


def tau_int(x, c=6.0):
    """Integrated autocorrelation time of series x with Sokal's automatic window; (tau, var)."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    var = float(np.var(x))
    if n < 4 or var == 0.0:
        return 0.5, var
    y = x - x.mean()
    f = np.fft.rfft(y, 2 * n)
    acf = np.fft.irfft(f * np.conj(f))[:n] / (n * var)
    tau = 0.5
    for w in range(1, n):
        tau += acf[w]
        if w >= c * tau:
            break
    return max(tau, 0.5), var


def numpy_chain(P, N, K, beta, updates, warmup, seed):
    """The synchronous chain above; returns (m_1 series, seconds per update)."""
    rng = np.random.default_rng(seed)
    xi = rng.choice(np.array([-1.0, 1.0]), size=(N, K))
    sigma = xi[:, 0].copy()
    norm = 1.0 / math.factorial(P - 1)
    series = np.empty(updates)
    start = time.perf_counter()
    for t in range(warmup + updates):
        m = xi.T @ sigma / N
        h = xi @ (m ** (P - 1)) * norm
        sigma = np.where(rng.random(N) < 1.0 / (1.0 + np.exp(-2.0 * beta * h)), 1.0, -1.0)
        if t == warmup - 1:
            start = time.perf_counter()
        if t >= warmup:
            series[t - warmup] = xi[:, 0] @ sigma / N
    return series, (time.perf_counter() - start) / updates


def hebbmc_chain(hebbmc, P, N, alpha, beta, sweeps, warmup, seed):
    """hebbmc's sequential Glauber chain; returns (m_1 series, seconds per sweep, hebbmc's own tau)."""
    with tempfile.TemporaryDirectory() as work:
        toml = os.path.join(work, "p.toml")
        with open(toml, "w") as f:
            f.write(f"""[model]
N = {N}
P = {P}
alpha = {alpha}

[dynamics]
rule = "glauber"
init = "pattern"
sweeps = {sweeps}
thermalization = {warmup}

[run]
seed = {seed}
samples = 1
replicas = 1
record_patterns = 1
trajectories = true
output = "p.h5"

[sweep]
beta = [{beta}]
""")
        start = time.perf_counter()
        subprocess.run([hebbmc, "run", toml, "-q", "-j", "1", "-o", os.path.join(work, "p.h5")], check=True,
                       stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        with h5py.File(os.path.join(work, "p.h5"), "r") as f:
            series = f["points/000000/trajectory/m"][0, 0, :, 0]
            own_tau = float(np.ravel(f["points/000000/summary/m/tau_int"][:])[0])
            K = int(f["points/000000"].attrs["K"])
    return series, seconds / (sweeps + warmup), own_tau, K


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("hebbmc")
    a.add_argument("--P", type=int, default=4)
    a.add_argument("--N", type=int, default=200)
    a.add_argument("--alpha", type=float, default=0.01)
    a.add_argument("--beta", type=float, default=30.0)
    a.add_argument("--updates", type=int, default=4000)
    a.add_argument("--warmup", type=int, default=400)
    a.add_argument("--eps", type=float, default=1e-3)
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--reps", type=int, default=1)
    o = a.parse_args()
    h_times, n_times = [], []
    for _ in range(o.reps):  # in turn, so both see the same load
        h_series, h_sweep, h_own_tau, K = hebbmc_chain(o.hebbmc, o.P, o.N, o.alpha, o.beta, o.updates, o.warmup,
                                                       o.seed)
        n_series, n_update = numpy_chain(o.P, o.N, K, o.beta, o.updates, o.warmup, o.seed)
        h_times.append(h_sweep)
        n_times.append(n_update)
    h_sweep, n_update = float(np.median(h_times)), float(np.median(n_times))
    rows = {}
    for name, series, dt in (("hebbmc", h_series, h_sweep), ("numpy", n_series, n_update)):
        tau, var = tau_int(series)
        to_eps = dt * 2.0 * tau * var / o.eps**2
        rows[name] = to_eps
        extra = f" hebbmc_tau_int={h_own_tau:.3g}" if name == "hebbmc" else ""
        print(f"RESULT {name} P={o.P} N={o.N} K={K} beta={o.beta:g} m={series.mean():.5f} var={var:.3g} "
              f"tau_int={tau:.3g}{extra} spin_updates_per_s={o.N / dt:.3g} pattern_updates_per_s={o.N * K / dt:.3g} "
              f"seconds_to_error_{o.eps:g}={to_eps:.3g} reps={o.reps}")
    if min(rows.values()) > 0:
        print(f"RATIO numpy/hebbmc seconds_to_error={rows['numpy'] / rows['hebbmc']:.3g}")
    else:  # a chain that never moved has no error bar to reach: its zero is not a speed
        print("RATIO undefined: a chain's m_1 never changed (var = 0), so no error bar can be compared")


if __name__ == "__main__":
    main()
