"""The one shape every validation problem takes: file, line, field path, message, hint."""
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return text + (f"\n    hint: {self.hint}" if self.hint else "")


class ValidationFailed(Exception):
    """Raised with every problem found, so an editor can fix them all in one round."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) found")

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"\n{len(self.problems)} problem(s) found; nothing was built.")
        return "\n".join(lines)
