"""Who a snapshot is for: the export's view of the one audience policy, :mod:`graph.privacy`.

The policy lives in :mod:`graph.privacy` (below the stores and the maps, so that ``push``,
``serve`` and ``map`` apply the same rule); this module re-exports it for the exports.

Examples
--------
>>> mask_contacts("To see the report please contact jo.bloggs@example.org or 01632 960123")
'To see the report please contact [e-mail withheld] or [telephone withheld]'
>>> mask_contacts("Call +44 (0)1632 960 123, ISBN 9781911168447, pages 169-178.")
'Call [telephone withheld], ISBN 9781911168447, pages 169-178.'
"""

from __future__ import annotations

from graph.privacy.contacts import (
    EMAIL_MARKER,
    TELEPHONE_MARKER,
    contact_properties,
    mask_contacts,
)
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
    "contact_properties",
    "mask_contacts",
    "redact",
    "withheld_nodes",
    "withheld_strings",
]
