"""ECS403: a credential or secret-looking value in a container's plain-text `environment`.

The detection lives here, in one place: the credential names AWS flags, the name shapes
that say "this holds a secret", the value shapes of well-known credentials, and the
placeholders that are never reported. Nothing here ever puts a value, or any part or
measure of it, into a message.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.lazyre import lazy
from ecslint.core.rule import rule
from ecslint.load.placeholders import PLACEHOLDER
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator

# -- what is never a secret: placeholders ------------------------------------------------

#: Whole values (compared without case, trimmed) that stand in for a secret instead of
#: being one: documentation, samples, defaults meant to be replaced.
PLACEHOLDER_VALUES = frozenset(
    {
        "changeme", "change_me", "change-me", "changeit", "change_it", "change-it",
        "password", "passwd", "pass", "pwd", "secret", "token", "key", "apikey", "api_key", "api-key",
        "none", "null", "nil", "undefined", "empty", "n/a", "na", "tbd", "todo", "fixme", "dummy",
        "example", "sample", "test", "testing", "placeholder", "redacted", "hidden", "masked",
        "default", "foo", "bar", "foobar", "value", "replaceme", "replace_me", "replace-me",
        "set-me", "setme", "set_me", "fill-me", "fillme", "fill_me", "unset", "notset", "not-set",
        "secretvalue", "secret-value", "secret_value",
    }
)

#: Words that make a value a stand-in wherever they appear as a word of it (between
#: non-alphanumeric characters): ``your_api_key_here``, ``sk-test-...``, ``<insert key>``.
PLACEHOLDER_WORDS = frozenset(
    {
        "your", "yours", "here", "changeme", "change", "replace", "replaceme", "placeholder",
        "example", "examples", "sample", "dummy", "fake", "test", "todo", "tbd", "fixme",
        "redacted", "insert", "xxx", "notreal", "mock",
    }
)

#: Substrings that make a value a stand-in wherever they appear (without case): AWS's own
#: documentation keys (``AKIAIOSFODNN7EXAMPLE``), masks (``xxxx``, ``****``, ``...``).
PLACEHOLDER_SUBSTRINGS = ("example", "placeholder", "changeme", "replaceme", "xxxx", "****", "...", "\u2026", "dummy", "redacted")

#: Template and substitution syntaxes the loader does not treat as placeholders but build
#: tools fill in: ``%VAR%``, ``#{VAR}``, ``__VAR__``, ``@@VAR@@``, ``$(VAR)``, ``{VAR}``.
_SUBSTITUTION = r"%\w+%|#\{[^}]*\}|__\w+__|@@\w+@@|\$\(\w[\w.]*\)|\{\w+\}"


# -- what names say --------------------------------------------------------------------

#: The names AWS Security Hub control ECS.8 (Config rule ecs-no-environment-secrets)
#: flags, plus the session token that completes an AWS key pair.
AWS_CREDENTIAL_NAMES = {
    "AWS_ACCESS_KEY_ID": "the name of an AWS credential that Security Hub control ECS.8 flags",
    "AWS_SECRET_ACCESS_KEY": "the name of an AWS credential that Security Hub control ECS.8 flags",
    "AWS_SESSION_TOKEN": "the name of an AWS credential",
    "ECS_ENGINE_AUTH_DATA": "the name of the ECS agent's registry credentials, which Security Hub control ECS.8 flags",
}
#: The AWS credential names as words, found at the end of a longer name too
#: (``SECONDARY_AWS_SECRET_ACCESS_KEY``, ``AWS_SECRET_ACCESS_KEY_2``): the same secret.
_AWS_SECRET_WORDS = (("aws", "secret", "access", "key"), ("aws", "session", "token"))
#: Other names that always hold a secret, whatever their shape.
KNOWN_SECRET_NAMES = {"SECRET_KEY_BASE": "a Rails secret key base"}
#: Last words that only tell one copy of a variable from another (``DB_PASSWORD_PROD``,
#: ``API_KEY_2``, ``JWT_SECRET_OLD``): the word before them says what it holds.
_QUALIFIERS = frozenset(
    {
        "prod", "production", "dev", "development", "staging", "stage", "stg", "qa", "uat", "live",
        "old", "new", "next", "prev", "previous", "current", "primary", "secondary", "backup", "alt",
    }
)

#: Words that make a name public on purpose (``SUPABASE_ANON_KEY``, ``STRIPE_PUBLISHABLE_KEY``).
_PUBLIC_WORDS = frozenset({"public", "publishable", "anon", "pub"})
#: ``<word>_KEY`` names that say the key is a secret.
_SECRET_KEY_KINDS = {
    "api": "an API key",
    "private": "a private key",
    "secret": "a secret key",
    "master": "a master key",
    "signing": "a signing key",
    "encryption": "an encryption key",
    "license": "a license key",
    "licence": "a license key",
}
#: Last words that only suggest a secret: reported with a random-looking value only.
_WEAK_WORDS = frozenset({"key", "auth", "salt", "hmac", "signature", "seed"})


class Evidence:
    """Why a value looks like a secret (a plain class: a NamedTuple costs a compile at import)."""

    __slots__ = ("what", "fix")

    def __init__(self, what: str, fix: str = ""):
        #: What made the value look like a secret, for the message ("an AWS access key id").
        self.what = what
        #: The fix, when it differs from the general one.
        self.fix = fix

    def __repr__(self) -> str:
        return f"Evidence({self.what!r})"


_FIX = "move it to `secrets` with `valueFrom` a Secrets Manager secret or an SSM Parameter Store parameter, and rotate it"
_AWS_FIX = (
    "drop the keys and give the task an IAM role (`taskRoleArn`), or at least move them to `secrets` "
    "(`valueFrom` Secrets Manager or SSM Parameter Store), and rotate them"
)
_AGENT_FIX = "put private registry credentials in `repositoryCredentials` (a Secrets Manager secret) and rotate them"


def _name_words(name: str) -> list[str]:
    """``DB_PASSWORD``, ``dbPassword`` -> ``["db", "password"]``."""
    return [w.lower() for w in _patterns()["name_words"].findall(name)]


def name_evidence(name: str, words: list[str] | None = None) -> tuple[Evidence | None, bool]:
    """(evidence, weak): what a variable name says. ``weak`` names only suggest a
    secret; a strong one is enough on its own."""
    upper = name.upper()
    if upper in AWS_CREDENTIAL_NAMES:
        fix = _AGENT_FIX if upper == "ECS_ENGINE_AUTH_DATA" else _AWS_FIX
        return Evidence(AWS_CREDENTIAL_NAMES[upper], fix), False
    if upper in KNOWN_SECRET_NAMES:
        return Evidence(KNOWN_SECRET_NAMES[upper]), False
    words = _name_words(name) if words is None else words
    while len(words) > 1 and (words[-1] in _QUALIFIERS or words[-1].isdigit()):
        words = words[:-1]
    if any(tuple(words[-len(w) :]) == w for w in _AWS_SECRET_WORDS):
        return Evidence("the name of an AWS credential", _AWS_FIX), False
    if not words or _PUBLIC_WORDS.intersection(words):
        return None, False
    last = words[-1]
    before = words[-2] if len(words) > 1 else ""
    if last.endswith(("password", "passwd", "passphrase", "passcode")) or last in ("pwd", "pass"):
        return Evidence("a name that says it holds a password"), False
    if last.endswith("secret"):
        return Evidence("a name that says it holds a secret"), False
    if last.endswith("token"):
        return Evidence("a name that says it holds a token"), False
    if last in ("credential", "credentials", "creds"):
        return Evidence("a name that says it holds credentials"), False
    if last == "key" and before in _SECRET_KEY_KINDS:
        return Evidence(f"a name that says it holds {_SECRET_KEY_KINDS[before]}"), False
    if words[-3:] == ["secret", "access", "key"]:
        return Evidence("a name that says it holds a secret access key"), False
    for kind, what in _SECRET_KEY_KINDS.items():
        if last == f"{kind}key":
            return Evidence(f"a name that says it holds {what}"), False
    if last in _WEAK_WORDS:
        return Evidence(f"a random-looking value under a name that suggests a secret ({last})"), True
    return None, False


# -- what values say ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    """Made once, each pattern compiled on its first use: most runs never look at an
    environment value, and a value or a message needs only a few of them."""
    # (what, cheap substrings one of which the value must contain, pattern, fix)
    shapes = [
        ("an AWS access key id", ("AKIA", "ASIA"), r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])", _AWS_FIX),
        ("a private key block", ("PRIVATE KEY",), r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", ""),
        (
            "a GitHub token",
            ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{50,})(?![A-Za-z0-9_])",
            "",
        ),
        ("a GitLab token", ("glpat-",), r"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}", ""),
        ("a Slack token", ("xox",), r"(?<![A-Za-z0-9])xox[abpr]-[A-Za-z0-9-]{10,}", ""),
        ("a Stripe live secret key", ("k_live_",), r"(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{16,}", ""),
        ("a Google API key", ("AIza",), r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", ""),
        ("an npm token", ("npm_",), r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", ""),
        ("a SendGrid API key", ("SG.",), r"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])", ""),
        (
            "an OpenAI API key",
            ("sk-",),
            r"(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}"
            r"|(?<![A-Za-z0-9_-])sk-proj-[A-Za-z0-9_-]{40,}",
            "",
        ),
        ("an Anthropic API key", ("sk-ant-",), r"(?<![A-Za-z0-9_-])sk-ant-[a-z]+\d*-[A-Za-z0-9_-]{40,}", ""),
        ("a JSON Web Token", ("eyJ",), r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}", ""),
        # An incoming webhook's URL is its credential: whoever has it posts to the channel.
        (
            "a Slack webhook URL",
            ("hooks.slack.com",),
            r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_-]{6,}/[A-Za-z0-9_-]{6,}(?:/[A-Za-z0-9_-]{6,})?",
            "",
        ),
        (
            "a Discord webhook URL",
            ("discord",),
            r"(?:discord|discordapp)\.com/api/(?:v\d+/)?webhooks/\d{5,}/[A-Za-z0-9_-]{20,}",
            "",
        ),
    ]
    return {
        "shapes": [(what, hints, lazy(pattern), fix) for what, hints, pattern, fix in shapes],
        # One scan that tells whether any shape can match at all (most values: no).
        "hints": lazy("|".join(re.escape(h) for _, hints, _, _ in shapes for h in hints)),
        "hint_list": tuple(h for _, hints, _, _ in shapes for h in hints),
        "authority": lazy(r"://([^/?#\s\0]*)"),
        "connection": lazy(r"(?i)(?:^|;)\s*(?:password|pwd)\s*=\s*([^;]*)"),
        "pem_body": lazy(r"[A-Za-z0-9+/]{16,}"),
        "substitution": lazy(rf"^(?:{_SUBSTITUTION})$"),
        "name_words": lazy(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+"),
        "word_split": lazy(r"[^A-Za-z0-9]+"),
        "number": lazy(r"[+-]?\d+(?:[.,]\d+)*[a-zA-Z]{0,3}"),
        "identifier": lazy(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"),
        "token_like": lazy(r"[A-Za-z0-9+/=_.~-]+"),
        "path": lazy(r"(?:/|\./|\.\./|~/)[\w.@-]+(?:/[\w.@-]+)+/?|(?:/|\./|\.\./|~/)[\w@-]+\.[A-Za-z]\w{0,4}"),
        "plain_url": lazy(r"[A-Za-z][A-Za-z0-9+.-]*://\S+"),
        "uuid": lazy(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"),
    }


def is_placeholder(text: str, name: str | None = None, strict: bool = False) -> bool:
    """A value (or a part of one, such as a URL's password) that stands in for a secret:
    the one list of placeholders this rule trusts. ``strict`` for the value of a name that
    is evidence enough: ``example`` inside a word (``...EXAMPLEKEY``) does not make it a
    stand-in there, only as a word of its own."""
    p = _patterns()
    value = text.strip().strip("'\"")
    lowered = value.lower()
    if not value or lowered in PLACEHOLDER_VALUES or "\0" in value:
        return True
    if any(s in lowered for s in PLACEHOLDER_SUBSTRINGS if not (strict and s == "example")):
        return True
    if len(set(value)) == 1:  # "aaaa", "0000", "----"
        return True
    if p["substitution"].match(value) or p["identifier"].fullmatch(value):
        return True  # %VAR%, __VAR__, ... or a SHOUTING_NAME that names the secret
    if name is not None and re.sub(r"[^a-z0-9]", "", lowered) == re.sub(r"[^a-z0-9]", "", name.lower()):
        return True  # DB_PASSWORD=db_password
    words = {w.lower() for w in p["word_split"].split(value) if w}
    return not words.isdisjoint(PLACEHOLDER_WORDS)


def _not_a_secret(value: str, digits: bool = True) -> bool:
    """Values a secret-sounding name may hold that are not secrets: flags, numbers,
    durations, references to where the secret really is (ARNs, paths, plain URLs). Without
    ``digits``, a run of digits is not among them: under a password's name it is a PIN."""
    p = _patterns()
    v = value.strip()
    lowered = v.lower()
    if lowered in ("true", "false", "yes", "no", "on", "off", "enabled", "disabled", "enable", "disable"):
        return True
    if p["number"].fullmatch(v) and (digits or not v.isdigit()):  # 3600, 1.5, 30s, 12h
        return True
    if lowered.startswith(("arn:", "ssm:", "secretsmanager:", "vault:", "file:", "pk.", "pk_live_", "pk_test_")):
        return True  # a reference to a secret, or a publishable (public) key
    if p["path"].fullmatch(v):
        return True  # /run/secrets/db_password, ./config/key.pem
    if p["plain_url"].fullmatch(v) and not _url_password(v):
        return True  # a URL without credentials: where to get it, not what it is
    return False


#: What a URL scheme is made of (RFC 3986: a letter, then letters, digits, ``+``, ``.``, ``-``).
_SCHEME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


def _url_password(text: str) -> str | None:
    """The password of the first ``scheme://user:password@host`` in ``text``.

    Each ``://`` is found first and its scheme read backwards from it: a pattern that
    starts with the scheme is tried at every position of a long run of letters, which
    takes quadratic time on a value of a few ten thousand characters."""
    for m in _patterns()["authority"].finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in _SCHEME:
            start -= 1
        if not any(c.isascii() and c.isalpha() for c in text[start : m.start()]):
            continue  # no scheme: a scheme starts with a letter
        authority = m.group(1)
        at = authority.rfind("@")
        if at < 0:
            continue
        user, colon, password = authority[:at].partition(":")
        if colon and password:
            return password
    return None


def _entropy(text: str) -> float:
    counts: dict[str, int] = {}
    for c in text:
        counts[c] = counts.get(c, 0) + 1
    n = len(text)
    return -sum(k / n * math.log2(k / n) for k in counts.values())


def looks_random(value: str) -> bool:
    """At least 20 characters of a token alphabet, mixing letters and digits or cases,
    with at least 4 bits of Shannon entropy per character; UUIDs are identifiers."""
    p = _patterns()
    if len(value) < 20 or not p["token_like"].fullmatch(value) or p["uuid"].fullmatch(value):
        return False
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    return classes >= 2 and _entropy(value) >= 4.0


def value_evidence(text: str, public: bool = False) -> Evidence | None:
    """A value shape that is a secret whatever the name. ``text`` may hold ``\\0`` where a
    template placeholder was: only literal evidence counts."""
    p = _patterns()
    for what, hints, pattern, fix in p["shapes"] if p["hints"].search(text) else ():
        if not any(h in text for h in hints) or public and what == "a JSON Web Token":
            continue
        for m in pattern.finditer(text):
            if what == "a private key block":
                body = text[m.end() : m.end() + 4096]
                if p["pem_body"].search(body.split("-----END", 1)[0]) and not is_placeholder(body.split("-----END", 1)[0][:200]):
                    return Evidence(what)
                continue
            if not is_placeholder(m.group(0)):
                return Evidence(what, fix)
    password = _url_password(text) if "://" in text and "@" in text else None
    if password is not None and not is_placeholder(password):
        return Evidence("a URL with a password")
    if ";" in text and "=" in text:
        for m in p["connection"].finditer(text):
            if not is_placeholder(m.group(1)):
                return Evidence("a connection string with a password")
    return None


#: Values of the AWS credential names that are dummies rather than stand-ins for a key:
#: local emulators (DynamoDB Local, LocalStack) accept any key, and the keys of AWS's
#: documentation end in EXAMPLE.
DUMMY_CREDENTIALS = frozenset({"test", "testing", "dummy", "fake", "local", "localstack", "mock", "none", "null", "foo", "bar", "x"})


def _is_dummy_credential(value: str) -> bool:
    v = value.strip().lower()
    return not v or v in DUMMY_CREDENTIALS


def _user_password(value: str) -> bool:
    """``user:password`` (HTTP basic credentials, an htpasswd line), the password not a
    placeholder; not ``host:port`` nor a URL."""
    user, colon, password = value.partition(":")
    if not colon or not user or not password or any(c.isspace() or c in "/@" for c in user) or any(c.isspace() for c in password):
        return False
    if password.startswith("//") or password.isdigit() and len(password) <= 5:
        return False  # a URL, host:port
    return not is_placeholder(password)


def evidence(name: Any, value: Any) -> Evidence | None:
    """Why ``name=value`` looks like a secret in plain text, or None."""
    name = name if isinstance(name, str) else None
    if not isinstance(value, str):
        return None
    templated = ("$" in value or "{{" in value or "<" in value) and PLACEHOLDER.search(value) is not None
    literal = PLACEHOLDER.sub("\0", value) if templated else value
    words = _name_words(name) if name else []
    by_name, weak = name_evidence(name, words) if name else (None, False)
    public = not _PUBLIC_WORDS.isdisjoint(words)
    found = value_evidence(literal, public)
    if found is not None:
        if by_name is not None and by_name.fix and not found.fix:
            return Evidence(found.what, by_name.fix)
        return found
    if by_name is None:
        return None
    if templated:
        return None  # a placeholder is unknown: no rule judges it, not even by its name
    if by_name.fix in (_AWS_FIX, _AGENT_FIX):
        # The name alone fails ECS.8, whatever literal value it holds (the documentation's
        # keys too: a real key may hold the letters EXAMPLE); dummies for local emulators
        # and placeholders are left alone.
        if _is_dummy_credential(value) or is_placeholder(value, name, strict=True):
            return None
        return Evidence(by_name.what, by_name.fix)
    if weak:
        if is_placeholder(value, name) or _not_a_secret(value):
            return None
        if by_name.what.endswith("(auth)") and _user_password(value.strip()):
            return Evidence("a user:password pair under a name that suggests credentials")
        return by_name if looks_random(value.strip()) else None
    # A name that says it holds a secret is evidence enough, whatever the value looks like
    # (a 3-character PIN, 1234567890), unless the value stands in for one or says where it is.
    if is_placeholder(value, name, strict=True) or _not_a_secret(value, digits=False):
        return None
    return by_name


# -- secrets in free text (messages, excerpts) -------------------------------------------

#: What stands for a secret in a message or an excerpt: a fixed width, so not even its
#: length shows.
MASK = "*" * 8

#: Query parameters that carry a credential whatever their value looks like (a presigned
#: URL's ``X-Amz-Credential``, ``X-Amz-Signature``, ``X-Amz-Security-Token``; SAS ``sig``).
_CREDENTIAL_PARAMETERS = frozenset({"x-amz-credential", "x-amz-signature", "x-amz-security-token", "sig", "signature"})


@lru_cache(maxsize=1)
def _text_patterns() -> dict[str, Any]:
    # Each starts only where a name starts (the look-behinds), and names and anchors are
    # bounded, so that a scan is linear whatever the text.
    return {
        # NAME=value, NAME: value, "NAME": "value", --name=value, name: &anchor value
        "pair": lazy(
            r"(?<![A-Za-z0-9_.])(?<![A-Za-z0-9_.]-)(?P<name>[A-Za-z_][A-Za-z0-9_.-]{0,99})[\"']?\s*[:=]\s*(?:&[^\s&]{1,99}\s+)?"
            r"(?P<value>\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^\s,;&}\]\"'|]+)"
        ),
        # --name value, and in an array: "--name", "value"
        "flag": lazy(
            r"(?<![A-Za-z0-9_-])--?(?P<name>[A-Za-z][A-Za-z0-9_-]{0,99})(?: +|[\"']\s*,\s*[\"'])(?P<value>[^\s\"',\]-][^\s\"',\]]*)"
        ),
        # {"name": "DB_PASSWORD", "value": "..."} or {name: DB_PASSWORD, valueFrom: ...} on one line
        "entry": lazy(
            r"[\"']?name[\"']?\s*:\s*[\"']?(?P<name>[^\"',}\s]{1,200})[\"']?\s*,\s*[\"']?value(?:From)?[\"']?\s*:\s*"
            r"(?:&[^\s&]{1,99}\s+)?(?P<value>\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^\s,}]+)"
        ),
        "query": lazy(r"[?&](?P<name>[A-Za-z0-9_.-]{1,100})=(?P<value>[^&#\s\"']+)"),
        "run": lazy(r"[A-Za-z0-9+/_-]{20,}={0,2}"),
        # What "pair" and "flag" need before they can report anything, found in the lowered
        # text: a name (ASCII, so lowering keeps it in place) holding a secret word, then
        # what follows a name in them. Most messages have a secret word somewhere ("the
        # key"), few under a name: these scans are cheap, the ones they spare are not.
        "pair_name": lazy(rf"(?:{_WORDS})[a-z0-9_.-]*[\"']?\s*[:=]"),
        "flag_name": lazy(rf"-[a-z0-9_-]*(?:{_WORDS})[a-z0-9_-]*(?: |[\"']\s*,)"),
    }


#: The words :func:`name_evidence` and the credential parameters rest on: a text without
#: any of them names no secret (one cheap test before the scans for names).
_SECRET_WORDS = ("pass", "pwd", "secret", "token", "cred", "key", "auth", "salt", "hmac", "sig", "seed")
_WORDS = "|".join(_SECRET_WORDS)


def secret_spans(text: str, random: bool = False) -> list[tuple[int, int]]:
    """Where free text (an image, a URL, a command, a source line) holds something that
    looks secret: a credential's shape, a URL's user information, a credential query
    parameter, a value under a credential's name (``DB_PASSWORD=...``, ``"splunk-token":
    "..."``, ``--password=...``); with ``random``, also any run of 20 or more token
    characters that mixes lower and upper case and digits at high entropy (a pasted
    secret in a field no name explains). Errs towards masking: a mask costs a reader little."""
    p, t = _patterns(), _text_patterns()
    spans: list[tuple[int, int]] = []
    if random:
        for m in t["run"].finditer(text):
            run = m.group(0)
            if any(c.isdigit() for c in run) and looks_random(run) and run.lower() != run and run.upper() != run:
                spans.append(m.span())
    # The hints the text holds, each looked for once: a message with one ("task-" holds
    # OpenAI's "sk-") tried every shape's hints in turn.
    present = {h for h in p["hint_list"] if h in text}
    if present:
        for what, hints, pattern, _ in p["shapes"]:
            if present.isdisjoint(hints):
                continue
            for m in pattern.finditer(text):
                if what == "a private key block":
                    end = text.find("-----END", m.end())
                    spans.append((m.end(), len(text) if end < 0 else end))
                elif not is_placeholder(m.group(0)):
                    spans.append(m.span())
    if "://" in text and "@" in text:
        for m in p["authority"].finditer(text):
            at = m.group(1).rfind("@")
            if at > 0:
                spans.append((m.start(1), m.start(1) + at))  # user and password alike
    lowered = text.lower()
    if not any(w in lowered for w in _SECRET_WORDS):
        return spans
    if "=" in text and ("?" in text or "&" in text):
        for m in t["query"].finditer(text):
            name = m.group("name")
            if name.lower() in _CREDENTIAL_PARAMETERS or evidence(name, m.group("value")) is not None:
                spans.append(m.span("value"))
    # Each pattern needs what the text may not have (a message rarely has): a name with a
    # secret word in it written as its pattern writes names, or both words of an entry.
    for key, needed in (
        ("pair", (":" in text or "=" in text) and t["pair_name"].search(lowered)),
        ("flag", "-" in text and t["flag_name"].search(lowered)),
        ("entry", "name" in text and "value" in text),
    ):
        if not needed:
            continue
        for m in t[key].finditer(text):
            raw, name = m.group("value"), m.group("name")
            quoted = len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]
            value = raw[1:-1] if quoted else raw
            if value and _names_secret(name) and evidence(name, value) is not None:
                start, end = m.span("value")
                spans.append((start + 1, end - 1) if quoted else (start, end))
    return spans


