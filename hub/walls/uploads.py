"""Images attached to wall posts: checked by content (never by name), limited in size, and
re-encoded from their pixels so no metadata (GPS position, camera, comments) survives."""

import io
import re
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from hub.core.errors import Invalid

MAX_BYTES = 5 * 1024 * 1024  # a phone photo fits; anything larger is refused before decoding
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before its pixels are decoded
MAX_SIDE = 2048  # longer sides are scaled down: walls show images at most this wide
# Pillow's format name -> what we store (GIF keeps only its first frame, stored as PNG).
FORMATS = {
    "PNG": ("PNG", "png"),
    "JPEG": ("JPEG", "jpg"),
    "GIF": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}
_NAME = re.compile(r"[0-9a-f]{32}\.(?:png|jpg|webp)")  # only names `save_image` makes


def folder() -> Path:
    path = Path(current_app.instance_path) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _refuse(message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {"image": message})


def save_image(data: bytes) -> str:
    """Check and re-encode an uploaded image; return its stored file name. Raises: Invalid."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise _refuse(_("The image may be at most %(n)d MB.", n=MAX_BYTES // (1024 * 1024)))
    if not data:
        raise _refuse(_("The file is empty."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise _refuse(_("The image has too many pixels."))
            probe.verify()  # structure check; the image must be opened again to be decoded
        if kind not in FORMATS:
            raise _refuse(_("Only PNG, JPEG, GIF and WebP images."))
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            pixels = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _refuse(_("This file is not an image we can read.")) from None
    pixels.thumbnail((MAX_SIDE, MAX_SIDE))
    fmt, ext = FORMATS[kind]
    if fmt == "JPEG" and pixels.mode != "RGB":
        pixels = pixels.convert("RGB")
    out = io.BytesIO()
    # A fresh image carries no info dict, so no EXIF, XMP, ICC or text chunks are written.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    clean.save(out, format=fmt, **({"quality": 88} if fmt in ("JPEG", "WEBP") else {}))
    name = f"{secrets.token_hex(16)}.{ext}"
    (folder() / name).write_bytes(out.getvalue())
    return name


def path_of(name: str) -> Path | None:
    """The stored file for a name we made, or None (also for anything path-like)."""
    if not _NAME.fullmatch(name or ""):
        return None
    path = folder() / name
    return path if path.is_file() else None
