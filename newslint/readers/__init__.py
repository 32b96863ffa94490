"""Readers: one module a format, each turning a decoded source into a :class:`Document`.

``read_path`` is the single entry point: it reads bytes, decodes them (UTF-8 with or without BOM,
UTF-16 with a BOM), refuses binary files with a one-line error and picks a reader by extension.
"""
from __future__ import annotations

import codecs
import importlib
import os
from typing import Callable

from ..document import Document
from ..errors import ReadError

Reader = Callable[[str, str], Document]

# The reader of each format: ``read`` of the module of that name here, imported when a file of
# the format comes (a pre-commit run on plain text never loads the HTML and Markdown parsers).
FORMATS = ("text", "markdown", "html")


def reader(fmt: str) -> Reader:
    if fmt not in FORMATS:
        raise KeyError(fmt)
    return importlib.import_module(f"{__name__}.{fmt}").read

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_for(path: str) -> str:
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")


def decode(data: bytes, path: str) -> str:
    """Bytes to text, or a ReadError that says exactly what is wrong."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise ReadError(path, "looks like a binary file (NUL bytes); newslint reads text, Markdown and HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); save the file as UTF-8"
        ) from None


def read_source(source: str, path: str, fmt: str | None = None) -> Document:
    return reader(fmt or format_for(path))(source, path)


def read_path(path: str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise ReadError(
                path, f"is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit (max-file-size)"
            )
        with open(path, "rb") as fh:
            data = fh.read()
    except ReadError:
        raise
    except IsADirectoryError:
        raise ReadError(path, "is a directory") from None
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    return read_source(decode(data, path), path, fmt)
