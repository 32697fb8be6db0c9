"""The words a page shows, and their Flesch–Kincaid grade (textstat).

Grade 5 is a reading age of about 10. Each heading, paragraph, label, hint,
option, button and link is read as a sentence of its own, as people read
them; text hidden from everyone (the honeypot) is left out.
"""

from html.parser import HTMLParser

import textstat

BLOCKS = {"h1", "h2", "h3", "p", "li", "label", "legend", "button", "a", "dt", "dd", "option",
          "div", "span", "strong", "td", "th"}


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.hidden = 0
        self.stack = []
        self.chunks = [""]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main += 1
        hidden = "hidden" in attrs
        self.stack.append((tag, hidden))
        self.hidden += hidden
        if tag in BLOCKS:
            self.chunks.append("")

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, hidden = self.stack.pop()
            self.hidden -= hidden
            if open_tag == tag:
                break
        if tag == "main":
            self.in_main -= 1
        if tag in BLOCKS or tag == "br":
            self.chunks.append("")

    def handle_data(self, data):
        if self.in_main and not self.hidden:
            self.chunks[-1] += data


def sentences(html: str) -> list[str]:
    """The visible text of a page's <main>, one entry per block of text."""
    parser = _MainText()
    parser.feed(html)
    return [" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip()]


def grade(html: str) -> float:
    """The Flesch–Kincaid grade of a page's <main> text."""
    text = " ".join(s if s[-1] in ".?!" else f"{s}." for s in sentences(html))
    return textstat.flesch_kincaid_grade(text)
