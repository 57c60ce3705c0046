"""The form of a legal page. It parses input; the service checks the texts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField


class LegalPageForm(FlaskForm):
    # No length validator: the service says what is too long, the same way for every caller.
    text_de = TextAreaField(_l("German text (Markdown)"), render_kw={"rows": 16, "lang": "de"})
    text_en = TextAreaField(_l("English text (Markdown)"), render_kw={"rows": 16, "lang": "en"})
