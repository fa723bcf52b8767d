"""Reading files, directories, globs, HTML and JSONL, and refusing bad input with a clear reason."""

from __future__ import annotations

import gzip
import json

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
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 20)
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
    assert "binary" in failures["binary.bin"]
    assert "not UTF-8" in failures["latin1.txt"] and "offset 3" in failures["latin1.txt"]
    assert "over the 10 MB limit" in failures["huge.txt"]
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
