"""Reading acts, not words: what the summary of facts says each person *did*.

AGN/20/RES/11 (1951): INTERPOL is not bound by the label the requesting country puts on an offence;
it weighs the facts. This module reads a summary of facts the way a reviewer skims one:

* **Acts, by kind** (:class:`ActKind`): harm to others — violence against a person (with its
  gravity), threats, deprivation of liberty, sexual offences, harm to property, financial loss to
  victims (fraud, theft, embezzlement, bribery, laundering, forgery), trafficking, weapons, attacks on
  computer systems, support of an armed group that commits violence — and the *protected* activities
  of the Universal Declaration: expression (publish, post, speak, report, give an interview),
  assembly, association (found, join, donate to, administer), religious practice, leaving a country,
  family ties. Aiding another person (hiding a fugitive, moving their money) is a kind of its own.
  Each kind is a family of synonyms and short patterns in English, French and Spanish (and the
  common Russian forms): "set alight", "petrol bomb", "opened fire", "threw stones" are violence.
* **Who did it** (:class:`Actor`): the subject, a relative of the subject, a victim or another
  person. Sentences are walked in order; a person named at the start of a clause ("his brother",
  "the victims", the subject's own name, "she") becomes the actor of what follows; a relative
  clause ("who ...") belongs to the person it describes, a clause introduced by "whom" or "whose"
  describes that person without making them its actor; a pronoun goes back to the last person of
  its gender. Passive harm ("was killed", "were injured") is harm the accused is said to have
  caused unless an agent is named ("by the police").
* **Contexts** — political, religious, military or racial words — are attached to a person in the
  same way, so that the victim's cause ("a blogger whom the killers accused of blasphemy") is never
  read as the subject's.

The reading is a heuristic, and says so: every act carries the words that were read and the
sentence they came from, and reviewers see them. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

from rednotice.domain.compliance import act_words as aw
from rednotice.domain.compliance.text import Hit, Lexicon, lexicon, normalise
from rednotice.domain.errors import N_, Text
from rednotice.domain.model import Sex, Subject


class Actor(StrEnum):
    SUBJECT = "subject"
    RELATIVE = "relative"
    """A relative (or declared associate) of the subject: the person a notice on a relative may aim at."""
    VICTIM = "victim"
    OTHER = "other"


class ActKind(StrEnum):
    VIOLENCE = "violence"
    THREAT = "threat"
    LIBERTY = "deprivation_of_liberty"
    SEXUAL = "sexual"
    PROPERTY = "property_harm"
    FINANCIAL = "financial_loss"
    TRAFFICKING = "trafficking"
    WEAPONS = "weapons"
    COMPUTER = "computer_intrusion"
    ARMED_GROUP = "armed_group_support"
    AIDING = "aiding_another"
    EXPRESSION = "expression"
    ASSEMBLY = "assembly"
    ASSOCIATION = "association"
    RELIGION = "religious_practice"
    LEAVING = "leaving_a_country"
    FAMILY = "family_ties"


HARM_KINDS = frozenset(
    {
        ActKind.VIOLENCE,
        ActKind.THREAT,
        ActKind.LIBERTY,
        ActKind.SEXUAL,
        ActKind.PROPERTY,
        ActKind.FINANCIAL,
        ActKind.TRAFFICKING,
        ActKind.WEAPONS,
        ActKind.COMPUTER,
        ActKind.ARMED_GROUP,
    }
)
"""Acts that harm others, or put them in concrete danger."""
PROTECTED_KINDS = frozenset(
    {
        ActKind.EXPRESSION,
        ActKind.ASSEMBLY,
        ActKind.ASSOCIATION,
        ActKind.RELIGION,
        ActKind.LEAVING,
        ActKind.FAMILY,
    }
)
"""Activities protected by the Universal Declaration (Arts. 13, 16, 18, 19, 20)."""


class Gravity(StrEnum):
    LETHAL = "lethal"
    SERIOUS = "serious"
    MODERATE = "moderate"


_KIND_WORDS = {
    ActKind.VIOLENCE: N_("violence against a person"),
    ActKind.THREAT: N_("threats"),
    ActKind.LIBERTY: N_("deprivation of liberty"),
    ActKind.SEXUAL: N_("a sexual offence"),
    ActKind.PROPERTY: N_("harm to property"),
    ActKind.FINANCIAL: N_("financial loss to others"),
    ActKind.TRAFFICKING: N_("trafficking"),
    ActKind.WEAPONS: N_("weapons or explosives"),
    ActKind.COMPUTER: N_("an attack on computer systems"),
    ActKind.ARMED_GROUP: N_("support of an armed group"),
    ActKind.AIDING: N_("aiding another person"),
    ActKind.EXPRESSION: N_("expression"),
    ActKind.ASSEMBLY: N_("assembly"),
    ActKind.ASSOCIATION: N_("association"),
    ActKind.RELIGION: N_("religious practice"),
    ActKind.LEAVING: N_("leaving a country"),
    ActKind.FAMILY: N_("family ties"),
}


_GRAVITY_WORDS = {
    Gravity.LETHAL: N_("lethal"),
    Gravity.SERIOUS: N_("serious"),
    Gravity.MODERATE: N_("moderate"),
}
"""Each kind and gravity is marked for the catalogues: a finding quotes the acts' summary (``summary_of``,
an ``errors.Text``), and pages show it in the reader's language."""


