"""``pasarkerja browse``: the SQLite database in a web browser, read-only, through Datasette.

Datasette opens the file in its immutable mode, so no page, query or form can change it. The descriptions of tables,
views and columns and the example queries (as Datasette's canned queries) are read from docs/schema.md each time the
command starts, so the browser says what the documentation says. docs/ is not part of the installed package: in an
installation without the source tree (``pip install`` rather than ``make install``'s editable one) the database is
served without them, and the command says so.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import socket
import sys
from pathlib import Path

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import ArgumentError

from analysis.cli.arguments import positive_whole_number
from analysis.cli.command import Command, CommandError, Store
from pipelines.db.engine import describe

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"

# A table or column name as docs/schema.md writes it: `vacancies`, `pay_min`.
_NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*)`")
# A table cell boundary: a pipe not escaped as \| (which stands for a pipe inside a cell).
_CELL_BOUNDARY = re.compile(r"(?<!\\)\|")


def _blocks(markdown: str) -> list[str]:
    """The file's blocks: headings, paragraphs, tables and fenced code, each whole, in order."""
    blocks: list[str] = []
    lines: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        if in_fence or (line.strip() and not line.startswith("#")):
            lines.append(line)
            continue
        if lines:
            blocks.append("\n".join(lines))
            lines = []
        if line.startswith("#"):
            blocks.append(line)
    if lines:
        blocks.append("\n".join(lines))
    return blocks


def _sentence(block: str) -> str:
    """A paragraph on one line."""
    return " ".join(block.split())


def _column_rows(table: str) -> dict[str, str]:
    """A markdown table of columns as {column: meaning}; a row naming several columns gives each the meaning."""
    columns = {}
    for row in table.splitlines()[2:]:  # past the header and its --- line
        cells = _CELL_BOUNDARY.split(row.strip().strip("|"))
        meaning = cells[-1].strip().replace("\\|", "|")
        columns.update({name: meaning for name in _NAME.findall(cells[0])})
    return columns


def _heading_names(heading: str) -> list[str]:
    """The tables a heading names: ``## `digests` and `digest_postings``` names two, ``## Views`` none."""
    rest = re.sub(r"\band\b|[#, ]", "", _NAME.sub("", heading))
    return [] if rest else _NAME.findall(heading)


def documented_tables(markdown: str) -> dict[str, dict]:
    """Datasette's metadata of each table and view docs/schema.md describes: {name: {"description", "columns"}}.

    A heading naming one table (``## `postings```, ``### `vacancies```) starts its description, the paragraph after
    it; the tables of columns that follow describe its columns. A heading naming several (``## `digests` and
    `digest_postings```) describes each with its first paragraph, and a paragraph starting with one of the names
    (```digests`, one row per digest written:``) introduces that one's table of columns.
    """
    tables: dict[str, dict] = {}
    current: str | None = None  # the table the next table of columns describes
    section: list[str] = []  # the tables the current heading names
    section_text = ""
    expecting_description = False
    blocks = _blocks(markdown)
    for position, block in enumerate(blocks):
        if block.startswith("#"):
            section = _heading_names(block)
            current = section[0] if len(section) == 1 else None
            for name in section:
                tables.setdefault(name, {"description": "", "columns": {}})
            expecting_description, section_text = bool(section), ""
        elif block.startswith("|") and current:
            tables[current]["columns"].update(_column_rows(block))
        elif not block.startswith(("|", "```")) and section:
            text = _sentence(block)
            introduces = position + 1 < len(blocks) and blocks[position + 1].startswith("|")
            named = _NAME.match(text)
            if expecting_description:
                section_text, expecting_description = text, False
                for name in section:
                    tables[name]["description"] = text
            elif introduces and named and named.group(1) in section:
                current = named.group(1)
                own = text[named.end() :].lstrip(" ,;").rstrip(":").strip()
                own = own[:1].upper() + own[1:]
                tables[current]["description"] = " ".join(part for part in (section_text, own) if part)
    return tables


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def example_queries(markdown: str) -> dict[str, dict]:
    """Each ```sql block of docs/schema.md as a Datasette canned query, named and titled by the paragraph before it:
    {slug: {"sql", "title", "description"}}. The title is the paragraph up to its first colon or bracket."""
    queries: dict[str, dict] = {}
    blocks = _blocks(markdown)
    for position, block in enumerate(blocks):
        if not block.startswith("```sql"):
            continue
        before = blocks[position - 1] if position else ""
        description = _sentence(before).rstrip(":") if not before.startswith(("#", "|", "```")) else ""
        title = re.split(r":| \(", description, maxsplit=1)[0].strip() or f"Example {len(queries) + 1}"
        name = _slug(title)
        if name in queries:
            name = f"{name}-{len(queries) + 1}"
        sql = block.split("\n", 1)[1].rsplit("```", 1)[0].strip().rstrip(";")
        queries[name] = {"sql": sql, "title": title, "description": description}
    return queries


