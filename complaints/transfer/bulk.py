"""Inserting many new records fast: ``insert(records)``.

Django's bulk_create compiles every value of every row through the field's
SQL machinery, and a model instance costs more to make than a row costs to
check; for a 100,000-case import the two took longer than reading, checking
and matching the whole file. Here a new record is a ``NewRecord`` (the model
and its values, the model's defaults filled in once), each field is asked once
how its values go to the database (most need nothing: text, numbers,
booleans, foreign keys). PostgreSQL takes the ids from the table's sequence
and the rows by COPY; SQLite runs one single-row INSERT for every row
(executemany) and the rows take the next ids. Model instances may be inserted
too (stages, whose due dates need the model's methods).
"""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models
from django.utils import timezone

# Fields whose values the database driver cannot take as they are.
_PREPARED = (models.DateField, models.DecimalField, models.JSONField)
_DEFAULTS: dict = {}


class NewRecord:
    """A record to insert: ``values`` by attname, the model's defaults filled
    in. Reads like an instance (``record.case_id``); ``pk`` is set by insert."""

    __slots__ = ("model", "values", "pk")

    def __init__(self, model, values: dict):
        if model not in _DEFAULTS:
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            made = [f for f in fields if f.has_default() and callable(f.default)]  # dict, say: one each
            _DEFAULTS[model] = ({f.attname: f.get_default() for f in fields if f not in made}, made)
        defaults, made = _DEFAULTS[model]
        self.model, self.pk = model, None
        self.values = {**defaults, **{f.attname: f.get_default() for f in made}, **values}

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        if name in NewRecord.__slots__:
            object.__setattr__(self, name, value)
        else:
            self.values[name] = value


def insert(records: list) -> None:
    """INSERT ``records`` (NewRecords, or unsaved instances, of one model),
    setting their primary keys; auto_now and auto_now_add fields are set to
    now. Three statements, whatever the number of records."""
    if not records:
        return
    new = isinstance(records[0], NewRecord)
    meta = (records[0].model if new else records[0])._meta
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    stamped = {field.attname: field.get_db_prep_save(now, connection) for field in fields
               if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)}
    names = [field.attname for field in fields]
    prepared = [(index, field) for index, field in enumerate(fields)
                if isinstance(field, _PREPARED) and field.attname not in stamped]
    rows = []
    # Values many records share (a stage's due date explanation, say) are prepared once.
    ready: dict[int, object] = {}
    for record in records:
        source = record.values if new else record.__dict__
        row = [stamped[name] if name in stamped else source.get(name) for name in names]
        for index, field in prepared:
            value = row[index]
            if value is not None:
                if id(value) not in ready:
                    ready[id(value)] = field.get_db_prep_save(value, connection)
                row[index] = ready[id(value)]
        rows.append(row)
    quote = connection.ops.quote_name
    table, columns = quote(meta.db_table), [quote(field.column) for field in fields]
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own: Django's would rewrite or re-parse the SQL
        if connection.vendor == "postgresql":
            ids = _copy(cursor, table, quote(meta.pk.column), columns, rows, meta)
        else:
            ids = _executemany(cursor, table, quote(meta.pk.column), columns, rows)
    for record, pk in zip(records, ids):
        record.pk = pk
        if not new:
            record._state.adding, record._state.db = False, connection.alias


def _copy(cursor, table, pk, columns, rows, meta) -> list[int]:
    """PostgreSQL: take the ids from the table's sequence, then COPY the rows
    with them (far faster than INSERT for many rows)."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
    sequence = cursor.fetchone()[0]
    cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, len(rows)])
    ids = [pk_ for (pk_,) in cursor.fetchall()]
    with cursor.copy(f"COPY {table} ({pk}, {', '.join(columns)}) FROM STDIN") as copy:
        for pk_, row in zip(ids, rows):
            copy.write_row([pk_, *row])
    return ids


def _executemany(cursor, table, pk, columns, rows) -> list[int]:
    """SQLite: one single-row INSERT run for every row (one statement text, so
    the driver's statement cache stays small however many rows); the rows take
    the next ids in turn, as the table's AUTOINCREMENT gives them inside this
    transaction's write lock. Checked: the rows must hold exactly those ids."""
    # AUTOINCREMENT goes on from the largest id the table ever held (sqlite_sequence).
    cursor.execute(f"SELECT max(coalesce((SELECT max({pk}) FROM {table}), 0), "
                   f"coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))", [table.strip('"')])
    before = cursor.fetchone()[0]
    markers = ", ".join(["?"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({markers})", rows)
    cursor.execute(f"SELECT count(*), max({pk}) FROM {table} WHERE {pk} > ?", [before])
    count, last = cursor.fetchone()
    if count != len(rows) or last != before + len(rows):
        raise DatabaseError(f"{table}: {len(rows)} rows inserted did not take consecutive ids")
    return list(range(before + 1, last + 1))
