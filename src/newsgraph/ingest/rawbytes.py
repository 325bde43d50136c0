"""Raw input files: bounded reads, binary sniffing and decoding to text.

Scrapers save anything under a ``.txt`` name, so bytes are checked before
they are decoded: the size first (a file over :data:`MAX_FILE_BYTES` is
refused unread), then magic numbers and NUL bytes, then the encoding (UTF-8,
or UTF-16/32 with a byte order mark). Every refusal names the file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

#: Largest text file, sidecar or JSON Lines line (bytes); bigger ones are refused unread.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Magic numbers of binary formats that scrapers save by mistake (with a .txt name).
_MAGIC = ((b"%PDF-", "PDF document"), (b"\x89PNG\r\n\x1a\n", "PNG image"),
          (b"\x1f\x8b", "gzip archive"), (b"PK\x03\x04", "zip archive"),
          (b"PK\x05\x06", "zip archive"), (b"\xff\xd8\xff", "JPEG image"),
          (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"),
          (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf\x27\x1c", "7-zip archive"))
# Byte order marks, longest first (see decode).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
         (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"))


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary file ``data`` starts like, or None for what may be text."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def decode(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (or UTF-16/32 with a BOM); refuse anything else by name.

    ``FF FE 00 00`` starts UTF-32-LE and also UTF-16-LE text whose first
    character is NUL, so a BOM whose decoding fails gives way to the next one.
    """
    error = None
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                error = InputError(path, f"invalid {name} at byte {exc.start + len(bom)}")
    if error is not None:
        raise error
    if kind := sniff_binary(data):
        raise InputError(path, f"binary file ({kind}), expected UTF-8 text")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (invalid byte at offset {exc.start})") from None


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refusing files larger than ``limit`` before reading them.

    The size is checked again while reading (at most ``limit + 1`` bytes), so a
    file that grows, or a device that never ends, cannot exhaust memory.
    """
    try:
        size = path.stat().st_size
        if size <= limit:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
            size = len(data)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if size > limit:
        raise InputError(path, f"file too large ({size:,} bytes; the limit is "
                               f"{limit // (1024 * 1024)} MB = {limit:,} bytes)")
    return data
