"""``python -m eventwire.cli`` runs the ``eventwire`` command."""

from eventwire.cli.main import main

main()
