"""The reading stage: encodings, JSONL, folders, stdin, manifests, and every kind of bad input."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from casegraph import read
from casegraph.document import Document
from casegraph.errors import InputError
from casegraph.read import decode_bytes, iter_documents, normalize_date

# Made-up bulletin sentences (not from any corpus).
SHORT = "病例1：现住样例区。"
TEXT = ("病例1：女，35岁，现住样例区测试街道样例小区3号楼。4月2日出现发热症状，"
        "4月3日核酸检测结果为阳性，当日诊断为确诊病例，临床分型为轻型。")


def docs(items):
    return [item for item in items if isinstance(item, Document)]


def errors(items):
    return [item for item in items if isinstance(item, InputError)]


def read_all(*inputs, **defaults):
    return list(iter_documents([str(i) for i in inputs], **defaults))


# -- encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16",
                                      "utf-16-be-bom", "utf-32"])
@pytest.mark.parametrize("text", [TEXT, SHORT], ids=["long", "short"])
def test_txt_file_in_each_encoding_decodes_to_the_same_text(tmp_path, encoding, text):
    data = (b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom"
            else text.encode(encoding))
    path = tmp_path / "b1.txt"
    path.write_bytes(data)
    [doc] = read_all(path)
    assert doc == Document(id="b1", text=text, path=str(path))


def test_decode_prefers_gb18030_when_short_text_is_ambiguous():
    assert decode_bytes("中国".encode("gbk")) == "中国"
    assert decode_bytes("确诊病例".encode("gb2312")) == "确诊病例"


def test_decode_keeps_text_exactly_apart_from_the_bom():
    text = "第一行\r\n  第二行\t\n"
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode()) == text


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes(range(1, 32)) * 40 + bytes(range(128, 256)) * 10, "binary"),
    (b"\xff\xfe\x00\xd8", "cannot decode"),  # UTF-16 BOM, then a lone surrogate
])
def test_binary_or_undecodable_file_is_an_error(tmp_path, data, reason):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    [err] = read_all(path)
    assert isinstance(err, InputError)
    assert err.path == str(path) and reason in err.reason
    assert "\n" not in str(err)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u3000\n".encode(), b"\xef\xbb\xbf"])
def test_empty_or_blank_file_is_an_error(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    [err] = read_all(path)
    assert isinstance(err, InputError) and "empty document" in err.reason


# -- files that are not there, or not files ----------------------------------------------

def test_missing_file_and_directory_named_txt_are_errors(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    items = read_all(tmp_path / "gone.txt", tmp_path / "folder.txt", good)
    assert [str(e) for e in errors(items)] == [
        f"{tmp_path / 'gone.txt'}: no such file or directory",
        f"{tmp_path / 'folder.txt'}: is a directory, not a text file"]
    assert [d.id for d in docs(items)] == ["good"]


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(SHORT, encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    [err] = read_all(path)
    assert str(err) == f"{path}: permission denied"


def test_file_that_vanishes_mid_walk_is_an_error_and_the_rest_are_read(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SHORT, encoding="utf-8")
    items = iter_documents([tmp_path])
    assert next(items).id == "a"
    (tmp_path / "b.txt").unlink()
    rest = list(items)
    assert str(rest[0]) == f"{tmp_path / 'b.txt'}: no such file or directory"
    assert rest[1].id == "c"


def test_unsupported_file_named_explicitly_is_an_error_but_a_manifest_is_skipped(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "manifest.tsv").write_text("file\tcity\n", encoding="utf-8")
    items = read_all(tmp_path / "notes.csv", tmp_path / "manifest.tsv")
    assert len(items) == 1 and "not a .txt or .jsonl file" in items[0].reason


# -- JSONL --------------------------------------------------------------------------------

def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_reports_each_bad_line_by_number_and_reads_the_others(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl", [
        json.dumps({"id": "d1", "text": TEXT, "city": "样例市", "date": "2022-04-14"},
                   ensure_ascii=False),
        '{"id": "d2", "text": "缺右括号"',
        json.dumps({"text": SHORT}, ensure_ascii=False),
        json.dumps({"id": "d4", "text": "  \n "}),
        "",
        "[1, 2]",
        json.dumps({"id": "d7", "text": SHORT, "city": "", "date": None}, ensure_ascii=False),
        json.dumps({"id": "d8"}),
        json.dumps({"id": 9, "text": SHORT, "date": "20220501"}, ensure_ascii=False),
        json.dumps({"id": "d10", "text": SHORT, "date": "2022-13-01"}, ensure_ascii=False),
        json.dumps({"id": ["x"], "text": SHORT}, ensure_ascii=False),
        json.dumps({"id": "d12", "text": SHORT, "city": 5}, ensure_ascii=False),
    ])
    items = read_all(path, city="默认市")
    where = str(path)
    assert [str(e) for e in errors(items)] == [
        f"{where}:2: malformed JSON",
        f"{where}:3: missing field 'id'",
        f"{where}:4: empty document (no text)",
        f"{where}:6: expected a JSON object, got list",
        f"{where}:8: missing field 'text'",
        f"{where}:10: not a date: '2022-13-01' (expected YYYY-MM-DD)",
        f"{where}:11: field 'id' must be a string",
        f"{where}:12: field 'city' must be a string",
    ]
    assert [(d.id, d.city, d.date, d.line) for d in docs(items)] == [
        ("d1", "样例市", "2022-04-14", 1),
        ("d7", "默认市", None, 7),
        ("9", "默认市", "2022-05-01", 9),
    ]
    assert all(d.path == where for d in docs(items))


def test_jsonl_with_bom_crlf_and_hostile_lines(tmp_path):
    good = json.dumps({"id": "ok", "text": SHORT}, ensure_ascii=False).encode()
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n"
                     + "病例".encode("gbk") + b"\r\n"                  # not UTF-8
                     + b"[" * 100_000 + b"\n"                          # nesting bomb
                     + b'{"id": "s", "text": "\\ud800"}\n'             # lone surrogate
                     + b'{"id": "n", "text": "1"}' + b"9" * 5000 + b"\n"
                     + good.replace(b'"ok"', b'"last"') + b"\n")
    items = read_all(path)
    assert [e.line for e in errors(items)] == [2, 3, 4, 5]
    assert "not valid UTF-8" in errors(items)[0].reason
    assert "lone surrogate" in errors(items)[2].reason
    assert [d.id for d in docs(items)] == ["ok", "last"]


def test_jsonl_line_over_the_limit_is_skipped_without_stopping(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_LINE_BYTES", 100)
    long = json.dumps({"id": "big", "text": "病" * 500}, ensure_ascii=False)
    short = json.dumps({"id": "small", "text": SHORT}, ensure_ascii=False)
    items = read_all(write_jsonl(tmp_path / "x.jsonl", [long, short]))
    assert "longer than 100 bytes" in str(items[0]) and items[0].line == 1
    assert items[1].id == "small" and items[1].line == 2


def test_jsonl_missing_file_is_one_error(tmp_path):
    [err] = read_all(tmp_path / "nope.jsonl")
    assert str(err) == f"{tmp_path / 'nope.jsonl'}: no such file or directory"


# -- folders ------------------------------------------------------------------------------

def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "z.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "a.TXT").write_text(SHORT, encoding="gbk")
    (tmp_path / "b" / "deep" / "c.txt").write_text(SHORT, encoding="utf-16")
    write_jsonl(tmp_path / "b" / "m.jsonl", [json.dumps({"id": "j1", "text": SHORT})])
    (tmp_path / "b" / "notes.md").write_text("# ignored", encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text(SHORT, encoding="utf-8")
    items = read_all(tmp_path)
    assert [d.id for d in items] == ["a", "c", "j1", "z"]
    assert all(d.text == SHORT for d in items)


def test_folder_without_documents_is_an_error(tmp_path):
    (tmp_path / "readme.md").write_text("nothing here", encoding="utf-8")
    [err] = read_all(tmp_path)
    assert "no .txt or .jsonl files" in str(err)


# -- manifest.tsv and defaults ------------------------------------------------------------

def test_manifest_beside_txt_files_gives_city_and_date(tmp_path):
    (tmp_path / "manifest.tsv").write_text(
        "file\tcity\tdate\tsource\n"
        "one.txt\t样例市\t2022-04-14\tmine\n"
        "two.txt\t\t2022/4/15\tmine\n"
        "three.txt\t别市\t04-16\tmine\n", encoding="utf-8")
    for name in ("one", "two", "three", "four"):
        (tmp_path / f"{name}.txt").write_text(SHORT, encoding="utf-8")
    items = read_all(tmp_path, city="默认市", date="2022-01-01")
    [err] = errors(items)
    assert str(err) == (f"{tmp_path / 'manifest.tsv'}:4: not a date: '04-16' "
                        "(expected YYYY-MM-DD)")
    assert {d.id: (d.city, d.date) for d in docs(items)} == {
        "one": ("样例市", "2022-04-14"),
        "two": ("默认市", "2022-04-15"),
        "three": ("别市", "2022-01-01"),
        "four": ("默认市", "2022-01-01"),
    }


def test_manifest_applies_to_a_file_named_explicitly_and_is_read_once(tmp_path):
    (tmp_path / "manifest.tsv").write_text("date\tfile\n20220301\ta.txt\n20220302\tb.txt\n",
                                           encoding="gbk")
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(SHORT, encoding="utf-8")
    items = read_all(tmp_path / "a.txt", tmp_path / "b.txt")
    assert [(d.id, d.city, d.date) for d in items] == [("a", None, "2022-03-01"),
                                                       ("b", None, "2022-03-02")]


def test_manifest_without_file_column_is_reported_and_ignored(tmp_path):
    (tmp_path / "manifest.tsv").write_text("name\tcity\na.txt\t样例市\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    items = read_all(tmp_path)
    assert "no 'file' column" in str(items[0])
    assert items[1].city is None


def test_defaults_fill_only_what_a_document_lacks(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [
        json.dumps({"id": "own", "text": SHORT, "city": "自有市", "date": "2021-12-31"},
                   ensure_ascii=False),
        json.dumps({"id": "none", "text": SHORT}, ensure_ascii=False)])
    items = read_all(path, city="默认市", date="2022/05/06")
    assert [(d.city, d.date) for d in items] == [("自有市", "2021-12-31"),
                                                 ("默认市", "2022-05-06")]


def test_bad_default_date_raises_at_once():
    with pytest.raises(InputError, match="not a date"):
        iter_documents(["-"], date="tomorrow")


@pytest.mark.parametrize("value, expected", [
    ("2022-04-14", "2022-04-14"), ("20220414", "2022-04-14"), ("2022/4/14", "2022-04-14"),
    (" 2022-4-1 ", "2022-04-01"), ("2022年4月14日", "2022-04-14"), ("", None), (None, None),
])
def test_normalize_date_accepts_common_forms(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize("value", ["2022-02-30", "2022-13-01", "22-04-14", "4月14日",
                                   "yesterday", "2022041"])
def test_normalize_date_refuses_non_dates(value):
    with pytest.raises(InputError):
        normalize_date(value)


# -- stdin --------------------------------------------------------------------------------

class CountingStream(io.BytesIO):
    """A binary stdin that remembers how far it has been read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.most = 0

    def readline(self, *args):
        line = super().readline(*args)
        self.most = max(self.most, self.tell())
        return line

    def read(self, *args):
        data = super().read(*args)
        self.most = max(self.most, self.tell())
        return data