def kind_words(kind: ActKind) -> str:
    return _KIND_WORDS[kind]


@dataclass(frozen=True, slots=True)
class Act:
    """One thing a person is said to have done, with the words read and the sentence they came from."""

    kind: ActKind
    actor: Actor
    words: tuple[str, ...]
    sentence: str
    gravity: Gravity | None = None
    actor_text: str = ""
    """How the facts name the actor ("his brother", "the subject"); empty when inferred."""
    target: str = ""
    """The person the act was done to or for, where the facts name one right after it."""
    political: bool = False
    """The sentence speaks of the government, officials, elections, the opposition, a war..."""

    @property
    def harmful(self) -> bool:
        return self.kind in HARM_KINDS

    @property
    def protected(self) -> bool:
        return self.kind in PROTECTED_KINDS

    def describe(self) -> str:
        grav = f" ({self.gravity.value})" if self.gravity else ""
        return f"{_KIND_WORDS[self.kind]}{grav}: {', '.join(repr(w) for w in self.words)}"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "actor": self.actor.value,
            "gravity": self.gravity.value if self.gravity else None,
            "words": list(self.words),
            "political": self.political,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class FactsReading:
    """Every act and context read in a summary of facts, each attached to a person."""

    acts: tuple[Act, ...] = ()
    relatives_named: tuple[str, ...] = ()
    """Relatives the facts name (kinship words and names given after them)."""
    personal_use: tuple[str, ...] = ()
    civic: tuple[str, ...] = ()
    """Words describing an organisation in the facts as civic (party, medium, foundation, union...)."""
    clauses: tuple[tuple[Actor, str], ...] = ()
    """Each clause (normalised) with the person it is about, for reading contexts per person."""

    def text_of(self, *actors: Actor) -> str:
        """The clauses about these persons, joined (normalised text, clause ends marked)."""
        return " . ".join(t for a, t in self.clauses if a in actors)

    def by(self, actor: Actor) -> tuple[Act, ...]:
        return tuple(a for a in self.acts if a.actor is actor)

    @property
    def subject_acts(self) -> tuple[Act, ...]:
        return self.by(Actor.SUBJECT)

    def kinds(self, actor: Actor = Actor.SUBJECT) -> frozenset[ActKind]:
        return frozenset(a.kind for a in self.by(actor))

    @property
    def subject_harm(self) -> tuple[Act, ...]:
        return tuple(a for a in self.subject_acts if a.harmful)

    @property
    def subject_protected(self) -> tuple[Act, ...]:
        return tuple(a for a in self.subject_acts if a.protected)

    @property
    def subject_violence(self) -> tuple[Act, ...]:
        return tuple(a for a in self.subject_acts if a.kind is ActKind.VIOLENCE)

    @property
    def gravest(self) -> Gravity | None:
        order = (Gravity.LETHAL, Gravity.SERIOUS, Gravity.MODERATE)
        found = {a.gravity for a in self.subject_violence}
        return next((g for g in order if g in found), None)

    @property
    def only_protected(self) -> bool:
        """The subject's acts are all protected activities, none harmful or aiding; and what they are
        is clear: some expression, religious practice or leaving, or belonging to an organisation the
        facts describe as civic. Attending meetings of an organisation the facts only call "banned" or
        "extremist" is not clear: that organisation might be an armed one."""
        acts = self.subject_acts
        if not acts or not all(a.protected for a in acts):
            return False
        kinds = {a.kind for a in acts} - {ActKind.FAMILY}
        if not kinds:
            return False
        concrete = kinds & {ActKind.EXPRESSION, ActKind.RELIGION, ActKind.LEAVING}
        return bool(concrete) or bool(self.civic)

    def summary(self, actor: Actor = Actor.SUBJECT) -> str:
        """The acts of one person as a short phrase: "expression ('published', 'article'); assembly ..."."""
        return self.summary_of(self.by(actor))

    @staticmethod
    def summary_of(acts: Iterable[Act]) -> str:
        grouped: dict[tuple[ActKind, Gravity | None], list[str]] = {}
        for a in acts:
            grouped.setdefault((a.kind, a.gravity), []).extend(a.words)
        parts = []
        for (kind, gravity), found in grouped.items():
            quoted = ", ".join(f"'{w}'" for w in dict.fromkeys(found))
            if gravity:
                parts.append(
                    Text(
                        N_("%(kind)s, %(gravity)s (%(words)s)"),
                        kind=Text(_KIND_WORDS[kind]),
                        gravity=Text(_GRAVITY_WORDS[gravity]),
                        words=quoted,
                    )
                )
            else:
                parts.append(Text(N_("%(kind)s (%(words)s)"), kind=Text(_KIND_WORDS[kind]), words=quoted))
        return Text.joined("; ", parts)

    def to_dict(self) -> dict[str, object]:
        return {
            "acts": [a.to_dict() for a in self.acts],
            "relatives_named": list(self.relatives_named),
            "personal_use": list(self.personal_use),
        }


