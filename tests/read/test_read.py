"""Reading files, directories, globs, HTML and JSONL, and refusing bad input with a clear reason."""

from __future__ import annotations

import gzip
import json

import pytest

from eventledger.read import RawItem, ReadFailure, read_paths
from tests.conftest import FIXTURES


def _items(paths, **kw):
    return list(read_paths([str(p) for p in paths], **kw))


def test_plain_text_file():
    [item] = _items([FIXTURES / "kabul-raid.txt"])
    assert isinstance(item, RawItem) and item.fmt == "text"
    assert "Andar district, Ghazni province" in item.text


def test_html_main_text_and_metadata_through_trafilatura():
    [item] = _items([FIXTURES / "news-page.html"])
    assert item.fmt == "html"
    assert "Gunmen killed five people" in item.text
    assert "Related stories" not in item.text and "Follow us on Twitter" not in item.text
    assert item.title.startswith("Gunmen kill five")
    assert item.published.isoformat() == "2021-03-14"


def test_jsonl_records_keep_their_ids_and_dates():
    items = _items([FIXTURES / "feed.jsonl"])
    assert [i.id for i in items] == ["wire-1", "wire-2"]
    assert items[0].title == "Bomb kills 3 soldiers in Kandahar"
    assert items[1].published.isoformat() == "2019-02-12"


def test_directory_and_glob_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("Two people were killed in Mosul on Sunday.", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text("Police arrested three men in Basra.", encoding="utf-8")
    assert len(_items([tmp_path])) == 2
    assert len(_items([f"{tmp_path}/**/*.txt"])) == 2
    missing = _items([tmp_path / "nope.txt"])
    assert isinstance(missing[0], ReadFailure) and "no such file" in missing[0].reason


def test_gzipped_html(tmp_path):
    page = (FIXTURES / "news-page.html").read_bytes()
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page))
    [item] = _items([path])
    assert "Gunmen killed five people" in item.text


def test_each_bad_input_gets_a_one_line_reason_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Gunmen killed two police officers in Peshawar on Friday, officials said.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 attack kills two".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    (tmp_path / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "ok", "text": "Three soldiers were wounded in Idlib."}) + "\n{not json\n"
        + json.dumps({"id": "no-text"}) + "\n", encoding="utf-8")
    results = _items([tmp_path])
    failures = {f.origin.rsplit("/", 1)[-1]: f.reason for f in results if isinstance(f, ReadFailure)}
    ok = [r for r in results if isinstance(r, RawItem)]
    assert {i.text[:12] for i in ok} == {"Gunmen kille", "Three soldie"}
    assert failures["empty.txt"] == "empty file"
    assert "binary" in failures["binary.txt"]
    assert "not UTF-8" in failures["latin1.txt"] and "offset 3" in failures["latin1.txt"]
    assert "far over the 1,000,000-character limit" in failures["huge.txt"]
    assert "HTML" in failures["broken.html"]
    assert "not valid JSON" in failures["feed.jsonl:2"]
    assert 'no "text"' in failures["feed.jsonl:3"]
    assert all("\n" not in reason for reason in failures.values())


def test_jsonl_reference_number_reaches_the_item(tmp_path):
    feed = tmp_path / "releases.jsonl"
    feed.write_text('{"text": "KABUL, Afghanistan (June 14) - Two insurgents were killed.", '
                    '"reference": "2012-06-S-026"}\n'
                    '{"text": "KABUL, Afghanistan (June 15) - A leader was detained.", '
                    '"eventrefnumber": "2012-06-S-031"}\n', encoding="utf-8")
    items = _items([feed])
    assert [i.reference for i in items] == ["2012-06-S-026", "2012-06-S-031"]


