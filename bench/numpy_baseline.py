#!/usr/bin/python3
"""NumPy baseline for bench_storage: the same Glauber chain, written as a physicist would.

Storage model at P = 4 with distinct indices (physics.md section 3), K = round(alpha N^3) binary
patterns xi stored site-major as an int8 array (N, K), exact integer overlaps M (int64). For
each attempted flip of spin k the energy change is computed vectorised over the K patterns,

    E = -(1 / (24 N^3)) sum_mu F(M_mu),   F(M) = M^4 - 6 n M^2 + 3 n^2 + 8 M^2 - 6 n,

(24 N^4 e_4 by the Newton identities; n = number of non-blank entries = N for binary patterns),
so dE = -(sum_mu F(M_mu - 2 sigma_k xi^mu_k) - F(M_mu)) / (24 N^3), and M is replaced on
acceptance. Glauber rule: flip with probability 1 / (1 + exp(beta dE)); random site
permutation each sweep; started from pattern 1.

Metric (same as bench_storage): pattern-updates/s = K * attempted flips / second.

Usage: bench/numpy_baseline.py [--N 200] [--alpha 0.01] [--beta 30] [--sweeps S] [--warmup W]
                               [--reps 5] [--seed 1]
       bench/numpy_baseline.py --selftest   (checks F against a brute-force sum over tuples)
"""
import argparse
import itertools
import math
import sys
import time

import numpy as np


def newton_F4(M, n):
    """24 N^4 e_4 as a polynomial in the integer overlap M (n = non-blank entries); exact in int64."""
    M2 = M * M
    return M2 * (M2 + (8 - 6 * n)) + (3 * n * n - 6 * n)


def energy(M, n, N):
    """Total distinct-index P = 4 energy, -(1/(24 N^3)) sum_mu F(M_mu)."""
    return -float(np.sum(newton_F4(M, n))) / (24.0 * N**3)


def tuple_sum(y):
    """Literal sum over ordered 4-tuples of distinct sites of y_i y_j y_k y_l (tiny N only)."""
    return sum(y[a] * y[b] * y[c] * y[d] for a, b, c, d in itertools.permutations(range(len(y)), 4))


def selftest(seed=7):
    """Checks F (binary and blank entries) and the chain's dE against brute-force tuple sums."""
    rng = np.random.default_rng(seed)
    checks = 0
    for N in (4, 5, 6, 7, 8):
        for d in (0.0, 0.3):
            for _ in range(5):
                v = rng.choice(np.array([-1, 1], dtype=np.int64), size=N)
                v[rng.random(N) < d] = 0
                s = rng.choice(np.array([-1, 1], dtype=np.int64), size=N)
                y = v * s
                M, n = int(y.sum()), int(np.count_nonzero(v))
                assert newton_F4(M, n) == tuple_sum(y), (N, d, v, s)
                # dE of one flip, as computed in the chain, against two brute-force energies.
                k = int(rng.integers(N))
                dE_chain = -float(newton_F4(M - 2 * int(s[k]) * int(v[k]), n) - newton_F4(M, n)) / (24.0 * N**3)
                s2 = s.copy()
                s2[k] = -s2[k]
                dE_brute = -(tuple_sum(v * s2) - tuple_sum(y)) / (24.0 * N**3)
                assert dE_chain == dE_brute, (N, d, dE_chain, dE_brute)
                checks += 2
    # The vectorised energy of the chain against per-pattern brute force, binary patterns.
    N, K = 6, 9
    xi = (2 * rng.integers(0, 2, size=(N, K)) - 1).astype(np.int8)
    s = (2 * rng.integers(0, 2, size=N) - 1).astype(np.int8)
    M = (xi.astype(np.int64) * s[:, None]).sum(axis=0)
    brute = -sum(tuple_sum(xi[:, mu].astype(np.int64) * s) for mu in range(K)) / (24.0 * N**3)
    assert math.isclose(energy(M, N, N), brute, rel_tol=0, abs_tol=1e-12)
    print(f"selftest: {checks + 1} checks passed (F = 24 N^4 e_4 matches the tuple sum; dE exact)")


def run_sweeps(xi, M, sigma, beta, sweeps, rng):
    """Runs `sweeps` Glauber sweeps in place; returns (new M, number of accepted flips)."""
    N = xi.shape[0]
    n = N  # binary patterns: every entry is non-blank
    norm = 1.0 / (24.0 * N**3)
    accepted = 0
    for _ in range(sweeps):
        sites = rng.permutation(N)
        draws = rng.random(N)
        for k, u in zip(sites, draws):
            s = int(sigma[k])
            M_new = M - (2 * s) * xi[k].astype(np.int64)
            dE = -float(np.sum(newton_F4(M_new, n) - newton_F4(M, n))) * norm
            x = beta * dE
            if x < 700.0 and u * (1.0 + math.exp(x)) < 1.0:
                M = M_new
                sigma[k] = -s
                accepted += 1
    return M, accepted


def main():
    """Parses the flags, times `reps` blocks of `sweeps` sweeps and prints the metric."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--N", type=int, default=200)
    ap.add_argument("--alpha", type=float, default=0.01)
    ap.add_argument("--beta", type=float, default=30.0)
    ap.add_argument("--sweeps", type=int, default=-1, help="timed sweeps per rep (-1: about 5e7 pattern-updates)")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--selftest", action="store_true")
    a = ap.parse_args()
    if a.selftest:
        selftest()
        return 0
    N = a.N
    K = int(round(a.alpha * N**3))
    sweeps = a.sweeps if a.sweeps > 0 else max(1, round(5e7 / (K * N)))
    rng = np.random.default_rng(a.seed)
    xi = (2 * rng.integers(0, 2, size=(N, K), dtype=np.int8) - 1).astype(np.int8)  # site-major (N, K)
    sigma = xi[:, 0].copy()  # retrieval start: sigma = xi^1
    M = (xi.astype(np.int64) * sigma[:, None].astype(np.int64)).sum(axis=0)
    print(f"# numpy_baseline: P=4 alpha={a.alpha:g} N={N} K={K} beta={a.beta:g} sweeps={sweeps} "
          f"warmup={a.warmup} reps={a.reps} numpy={np.__version__}")
    M, _ = run_sweeps(xi, M, sigma, a.beta, a.warmup, rng)
    rates, acc_total = [], 0
    for r in range(a.reps):
        t0 = time.perf_counter()  # monotonic, like std::chrono::steady_clock
        M, acc = run_sweeps(xi, M, sigma, a.beta, sweeps, rng)
        dt = time.perf_counter() - t0
        flips = sweeps * N
        rates.append(K * flips / dt)
        acc_total += acc
        print(f"rep {r}: {dt:.4f} s  {rates[-1]:.4g} pattern-updates/s  acceptance {acc / flips:.4g}  "
              f"m1 {M[0] / N:.4f}")
    fresh = (xi.astype(np.int64) * sigma[:, None].astype(np.int64)).sum(axis=0)
    assert np.array_equal(fresh, M), "integer overlaps drifted from the spins"
    print(f"RESULT impl=numpy N={N} K={K} beta={a.beta:g} median={np.median(rates):.4g} min={min(rates):.4g} "
          f"max={max(rates):.4g} acceptance={acc_total / (a.reps * sweeps * N):.4g} m1={M[0] / N:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
