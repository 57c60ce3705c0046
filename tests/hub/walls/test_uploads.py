"""Uploaded images: type by content, a size limit, metadata stripped by re-encoding."""

import io

import pytest
from PIL import Image

from hub.core.errors import Invalid
from hub.walls import uploads


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (30, 20), "blue")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (52.0, 31.0, 0.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_metadata_is_stripped(app):
    data = _jpeg_with_exif()
    assert b"SecretCam" in data
    name = uploads.save_image(data)
    stored = uploads.path_of(name).read_bytes()
    assert name.endswith(".jpg")
    assert b"SecretCam" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (30, 20) and not image.getexif()


def test_type_is_decided_by_content_not_name(app):
    with pytest.raises(Invalid) as error:
        uploads.save_image(
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
        )
    assert "image" in error.value.fields
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    assert uploads.save_image(png.getvalue()).endswith(".png")


def test_unsupported_image_formats_are_refused(app):
    bmp = io.BytesIO()
    Image.new("RGB", (4, 4)).save(bmp, "BMP")
    with pytest.raises(Invalid):
        uploads.save_image(bmp.getvalue())


def test_size_limit(app):
    with pytest.raises(Invalid):
        uploads.save_image(b"\x89PNG" + b"0" * uploads.MAX_BYTES)


def test_truncated_image_is_refused(app):
    png = io.BytesIO()
    Image.new("RGB", (64, 64), "green").save(png, "PNG")
    with pytest.raises(Invalid):
        uploads.save_image(png.getvalue()[:60])


def test_gif_becomes_png_and_big_images_shrink(app):
    gif = io.BytesIO()
    Image.new("P", (3000, 100)).save(gif, "GIF")
    name = uploads.save_image(gif.getvalue())
    with Image.open(uploads.path_of(name)) as image:
        assert image.format == "PNG" and image.size[0] == uploads.MAX_SIDE


def test_only_our_names_are_served(client, app):
    assert uploads.path_of("../hub.db") is None
    assert client.get("/uploads/..%2Fhub.db").status_code == 404
    assert client.get("/uploads/" + "a" * 32 + ".png").status_code == 404
