"""`inetta incidents`: on-call's tool for crisis incidents (list the open ones, read one, close one).

On-call humans are paged with an incident's member id and incident id, never the member's words; they read the
record here, act, and close it with a note. It talks to the stack's table with the operator's AWS credentials
(deployed: the `TableName` output of the stack; locally: `AWS_ENDPOINT_URL` = the moto URL that `make dev` prints).
"""

from __future__ import annotations

import json
import os
import sys
from typing import TextIO

import boto3
from botocore.exceptions import ClientError, NoCredentialsError, NoRegionError

from shared.store.incidents import IncidentNotOpen, IncidentStore

# The record as on-call reads it: everything but keys and bookkeeping.
_HIDDEN = {"pk", "sk", "kind", "told"}


def run(command: str, table: str | None, member_id: str | None = None, incident_id: str | None = None,
        closed_by: str | None = None, note: str | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # read now, not at import: whoever imported this first must not fix where it prints
    table = table or os.environ.get("TABLE_NAME")
    if not table:
        print("Name the table: --table <the stack's TableName output> (or TABLE_NAME).", file=sys.stderr)
        return 2
    try:
        return _run(command, IncidentStore(table, client=boto3.client("dynamodb")), member_id, incident_id,
                    closed_by, note, out)
    except (NoCredentialsError, NoRegionError) as problem:
        print(f"No AWS access: {problem} (use the operator's credentials and the stack's region).", file=sys.stderr)
    except ClientError as problem:
        code = problem.response["Error"]["Code"]
        reason = f"there is no table {table} here" if code == "ResourceNotFoundException" else problem
        print(f"DynamoDB refused: {reason}.", file=sys.stderr)
    return 1


def _run(command: str, store: IncidentStore, member_id: str | None, incident_id: str | None,
         closed_by: str | None, note: str | None, out: TextIO) -> int:
    if command == "list":
        incidents = store.open_incidents()
        print(f"{len(incidents)} open incident(s)", file=out)
        for incident in incidents:
            print("  ".join(_summary(incident)), file=out)
        return 0
    if command == "show":
        incident = store.find(member_id, incident_id)
        if incident is None:
            print(f"No incident {incident_id} for member {member_id}.", file=sys.stderr)
            return 1
        shown = {key: value for key, value in sorted(incident.items()) if key not in _HIDDEN}
        print(json.dumps(shown, indent=2, default=str), file=out)
        return 0
    if command == "close":
        try:
            closed = store.close(member_id, incident_id, closed_by, note)
        except IncidentNotOpen as problem:
            print(f"Incident {incident_id} of member {member_id} was not closed: {problem}.", file=sys.stderr)
            return 1
        print(f"Closed incident {incident_id} ({closed['category']}, {closed['danger']}) at {closed['closed_at']} "
              f"by {closed['closed_by']}.", file=out)
        return 0
    raise ValueError(command)


def _summary(incident: dict) -> list[str]:
    line = [incident["created_at"], incident["incident_id"], f"member={incident['owner']}", incident["category"],
            f"danger={incident.get('danger')}"]
    if incident.get("minor"):
        line.append("MINOR")
    if incident.get("someone_else"):
        line.append("at risk: someone in the member's life")
    if incident.get("older_adult"):
        line.append("an older person's abuse")
    if incident.get("raised_from"):
        line.append(f"raised from {incident['raised_from']}")
    if incident.get("question_asked"):
        answer = incident.get("member_answer")
        line.append(f"asked: answered {answer}" if answer else "asked: no answer yet")
    if incident.get("doubted_after_no"):
        line.append(f"doubted again since, not asked again: {incident['doubted_after_no']} message(s)")
    if not incident.get("escalated_at"):
        line.append("NOT YET ESCALATED")
    return line
