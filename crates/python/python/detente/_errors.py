"""detente's exceptions. Every error a caller can act on names what was wrong and where."""

from __future__ import annotations

from typing import Any, List, Optional


class DetenteError(Exception):
    """Base class of the errors detente raises."""


class DictionaryError(DetenteError, ValueError):
    """A dictionary file the coder could not read: ``file:line: message``, as the CLI reports it."""

    def __init__(self, file: str, line: int, message: str):
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message

    def __reduce__(self):
        return (type(self), (self.file, self.line, self.message))


class ArticleError(DetenteError, ValueError):
    """An article that could not be coded (no text, a text that is not a string, invalid UTF-8).

    ``index`` is its position in the batch (or its row in an Arrow input), ``article_id`` its id when it has
    one.
    """

    def __init__(self, message: str, index: Optional[int] = None, article_id: Optional[str] = None):
        where = []
        if index is not None:
            where.append(f"article {index}")
        if article_id is not None:
            where.append(f"id {article_id!r}")
        super().__init__(f"{' '.join(where)}: {message}" if where else message)
        self.message = message
        self.index = index
        self.article_id = article_id

    def __reduce__(self):
        return (type(self), (self.message, self.index, self.article_id))


class InputError(DetenteError, ValueError):
    """A file, line or record that could not be read as an article, named as the CLI names it."""

    def __init__(self, file: str, line: Optional[int], record: Optional[int], message: str):
        if line is not None:
            where = f"{file}:{line}"
        elif record is not None:
            where = f"{file}: record {record}"
        else:
            where = file
        super().__init__(f"{where}: {message}")
        self.file = file
        self.line = line
        self.record = record
        self.message = message

    def __reduce__(self):
        return (type(self), (self.file, self.line, self.record, self.message))


class BatchError(DetenteError):
    """Some articles of a batch could not be coded; the others were.

    ``errors`` lists an :class:`ArticleError` per bad article; ``results`` holds what was coded: for
    ``code_batch`` a list with ``None`` where an article was bad, for ``code_arrow``/``code_tables`` the tables
    of the good rows.
    """

    def __init__(self, errors: List[ArticleError], results: Any, total: int):
        first = errors[0] if errors else "none"
        super().__init__(
            f"{len(errors)} of {total} articles could not be coded (first: {first}); "
            "the others were coded: see .results and .errors"
        )
        self.errors = errors
        self.results = results
        self.total = total

    def __reduce__(self):
        return (type(self), (self.errors, self.results, self.total))