#: ``name: DB_PASSWORD`` or ``"name": "DB_PASSWORD",`` as the only member on its line.
_ENTRY_NAME = lazy(r"""(\s*(?:-\s+)?)["']?name["']?\s*:\s*["']?([^"'\s,{}]{1,200})["']?\s*,?\s*$""")
#: ``"--password",`` or ``- --password`` alone on its line: an argument whose value is the next.
_FLAG_LINE = lazy(r"""\s*(?:-\s+)?["']?--?([A-Za-z][A-Za-z0-9_-]{0,99})["']?\s*,?\s*$""")
#: The next line's item: ``"value",`` or ``- value``.
_ITEM_LINE = lazy(r"""(\s*(?:-\s+)?)(\S(?:.*\S)?)""")
#: ``value: ...``, ``valueFrom: &anchor ...``, ``"value": "...",`` or a block scalar's header.
_ENTRY_VALUE = lazy(r"""(\s*(?:-\s+)?)["']?value(?:From)?["']?\s*:[ \t]*(?:&[^\s&]{1,99}[ \t]+)?""")


def entry_value_spans(text: str) -> dict[int, list[tuple[int, int]]]:
    """Line (1-based) -> spans (0-based) of the values of name/value entries written over
    several lines whose name says it holds a secret, found in the text as written: so a
    value no model reaches is found too (the first of two duplicate ``value`` keys, an
    entry inside an anchor that a merge key or an alias uses), and a block scalar's lines.
    An entry is its ``name`` line and the lines at the same indentation around it."""
    out: dict[int, list[tuple[int, int]]] = {}
    lines = text.split("\n")
    column, secret = -1, False
    pending: list[tuple[int, int, int]] | None = []  # value lines before the entry's name line
    block = -1  # the indentation a block scalar's lines exceed
    flag = False  # the line before was ``"--password",``: this one is its value
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if flag and stripped:
            item = _ITEM_LINE.match(line)
            if item is not None:
                start, end = item.end(1), item.end(2) - (1 if item.group(2).endswith(",") else 0)
                out.setdefault(number, []).append((start, end))
        if stripped:
            argument = _FLAG_LINE.match(line)
            flag = argument is not None and _names_secret(argument.group(1))
        indent = len(line) - len(line.lstrip())
        if block >= 0:
            if not stripped or indent > block:
                if stripped:
                    out.setdefault(number, []).append((indent, len(line.rstrip())))
                continue
            block = -1
        named = _ENTRY_NAME.match(line)
        if named:
            at = len(named.group(1))
            if "-" in named.group(1) or at != column:
                pending = []  # a new entry: values seen before belong to another
            column, secret = at, _names_secret(named.group(2))
            for line_number, s, e in pending if secret else ():
                out.setdefault(line_number, []).append((s, e))
            pending = None  # the entry's name is known: no more pending
            continue
        value = _ENTRY_VALUE.match(line)
        if value is None:
            if stripped and indent < column:
                column, secret, pending = -1, False, []
            continue
        at = len(value.group(1))
        start, end = value.end(), len(line.rstrip().rstrip(","))
        header = line[start:end]
        if header[:1] in ("|", ">") and header.strip(" |>+-0123456789") == "":
            if column == at and secret:
                block = indent
            continue
        if line.lstrip().startswith("-") or column != at:
            column, secret, pending = at, False, [(number, start, end)]  # a new entry, its name unknown yet
        elif secret:
            out.setdefault(number, []).append((start, end))
        elif pending is not None:
            pending.append((number, start, end))
    return out


