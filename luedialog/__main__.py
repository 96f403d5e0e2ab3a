from __future__ import annotations

from luedialog.cli.app import main

if __name__ == "__main__":
    main()
