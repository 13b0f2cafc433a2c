#!/usr/bin/env bash
# `hebbmc data` (docs/datasets.md) end to end:
#  1. a generated IDX set (gzip) of K = 3 random 10 x 10 archetype images, examples and test images
#     with pixel-sign quality r = 0.6: every class must be classified with accuracy >= 0.9, and the
#     final overlap with the own archetype must be >= 0.9 on average. Why: the own overlap of a test
#     pattern is r = 0.6 +- 0.08 (N = 100), the others 0 +- 0.1, so the nearest archetype is wrong
#     with probability ~1e-5, and from there the P = 4 zero-temperature dynamics (low load, K = 3)
#     retrieves the archetype (m -> 1). M = 30 is well above the example-retrieval threshold
#     M* ~ (1 - r^8)/(r^4 - r^8) = 9 of docs/learning.md, so the unsupervised model retrieves the
#     archetype, not a training example. A broken reader, binarisation, proxy or dynamics fails this.
#  2. the same data as the user's HDF5 file (examples K x M x N int8, with and without archetypes);
#  3. -j 1 and -j 2 give identical datasets (h5diff), for both sources;
#  4. bad parameter files and bad data files exit 2 with the expected message, and write nothing;
#  5. when /usr/share/datasets/fashion-mnist exists: trouser (1) versus bag (8), M = 20, 100 test
#     images per class; the overall accuracy must be >= 0.8 (chance 0.5). Why 0.8: the nearest-proxy
#     accuracy of this pair is 0.93-0.95 and the dynamics gives 0.90-0.92 at M = 20-50 (measured,
#     docs/datasets.md); 0.8 leaves > 5 binomial standard errors (0.02) of margin and still fails any
#     run where the network does not use the class structure.
set -euo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }

# ---- generated data --------------------------------------------------------------------------
"$py" - "$tmp" <<'EOF'
import gzip, struct, sys
import numpy as np
import h5py
out = sys.argv[1]
rng = np.random.default_rng(12345)
K, side, r = 3, 10, 0.6
N = side * side
xi = rng.choice([-1, 1], size=(K, N))
def noisy(mu, count):
    chi = np.where(rng.random((count, N)) < (1 + r) / 2, 1, -1)
    return chi * xi[mu]
def grey(spins):   # ink (+1) -> 128..255, background (-1) -> 0..120: a threshold of 127 recovers the spins
    return np.where(spins > 0, rng.integers(128, 256, spins.shape), rng.integers(0, 121, spins.shape)).astype(np.uint8)
def write_idx(path, arr, gz=True):
    head = struct.pack('>BBBB', 0, 0, 8, arr.ndim) + b''.join(struct.pack('>I', s) for s in arr.shape)
    data = head + arr.astype(np.uint8).tobytes()
    (gzip.open if gz else open)(path, 'wb').write(data)
# train: 40 per class, interleaved labels; test: 25 per class
for name, per in (('train', 40), ('test', 25)):
    spins = np.concatenate([noisy(mu, per) for mu in range(K)])
    labels = np.repeat(np.arange(K), per)
    order = rng.permutation(len(labels))
    write_idx(f'{out}/{name}-images.gz', grey(spins[order]).reshape(-1, side, side))
    write_idx(f'{out}/{name}-labels.gz', labels[order])
    write_idx(f'{out}/{name}-labels.plain', labels[order], gz=False)
# HDF5: K x 60 x N examples, archetypes K x N
ex = np.stack([noisy(mu, 60) for mu in range(K)]).astype(np.int8)
with h5py.File(f'{out}/user.h5', 'w') as f:
    f['examples'] = ex
    f['archetypes'] = xi.astype(np.int8)
with h5py.File(f'{out}/noarch.h5', 'w') as f:
    f['examples'] = ex
# damaged / foreign HDF5 files
with h5py.File(f'{out}/rank2.h5', 'w') as f: f['examples'] = ex[0]
with h5py.File(f'{out}/float.h5', 'w') as f: f['examples'] = ex.astype(np.float32)
bad = ex.copy(); bad[1, 2, 3] = 2
with h5py.File(f'{out}/value.h5', 'w') as f: f['examples'] = bad
with h5py.File(f'{out}/foreign.h5', 'w') as f: f['something'] = ex
with h5py.File(f'{out}/archshape.h5', 'w') as f:
    f['examples'] = ex; f['archetypes'] = xi[:2].astype(np.int8)
