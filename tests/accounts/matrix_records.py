"""Permission matrix rows for the records app's staff pages (costs, Ombudsman, members' correspondence, compliments, action plan).

url name -> (how to build the URL from the test case, the roles allowed);
see test_permission_matrix.py for the role names.
"""

RECORDS_MATRIX = {}
