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

    chat = commands.add_parser("chat", help="send a message to the running local stack as the demo member")
    chat.add_argument("text", help="what to tell the coach")
    chat.add_argument("--api", default=None, help="API URL (default: http://127.0.0.1:$PORT or :8000)")
    chat.add_argument("--username", default=None, help="member to sign in as (default: the demo member)")
    chat.add_argument("--password", default=None)

    crisis = commands.add_parser("crisis", help="crisis-detection tools")
    crisis_commands = crisis.add_subparsers(dest="crisis_command", metavar="<crisis command>")
    crisis_commands.add_parser(
        "classify",
        help='screen JSON lines {"id", "text"} from stdin; write {"id", "escalate", "category", "severity"}',
    )

    incidents = commands.add_parser(
        "incidents",
        help="on-call's crisis incidents: list the open ones, show one, close one "
             "(with the operator's AWS credentials)",
    )
    incidents.add_argument("--table", default=None,
                           help="the stack's table (its TableName output; default: $TABLE_NAME)")
    incidents.set_defaults(member_id=None, incident_id=None, by=None, note=None)  # what `list` has none of
    incident_commands = incidents.add_subparsers(dest="incidents_command", metavar="<incidents command>")
    incident_commands.add_parser("list", help="the open incidents, newest first (no member's words)")
    show = incident_commands.add_parser("show", help="one incident's record, with the words that opened it")
    close = incident_commands.add_parser("close", help="close an incident: its crisis window ends with it")
    for sub in (show, close):
        sub.add_argument("member_id", help="the member (member_id in the notification)")
        sub.add_argument("incident_id", help="the incident (incident_id in the notification)")
    close.add_argument("--by", required=True, help="who closes it (kept on the incident)")
    close.add_argument("--note", required=True, help="what was done, or why it needs nothing (kept on the incident)")

    openapi = commands.add_parser(
        "openapi",
        help="regenerate docs/openapi.json from the handlers (--check: only say whether it is up to date)",
    )
    openapi.add_argument("--check", action="store_true", help="exit 1 if docs/openapi.json is out of date")
    openapi.add_argument("--stdout", action="store_true", help="print the document instead of writing it")

    args = parser.parse_args(argv)
    if args.command == "openapi":
        from inetta import openapi as spec

        if args.stdout:
            return spec.main()
        if args.check:
            problem = spec.check()
            print(problem or f"{spec.DOCUMENT_PATH.relative_to(spec.REPO_ROOT)} is up to date")
            return 1 if problem else 0
        changed = spec.write()
        print(f"{'wrote' if changed else 'unchanged:'} {spec.DOCUMENT_PATH.relative_to(spec.REPO_ROOT)}")
        return 0
    if args.command == "chat":
        from inetta.client import chat as send

        return send(args.text, api_url=args.api, username=args.username, password=args.password)
    if args.command == "crisis" and args.crisis_command == "classify":
        from shared.safety.cli import classify_stream

        return classify_stream(sys.stdin, sys.stdout)
    if args.command == "incidents" and args.incidents_command:
        from inetta.incidents import run

        return run(args.incidents_command, args.table, args.member_id, args.incident_id, args.by, args.note)
    if args.command == "dev":
        from inetta.local.dev import run_dev  # imported late: `inetta --help` must stay instant

        return run_dev(port=args.port, moto_port=args.moto_port)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
