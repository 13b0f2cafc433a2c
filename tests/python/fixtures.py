"""Small hebbmc files for the Python tests, made by the binary under test in a temporary directory."""
import os
import subprocess
import textwrap

#: A 3 x 2 grid (T slowest, N fastest), trajectories on, two patterns recorded, RS curves along T.
GRID = """\
[model]
P = 2
K = 2

[dynamics]
sweeps = 60
thermalization = 10

[run]
seed = 3
samples = 2
replicas = 2
record_patterns = 2
trajectories = true

[sweep]
T = { from = 0.4, to = 1.2, steps = 3 }
N = [40, 60]
"""

#: T and sweeps zipped into one axis of length 3, times two seeds.
ZIPPED = """\
[model]
N = 30
P = 2
K = 1

[dynamics]
thermalization = 5

[run]
samples = 1
replicas = 2

[sweep]
seed = [1, 2]
T = [0.3, 0.6, 0.9]
sweeps = [20, 30, 40]
zip = ["T", "sweeps"]
"""

#: Diluted patterns (multitasking) swept in d: summary/amplitudes and theory/amplitudes.
DILUTED = """\
[model]
P = 2
N = 60
K = 2

[dynamics]
T = 0.1
sweeps = 40
thermalization = 10

[run]
seed = 5
samples = 2
replicas = 2
record_patterns = 2

[sweep]
d = [0.2, 0.5]
"""

#: A basin-of-attraction sweep: noisy starts of archetype 1 at three initial overlaps, two loads.
BASIN = """\
[model]
N = 80
P = 2

[dynamics]
T = 0.05
init = "noisy_pattern"
sweeps = 20
thermalization = 5

[run]
seed = 2
samples = 4
replicas = 2
record_patterns = 1

[sweep]
K = [2, 8]
init_overlap = [0.0, 0.5, 1.0]
"""

#: A coarse AGS phase diagram (a second or two).
PHASE = """\
[model]
N = 1000
P = 2
alpha = 0.05

[dynamics]
T = 0.5
sweeps = 100

[phase]
alpha = [0.0, 0.16]
T = [0.0, 1.5]
points = 5
"""

#: A 3 x 3 multitask diagram for K = 2.
MULTITASK = """\
[multitask]
P = 2
K = [2]
d = [0.1, 0.5]
T = [0.3, 1.0]
points = 3
"""


def hebbmc(binary, *args, cwd):
    """Run the binary quietly; raise with its stderr if it fails."""
    done = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"hebbmc {' '.join(args)} exited {done.returncode}: {done.stderr}")


def make_files(binary, directory):
    """Write the parameter files and their outputs into directory; return {name: path of the .h5}."""
    files = {}
    for name, text, commands in (("grid", GRID, ("run", "theory")), ("zipped", ZIPPED, ("run",)),
                                 ("diluted", DILUTED, ("run", "theory")), ("basin", BASIN, ("run",)), ("phase", PHASE, ("phase",)),
                                 ("multitask", MULTITASK, ("multitask",))):
        toml = os.path.join(directory, f"{name}.toml")
        with open(toml, "w") as f:
            f.write(textwrap.dedent(text))
        out = os.path.join(directory, f"{name}.h5")
        for command in commands:
            hebbmc(binary, command, toml, "-o", out, "-q", "-j", "2", cwd=directory)
        files[name] = out
    return files
