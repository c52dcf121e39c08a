"""The whole product on one machine: moto in-process, the template's functions in local worker processes,
an HTTP API with a real JWT authorizer, Step Functions executed by moto, schedules and streams dispatched.

    from inetta.local import LocalStack
    with LocalStack() as stack:
        tokens = stack.sign_up("ada", "a long password 1A!")
        requests.get(f"{stack.api_url}/threads", headers={"Authorization": f"Bearer {tokens['access_token']}"})

`inetta dev` (see `inetta.local.dev.run_dev`) runs it in the foreground with a demo member.
"""

from inetta.local.errors import LocalStackError

__all__ = ["LocalStack", "LocalStackError", "run_dev"]


def __getattr__(name):  # imported lazily: `inetta --help` must not pay for moto and boto3
    if name == "LocalStack":
        from inetta.local.stack import LocalStack

        return LocalStack
    if name == "run_dev":
        from inetta.local.dev import run_dev

        return run_dev
    raise AttributeError(name)
