#!/usr/bin/env bash
# <|m_mu|> and <m_mu^2> (summary/abs_m, summary/m2; observables/recorded_series.hpp), the finite-N
# order parameters beside the signed <m_mu>: recomputed in NumPy from the recorded trajectory of m
# (|m| and m^2 per replica and record, averaged over replicas, records, then disorder samples) for
# storage points from a random start at T = 0.05 and 0.5, and for a supervised point. They must
# agree within 1e-12 (the same doubles summed in another order), and |<m>| <= <|m|> <= sqrt(<m^2>)
# must hold per pattern (Jensen). The paramagnetic point shows why they exist: there <m_1> is
# ~0 while <|m_1|> is of order N^(-1/2). No trajectory is written for them: trajectory/m holds it.
set -euo pipefail
hebbmc="$1"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/storage.toml" <<'TOML'
[model]
N = 60
P = 4
alpha = 0.01
[dynamics]
rule = "glauber"
init = "random"
sweeps = 400
thermalization = 50
[run]
seed = 3
samples = 3
replicas = 2
record_patterns = 2
trajectories = true
[sweep]
T = [0.05, 0.5]
TOML
cat > "$tmp/supervised.toml" <<'TOML'
[model]
type = "supervised"
N = 60
P = 4
K = 2
M = 10
r = 0.6
[dynamics]
rule = "glauber"
init = "pattern"
sweeps = 300
thermalization = 50
T = 0.02
[run]
seed = 4
samples = 2
replicas = 2
record_patterns = 2
trajectories = true
TOML
for f in storage supervised; do
  "$hebbmc" run "$tmp/$f.toml" -o "$tmp/$f.h5" -q -j 2 2> /dev/null
done
/usr/bin/python3 - "$tmp/storage.h5" "$tmp/supervised.h5" <<'PY'
import sys, h5py, numpy as np
for path in sys.argv[1:]:
    f = h5py.File(path, 'r')
    for name, g in f['points'].items():
        m = g['trajectory/m'][()]                                   # samples x replicas x records x L
        for obs, want in (('abs_m', np.abs(m)), ('m2', m * m)):
            want = want.mean(axis=1).mean(axis=1).mean(axis=0)
            got = g[f'summary/{obs}/mean'][()]
            assert np.abs(got - want).max() < 1e-12, f'{path} {name} {obs}: {got} vs {want}'
            assert g[f'summary/{obs}'].attrs['description'], f'{obs} has no description'
            assert obs not in g['trajectory'], f'{obs} has a trajectory of its own'
        mean, absm, m2 = (g[f'summary/{o}/mean'][()] for o in ('m', 'abs_m', 'm2'))
        assert (np.abs(mean) <= absm + 1e-15).all() and (absm <= np.sqrt(m2) + 1e-15).all(), (mean, absm, m2)
        print(f'{path.split("/")[-1]} point {name}: <m> {mean} <|m|> {absm} <m^2> {m2}')
f = h5py.File(sys.argv[1], 'r')['points/000001/summary']
assert abs(f['m/mean'][0]) < 0.5 * f['abs_m/mean'][0], 'paramagnet: <m_1> should be far below <|m_1|>'
print('test_m_moments: ok')
PY
