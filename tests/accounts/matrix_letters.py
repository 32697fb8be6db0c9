"""Permission matrix rows for the letters app's pages.

url name -> (how to build the URL from the test case, the roles allowed);
see test_permission_matrix.py for the role names.
"""

LETTERS_MATRIX = {}
