"""primaryLocationLineHash must equal what github/codeql-action computes (its own unit-test
vectors, from src/fingerprints.test.ts): an approximate hash would be worse than none."""

from __future__ import annotations

from ecslint.output.sarif import line_hashes


def test_empty_file():
    assert line_hashes("") == {1: "c129715d7a2bc9a3:1"}


def test_spaces_tabs_and_line_endings_are_normalised():
    expected = {1: "271789c17abda88f:1", 2: "54703d4cd895b18:1", 3: "180aee12dab6264:1", 4: "a23a3dc5e078b07b:1"}
    assert line_hashes(" a\nb\n  \t\tc\n d") == expected
    assert line_hashes(" a\r\nb\r\n  \t\tc\r\n d") == expected
    assert line_hashes(" a\rb\r  \t\tc\r d") == expected


def test_repeated_lines_are_counted():
    hashes = line_hashes("x\n" * 120)
    first, second = hashes[1].split(":"), hashes[2].split(":")
    assert first[0] == second[0] and (first[1], second[1]) == ("1", "2")  # same window, counted
    assert len(hashes) == 121  # the line after the last newline is hashed too
