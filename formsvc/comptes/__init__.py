"""The accounts of the people who sign in (the mayor's office today; the editors' room will
share them): their passwords, their second factor, the log of what they do.

Imports nothing on purpose: importing one of these modules never loads the back-office's
pages (formsvc/gestion/), which sit above them (tests/test_structure.py).
"""
