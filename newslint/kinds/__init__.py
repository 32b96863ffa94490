"""The rule kinds' checkers, one module a kind: what a rule of that kind looks for in a document.

A kind's YAML fields, and the validation that prepares values for its checker, are in the
matching module of :mod:`newslint.specs`; a checker reads them from a plain
:class:`newslint.kinds.base.Rule`, so linting needs no pydantic.
"""