with h5py.File(f'{out}/empty.h5', 'w') as f: f.create_dataset('examples', shape=(3, 0, N), dtype='i1')
# damaged IDX: truncated images, wrong magic, out-of-range label, count mismatch
img = gzip.open(f'{out}/train-images.gz').read()
gzip.open(f'{out}/trunc-images.gz', 'wb').write(img[:-7])
gzip.open(f'{out}/magic-images.gz', 'wb').write(b'\x01\x02' + img[2:])
lab = bytearray(gzip.open(f'{out}/train-labels.gz').read()); lab[8 + 5] = 11
gzip.open(f'{out}/range-labels.gz', 'wb').write(bytes(lab))
lab = gzip.open(f'{out}/train-labels.gz').read()
write_idx(f'{out}/short-labels.gz', np.frombuffer(lab[8:-1], np.uint8))
EOF

idx_toml() {  # $1 = output toml, $2 = extra [data] lines
  cat > "$1" <<EOF
[model]
type = "supervised"
P = 4
[dynamics]
rule = "zero_temperature"
sweeps = 30
[data]
source = "idx"
train_images = "$tmp/train-images.gz"
train_labels = "$tmp/train-labels.gz"
test_images = "$tmp/test-images.gz"
test_labels = "$tmp/test-labels.gz"
classes = [0, 1, 2]
M = 30
test_per_class = 20
threshold = 127
$2
EOF
}

# Reads an output and requires accuracy >= 0.9 and mean own overlap >= 0.9 for every class.
check_accuracy() {
  "$py" - "$1" <<'EOF'
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], 'r')
acc = f['results/accuracy'][()]; m = np.diag(f['results/mean_overlap'][()])
print('accuracy', acc, 'own overlap', m)
assert (acc >= 0.9).all(), f'accuracy {acc} below 0.9'
assert (m >= 0.9).all(), f'mean own overlap {m} below 0.9'
assert f['results/confusion'][()].sum() == f['test/true_class'].shape[0]
for name in ('accuracy', 'confusion', 'mean_overlap'):
    assert f['results/' + name].attrs['description'] and f['results/' + name].attrs['units']
EOF
}

# 1 + 3: IDX source, plain labels too, and thread independence.
idx_toml "$tmp/idx.toml" ""
"$hebbmc" data "$tmp/idx.toml" -o "$tmp/idx1.h5" -j 1 -q > "$tmp/idx1.txt"
"$hebbmc" data "$tmp/idx.toml" -o "$tmp/idx2.h5" -j 2 -q > /dev/null
grep -q "^label 0" "$tmp/idx1.txt" || fail "no accuracy table printed"
check_accuracy "$tmp/idx1.h5"
for g in /data /test /results; do h5diff "$tmp/idx1.h5" "$tmp/idx2.h5" "$g" "$g" || fail "-j 1 and -j 2 differ in $g (IDX)"; done
# Glauber at low temperature (T = 0.002: the field on a spin at the start, R^(-2) s^3 yhat / 3! with
# s ~ r m0 = 0.36 and R = 0.39, is ~0.05, so T must be well below it) with a random selection: still deterministic across thread counts.
idx_toml "$tmp/idxg.toml" 'selection = "random"
seed = 5'
sed -i 's/rule = "zero_temperature"/rule = "glauber"\nT = 0.002/' "$tmp/idxg.toml"
"$hebbmc" data "$tmp/idxg.toml" -o "$tmp/g1.h5" -j 1 -q > /dev/null
"$hebbmc" data "$tmp/idxg.toml" -o "$tmp/g2.h5" -j 2 -q > /dev/null
check_accuracy "$tmp/g1.h5"
for g in /data /test /results; do h5diff "$tmp/g1.h5" "$tmp/g2.h5" "$g" "$g" || fail "-j 1 and -j 2 differ in $g (glauber)"; done
# Uncompressed IDX labels read the same.
idx_toml "$tmp/plain.toml" ""
sed -i "s#train_labels = .*#train_labels = \"$tmp/train-labels.plain\"#" "$tmp/plain.toml"
"$hebbmc" data "$tmp/plain.toml" -o "$tmp/plain.h5" -q > /dev/null
h5diff "$tmp/idx1.h5" "$tmp/plain.h5" /results /results || fail "plain and gzip labels give different results"
# Centred binarisation (D1c) and overlaps with the teacher averages (proxy = "mean", D5), each
# recomputed here from the IDX files and the stored spins: the training and test spins must be
# sign(pixel - mean training image) exactly (ties -> -1), and the overlaps (1/N) sum_i yhat_i s_i
# within 1e-12 (integer sums divided once). The class signal survives centring (pixels where the
# three archetypes differ keep it), so the bounds of check_accuracy still hold. With proxy = "mean"
# only the accuracy bound applies: a retrieved archetype overlaps yhat by about r, not 1.
idx_toml "$tmp/centred.toml" ''
sed -i 's/^threshold = 127/threshold = "mean_image"/' "$tmp/centred.toml"
"$hebbmc" data "$tmp/centred.toml" -o "$tmp/centred.h5" -q > /dev/null
check_accuracy "$tmp/centred.h5"
idx_toml "$tmp/mean.toml" 'proxy = "mean"'
"$hebbmc" data "$tmp/mean.toml" -o "$tmp/mean.h5" -q > /dev/null
"$py" - "$tmp" <<'EOF'
import gzip, sys, h5py, numpy as np
tmp = sys.argv[1]
def idx(path):
    raw = gzip.open(path).read()
    dims = raw[3]; shape = [int.from_bytes(raw[4 + 4 * k:8 + 4 * k], 'big') for k in range(dims)]
    return np.frombuffer(raw[4 + 4 * dims:], np.uint8).reshape(shape)