@lru_cache(maxsize=4096)
def _names_secret(name: str) -> bool:
    """Whether a name says (or suggests) it holds a secret; names repeat across a run."""
    return name_evidence(name)[0] is not None


@lru_cache(maxsize=256)
def mask_secrets(text: str) -> str:
    """``text`` with every :func:`secret_spans` span replaced by :data:`MASK`.

    Memoised: every finding's message goes through it, and the same messages come back
    across the files of a run (a rule's fixed text, a container named ``app`` in many task
    definitions). The last 256 are kept: one pass over the corpus's task definitions finds
    35% of its messages there, the benchmark's corpus repeated to 1,000 files 42%."""
    spans = secret_spans(text)
    return mask_spans(text, spans)[0] if spans else text


def mask_spans(text: str, spans: list[tuple[int, int]], *columns: int) -> tuple[str, list[int]]:
    """``text`` with each span (merged where they overlap) replaced by :data:`MASK`, and
    ``columns`` (0-based offsets into ``text``) moved along."""
    merged: list[list[int]] = []
    for s, e in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    pieces, last, moved = [], 0, list(columns)
    for s, e in merged:
        pieces += [text[last:s], MASK]
        last = e
    pieces.append(text[last:])
    for s, e in reversed(merged):
        moved = [c + len(MASK) - (e - s) if c >= e else min(c, s + len(MASK)) for c in moved]
    return "".join(pieces), moved


def safe_token(text: str) -> bool:
    """Whether a value may be quoted in a message: a short word-like token (an enum value
    mistyped, ``bridged``) that looks like no secret."""
    return (
        len(text) <= 32
        and _patterns()["token_like"].fullmatch(text) is not None
        and not looks_random(text)
        and not secret_spans(text)
        and value_evidence(text) is None
    )


# -- the rule ---------------------------------------------------------------------------


@rule(
    id="ECS403",
    name="secret-in-environment",
    severity="error",
    kinds=("task-definition",),
    tags=("security", "secrets"),
    security_severity=8.0,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html",
    ),
    compliance=(
        "security-hub:ECS.8",
        "control-tower:CT.ECS.PR.12",
        "aws-config:ecs-no-environment-secrets",
    ),
)
def secret_in_environment(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A credential or secret-looking value in a container's plain-text `environment`; the value is never shown.

    What it does:
        Looks at every ``environment`` entry and reports it, on its value, when there is
        evidence of a secret:

        - the credential names AWS Security Hub control ECS.8 flags
          (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``ECS_ENGINE_AUTH_DATA``) and
          ``AWS_SESSION_TOKEN``, also inside a longer name
          (``SECONDARY_AWS_SECRET_ACCESS_KEY``, ``AWS_SECRET_ACCESS_KEY_2``);
        - a value shape that is a credential whatever the name: an AWS access key id
          (``AKIA``/``ASIA``), a private key block, a URL with a password
          (``scheme://user:password@host``), a connection string with ``Password=``,
          GitHub, GitLab, Slack, Stripe live, Google, npm, SendGrid, OpenAI and Anthropic
          tokens, a JSON Web Token, a Slack or Discord webhook URL (whoever has it posts
          to the channel);
        - a name that says it holds a secret, read word by word whatever the case or
          separator (``DB_PASSWORD``, ``dbPassword``, ``MYSQL_ROOT_PASSWORD``,
          ``CLIENT_SECRET``, ``GITHUB_TOKEN``, ``STRIPE_API_KEY``, ``JWT_PRIVATE_KEY``);
          its last word decides, after the words that only tell copies apart (a number,
          ``PROD``, ``STAGING``, ``OLD``, ...: ``DB_PASSWORD_2``), so
          ``PASSWORD_MIN_LENGTH``, ``TOKEN_TTL``, ``SECRET_NAME``, ``DB_SECRET_ARN``,
          ``DB_PASSWORD_FILE`` and ``KMS_KEY_ID`` are not secrets. Such a name is evidence
          enough whatever the value looks like: a 3-character PIN, ``1234567890``;
        - a name that only suggests one (``ENCRYPTION_SALT``, ``CACHE_KEY``,
          ``BASIC_AUTH``) with a random-looking value: at least 20 characters mixing
          letters and digits, at 4 bits of entropy per character or more; or, for a name
          ending in ``AUTH``, a ``user:password`` pair.

        Not reported: placeholders (``${VAR}``, ``{{ var }}``, ``<value>``, empty,
        ``changeme``, ``password``, ``xxxx``, ``****``, ``your_key_here``, ``TODO``,
        ``dummy``, ``example``, ``test``, ...: a value meant to be replaced is not a
        secret, even when deployed as is), flags (``true``, ``yes``, ``1``), numbers with
        a unit or a fraction (``30s``, ``1.5``) and, under a name that only suggests a
        secret, any number (``3600``), and references to where a secret is (an ARN, a
        file path, a URL without credentials). Names meant to be public (``SUPABASE_ANON_KEY``,
        ``NEXT_PUBLIC_...``) are not read as secret names. A partly templated value is
        judged only on its literal parts (a password written in a URL whose host is
        ``${DB_HOST}`` is reported). The AWS credential names above are reported for any
        literal value but dummies (``test`` or ``dummy`` for a local emulator, empty),
        the documentation's keys included (``AKIAIOSFODNN7EXAMPLE``: ECS.8 flags the name
        whatever it holds, and under a credential's name ``EXAMPLE`` inside a word does
        not make a value a stand-in, as it does elsewhere); a placeholder
        (``${AWS_SECRET_ACCESS_KEY}``, ``YOUR_AWS_ACCESS_KEY_ID``) is unknown and not
        judged, even though ECS.8 would flag the name once it is filled in. Only ``environment`` is read: ``environmentFiles``
        are fetched at run time, and ``secrets`` is the fix.

        The message names the variable and the kind of evidence, never the value or any
        part or length of it. The text reporter masks the value in its source excerpt.

    Why it matters:
        Environment values are part of the task definition: anyone allowed
        ``ecs:DescribeTaskDefinition`` reads them in plain text, in the console too, and
        so does everyone who sees a copy of the definition in a repository or a CI log. AWS recommends injecting secrets from Secrets Manager or
        Systems Manager Parameter Store; Security Hub rates plain-text AWS credentials in
        the environment (ECS.8) high severity.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 512,
           "environment": [
             {"name": "DB_HOST", "value": "db.internal"},
             {"name": "DB_PASSWORD", "value": "Vr7q-Lm2x-Tz8w"}
           ]}
        ]}
        ```

        Good:

        ```json
        {"family": "api", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 512,
           "environment": [{"name": "DB_HOST", "value": "db.internal"}],
           "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:api/db-password-AbCdEf"}]}
        ]}
        ```

    How to fix:
        Store the value in Secrets Manager or as an SSM Parameter Store SecureString and
        reference it from ``secrets`` (``{"name": "DB_PASSWORD", "valueFrom": "<ARN>"}``);
        the execution role needs read access to it. For AWS keys, give the task a task
        role instead: the SDKs pick its credentials up. Then rotate the secret: it has
        been exposed.
    """
    for container in td.containers:
        for index, name, value in container.environment:
            found = evidence(name, value)
            if found is None:
                continue
            variable = f"`{name}`" if isinstance(name, str) else f"#{index + 1}"
            yield Violation(
                container.field("environment") + (index, "value"),
                f"{container.label}: environment variable {variable} holds a secret in plain text "
                f"(evidence: {found.what}), readable by anyone allowed ecs:DescribeTaskDefinition; "
                f"{found.fix or _FIX}",
            )
