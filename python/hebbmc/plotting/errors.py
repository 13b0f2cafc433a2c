"""The exception of the plot helpers."""


class PlotError(ValueError):
    """A file or option that the requested figure cannot be drawn from (scripts exit 2 with it)."""