def test_one_size_limit_in_characters_with_a_clear_reason(tmp_path):
    sentence = "Gunmen killed two police officers in Peshawar on Friday, officials said. "
    long_text = sentence * (2_000_000 // len(sentence) + 1)  # a 2 MB article
    (tmp_path / "long.txt").write_text(long_text, encoding="utf-8")
    (tmp_path / "long.jsonl").write_text(json.dumps({"id": "long", "text": long_text}) + "\n", encoding="utf-8")
    for name in ("long.txt", "long.jsonl:1"):
        [failure] = [r for r in _items([tmp_path]) if r.origin.endswith(name)]
        assert isinstance(failure, ReadFailure)
        assert failure.reason == (f"article is {len(long_text):,} characters, over the 1,000,000-character limit "
                                  "for one article (raise it with --max-chars)")
    [item] = list(read_paths([tmp_path / "long.txt"], max_chars=3_000_000))
    assert isinstance(item, RawItem) and len(item.text) == len(long_text)


def test_the_pipeline_enforces_the_limit_before_analysis_and_raises_spacys_own():
    from eventledger import Settings, process_item, text_item
    from eventledger.nlp.pipeline import analyse, build_pipeline

    with pytest.raises(ValueError, match=r"article is 1,000,001 characters, over the 1,000,000-character limit"):
        process_item(text_item("a" * 1_000_001))
    spacy_default = build_pipeline().max_length
    doc = analyse("word " * (spacy_default // 5 + 10))  # over spaCy's own limit (E088 before)
    assert len(doc.text) > spacy_default
    result = process_item(text_item("Two soldiers were killed in Kunar on Monday, officials said.", id="small"),
                          Settings(max_chars=100))
    assert result.document.id == "small"


def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path):
    text = "Insurgents killed three villagers in Helmand province on Tuesday, an official said."
    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\0\0"),
                          ("utf-8", b"\xef\xbb\xbf")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(bom + text.encode(encoding))
        [item] = _items([path])
        assert isinstance(item, RawItem), item
        assert item.text == text
    (tmp_path / "no-bom.txt").write_bytes(text.encode("utf-16-le"))
    [failure] = _items([tmp_path / "no-bom.txt"])
    assert isinstance(failure, ReadFailure) and "no byte-order mark" in failure.reason


def test_control_characters_are_cleaned_with_a_reason_and_never_stored():
    from eventledger import process_item, text_item

    text = ("Gunmen killed two police officers in Peshawar on Friday, officials said. " * 120
            + "Police\x00 said three suspects\x1b were arrested on Saturday.")
    assert text.index("\x00") > 8192
    result = process_item(text_item(text, id="nul"))
    assert "\x00" not in result.document.text and "\x1b" not in result.document.text
    assert "Police said three suspects were arrested" in result.document.text
    [removal] = [r for r in result.document.removed if "control" in r.reason]
    assert removal.text == "2 control characters (U+0000, U+001B)"


def test_a_directory_is_searched_for_articles_only_and_broken_links_are_reported(tmp_path):
    (tmp_path / "story.txt").write_text("Two people were killed in Mosul on Sunday.", encoding="utf-8")
    (tmp_path / "page.htm").write_text("<html><body><p>Police arrested three men in Basra on Monday after "
                                       "a bombing.</p></body></html>", encoding="utf-8")
    (tmp_path / "data.json").write_text('{"a": 1}', encoding="utf-8")
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    results = _items([tmp_path])
    read = sorted(r.origin.rsplit("/", 1)[-1] for r in results if isinstance(r, RawItem))
    failures = {r.origin.rsplit("/", 1)[-1]: r.reason for r in results if isinstance(r, ReadFailure)}
    assert read == ["page.htm", "story.txt"]
    assert "not a supported kind of file" in failures["data.json"] and "x.csv" in failures
    assert "broken symbolic link" in failures["gone.txt"]
    [named] = _items([tmp_path / "x.csv"])  # named on the command line: read as text
    assert isinstance(named, RawItem)


def test_compressed_feeds_are_read_record_by_record_and_decompression_is_bounded(tmp_path):
    records = [{"id": f"r{n}", "text": f"Gunmen killed {n + 2} villagers in Kunar on Monday."} for n in range(3)]
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    assert [i.id for i in _items([tmp_path / "feed.jsonl.gz"])] == ["r0", "r1", "r2"]
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 50_000_000))  # 50 MB from a few kilobytes
    [failure] = _items([bomb], max_chars=1_000_000)
    assert isinstance(failure, ReadFailure) and "decompresses to more than" in failure.reason
    long_line = tmp_path / "long.jsonl"
    long_line.write_text(json.dumps({"id": "big", "text": "word " * 1_000_000}) + "\n"
                         + json.dumps({"id": "next", "text": "Two soldiers were wounded in Idlib."}) + "\n")
    results = _items([long_line], max_chars=100_000)
    assert isinstance(results[0], ReadFailure) and "far over" in results[0].reason
    assert results[1].id == "next"


def test_hidden_directories_are_not_searched(tmp_path):
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / ".venv" / "lib" / "LICENSE.txt").write_text("Permission is hereby granted, free of charge.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (tmp_path / "story.txt").write_text("Two people were killed in Mosul on Sunday.", encoding="utf-8")
    assert [r.origin.rsplit("/", 1)[-1] for r in _items([tmp_path])] == ["story.txt"]
