"""Writing spreadsheet cells (openpyxl), the same for every workbook the
product writes: the records export (complaints.transfer) and the reports'
spreadsheets (complaints.reports.render.xlsx)."""


def put(cell, value):
    """Set ``cell``'s value, text as text: a string starting with "=" (an
    action's task "=HYPERLINK(...)", a name someone typed) is written as a
    string, never as a formula a spreadsheet would run. Returns the cell."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell
