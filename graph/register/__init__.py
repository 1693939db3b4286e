"""The services register: a spreadsheet of Hub and Spoke services, imported into the graph.

Those who run the programme keep its services in a spreadsheet (see ``docs/register.md``).
This package reads it (:mod:`~graph.register.reading`), checks every row
(:mod:`~graph.register.checking`), maps rows to RDF and back (:mod:`~graph.register.mapping`)
and writes ``ontology/data/register.ttl`` (:mod:`~graph.register.importing`). It only
re-exports.

Owns: the register's columns, reading, checks, mapping and import.
May import: :mod:`graph.kg` and the layers below it (validation, RDF loading); never maps,
exports, the build or the CLI.

Examples
--------
>>> [c.name for c in COLUMNS if c.required]
['service', 'hub_organisation', 'model', 'phase', 'local_authorities', 'gss_codes']
"""

from graph.register.checking import ServiceRecord, check_rows
from graph.register.columns import COLUMN_NAMES, COLUMNS, Column, template_text
from graph.register.identifiers import KnownEntities, service_iri, slug
from graph.register.importing import (
    REGISTER_FILE,
    ImportReport,
    default_data_dir,
    export_register,
    export_text,
    import_register,
    write_template,
)
from graph.register.mapping import graph_to_rows, records_to_graph
from graph.register.problems import RegisterProblem
from graph.register.reading import Sheet, read_sheet, sheet_from_bytes

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "REGISTER_FILE",
    "Column",
    "ImportReport",
    "KnownEntities",
    "RegisterProblem",
    "ServiceRecord",
    "Sheet",
    "check_rows",
    "default_data_dir",
    "export_register",
    "export_text",
    "graph_to_rows",
    "import_register",
    "read_sheet",
    "records_to_graph",
    "service_iri",
    "sheet_from_bytes",
    "slug",
    "template_text",
    "write_template",
]
