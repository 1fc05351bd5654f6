"""The single exception type raised for problems in the knowledge files."""
from __future__ import annotations


class KnowledgeError(Exception):
    """A problem in the knowledge directory.

    ``str(error)`` starts with the YAML file (relative to the knowledge dir) and the
    key path inside it, e.g.
    ``contacts.yml: contacts[3].phone: '06-1234' is not a valid Dutch phone number``.
    """

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path:
            return f"{self.file}: {self.path}: {self.problem}"
        return f"{self.file}: {self.problem}"