def fake_stdin(monkeypatch, data: bytes) -> CountingStream:
    stream = CountingStream(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    return stream


def test_stdin_plain_text_is_one_document(monkeypatch):
    fake_stdin(monkeypatch, TEXT.encode("gb18030"))
    [doc] = read_all("-", city="样例市")
    assert (doc.id, doc.text, doc.city, doc.path) == ("stdin", TEXT, "样例市", "<stdin>")


def test_stdin_jsonl_is_streamed_line_by_line(monkeypatch):
    lines = [json.dumps({"id": f"d{i}", "text": SHORT}, ensure_ascii=False)
             for i in range(1000)]
    data = ("\n\n" + "\n".join(lines[:2]) + "\n{oops\n" + "\n".join(lines[2:]) + "\n").encode()
    stream = fake_stdin(monkeypatch, data)
    items = iter_documents(["-"])
    first = next(items)
    assert first.id == "d0" and first.line == 3
    assert stream.most < len(data) // 10  # not all of stdin was read for the first document
    rest = list(items)
    assert str(rest[1]) == "<stdin>:5: malformed JSON"
    assert len(docs(rest)) == 999


def test_stdin_empty_is_an_error(monkeypatch):
    fake_stdin(monkeypatch, b"\n \n")
    [err] = read_all("-")
    assert str(err) == "<stdin>: empty document (no text)"
