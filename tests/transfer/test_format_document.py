"""docs/import-format.md documents every sheet and column the definitions have."""

from pathlib import Path

from complaints.transfer.sheets import SHEETS

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "import-format.md"


def test_every_sheet_and_column_is_in_the_format_document():
    text = DOCUMENT.read_text()
    for sheet in SHEETS:
        section = text.split(f"\n### {sheet.name}\n", 1)
        assert len(section) == 2, sheet.name
        table = section[1].split("\n### ", 1)[0]
        rows = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines() if line.startswith("| ")]
        assert rows[1:] == [column.header for column in sheet.columns], sheet.name
