"""The `inetta` command (console script in pyproject.toml). Subcommands are added here as the project grows."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="inetta", description="Inetta, the open-source AI relationship coach.")
    commands = parser.add_subparsers(dest="command", metavar="<command>")

    dev = commands.add_parser(
        "dev",
        help="run the whole product locally (moto, the HTTP API, a demo member) until Ctrl-C",
        description="Run the whole product locally: no AWS account, no Docker, no LLM key needed.",
    )
    dev.add_argument("--port", type=int, default=None, help="API port (default: $PORT or 8000)")
    dev.add_argument("--moto-port", type=int, default=None, help="moto port (default: $INETTA_MOTO_PORT or free)")

    args = parser.parse_args(argv)
    if args.command == "dev":
        from inetta.local.dev import run_dev  # imported late: `inetta --help` must stay instant

        return run_dev(port=args.port, moto_port=args.moto_port)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
