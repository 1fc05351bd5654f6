"""``python -m bot.knowledge [DIR]``: validate the knowledge dir and print a summary."""
import sys

from .report import main

sys.exit(main())
