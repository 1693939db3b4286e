"""Privacy: the one audience policy every output follows, and how contact details are found.

Owns: :mod:`~graph.privacy.policy` (audiences, withheld nodes and names, redaction) and
:mod:`~graph.privacy.contacts` (contact properties, e-mail and telephone detection).
May import: :mod:`graph.rdf`, :mod:`graph.errors` and third-party libraries only, so that
every layer above (stores, pushes and servers, maps, exports) can apply the same rule.
"""

from graph.privacy.contacts import EMAIL_MARKER, TELEPHONE_MARKER, find_contacts, mask_contacts
from graph.privacy.policy import (
    AUDIENCES,
    DEFAULT_AUDIENCE,
    NAME_MARKER,
    AudiencePolicy,
    check_audience,
    redact,
    withheld_nodes,
    withheld_strings,
)

__all__ = [
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "EMAIL_MARKER",
    "NAME_MARKER",
    "TELEPHONE_MARKER",
    "AudiencePolicy",
    "check_audience",
    "find_contacts",
    "mask_contacts",
    "redact",
    "withheld_nodes",
    "withheld_strings",
]