train = idx(f'{tmp}/train-images.gz').reshape(-1, 100).astype(np.int64)
test = idx(f'{tmp}/test-images.gz').reshape(-1, 100).astype(np.int64)
f = h5py.File(f'{tmp}/centred.h5', 'r')
items = f['data/example_item'][()].ravel()
total, count = train[items].sum(axis=0), len(items)
spins = lambda img: np.where(img * count > total, 1, -1)
assert (f['data/examples'][()].reshape(-1, 100) == spins(train[items])).all(), 'training spins are not D1c'
assert (f['test/initial_state'][()] == spins(test[f['test/item'][()]])).all(), 'test spins are not D1c'
assert 'D1c' in f['data'].attrs['binarisation'] and f['data'].attrs['proxy'].startswith('sign')
f = h5py.File(f'{tmp}/mean.h5', 'r')
assert f['data'].attrs['proxy'].startswith('mean')
acc = f['results/accuracy'][()]
assert (acc >= 0.9).all(), f'accuracy {acc} below 0.9 with proxy = "mean"'
yhat = f['data/examples'][()].mean(axis=1)                       # K x N
for name in ('initial', 'final'):
    want = f[f'test/{name}_state'][()] @ yhat.T / 100
    got = f[f'test/{name}_overlap'][()]
    assert np.abs(got - want).max() < 1e-12, f'{name} overlaps are not those with yhat'
print('D1c and proxy = "mean" recomputed: ok')
EOF

# 2 + 3: HDF5 source, unsupervised (exact and Plefka) and supervised, with and without archetypes.
h5_toml() {  # $1 toml, $2 file, $3 type, $4 evaluation line
  cat > "$1" <<EOF
[model]
type = "$3"
$4
P = 4
[dynamics]
rule = "zero_temperature"
sweeps = 30
[data]
source = "hdf5"
path = "$2"
classes = [0, 1, 2]
M = 30
test_per_class = 20
EOF
}
h5_toml "$tmp/h5.toml" "$tmp/user.h5" unsupervised 'evaluation = "exact"'
"$hebbmc" data "$tmp/h5.toml" -o "$tmp/h1.h5" -j 1 -q > /dev/null
"$hebbmc" data "$tmp/h5.toml" -o "$tmp/h2.h5" -j 2 -q > /dev/null
check_accuracy "$tmp/h1.h5"
for g in /data /test /results; do h5diff "$tmp/h1.h5" "$tmp/h2.h5" "$g" "$g" || fail "-j 1 and -j 2 differ in $g (HDF5)"; done
h5_toml "$tmp/h5p.toml" "$tmp/noarch.h5" unsupervised 'evaluation = "plefka"'
"$hebbmc" data "$tmp/h5p.toml" -o "$tmp/hp.h5" -q > /dev/null
check_accuracy "$tmp/hp.h5"
h5_toml "$tmp/h5s.toml" "$tmp/noarch.h5" supervised ''
"$hebbmc" data "$tmp/h5s.toml" -o "$tmp/hs.h5" -q > /dev/null
check_accuracy "$tmp/hs.h5"
# Given archetypes are stored as given; proxies (no archetypes) equal them here (M = 30, r = 0.6:
# a proxy site is wrong with probability P(Binomial(30, 0.8) <= 15) ~ 2e-4; 3 of 300 allowed).
"$py" - "$tmp/h1.h5" "$tmp/hs.h5" "$tmp/user.h5" <<'EOF'
import sys, h5py, numpy as np
given = h5py.File(sys.argv[3], 'r')['archetypes'][()]
a = h5py.File(sys.argv[1], 'r')['data/archetypes'][()]; p = h5py.File(sys.argv[2], 'r')['data/archetypes'][()]
assert (a == given).all(), 'given archetypes not stored as given'
assert (p != given).sum() <= 3, f'{(p != given).sum()} proxy sites differ from the archetypes'
r = h5py.File(sys.argv[1], 'r')['data/r'][()]
assert (abs(r - 0.6) < 0.05).all(), f'empirical r {r} not 0.6 +- 0.05 (sd sqrt(0.64/3000) = 0.015)'
EOF

# 4: bad input exits 2 with its message and writes nothing.
expect_error() {  # $1 = toml, $2 = expected message fragment
  local out="$tmp/should_not_exist.h5" status=0 msg
  msg=$("$hebbmc" data "$1" -o "$out" -q 2>&1 >/dev/null) || status=$?
  [[ $status -eq 2 ]] || fail "$1: exit $status, expected 2 ($msg)"
  [[ "$msg" == *"$2"* ]] || fail "$1: message '$msg' lacks '$2'"
  [[ ! -e "$out" ]] || fail "$1: wrote an output despite the error"
  echo "ok: $2"
}
bad() {  # $1 name, $2 sed expression on idx.toml, $3 expected message
  sed "$2" "$tmp/idx.toml" > "$tmp/$1.toml"
  expect_error "$tmp/$1.toml" "$3"
}
# `hebbmc check` of a data file reads and checks it and its data like `data`, and runs nothing.
abs_hebbmc="$(realpath "$hebbmc")"
(cd "$tmp" && "$abs_hebbmc" check "$tmp/idx.toml" > "$tmp/check.txt") || fail "check of a good data file failed"
grep -q "idx.toml: OK, hebbmc data: IDX" "$tmp/check.txt" || fail "check printed: $(cat "$tmp/check.txt")"
[[ ! -e "$tmp/idx.h5" ]] || fail "check wrote an output"
sed 's/^M = 30/M = 41/' "$tmp/idx.toml" > "$tmp/check_bad.toml"
status=0; msg=$("$hebbmc" check "$tmp/check_bad.toml" 2>&1 >/dev/null) || status=$?
[[ $status -eq 2 && "$msg" == *"key 'M': 41 items of class 0 requested"* ]] || fail "check of a bad data file: exit $status, '$msg'"
echo "ok: check of data files"
bad odd_P 's/^P = 4/P = 3/' "odd_P.toml:3: key 'P': expected an even integer"
bad unknown_key 's/^M = 30/M = 30\nMM = 3/' "key 'MM': unknown key in [data]"
bad wrong_type 's/^M = 30/M = "30"/' "key 'M': expected an integer"
bad M_too_large 's/^M = 30/M = 41/' "key 'M': 41 items of class 0 requested"
bad test_too_large 's/^test_per_class = 20/test_per_class = 26/' "key 'test_per_class': 26 items of class 0 requested"
bad class_range 's/^classes = .*/classes = [0, 10]/' "key 'classes': class 10 out of range [0, 9]"
bad class_twice 's/^classes = .*/classes = [1, 1]/' "class 1 listed twice"
bad one_class 's/^classes = .*/classes = [1]/' "at least 2 classes"
bad T_at_zero 's/^sweeps = 30/sweeps = 30\nT = 1/' "key 'T': rule \"zero_temperature\" needs T = 0"
bad T_and_beta 's/^sweeps = 30/sweeps = 30\nT = 0\nbeta = inf/' "key 'beta': give exactly one of T and beta"
bad bad_rule 's/zero_temperature/heat_bath/' "key 'rule': expected one of"
bad plefka_supervised 's/^P = 4/P = 4\nevaluation = "plefka"/' "applies to type = \"unsupervised\" only"
bad threshold 's/^threshold = 127/threshold = 255/' "key 'threshold': expected an integer in [0, 254]"
bad threshold_word 's/^threshold = 127/threshold = "mean"/' "key 'threshold': expected \"median\", \"mean_image\" or an integer"
bad proxy 's/^M = 30/M = 30\nproxy = "median"/' "key 'proxy': expected one of"
bad extra_table 's/^\[data\]/[run]\nseed = 1\n[data]/' "key 'run': unexpected at the top level"
bad missing_file "s#test-images.gz#nothere.gz#" "nothere.gz: IDX: file not found"
bad truncated "s#train-images.gz#trunc-images.gz#" "IDX: truncated data"
bad magic "s#train-images.gz#magic-images.gz#" "IDX: wrong magic number"
bad label_range "s#train-labels.gz#range-labels.gz#" "label 11 of item 5 out of range [0, 9]"
bad count_mismatch "s#train-labels.gz#short-labels.gz#" "120 images but 119 labels"
for case in "rank2:has rank 2; expected 3" "float:non-integer type" "value:entry [1, 2, 3] is 2; expected -1, 0 or 1" \
            "foreign:no dataset '/examples'" "archshape:'/archetypes' is 2 x 100" "empty:is empty"; do
  h5_toml "$tmp/h5bad.toml" "$tmp/${case%%:*}.h5" supervised ''
  expect_error "$tmp/h5bad.toml" "${case#*:}"
