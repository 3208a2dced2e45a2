"""``python -m casegraph``: the command line, as the ``casegraph`` script."""
from casegraph.cli import main

if __name__ == "__main__":
    main()
