"""Pseudo-English for a foreign-policy desk: word lists, made-up names, a sentence writer.

The text only has to look like an outlet's copy to a Markdown parser, a template engine and a
search indexer: ordinary words in ordinary sentence shapes, proper names that are capitalised,
possessives, commas and quotes. It is random combinations of the lists below, so nothing is
taken from real reporting and no name belongs to a real person or country.

A `Writer` is bound to one `random.Random`; every choice it makes is a call on that stream, so
a writer seeded the same way writes the same words. Names come from `Cast`, drawn once per
seed from syllables, so every article of one corpus shares the same people and places.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOUNS = _words(
    """accord administration agency aid airfield airlift alliance ambassador amendment analyst
    archive army arsenal assembly audit blockade border budget bureau cabinet campaign canal
    candidate capital cargo caucus ceasefire charter checkpoint coalition coastline commander
    commission committee commodity compact congress consulate contract convoy corridor council
    court creditor crossing currency deadline debt decree defector delegation deputy
    diplomat directive dispute district doctrine dossier drone drought economy election embassy
    embargo emissary enclave envoy exchange exercise exile faction famine federation ferry
    fleet frigate frontier garrison governor grain grid harbor hearing highway hostage import
    inquiry insurgency interpreter investor junta lawmaker lender levy liaison loan lobby
    mandate marine market mediator memo militia minister mission monitor negotiator network
    observer offensive official oilfield outpost parliament patrol payload peacekeeper pension
    pipeline plateau pledge port premier president procurement protest province quota radar
    railway reactor referendum refinery reform refugee regime region regulator reserve
    resolution rival ruling sanction satellite senate senator settlement shipment shipyard
    smuggler sovereignty stockpile strait strike submarine subsidy summit supplier
    surveillance tanker tariff terminal territory testimony tribunal truce turbine union
    uprising veto village vote waiver warship watchdog"""
)
ADJECTIVES = _words(
    """acting aging allied ambitious armed austere bilateral binding blunt bold brittle
    careful cautious central civilian coastal contested continental costly covert cramped
    crowded decisive defiant delicate diplomatic disputed divided domestic durable eastern
    elected emerging exiled federal fiscal foreign formal fragile frozen governing gradual
    hardline heavy hesitant hostile humanitarian idle informal interim isolated joint lasting
    legal loyal maritime measured military modest multilateral narrow naval neutral northern
    nuclear offshore official open overseas partial patient plain porous powerful pragmatic
    prolonged provisional quiet rapid regional reluctant remote renewed restless rival rural
    secret senior sharp silent southern sovereign stalled steady stern strategic sudden swift
    tactical tense uneasy unlikely urban vague veteran volatile wary weary western"""
)
VERBS = _words(
    """accept adopt alarm alter applaud arm assess attack avoid back block boost brief broker
    calm cancel challenge charge claim clear confirm confront consider contain counter cover
    criticize curb defend delay demand deploy dismiss dispute draft ease endorse ensure escort
    examine expand extend finance follow guard halt
    hamper host ignore impose inspect insist invite join launch lift limit lobby maintain
    manage monitor negotiate obstruct offer oppose order outline overhaul pledge praise
    press protect provoke question rally ratify reassure recall reject release renew repair
    request resist restore resume review revive sanction secure settle signal stall steer
    strain support suspend sustain target test threaten track trigger undermine
    unveil urge warn weigh welcome widen"""
)
ADVERBS = _words(
    """abruptly briefly cautiously firmly formally gradually openly partly privately publicly
    quietly quickly reluctantly repeatedly sharply slowly steadily tentatively"""
)
PREPOSITIONS = (
    "across",
    "after",
    "against",
    "along",
    "amid",
    "around",
    "before",
    "behind",
    "beyond",
    "despite",
    "from",
    "inside",
    "near",
    "over",
    "toward",
    "under",
    "without",
)
JOINERS = ("although", "as", "because", "even as", "since", "though", "until", "while", "whereas")
WHEN = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "at dawn",
    "last month",
    "late on Sunday",
    "this week",
    "for a second year",
    "before the recess",
    "after weeks of talks",
)
MODALS = ("can", "could", "may", "might", "must", "should", "will", "would")
SPEECH = ("said", "told reporters", "wrote", "argued", "cautioned", "added", "conceded")
AGENCIES = ("Staff", "Wirehouse", "Northlight Images", "Pressfield", "Dockside Photo", "Relay")
ROLES = (
    "Staff Writer",
    "Senior Correspondent",
    "Contributing Editor",
    "Columnist",
    "Defense Reporter",
    "Diplomatic Editor",
    "Regional Correspondent",
    "Fellow",
)

_ONSETS = _words("b d f g h k l m n p r s t v z br dr gr kr st tr sh th al es or ul an ir")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ai", "y")
_CODAS = ("", "", "n", "r", "l", "s", "k", "m", "d", "t", "sk", "nd", "rn", "v")
_COUNTRY_ENDS = ("ia", "stan", "land", "ova", "ara", "ene", "ica", "onia", "mar")
_SURNAME_ENDS = ("", "", "sen", "ova", "ez", "ani", "strom", "ic", "ard", "oglu")
_ORG_FIRST = ("National", "Joint", "Federal", "Regional", "Allied", "Central", "Coastal")
_ORG_SECOND = ("Security", "Defense", "Trade", "Energy", "Relief", "Border", "Maritime")
_ORG_THIRD = ("Council", "Office", "Agency", "Bureau", "Directorate", "Commission", "Authority")
_SMALL_WORDS = frozenset(_words("a an and as at by for from in of on or the to with"))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by `-`: what rsgen, Hugo and Pelican all make of our text."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh", "o")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def present(verb: str) -> str:
    """Third person singular."""
    return plural(verb)


def indefinite(word: str) -> str:
    """`word` after "a" or "an"."""
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def headline_case(text: str) -> str:
    """Capitalise every word but the short joining ones (the first word always)."""
    words = text.split()
    return " ".join(
        word if index and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


@dataclass(frozen=True)
class Cast:
    """The made-up countries, cities, people's names and bodies one corpus writes about."""

    countries: tuple[str, ...]
    cities: tuple[str, ...]
    given: tuple[str, ...]
    family: tuple[str, ...]
    organisations: tuple[str, ...]

    @classmethod
    def draw(cls, seed: int) -> Cast:
        rng = random.Random(f"{seed}/cast")
        taken: set[str] = set()

        def name(ending: str) -> str:
            while True:
                parts = [
                    rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(1, 2))
                ]
                word = ("".join(parts) + rng.choice(_CODAS) + ending).capitalize()
                if 4 <= len(word) <= 12 and word not in taken:
                    taken.add(word)
                    return word

        return cls(
            countries=tuple(name(rng.choice(_COUNTRY_ENDS)) for _ in range(36)),
            cities=tuple(name("") for _ in range(64)),
            given=tuple(name("") for _ in range(80)),
            family=tuple(name(rng.choice(_SURNAME_ENDS)) for _ in range(110)),
            organisations=tuple(
                f"{rng.choice(_ORG_FIRST)} {rng.choice(_ORG_SECOND)} {rng.choice(_ORG_THIRD)}"
                for _ in range(24)
            ),
        )


