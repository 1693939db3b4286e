"""``python -m graph`` runs the hubspoke command line."""

import sys

from graph.cli import main

sys.exit(main())
