"""The full-text index: Chinese substrings, ranking, filters, bad queries."""

import pytest

from govrules.errors import BadRequest
from govrules.knowledge.search import memory_index, words_of

W = "https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987"


def row(n: int, text: str, version: str = "2022-06-24", current: int = 1) -> tuple:
    iri = f"{W}/{version}/art_{n}"
    return (
        text,
        f"《规则》第{n}条",
        iri,
        W,
        "规则",
        f"{W}/{version}",
        version,
        "100000",
        "rules-of-procedure",
        current,
    )


ROWS = [
    row(1, "地方性法规应当报送备案。"),
    row(2, "决议报全国人民代表大会常务委员会备案，备案审查。"),
    row(3, "常务委员会会议有常务委员会全体组成人员的过半数出席，始得举行。"),
    row(4, "常务委员会会议必须有常务委员会全体组成人员的过半数出席，才能举行。", "2009-04-24", 0),
]


@pytest.fixture(scope="module")
def index():
    return memory_index(ROWS)


def test_a_two_character_word_finds_it_inside_longer_words(index):
    total, hits = index.search("备案")
    assert total == 2
    assert {h.iri.rsplit("/", 1)[1] for h in hits} == {"art_1", "art_2"}
    assert any("报送【备案】" in h.snippet for h in hits)


def test_long_words_go_through_the_trigram_index_and_are_ranked(index):
    total, hits = index.search("过半数出席")
    assert total == 2
    assert hits[0].rank <= hits[1].rank


def test_every_word_must_match(index):
    total, hits = index.search("常务委员会 始得")
    assert total == 1 and hits[0].iri.endswith("art_3")


def test_current_only_leaves_out_older_texts(index):
    total, _ = index.search("过半数", current_only=True)
    assert total == 1


def test_hits_carry_citation_version_and_link(index):
    _, hits = index.search("才能举行")
    hit = hits[0].as_dict()
    assert hit["citation"] == "《规则》第4条"
    assert hit["version"].endswith("/2009-04-24") and hit["current"] is False


@pytest.mark.parametrize("query", ["", "   ", "，", "a " * 20])
def test_bad_queries_are_refused(query):
    with pytest.raises(BadRequest):
        words_of(query)


def test_quotes_and_wildcards_are_plain_text(index):
    assert index.search('"备案')[0] == 2
    assert index.search("%")[0] == 0


def test_two_character_words_through_the_pair_table_find_what_a_substring_scan_finds():
    """The pair table against LIKE over every row, on the texts of the shipped corpus."""
    from pathlib import Path

    from govrules.knowledge.parse import parse_file

    source = Path(__file__).resolve().parents[2] / "data" / "source"
    rows = []
    for path in sorted(source.glob("*议事规则*.md"))[:4]:
        for article in parse_file(path).articles:
            text = "".join(p.text for p in article.paragraphs)
            rows.append(row(len(rows) + 1, text))
    paired = memory_index(rows)
    scanned = memory_index(rows)
    scanned._pairs = False  # the substring scan that two-character words used before
    words = ["备案", "会议", "议案", "主任", "二十", "第二", "决定 会议", "会议 过半数出席"]
    for query in words:
        by_pairs, by_scan = paired.search(query, limit=200), scanned.search(query, limit=200)
        assert by_pairs[0] == by_scan[0] > 0, query
        assert [h.iri for h in by_pairs[1]] == [h.iri for h in by_scan[1]], query