def datasette_metadata(database: str, markdown: str | None) -> dict:
    """Datasette's metadata for the database it names ``database``, from docs/schema.md's text (None: without)."""
    contents = {"tables": documented_tables(markdown), "queries": example_queries(markdown)} if markdown else {}
    return {
        "title": "pasarkerja",
        "description": "The pasarkerja database, read-only. Tables, views and example queries: docs/schema.md.",
        "databases": {database: contents},
    }


def _port(value: str) -> int:
    port = positive_whole_number(value)
    if port > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {value!r}")
    return port


def _arguments(parser: argparse.ArgumentParser) -> None:
    # Also accepted here, after the command, where a reader of `pasarkerja browse --help` looks for it.
    parser.add_argument(
        "--database-url", default=argparse.SUPPRESS, help="SQLite URL of the database to browse (as before the command)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default %(default)s: this machine)")
    parser.add_argument("--port", type=_port, default=8001, help="port to serve on (default %(default)s)")


def _sqlite_file_only(args: argparse.Namespace) -> Store:
    """Store.READ for a SQLite file, the database Datasette serves; anything else is refused before connecting."""
    try:
        url = make_url(args.database_url)
    except ArgumentError:
        return Store.READ  # opening it says what is wrong with the URL
    if url.get_backend_name() != "sqlite":
        raise CommandError(
            f"{describe(args.database_url)}: browse serves SQLite files only (Datasette reads no PostgreSQL); browse "
            "PostgreSQL with psql, pgAdmin or DBeaver, using the tables and example queries of docs/schema.md"
        )
    if not url.database or url.database == ":memory:":
        raise CommandError(f"{describe(args.database_url)}: browse serves a SQLite database file, not an in-memory one")
    return Store.READ


def _listening_socket(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything is served, so that a port in use is a one-line error."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: restartable at once
        listening.bind((host, port))
        listening.listen()
    except OSError as exc:  # the port is taken, or the host is not this machine's or not known
        listening.close()
        raise CommandError(f"cannot serve on {host}:{port}: {exc.strerror}; choose another --host or --port") from None
    return listening


def _run(args: argparse.Namespace, engine: Engine) -> None:
    try:
        import uvicorn
        from datasette.app import Datasette
    except ImportError:  # pasarkerja installed from pyproject.toml alone
        raise CommandError("browse needs Datasette: pip install -r requirements.txt (or make install)") from None

    listening = _listening_socket(args.host, args.port)
    engine.dispose()  # opened only to check the file and its schema: Datasette reads it on its own connections
    path = Path(make_url(args.database_url).database).absolute()
    if SCHEMA_DOC.is_file():
        markdown = SCHEMA_DOC.read_text(encoding="utf-8")
    else:
        markdown = None
        print(f"{SCHEMA_DOC} is not installed: serving without descriptions and example queries", file=sys.stderr)
    # Datasette names a database after its file: /pasarkerja for pasarkerja.db.
    datasette = Datasette(immutables=[str(path)], metadata=datasette_metadata(path.stem, markdown))
    asyncio.run(datasette.invoke_startup())
    print(
        f"Serving {describe(args.database_url)} read-only at http://{args.host}:{args.port}/{path.stem} "
        "(Ctrl-C to stop; restart it to see crawls that ended since)",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.Server(uvicorn.Config(datasette.app(), log_level="warning", lifespan="on")).run(sockets=[listening])


COMMAND = Command(
    "browse",
    "serve the SQLite database read-only in a web browser (Datasette), with docs/schema.md's descriptions and queries",
    _run,
    _arguments,
    description="Serves the SQLite database read-only through Datasette (its immutable mode): tables and views with "
    "the descriptions of docs/schema.md, and its example queries as canned queries. See docs/browse.md.",
    store=_sqlite_file_only,
)
