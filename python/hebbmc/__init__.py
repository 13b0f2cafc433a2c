"""Reading hebbmc output files (docs/output.md) into xarray and pandas.

    import hebbmc
    run = hebbmc.open("curie_weiss.h5")      # a Run; phase and multitask files give their own classes
    run.dataset["m_mean"].sel(mu=1)          # MC m of pattern 1 over the swept axes
    run.dataset["theory_m"]                  # RS theory at each point (after `hebbmc theory`)
    run.table                                # the same, one pandas row per point
"""
from .errors import HebbmcFileError
from .files import FORMAT_VERSION, file_kind
from .multitask import MultitaskDiagram, open_multitask
from .phase import PhaseDiagram, open_phase
from .provenance import Provenance
from .run import Run, open_run

__all__ = ["open", "open_run", "open_phase", "open_multitask", "Run", "PhaseDiagram", "MultitaskDiagram",
           "Provenance", "HebbmcFileError", "FORMAT_VERSION"]

#: The readers of the file kinds (root attribute kind; "" is `hebbmc run` / `hebbmc theory`).
READERS = {"": open_run, "phase diagram": open_phase, "multitask phase diagram": open_multitask}


def open(path):  # noqa: A001 - the package's entry point, hebbmc.open(path)
    """Read any hebbmc file this package knows (run, phase, multitask); HebbmcFileError otherwise."""
    kind = file_kind(path)
    if kind not in READERS:
        raise HebbmcFileError(path, f"hebbmc file of kind '{kind}', which this package does not read "
                                    f"(it reads: run outputs, {', '.join(k for k in READERS if k)})")
    return READERS[kind](path)
