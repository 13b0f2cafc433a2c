"""The provenance root attributes of a hebbmc file (docs/output.md, "Provenance")."""
import dataclasses

from .files import plain, text


@dataclasses.dataclass(frozen=True)
class Provenance:
    """Who wrote a file, when, from which parameter file (the root attributes)."""

    program: str
    version: str
    git_commit: str
    format_version: int
    created: str
    writers: tuple
    parameter_file: str
    parameter_file_name: str
    layout: str
    kind: str
    attributes: dict

    @classmethod
    def read(cls, handle):
        """The provenance of an open, checked h5py.File."""
        attrs = {name: plain(value) for name, value in handle.attrs.items()}
        writers = text(attrs.get("writers", ""))
        return cls(program=text(attrs["program"]), version=text(attrs["version"]),
                   git_commit=text(attrs["git_commit"]), format_version=int(attrs["format_version"]),
                   created=text(attrs["created"]), writers=tuple(line for line in writers.splitlines() if line.strip()),
                   parameter_file=text(attrs["parameter_file"]), parameter_file_name=text(attrs["parameter_file_name"]),
                   layout=text(attrs["layout"]), kind=text(attrs.get("kind", "")), attributes=attrs)
