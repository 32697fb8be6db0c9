"""Permission matrix rows for the public forms app (complaints.intake).

INTAKE_MATRIX: staff pages, url name -> (how to build the URL from the test case,
the roles allowed). INTAKE_PUBLIC: url names anyone may open without signing in.
"""

INTAKE_MATRIX = {}
INTAKE_PUBLIC = set()
