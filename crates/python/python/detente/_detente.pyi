"""Type hints of the native module (crates/python/src); documentation is on the objects themselves."""

from os import PathLike
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Tuple, Union

import pyarrow as pa

__version__: str
SCHEMA_VERSION: int

Article = Union[str, bytes, Mapping[str, Any]]
Path = Union[str, PathLike]
ArrowInput = Any  # pyarrow.Table, RecordBatch, RecordBatchReader, a list of batches, or __arrow_c_stream__

class Coder:
    def __init__(self, dictionaries: Union[None, Path, Sequence[Path]] = None, goldstein: str = "gdelt") -> None: ...
    @staticmethod
    def from_sources(sources: Sequence[Tuple[str, str]], goldstein: str = "gdelt") -> "Coder": ...
    @property
    def dictionary_set(self) -> str: ...
    @property
    def goldstein(self) -> str: ...
    @property
    def dictionary_files(self) -> List[str]: ...
    def code(self, article: Article) -> Dict[str, Any]: ...
    def code_json(self, article: Article) -> str: ...
    def code_batch(
        self,
        articles: Iterable[Article],
        threads: Optional[int] = None,
        errors: Literal["raise", "return"] = "raise",
        as_json: bool = False,
    ) -> List[Any]: ...
    def code_arrow(
        self,
        data: ArrowInput,
        table: Literal["events", "quotes", "mentions"] = "events",
        *,
        threads: Optional[int] = None,
        errors: Literal["raise", "skip"] = "raise",
        text_col: Optional[str] = None,
        id_col: Optional[str] = None,
        title_col: Optional[str] = None,
        date_col: Optional[str] = None,
        source_col: Optional[str] = None,
        url_col: Optional[str] = None,
    ) -> pa.Table: ...
    def code_tables(
        self,
        data: ArrowInput,
        *,
        threads: Optional[int] = None,
        errors: Literal["raise", "skip"] = "raise",
        text_col: Optional[str] = None,
        id_col: Optional[str] = None,
        title_col: Optional[str] = None,
        date_col: Optional[str] = None,
        source_col: Optional[str] = None,
        url_col: Optional[str] = None,
    ) -> Dict[str, pa.Table]: ...
    def explain(self, text: str, date: Optional[str] = None) -> "Explanation": ...

class Explanation:
    @property
    def text(self) -> str: ...
    @property
    def events(self) -> List[Dict[str, Any]]: ...
    @property
    def article(self) -> Dict[str, Any]: ...

class ArticleReader(Iterator[Dict[str, Optional[str]]]):
    def __iter__(self) -> "ArticleReader": ...
    def __next__(self) -> Dict[str, Optional[str]]: ...

def schema(table: Literal["events", "quotes", "mentions", "errors"] = "events") -> pa.Schema: ...
def read_articles(paths: Union[Path, Sequence[Path]], errors: Literal["raise", "warn"] = "raise") -> ArticleReader: ...
def read_dictionaries(folders: Union[Path, Sequence[Path]]) -> List[Tuple[str, str]]: ...
