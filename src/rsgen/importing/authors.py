"""Bylines: WordPress users, Co-Authors Plus co-authors and guest authors → author keys.

A post's byline is its Co-Authors Plus terms when it has any (`<category domain="author"
nicename="cap-jane-doe">`), the post's own author (`dc:creator`) first among them; else its
`dc:creator`. An author's key is the slug of the WordPress login (Co-Authors Plus's term slug is
`cap-` and that same slug), so a user and their co-author term meet at one file. The name comes
from the user's display name, else the guest author's (`guest-author` items), else the login.
E-mail addresses in the export are never written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rsgen.base.urls import is_web_url
from rsgen.content import slugify
from rsgen.importing.text import plain_text
from rsgen.importing.wxr import Item, User


@dataclass(frozen=True)
class AuthorInfo:
    """What an author file says: name, bio (plain text) and website."""

    key: str
    name: str
    bio: str = ""
    website: str = ""
    line: int = 0


def author_key(login: str) -> str:
    """The key (file name) of a WordPress login or co-author slug."""
    key = slugify(login.removeprefix("cap-"))
    return key or "author-" + hashlib.sha1(login.encode()).hexdigest()[:6]


def guest_author(item: Item) -> AuthorInfo:
    """A Co-Authors Plus guest author item as an author."""
    login = item.meta_value("cap-user_login") or item.post_name.removeprefix("cap-")
    website = item.meta_value("cap-website").strip()
    return AuthorInfo(
        key=author_key(login),
        name=plain_text(item.meta_value("cap-display_name") or item.title) or login,
        bio=plain_text(item.meta_value("cap-description")),
        website=website if is_web_url(website) else "",
        line=item.line,
    )


class AuthorDirectory:
    """Every user and guest author of the export, and the bylines of its posts."""

    def __init__(self) -> None:
        self.known: dict[str, AuthorInfo] = {}
        self.term_names: dict[str, str] = {}

    def add_user(self, user: User) -> None:
        name = plain_text(user.display_name) or " ".join(
            p for p in (plain_text(user.first_name), plain_text(user.last_name)) if p
        )
        key = author_key(user.login)
        self.known.setdefault(key, AuthorInfo(key, name or user.login, line=user.line))

    def add_guest(self, info: AuthorInfo) -> None:
        known = self.known.get(info.key)
        if known is None or (not known.bio and info.bio):
            self.known[info.key] = info

    def byline(self, item: Item) -> tuple[str, ...]:
        """The author keys of a post, in byline order."""
        keys: list[str] = []
        for term in item.terms_of("author"):
            key = author_key(term.nicename or term.name)
            self.term_names.setdefault(key, plain_text(term.name))
            if key not in keys:
                keys.append(key)
        creator = author_key(item.creator) if item.creator else ""
        if creator in keys:
            keys.remove(creator)
            keys.insert(0, creator)
        if not keys:
            keys = [creator or "unknown"]
        return tuple(keys)

    def info(self, key: str) -> AuthorInfo:
        """The author file's facts for a key met in a byline."""
        found = self.known.get(key)
        if found is not None:
            return found
        name = self.term_names.get(key, "")
        if not name or name == key or " " not in name:
            name = key.replace("-", " ").title()
        return AuthorInfo(key, name)
