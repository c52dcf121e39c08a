"""The one exception the local stack raises for problems a developer must fix (template, ports, setup)."""


class LocalStackError(RuntimeError):
    pass
