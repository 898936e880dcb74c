"""One YAML reading for every data file: libyaml's safe loader, where only `true` and
`false` are booleans (YAML 1.1 also reads on/off/yes/no/"no" as such: the English word
"on", Norway's language code) and dates stay text for the schemas to check."""

from __future__ import annotations

import re
from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):  # type: ignore[misc,valid-type]
    pass


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
for first in "tTfF":
    Loader.yaml_implicit_resolvers.setdefault(first, []).append(("tag:yaml.org,2002:bool", _BOOL))


def loads(text: str) -> Any:
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader
