"""The one exception of the package: a file that is not a readable hebbmc output."""


class HebbmcFileError(ValueError):
    """A missing, foreign, damaged or too new hebbmc file; the message starts with the file name."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
