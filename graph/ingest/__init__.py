"""Growing the graph: ingest a report, code it in a spreadsheet, measure agreement between coders.

- :mod:`~graph.ingest.segmenting` cuts a Markdown report into sections and statements;
- :mod:`~graph.ingest.documenting` turns them into RDF;
- :mod:`~graph.ingest.codebook` and :mod:`~graph.ingest.suggesting` suggest codes from the
  concept schemes' own words;
- :mod:`~graph.ingest.sheets` writes the coding sheet (CSV and ``.xlsx``);
- :mod:`~graph.ingest.ingesting` does all of it for ``hubspoke ingest``;
- :mod:`~graph.ingest.checking` and :mod:`~graph.ingest.coding` check a coding sheet and
  import it (``hubspoke coding import``);
- :mod:`~graph.ingest.agreement` and :mod:`~graph.ingest.codings` compare two codings
  (``hubspoke agreement``).

This package only re-exports.

Owns: segmentation, suggestions, coding sheets, coding import and agreement.
May import: :mod:`graph.register` (its sheet reading, problems, serialising and validation of
imports) and the layers below it; never maps, exports, the build or the CLI.

Examples
--------
>>> [u.kind for u in segment("# 1. A\\n\\n- Lead:\\n  - point\\n").units]
['lead-in', 'sub-bullet']
"""

from graph.ingest.agreement import Agreement, CodeAgreement, Difference, agreement
from graph.ingest.codebook import SCHEMES, Code, Codebook, Scheme
from graph.ingest.coding import CodingReport, import_coding
from graph.ingest.codings import Coding, compare_codings, read_coding
from graph.ingest.documenting import document_graph, short_label
from graph.ingest.ingesting import IngestReport, ingest, read_source
from graph.ingest.segmenting import Section, Segmentation, Unit, clean_text, segment
from graph.ingest.sheets import COLUMNS, SheetLine, csv_sheet, parse_codes, xlsx_sheet
from graph.ingest.suggesting import stems, suggest

__all__ = [
    "Agreement",
    "CodeAgreement",
    "Coding",
    "CodingReport",
    "Difference",
    "agreement",
    "compare_codings",
    "import_coding",
    "read_coding",
    "COLUMNS",
    "SCHEMES",
    "Code",
    "Codebook",
    "IngestReport",
    "Scheme",
    "Section",
    "Segmentation",
    "SheetLine",
    "Unit",
    "clean_text",
    "csv_sheet",
    "document_graph",
    "ingest",
    "parse_codes",
    "read_source",
    "segment",
    "short_label",
    "stems",
    "suggest",
    "xlsx_sheet",
]