# --- Compiled lists -------------------------------------------------------------------------------


class _Lists:
    def __init__(self) -> None:
        self.gravity = (
            (Gravity.LETHAL, lexicon(aw.LETHAL)),
            (Gravity.SERIOUS, lexicon(aw.SERIOUS)),
            (Gravity.MODERATE, lexicon(aw.MODERATE)),
        )
        self.kinds: tuple[tuple[ActKind, Lexicon], ...] = (
            (ActKind.THREAT, lexicon(aw.THREAT)),
            (ActKind.LIBERTY, lexicon(aw.LIBERTY)),
            (ActKind.SEXUAL, lexicon(aw.SEXUAL)),
            (ActKind.PROPERTY, lexicon(aw.PROPERTY)),
            (ActKind.FINANCIAL, lexicon(aw.FINANCIAL)),
            (ActKind.TRAFFICKING, lexicon(aw.TRAFFICKING)),
            (ActKind.WEAPONS, lexicon(aw.WEAPONS)),
            (ActKind.COMPUTER, lexicon(aw.COMPUTER)),
            (ActKind.ARMED_GROUP, lexicon(aw.ARMED_GROUP)),
            (ActKind.AIDING, lexicon(aw.AIDING)),
            (ActKind.EXPRESSION, lexicon(aw.EXPRESSION)),
            (ActKind.ASSEMBLY, lexicon(aw.ASSEMBLY)),
            (ActKind.ASSOCIATION, lexicon(aw.ASSOCIATION)),
            (ActKind.RELIGION, lexicon(aw.RELIGION)),
            (ActKind.LEAVING, lexicon(aw.LEAVING)),
            (ActKind.FAMILY, lexicon(aw.FAMILY + aw.MONEY_TO)),
        )
        self.personal_use = lexicon(aw.PERSONAL_USE)
        self.money_to = lexicon(aw.MONEY_TO)
        self.wanted = lexicon(aw.WANTED)
        self.civic = lexicon(aw.CIVIC)
        self.political = lexicon(aw.POLITICAL_TARGETS)
        self.subject = lexicon(aw.SUBJECT_REFS)
        self.kin = {normalise(k): sex for k, sex in aw.KIN}
        self.kin_lex = lexicon(tuple(k for k, _ in aw.KIN))
        self.fugitive = lexicon(aw.FUGITIVE_REFS)
        self.victim = lexicon(aw.VICTIM_REFS)
        self.other = lexicon(aw.OTHER_REFS)


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    return _Lists()


# --- Sentences, mentions and the walk -------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """Split a summary into sentences (``;`` ends one too), keeping "art. 342" or "Mr. X" whole."""
    out: list[str] = []
    for piece in aw.SENTENCE_END.split(text.strip()):
        piece = piece.strip()
        if not piece:
            continue
        after_period = bool(out) and out[-1].endswith(".")
        if after_period and (aw.ABBREVIATIONS.search(out[-1]) or piece[:1].islower() or piece[:1].isdigit()):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _chunks(sentence: str) -> list[str]:
    """A sentence cut at commas, colons, dashes and brackets: the places where a clause may start."""
    return [c for c in _CHUNK_END.split(sentence) if c.strip()]


_CHUNK_END = re.compile(r"\s*(?:,(?!\d)|[:()\u2013\u2014])\s*|\s+-\s+")
"""Commas (not those inside "10,000"), colons, brackets and dashes."""


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    actor: Actor
    text: str
    sex: Sex = Sex.UNKNOWN
    pronoun: bool = False


_SHORT_WORDS = frozenset(
    (
        *("a", "i", "o", "y", "e", "u", "of", "to", "in", "on", "at", "an", "as", "by", "he", "we", "it"),
        *("is", "or", "if", "no", "so", "do", "go", "me", "my", "us", "up", "am", "be", "la", "le", "de"),
        *("el", "en", "un", "et", "du", "da", "di", "al", "ad", "ur", "ex", "vs", "mr", "ms", "dr", "st"),
        "re",
    )
)


def _name_tokens(subject: Subject) -> frozenset[str]:
    tokens: set[str] = set()
    for name in subject.all_names():
        tokens.update(t for t in normalise(name.given_names).split() if len(t) > 2)
        # Family names of two letters (Wu, Li, Ng, Xu, Ma) name the subject too, unless they are words.
        tokens.update(t for t in normalise(name.family_name).split() if len(t) > 2 or t not in _SHORT_WORDS)
    for original in subject.names_original_script:
        tokens.update(t for t in normalise(original).split() if len(t) > 1)
    return frozenset(tokens)


_NAME_AFTER_KIN = re.compile(
    r"\b(?:husband|wife|spouse|son|daughter|father|mother|brother|sister|cousin|uncle|nephew|mari|"
    r"[ée]poux|[ée]pouse|femme|fils|fille|p[èe]re|m[èe]re|fr[èe]re|s(?:oe|œ)ur|esposo|marido|esposa|"
    r"hijo|hija|padre|madre|hermano|hermana)\s*,?\s+(?:of\s+|de\s+)?"
    r"(?:(?:Mr|Mrs|Ms|M|Mme|Sr|Sra|Dr)\.?\s+)?((?:[A-ZÀ-Ý][\w'\-]+)(?:\s+[A-ZÀ-Ý][\w'\-]+){0,2})"
)
_STOP_NAMES = frozenset({"the", "who", "and", "in", "on", "at", "an", "le", "la", "el", "los", "las", "les"})