class Writer:
    """Sentences, titles and phrases drawn from one random stream and one cast."""

    def __init__(self, rng: random.Random, cast: Cast) -> None:
        self.rng = rng
        self.cast = cast

    def place(self) -> str:
        pool = self.cast.countries if self.rng.random() < 0.55 else self.cast.cities
        return self.rng.choice(pool)

    def person(self) -> str:
        return f"{self.rng.choice(self.cast.given)} {self.rng.choice(self.cast.family)}"

    def noun_phrase(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.32:
            return f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        if roll < 0.52:
            return f"{self.place()}'s {rng.choice(NOUNS)}"
        if roll < 0.68:
            return f"{rng.choice(ADJECTIVES)} {plural(rng.choice(NOUNS))}"
        if roll < 0.80:
            return f"the {rng.choice(NOUNS)} {rng.choice(('of', 'over', 'for'))} {plural(rng.choice(NOUNS))}"
        if roll < 0.90:
            return f"the {rng.choice(self.cast.organisations)}"
        return f"{indefinite(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)}"

    def predicate(self) -> str:
        rng = self.rng
        verb = rng.choice(VERBS)
        roll = rng.random()
        if roll < 0.38:
            words = f"{past(verb)} {self.noun_phrase()}"
        elif roll < 0.58:
            words = f"{present(verb)} {self.noun_phrase()}"
        elif roll < 0.80:
            words = f"{rng.choice(MODALS)} {verb} {self.noun_phrase()}"
        else:
            words = f"has {past(verb)} {self.noun_phrase()}"
        if rng.random() < 0.45:
            words += f" {rng.choice(PREPOSITIONS)} {self.noun_phrase()}"
        if rng.random() < 0.12:
            words = f"{rng.choice(ADVERBS)} {words}"
        return words

    def clause(self) -> str:
        return f"{self.noun_phrase()} {self.predicate()}"

    def sentence(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.42:
            words = self.clause()
        elif roll < 0.68:
            words = f"{self.clause()}, {rng.choice(JOINERS)} {self.clause()}"
        elif roll < 0.84:
            words = f"{self.clause()} {rng.choice(WHEN)}"
        else:
            words = f"{self.clause()}, {self.person()} {rng.choice(SPEECH)}"
        return sentence_case(words) + "."

    def sentences(self, words: int) -> str:
        """Whole sentences adding up to at least `words` words."""
        out: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def title(self) -> str:
        rng = self.rng
        adjective, noun, verb = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(VERBS)
        shape = rng.randrange(5)
        if shape == 0:
            text = f"{self.place()} {present(verb)} {adjective} {noun} as {plural(rng.choice(NOUNS))} pile up"
        elif shape == 1:
            text = f"why {self.place()}'s {adjective} {noun} {rng.choice(MODALS)} {verb} the {rng.choice(NOUNS)}"
        elif shape == 2:
            text = f"the {adjective} {noun} {rng.choice(PREPOSITIONS)} {self.place()} and its {plural(rng.choice(NOUNS))}"
        elif shape == 3:
            text = f"inside the {adjective} push to {verb} {self.place()}'s {plural(noun)}"
        else:
            text = f"{self.place()} and {self.place()} {verb} {indefinite(adjective)} {noun}"
        return headline_case(text)

    def heading(self) -> str:
        rng = self.rng
        return sentence_case(
            f"{rng.choice(ADJECTIVES)} {plural(rng.choice(NOUNS))} {rng.choice(PREPOSITIONS)} {self.place()}"
        )
