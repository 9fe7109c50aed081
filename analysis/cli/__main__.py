"""``python -m analysis.cli``: the ``pasarkerja`` command."""

import sys

from analysis.cli import main

sys.exit(main())
