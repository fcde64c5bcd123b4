"""detente: political event data (CAMEO, PLOVER) and attributed quotes from news text, coded in process.

    >>> import detente
    >>> coder = detente.Coder()                      # built-in dictionaries; Coder(dictionaries=["my-dicts"])
    >>> coded = coder.code("Russia attacked Ukraine on Monday.")    # output schema v1, as a dict
    >>> coded["events"][0]["code"]
    >>> coder.code_batch(articles, threads=4)        # in parallel, without the GIL, in input order
    >>> events = coder.code_arrow(table)             # a pyarrow.Table, one row per event
    >>> print(detente.explain("Russia attacked Ukraine on Monday."))

Spark: :func:`detente.spark.code_events`; Dask: :func:`detente.dask.code_events`.
"""

from __future__ import annotations

from typing import Optional

from ._detente import (
    SCHEMA_VERSION,
    ArticleReader,
    Coder,
    Explanation,
    __version__,
    read_articles,
    read_dictionaries,
    schema,
)
from ._errors import ArticleError, BatchError, DetenteError, DictionaryError, InputError

__all__ = [
    "SCHEMA_VERSION",
    "ArticleError",
    "ArticleReader",
    "BatchError",
    "Coder",
    "DetenteError",
    "DictionaryError",
    "Explanation",
    "InputError",
    "__version__",
    "explain",
    "read_articles",
    "read_dictionaries",
    "schema",
]

_builtin: Optional[Coder] = None


def explain(sentence: str, date: Optional[str] = None) -> Explanation:
    """What fired in ``sentence`` and why each event was or was not coded, with the built-in dictionaries
    (``Coder(...).explain`` for others). ``date`` (YYYY-MM-DD) matters for people's roles.
    ``print()`` the result for the explanation the CLI's ``detente explain`` prints."""
    global _builtin
    if _builtin is None:
        _builtin = Coder()
    return _builtin.explain(sentence, date)