def _relative_names(text: str, subject_names: frozenset[str]) -> frozenset[str]:
    """Names written right after a kinship word ("her husband Ilham Tursun", "the brother of X")."""
    out: set[str] = set()
    for m in _NAME_AFTER_KIN.finditer(text):
        for tok in normalise(m.group(1)).split():
            if len(tok) > 2 and tok not in subject_names and tok not in _STOP_NAMES:
                out.add(tok)
    return frozenset(out)


def _mentions(
    norm: str, names: frozenset[str], relative_names: frozenset[str], has_kin: bool
) -> list[_Mention]:
    lists = _lists()
    found: list[_Mention] = []

    def add(hits: list[Hit], actor: Actor) -> None:
        for h in hits:
            sex = lists.kin.get(h.matched, Sex.UNKNOWN) if actor is Actor.RELATIVE else Sex.UNKNOWN
            found.append(_Mention(h.start, h.start + len(h.matched), actor, h.matched, sex))

    add(lists.subject.finditer(norm), Actor.SUBJECT)
    add(lists.kin_lex.finditer(norm), Actor.RELATIVE)
    if has_kin:
        add(lists.fugitive.finditer(norm), Actor.RELATIVE)
    add(lists.victim.finditer(norm), Actor.VICTIM)
    add(lists.other.finditer(norm), Actor.OTHER)
    pos = 0
    for w in norm.split(" "):
        if w in relative_names:
            found.append(_Mention(pos, pos + len(w), Actor.RELATIVE, w))
        elif w in names:
            found.append(_Mention(pos, pos + len(w), Actor.SUBJECT, w))
        elif w in aw.MALE or w in aw.FEMALE:
            sex = Sex.MALE if w in aw.MALE else Sex.FEMALE
            found.append(_Mention(pos, pos + len(w), Actor.SUBJECT, w, sex, pronoun=True))
        pos += len(w) + 1
    # The longest mention wins where two overlap ("the police officer" over "police"); a name
    # written twice in a row ("Ilham Tursun") is one mention.
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        if kept and m.actor is kept[-1].actor and not m.pronoun and m.start == kept[-1].end + 1:
            prev = kept.pop()
            m = _Mention(prev.start, m.end, m.actor, f"{prev.text} {m.text}", prev.sex or m.sex)
        kept.append(m)
    return kept


def _acts_in(norm: str) -> list[tuple[int, ActKind, Gravity | None, str]]:
    """Every act word in a normalised chunk: (position, kind, gravity, words), in text order.

    Violence is read gravest first; a lesser reading of the same words ("shot" inside "shot dead")
    is dropped. Harm words right after a negation ("no one was hurt", "without violence") are not acts.
    """
    lists = _lists()
    found: list[tuple[int, ActKind, Gravity | None, str]] = []
    taken: list[tuple[int, int]] = []
    for gravity, lex in lists.gravity:
        for hit in lex.finditer(norm, skip_negated=True):
            end = hit.start + len(hit.matched)
            if any(s < end and hit.start < e for s, e in taken):
                continue
            taken.append((hit.start, end))
            found.append((hit.start, ActKind.VIOLENCE, gravity, hit.matched))
    for kind, lex in lists.kinds:
        for hit in lex.finditer(norm, skip_negated=kind in HARM_KINDS):
            found.append((hit.start, kind, None, hit.matched))
    found.sort(key=lambda f: f[0])
    expression_at = [f[0] for f in found if f[1] is ActKind.EXPRESSION]
    return [
        f
        for f in found
        if f[1] not in HARM_KINDS
        or not (_is_topic(norm, f[0], expression_at) or (f[1] in _MATERIAL and _intangible(norm, f[0])))
    ]


_MATERIAL = frozenset({ActKind.PROPERTY, ActKind.FINANCIAL})


def _intangible(norm: str, pos: int) -> bool:
    """ "damaging the honour of an official", "caused damage to the reputation of the state": harm to
    something that is neither a person nor property is words, not an act."""
    return any(w in _INTANGIBLE for w in norm[pos:].split()[1:6])


