"""Text search objects of the snapshot model: templates and parsers (the C functions behind dictionaries
and configurations), dictionaries and configurations. Apart from :mod:`pgcanon.catalog.objects` for size
only; the same conventions hold, and :mod:`~pgcanon.catalog.model` lists them in ``KINDS``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class TextSearchTemplate:
    """A text search template (``CREATE TEXT SEARCH TEMPLATE``, ``pg_ts_template``): the functions a
    dictionary of it runs, qualified unless in pg_catalog (``dsimple_lexize``). ALTER can only rename it
    or move it: any other change is a drop and a create."""

    kind: ClassVar[str] = "text search template"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    init: str | None
    lexize: str
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class TextSearchParser:
    """A text search parser (``CREATE TEXT SEARCH PARSER``, ``pg_ts_parser``): its START, GETTOKEN, END,
    LEXTYPES and (optional) HEADLINE functions, spelled as for a template. Like a template, ALTER can
    only rename it or move it."""

    kind: ClassVar[str] = "text search parser"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    start: str
    gettoken: str
    end: str
    lextypes: str
    headline: str | None
    comment: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class TextSearchDictionary:
    """A text search dictionary (``CREATE TEXT SEARCH DICTIONARY``, ``pg_ts_dict``).

    ``template`` is qualified (``pg_catalog.snowball``). ``options`` are the template's options in
    stored order, each as PostgreSQL writes it (``stopwords = 'english'``: the name through
    quote_identifier, the value always a quoted string), so spellings that store the same compare
    equal. ALTER TEXT SEARCH DICTIONARY changes the options, not the template. ``users`` is what
    depends on the dictionary (configurations mapping to it, and the like): not compared, it says
    what a change the plan cannot make would break.
    """

    kind: ClassVar[str] = "text search dictionary"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    template: str
    options: tuple[str, ...]
    comment: str | None
    users: tuple[str, ...] = field(compare=False)

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class TextSearchConfiguration:
    """A text search configuration (``CREATE TEXT SEARCH CONFIGURATION``, ``pg_ts_config``) and its mappings.

    ``parser`` is qualified (``pg_catalog."default"``). ``mappings`` holds one item per token type that
    has any, sorted by the parser's alias for it: ``asciiword WITH public.english_ispell, english_stem``,
    the dictionaries in the order they are tried (regdictionary's names: pg_catalog's unqualified).
    ALTER TEXT SEARCH CONFIGURATION changes the mappings, not the parser. ``users`` is what depends
    on the configuration through a ``regconfig`` constant (generated columns, indexes, views…): not
    compared, it says what a change the plan cannot make would break.
    """

    kind: ClassVar[str] = "text search configuration"
    key_fields: ClassVar[tuple[str, ...]] = ("schema", "name")
    schema: str
    name: str
    parser: str
    mappings: tuple[str, ...]
    comment: str | None
    users: tuple[str, ...] = field(compare=False)

    @property
    def key(self) -> tuple[str, ...]:
        return (self.schema, self.name)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"
