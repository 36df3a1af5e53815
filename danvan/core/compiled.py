"""Statements compiled once per process, for the reads every page makes (the home page's work).

Building a queryset and compiling it into SQL can cost more than running it (a few milliseconds of
Python for a statement the database answers in one). When the statement depends only on a few
values (the user, their scope, today), it is kept here under a key that names all of them, and
later calls only run it and read its rows back into models, as Django's `ModelIterable` does.
`reporting.computed` keeps its roll-up statements the same way.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

_MAX = 512  # a few per signed-in user (each kept statement holds its compiled query: tens of kB)
_KEPT: OrderedDict[Hashable, Compiled] = OrderedDict()
_LOCK = threading.Lock()  # a threaded server's requests share the process


@dataclass(frozen=True)
class Compiled:
    sql: str | None  # None: the statement can match nothing (Django's EmptyResultSet)
    params: tuple[Any, ...]
    compiler: Any = None  # what reads a row back into models: the compiler of the queryset whose columns these are

    def rows(self, using: str) -> list[Any]:
        if self.sql is None:
            return []
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            return cursor.fetchall()

    def instances(self, rows: list[Any], using: str) -> list[Any]:
        """The rows as models with their `select_related` rows and annotations, as `ModelIterable` makes them."""
        connection, compiler = connections[using], self.compiler
        select, klass_info, annotations = compiler.select, compiler.klass_info, compiler.annotation_col_map
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        populators = get_related_populators(klass_info, select, using)  # type: ignore[call-arg]  # stubs ahead of 5.2
        converters = []  # as the compiler's, for this connection
        for pos, (expression, _sql, _alias) in enumerate(select[: compiler.col_count]):
            funcs = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
            if funcs:
                converters.append((pos, funcs, expression))
        objs = []
        for values in rows:
            row = list(values)
            for pos, functions, expression in converters:
                for convert in functions:
                    row[pos] = convert(row[pos], expression, connection)
            obj = klass_info["model"].from_db(using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, pos in annotations.items():
                setattr(obj, name, row[pos])
            objs.append(obj)
        return objs


def of_queryset(qs: QuerySet[Any]) -> Compiled:
    compiler = qs.query.get_compiler(using=qs.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return Compiled(None, ())
    return Compiled(sql, tuple(params), compiler)


def once(key: Hashable, make: Callable[[], Compiled], *, keep: bool = True) -> Compiled:
    """The statement kept under `key`, made by `make()` the first time (`keep=False`: made every time)."""
    if keep:
        with _LOCK:
            compiled = _KEPT.get(key)
            if compiled is not None:
                _KEPT.move_to_end(key)
                return compiled
    compiled = make()
    if keep:
        with _LOCK:
            _KEPT[key] = compiled
            while len(_KEPT) > _MAX:
                _KEPT.popitem(last=False)
    return compiled


def models(key: Hashable, build: Callable[[], QuerySet[Any]], *, using: str = "default") -> list[Any]:
    """The models `build()`'s queryset reads, its statement compiled once per process under `key`.

    `key` must name everything the queryset depends on (its purpose, the user, the values it holds).
    """
    compiled = once((using, key), lambda: of_queryset(build().using(using)))
    return compiled.instances(compiled.rows(using), using)