_TOPIC_MARKERS = frozenset(
    {
        "about",
        "on",
        "into",
        "regarding",
        "concerning",
        "alleged",
        "alleging",
        "allegations",
        "accusations",
        "exposing",
        "exposed",
        "denouncing",
        "denounced",
        "against",
        "reports",
        "cases",
        "evidence",
        "anti",
        "sur",
        "contre",
        "sobre",
        "contra",
        "о",
        "об",
        "против",
    }
)


_INTANGIBLE = frozenset(
    {
        "reputation",
        "honour",
        "honor",
        "dignity",
        "image",
        "prestige",
        "authority",
        "interests",
        "credibility",
        "feelings",
        "morale",
        "unity",
        "stability",
        "order",
        "system",
        "constitutional",
        "honneur",
        "dignite",
        "honra",
        "dignidad",
        "imagen",
        "prestigio",
        "репутаци",
        "чести",
        "достоинств",
        "авторитет",
    }
)
"""Objects of "damage", "harm" or "attack" that are not persons or property: words, not acts."""

_REPORTED = frozenset(
    {
        "asserting",
        "saying",
        "claiming",
        "stating",
        "alleging",
        "describing",
        "accusing",
        "asserted",
        "claimed",
        "alleged",
        "affirmant",
        "afirmando",
        "утверждая",
    }
)
"""Words that open reported speech: what follows is what someone said, not what they did."""


def _is_topic(norm: str, pos: int, expression_at: list[int]) -> bool:
    """A harm word that is what someone spoke or wrote about ("reported on corruption", "published
    allegations of torture", "posted that soldiers had killed civilians"), the charge of another
    person's warrant ("wanted for embezzlement"), or part of a name ("Anti-Corruption Foundation") is
    not an act."""
    before = norm[:pos].split()
    window = before[-4:]
    if window and window[-1] == "anti":
        return True
    if len(before) >= 2 and before[-1] == "for" and before[-2] in ("wanted", "sought"):
        return True
    if any(w in _REPORTED for w in before):
        return True
    if not any(p < pos for p in expression_at):
        return False
    return any(w in _TOPIC_MARKERS for w in window) or "that" in before[-10:]


@dataclass
class _Walk:
    """The state carried through a summary: who is acting, and who was named before."""

    subject_sex: Sex
    names: frozenset[str]
    relative_names: frozenset[str]
    has_kin: bool
    actor: Actor = Actor.SUBJECT
    actor_text: str = ""
    actors: list[tuple[Actor, Sex, str]] = field(default_factory=list)
    """Persons named where a clause's actor stands, in order (pronouns go back to these)."""
    last: tuple[Actor, str] | None = None
    """The last person named anywhere (who a "who" clause describes)."""

    def resolve(self, m: _Mention) -> tuple[Actor, Sex, str]:
        """A pronoun goes back to the last actor of its gender; the subject when none fits."""
        if not m.pronoun:
            return m.actor, m.sex, m.text
        for actor, sex, text in reversed(self.actors):
            if sex is m.sex:
                return actor, sex, text
            if actor is Actor.SUBJECT and sex is Sex.UNKNOWN and self.subject_sex in (m.sex, Sex.UNKNOWN):
                return actor, m.sex, text
        return Actor.SUBJECT, m.sex, m.text


def read_facts(summary: str, subject: Subject) -> FactsReading:
    """Read the acts in a summary of facts and attach each to a person (see the module docstring)."""
    return _read(summary, subject.sex, _name_tokens(subject))


@lru_cache(maxsize=512)
def _read(summary: str, subject_sex: Sex, names: frozenset[str]) -> FactsReading:
    lists = _lists()
    text = summary.strip()
    if not text:
        return FactsReading()
    norm_all = normalise(text)
    relative_names = _relative_names(text, names)
    kin_words = [h.matched for h in lists.kin_lex.finditer(norm_all)]
    walk = _Walk(subject_sex, names, relative_names, bool(kin_words or relative_names))
    acts: list[Act] = []
    clauses: list[tuple[Actor, str, str]] = []
    for sentence in sentences(text):
        _read_sentence(sentence, walk, acts, clauses)
    relatives = tuple(dict.fromkeys([*kin_words, *sorted(relative_names)]))
    personal = tuple(h.matched for h in lists.personal_use.finditer(norm_all))
    civic = tuple(dict.fromkeys(h.matched for h in lists.civic.finditer(norm_all)))
    sought = {
        token
        for actor, who, clause in clauses
        if actor is Actor.RELATIVE and lists.wanted.finditer(clause)
        for token in who.split()
    } - aw.POSSESSIVE
    # Money for the relative who is sought is about that person's flight, not family support.
    acts = [
        replace(a, kind=ActKind.AIDING)
        if a.kind is ActKind.FAMILY
        and a.actor is Actor.SUBJECT
        and sought & set(a.target.split())
        and lists.money_to.finditer(normalise(" ".join(a.words)))
        else a
        for a in acts
    ]
    return FactsReading(
        _merge(acts), relatives, personal, civic, tuple((actor, clause) for actor, _, clause in clauses)
    )


def _read_sentence(
    sentence: str, walk: _Walk, acts: list[Act], clauses: list[tuple[Actor, str, str]]
) -> None:
    sentence_start = (walk.actor, walk.actor_text)
    political = bool(_lists().political.finditer(normalise(sentence)))
    for index, chunk in enumerate(_chunks(sentence)):
        norm = normalise(chunk)
        if not norm:
            continue
        first = norm.split(" ", 1)[0]
        restore: tuple[Actor, str] | None = None
        describes = False
        if first in aw.NOMINATIVE_RELATIVE and walk.last is not None:
            restore = (walk.actor, walk.actor_text)
            walk.actor, walk.actor_text = walk.last
        elif first in aw.OBJECT_RELATIVE:
            # "..., whom the killers accused of blasphemy": about the last person named, acted by others.
            restore = (walk.actor, walk.actor_text)
            describes = True
            walk.actor, walk.actor_text = Actor.OTHER, ""
        elif index == 0:
            walk.actor, walk.actor_text = sentence_start
        about = walk.last[0] if describes and walk.last else None
        about_text = walk.last[1] if describes and walk.last else ""
        mentions = _mentions(norm, walk.names, walk.relative_names, walk.has_kin)
        events: list[tuple[int, int, _Mention | tuple[int, ActKind, Gravity | None, str]]] = [
            (m.start, 0, m) for m in mentions
        ]
        events += [(a[0], 1, a) for a in _acts_in(norm)]
        events.sort(key=lambda e: (e[0], e[1]))
        positions: dict[int, bool] = {}
        main: tuple[Actor, str] | None = None
        for _, _order, item in events:
            if isinstance(item, _Mention):
                actor, sex, text = walk.resolve(item)
                at_front = _at_front(norm, item, positions, mentions)
                positions[item.end] = at_front
                walk.last = (actor, text)
                if at_front:
                    if main is None and _after_subordinator(norm, item):
                        # "she received money that her husband had embezzled": the husband acts only
                        # in his clause; the chunk's later clauses and the next chunk are hers again.
                        main = (walk.actor, walk.actor_text)
                    walk.actor, walk.actor_text = actor, text
                    walk.actors.append((actor, sex, text))
                continue
            pos, kind, gravity, matched = item
            actor, actor_text = walk.actor, walk.actor_text
            agent = _agent_after(norm, pos + len(matched), mentions, walk)
            if agent is not None:
                actor, actor_text = agent
            elif (
                kind in HARM_KINDS
                and actor in (Actor.VICTIM, Actor.OTHER)
                and not describes
                and (_passive_before(norm, pos) or gravity is Gravity.LETHAL)
            ):
                # "A police officer was seriously injured": harm a person suffered, which the request
                # lays at the accused's door unless it names another agent.
                actor, actor_text = Actor.SUBJECT, ""
            target = next((m for m in mentions if m.start >= pos + len(matched)), None)
            target_text = walk.resolve(target)[2] if target is not None else ""
            acts.append(Act(kind, actor, (matched,), sentence, gravity, actor_text, target_text, political))
        if about is not None:
            clauses.append((about, about_text, norm))
        else:
            clauses.append((walk.actor, walk.actor_text, norm))
        if main is not None:
            walk.actor, walk.actor_text = main
        if restore is not None:
            walk.actor, walk.actor_text = restore


_SUBORDINATORS = frozenset(
    {
        "that",
        "because",
        "when",
        "while",
        "after",
        "before",
        "since",
        "although",
        "whereas",
        "until",
        "once",
        "where",
    }
)


def _after_subordinator(norm: str, m: _Mention) -> bool:
    """Is the mention the subject of a clause opened inside the chunk ("..., that her husband ...")?"""
    before = norm[: m.start].rstrip().split(" ")
    words = [w for w in before[-3:] if w not in aw.POSSESSIVE and w not in _KIN_ADJECTIVES and w != "the"]
    return bool(words) and words[-1] in _SUBORDINATORS and len(before) > 1


_IMPUTE = frozenset({"atribuye", "imputa", "reprocha", "acusa", "impute", "reproche", "reprochent"})

_KIN_ADJECTIVES = frozenset(
    {
        "former",
        "late",
        "ex",
        "elder",
        "younger",
        "older",
        "eldest",
        "youngest",
        "own",
        "ancien",
        "ancienne",
        "exesposa",
        "exesposo",
    }
)


def _at_front(norm: str, m: _Mention, positions: dict[int, bool], mentions: list[_Mention]) -> bool:
    """Is this mention where a clause's actor stands (not the object of a verb or a preposition)?"""
    before = norm[: m.start].rstrip().split(" ")
    word = before[-1] if before and before[-1] else ""
    if m.pronoun and not word:
        return True
    if word in _KIN_ADJECTIVES and len(before) > 1:
        # "her former husband", "his elder brother": the adjective stands between.
        before = before[:-1]
        word = before[-1]
    if word in aw.POSSESSIVE:
        # "his brother", "the subject's husband": as much at the front as the possessor is.
        possessor_end = len(" ".join(before[:-1])) if len(before) > 1 else 0
        if word == "s" or possessor_end in positions:
            return positions.get(possessor_end, False)
        word = before[-2] if len(before) > 1 else ""
    if word in aw.AGENT:
        return False
    if word == "a" and len(before) > 1 and before[-2] in _IMPUTE:
        return True  # "se atribuye a CERVANTES haber conducido...": the person the acts are laid on
    return (
        not word
        or word in aw.SUBJECT_POSITION_BEFORE
        or word in aw.NOMINATIVE_RELATIVE
        or (word.isdigit() and len(word) == 4)
        or word in _MONTHS
    )


_MONTHS = frozenset(aw.MONTHS)


def _agent_after(norm: str, end: int, mentions: list[_Mention], walk: _Walk) -> tuple[Actor, str] | None:
    """The agent of a passive act: "killed by the subject", "stolen by his brother"."""
    rest = norm[end:].lstrip()
    word = rest.split(" ", 1)[0]
    if word not in aw.AGENT:
        return None
    offset = end + (len(norm[end:]) - len(rest)) + len(word) + 1
    for m in mentions:
        if offset <= m.start <= offset + 5:
            actor, _, text = walk.resolve(m)
            return actor, text
    return None


def _passive_before(norm: str, pos: int) -> bool:
    return any(w in aw.PASSIVE for w in norm[:pos].rstrip().split(" ")[-2:])


def _merge(acts: Iterable[Act]) -> tuple[Act, ...]:
    """One act per (kind, actor, gravity, sentence), its words together, in order of appearance."""
    merged: dict[tuple[ActKind, Actor, Gravity | None, str], Act] = {}
    for a in acts:
        key = (a.kind, a.actor, a.gravity, a.sentence)
        old = merged.get(key)
        if old is None:
            merged[key] = a
        else:
            words = tuple(dict.fromkeys((*old.words, *a.words)))
            merged[key] = replace(old, words=words, actor_text=old.actor_text or a.actor_text)
    return tuple(merged.values())
