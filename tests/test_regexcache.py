"""Compiled patterns kept between runs (casegraph/regexcache.py): what the file gives back is
the pattern ``re.compile`` makes, a second process compiles none of the rules' patterns, and
their texts are the same in every process (else no file would ever fit)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import _sre

from casegraph import regexcache

TEXT = "感染者2：现住丰台区东木樨园14号楼。4月4日作为感染者1的密切接触者进行集中隔离。"
RUN = ("import json, sys, re, re._compiler as c\n"
       "compiled = []\n"
       "real = c.compile\n"
       "c.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)\n"
       "from casegraph import regexcache\n"
       "from casegraph.document import Document\n"
       "from casegraph.extract import extract_data\n"
       "kept = len(regexcache._known)\n"
       "data = extract_data(Document('d', sys.argv[1], city='北京', date='2022-04-14'))\n"
       "print(json.dumps({'compiled': len(compiled), 'kept': kept,\n"
       "                  'nodes': data['nodes'], 'file': str(regexcache.cache_path())}))\n")


def run(tmp_path, seed: str) -> dict:
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", RUN, TEXT], env=env, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def test_a_second_process_compiles_none_of_the_rules_patterns(tmp_path):
    first = run(tmp_path, "1")
    assert first["compiled"] > 200 and first["kept"] == 0
    written = os.stat(first["file"]).st_mtime_ns
    second = run(tmp_path, "2")  # another hash seed: the patterns' texts must not change
    assert second["compiled"] == 0 and second["kept"] > 200
    assert second["nodes"] == first["nodes"] and second["file"] == first["file"]
    assert os.stat(first["file"]).st_mtime_ns == written  # nothing new: not written again


def test_what_the_file_keeps_compiles_to_the_pattern_re_makes():
    import casegraph

    casegraph.extract(TEXT)
    kept = 0
    for (kind, pattern, flags), compiled in list(re._cache.items()):
        args = regexcache._arguments(pattern, flags, compiled)
        assert args is not None, pattern
        again = _sre.compile(pattern, *args)
        assert again == compiled and again.groupindex == compiled.groupindex
        assert again.groups == compiled.groups and type(pattern) is kind
        kept += 1
    assert kept > 200


def test_an_unreadable_file_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(regexcache.tempfile, "tempdir", str(tmp_path))
    regexcache.cache_path().write_bytes(b"not marshal")
    monkeypatch.setitem(regexcache._state, "preloaded", False)
    before = dict(re._cache)
    regexcache.preload()
    assert re._cache == before
