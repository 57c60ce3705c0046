"""The reference page: the least a Flask + Flask-SQLAlchemy + Jinja app can do to show a topic.

It lists the first 20 posts of one topic (title, author name, cooked HTML) from the same SQLite
file as the hub, with a tiny template compiled once. It has no sessions, login, translations,
security headers or layout, so its throughput is the ceiling the full page is compared with;
the issue asks the real topic page to reach at least 40 % of it. Measured in the same run as the
hub, under the same server, because absolute numbers drift from machine to machine.

Served by gunicorn as `benchmarks.bare_app:create_app()`; reads BENCH_DATABASE_URL.
"""

import os

from flask import Flask, abort, render_template
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ topic.title }}</title></head>
<body><h1>{{ topic.title }}</h1>
{% for post in posts %}<article id="post-{{ post.number }}">
<header>{{ post.author.display_name or post.author.username }}</header>
<div>{{ post.html|safe }}</div></article>
{% endfor %}</body></html>
"""


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    display_name: Mapped[str] = mapped_column(String(60))


class Topic(db.Model):
    __tablename__ = "topics"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))


class Post(db.Model):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"))
    number: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    html: Mapped[str] = mapped_column(Text)
    author: Mapped[User] = relationship()


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["BENCH_DATABASE_URL"]
    app.jinja_loader = DictLoader({"topic.html": PAGE})  # compiled on first use, then cached
    db.init_app(app)

    @app.get("/t/<int:topic_id>")
    def topic(topic_id: int):
        topic = db.session.get(Topic, topic_id) or abort(404)
        posts = db.session.scalars(
            select(Post)
            .options(joinedload(Post.author))
            .where(Post.topic_id == topic_id)
            .order_by(Post.number)
            .limit(20)
        )
        return render_template("topic.html", topic=topic, posts=list(posts))

    return app