done
h5_toml "$tmp/h5bad.toml" "$tmp/user.h5" supervised ''
sed -i 's/^M = 30/M = 50/' "$tmp/h5bad.toml"
expect_error "$tmp/h5bad.toml" "key 'M': M + test_per_class = 70 examples per class needed"
sed -i 's/^M = 50/M = 30/; s/^classes = .*/classes = [0, 3]/' "$tmp/h5bad.toml"
expect_error "$tmp/h5bad.toml" "class 3 out of range"
h5_toml "$tmp/h5bad.toml" "$tmp/idx1.toml" supervised ''
expect_error "$tmp/h5bad.toml" "no such file"
# An existing output is not overwritten without --force.
status=0; "$hebbmc" data "$tmp/idx.toml" -o "$tmp/idx1.h5" -q 2>/dev/null >/dev/null || status=$?
[[ $status -eq 2 ]] || fail "existing output: exit $status, expected 2"

# 5: the packaged Fashion-MNIST, trouser versus bag.
fm=/usr/share/datasets/fashion-mnist
if [[ ! -e $fm/train-images-idx3-ubyte.gz ]]; then
  echo "SKIP: $fm not installed (Debian package dataset-fashion-mnist): Fashion-MNIST check not run"
  exit 0
fi
cat > "$tmp/fm.toml" <<EOF
[model]
type = "supervised"
P = 4
[dynamics]
rule = "zero_temperature"
sweeps = 30
[data]
source = "fashion-mnist"
classes = [1, 8]
M = 20
test_per_class = 100
EOF
"$hebbmc" data "$tmp/fm.toml" -o "$tmp/fm.h5" -q
"$py" - "$tmp/fm.h5" <<'EOF'
import sys, h5py
f = h5py.File(sys.argv[1], 'r')
a = f['results/accuracy_overall'][()]
print('Fashion-MNIST trouser vs bag: accuracy', a, '+-', f['results/accuracy_overall_error'][()], '(chance 0.5)')
assert a >= 0.8, f'accuracy {a} below 0.8'
EOF
echo "test_data: all checks passed"
