"""Forms of the spokes admin page and the share action."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from hub.crosspost.models import RuleMode


class ConnectAccountForm(FlaskForm):
    """Connect an account with a pasted token; tokens are stored encrypted (tokens.py)."""

    network = SelectField(
        _l("Network"),
        choices=[
            SelectChoice("mastodon", "Mastodon"),
            SelectChoice("x", "X"),
            SelectChoice("facebook", "Facebook"),
        ],
    )
    name = StringField(_l("Account name"), validators=[DataRequired(), Length(max=120)])
    instance_url = StringField(
        _l("Mastodon instance address"), validators=[Optional(), Length(max=500)]
    )
    page_id = StringField(_l("Facebook page id"), validators=[Optional(), Length(max=128)])
    client_id = StringField(_l("X client id"), validators=[Optional(), Length(max=128)])
    client_secret = PasswordField(_l("X client secret"), validators=[Optional()])
    access_token = PasswordField(_l("Access token"), validators=[DataRequired()])
    refresh_token = PasswordField(_l("Refresh token (X)"), validators=[Optional()])


class RuleForm(FlaskForm):
    mode = SelectField(
        _l("Cross-post"),
        choices=[
            SelectChoice(RuleMode.NOTHING.value, _l("nothing")),
            SelectChoice(RuleMode.NEW.value, _l("new questions")),
            SelectChoice(RuleMode.SOLVED.value, _l("solved questions")),
        ],
    )
    hashtags = StringField(_l("Hashtags"), validators=[Optional(), Length(max=200)])


class AnnouncementsForm(FlaskForm):
    enabled = BooleanField(_l("Cross-post the team's company wall announcements"))


class ConnectXForm(FlaskForm):
    """Connect an X account through X's own consent page (OAuth 2.0 with PKCE)."""

    name = StringField(_l("Name of the X account"), validators=[DataRequired(), Length(max=120)])
    client_id = StringField(
        _l("Client id of the X app"), validators=[DataRequired(), Length(max=128)]
    )
    client_secret = PasswordField(_l("Client secret of the X app"), validators=[Optional()])


class ConnectFacebookForm(FlaskForm):
    """Connect Facebook pages through Facebook Login."""

    app_id = StringField(_l("Id of the Facebook app"), validators=[DataRequired(), Length(max=128)])
    app_secret = PasswordField(_l("Secret of the Facebook app"), validators=[DataRequired()])


class ConnectMastodonForm(FlaskForm):
    """Connect a Mastodon account through its instance's consent page."""

    name = StringField(
        _l("Name of the Mastodon account"), validators=[DataRequired(), Length(max=120)]
    )
    instance_url = StringField(
        _l("Address of the Mastodon instance"), validators=[DataRequired(), Length(max=500)]
    )
