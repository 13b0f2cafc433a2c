"""Figures of hebbmc files (matplotlib): the drawing behind the scripts in analysis/plots/."""
from .errors import PlotError

__all__ = ["PlotError"]
