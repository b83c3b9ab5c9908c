"""Development tools, never installed with the project (``pip install .`` ships ``commune`` and
``formsvc`` only): :mod:`devtools.preflight`, the system check ``make`` runs first, and
:mod:`devtools.smtp_sink`, the local SMTP server of ``make serve`` and of the tests.
"""
