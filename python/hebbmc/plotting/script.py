"""The command-line contract of the scripts in analysis/plots/: a bad file is a message and exit 2."""
import sys

from ..errors import HebbmcFileError
from .errors import PlotError


def draw(script, make_figure):
    """Call make_figure() and print the line it returns (if any); a HebbmcFileError or PlotError
    becomes `script: message` on stderr. Returns the exit status, 0 or 2."""
    try:
        line = make_figure()
    except (HebbmcFileError, PlotError) as err:
        print(f"{script}: {err}", file=sys.stderr)
        return 2
    if line is not None:
        print(line)
    return 0
