"""Hostile and broken files get a clear message naming the file and a non-zero exit, never a
traceback, a network request or minutes of work: empty files, a byte-order mark, JSON-LD
contexts to fetch however spelt, RDF/XML entity bombs, control characters in literals,
malformed manifests, and staging folders left by a killed export."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from listener import listening

from graph.atomic import clean_stale_staging, staged_directory
from graph.cli import main

HS = "@prefix hs: <https://w3id.org/hubspoke/ontology#> .\n"
RDFS = "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
ORG = "<https://w3id.org/hubspoke/id/org/hostile>"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --------------------------------------------------------------------------- empty and BOM

EMPTY_FILES = [
    ("empty.ttl", b""),
    ("blank.ttl", b"\n  \n\t\n"),
    ("comments.ttl", b"# nothing but a comment\n"),
    ("bom-only.ttl", b"\xef\xbb\xbf"),
    ("empty.nt", b""),
    ("empty.jsonld", b""),
]


@pytest.mark.parametrize("name, content", EMPTY_FILES, ids=[n for n, _ in EMPTY_FILES])
def test_an_empty_data_file_is_an_error(
    name: str, content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 2
    assert f"{path}" in err and "empty" in err


def test_a_turtle_file_with_a_byte_order_mark_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bom.ttl"
    text = HS + RDFS + f'{ORG} a hs:Organisation ; rdfs:label "Hostile Trust"@en .\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, out, err = run(["validate", str(path)], capsys)
    assert code == 0, err
    assert "\ufeff" not in out + err


# --------------------------------------------------------------------------- JSON-LD contexts

REMOTE_CONTEXTS = [
    '{"@context": "http://{host}/c.jsonld", "@id": "urn:a"}',
    '{"@context": ["HTTP://{host}/c.jsonld"], "@id": "urn:a"}',
    '{"@context": [{"@vocab": "urn:x:"}, "http://{host}/c.jsonld"], "@id": "urn:a"}',
    '{"@context": {"@import": "http://{host}/c.jsonld"}, "@id": "urn:a"}',
    '{"\\u0040context": "http://{host}/c.jsonld", "@id": "urn:a"}',
    '{"@context": {"@vocab": "urn:x:"}, "@graph": [{"@context": "http://{host}/c", "@id": "urn:b"}]}',
    '{"@context": {"p": {"@id": "urn:p", "@context": "http://{host}/c"}}, "@id": "urn:a"}',
]


@pytest.mark.parametrize("document", REMOTE_CONTEXTS)
def test_a_json_ld_context_is_never_fetched(
    document: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with listening() as listener:
        path = tmp_path / "remote.jsonld"
        path.write_text(document.replace("{host}", f"127.0.0.1:{listener.port}"), "utf-8")
        code, _, err = run(["validate", str(path)], capsys)
    assert listener.connections == 0
    assert code == 2 and str(path) in err and "remote @context" in err


# --------------------------------------------------------------------------- RDF/XML entities

RDF_XML = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
{entities}
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="urn:x:bomb"><rdfs:comment>{use}</rdfs:comment></rdf:Description>
</rdf:RDF>
"""


def _laughs(levels: int) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    return "\n".join(lines)


ENTITY_BOMBS = [
    ("billion-laughs-3", _laughs(3), "&lol2;"),
    ("billion-laughs-9", _laughs(9), "&lol8;"),
    ("external-file", '<!ENTITY secret SYSTEM "file:///etc/passwd">', "&secret;"),
    ("external-url", '<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">', "&remote;"),
    ("parameter", '<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;', "x"),
]


@pytest.mark.parametrize("name, entities, use", ENTITY_BOMBS, ids=[b[0] for b in ENTITY_BOMBS])
def test_rdf_xml_entities_are_refused_before_expansion(
    name: str, entities: str, use: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.rdf"
    path.write_text(RDF_XML.format(entities=entities, use=use), encoding="utf-8")
    started = time.monotonic()
    code, _, err = run(["validate", str(path)], capsys)
    assert time.monotonic() - started < 60
    assert code == 2 and str(path) in err and "entities" in err


def test_plain_entity_abbreviations_as_protege_writes_them_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "abbreviations.rdf"
    entities = '<!ENTITY rdfs "http://www.w3.org/2000/01/rdf-schema#">'
    path.write_text(RDF_XML.format(entities=entities, use="plain text"), encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 0, err


# --------------------------------------------------------------------------- control characters

CONTROL_CHARACTERS = ["\\u001B[31m", "\\u0000", "\\uFFFE", "\\u0007", "\\u009B2J", "\\u007F"]


@pytest.mark.parametrize("escape", CONTROL_CHARACTERS)
def test_a_control_character_in_a_literal_is_a_violation_shown_escaped(
    escape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "control.ttl"
    path.write_text(
        HS + RDFS + f'{ORG} a hs:Organisation ; rdfs:label "Hostile{escape} Trust"@en .\n',
        encoding="utf-8",
    )
    code, out, err = run(["validate", str(path)], capsys)
    assert code == 1
    assert "control character" in out
    raw = escape.encode().decode("unicode_escape")
    assert raw not in out + err  # shown as an escape, never sent to the terminal raw


def test_build_stops_on_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "control.ttl"
    path.write_text(
        HS + RDFS + f'{ORG} a hs:Organisation ; rdfs:label "Hostile\\u001B Trust"@en .\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, _ = run(["build", "--out", str(out), "--data", str(path)], capsys)
    assert code == 1 and not out.exists()


# --------------------------------------------------------------------------- manifests

BAD_ENTRIES = [
    ("a string entry", {"graph.ttl": "0" * 64}),
    ("a list entry", {"graph.ttl": ["sha256"]}),
    ("no digest", {"graph.ttl": {"bytes": 3}}),
    ("a number digest", {"graph.ttl": {"sha256": 12, "bytes": 3}}),
    ("a short digest", {"graph.ttl": {"sha256": "abc", "bytes": 3}}),
    ("a text size", {"graph.ttl": {"sha256": "0" * 64, "bytes": "3"}}),
    ("a path outside", {"../../etc/passwd": {"sha256": "0" * 64, "bytes": 3}}),
    ("an absolute path", {"/etc/passwd": {"sha256": "0" * 64, "bytes": 3}}),
]


@pytest.mark.parametrize("case, files", BAD_ENTRIES, ids=[c for c, _ in BAD_ENTRIES])
def test_verify_reports_a_malformed_manifest_without_a_traceback(
    case: str, files: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "snapshot"
    folder.mkdir()
    (folder / "graph.ttl").write_text("x", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"files": files}), encoding="utf-8")
    code, _, err = run(["verify", str(folder)], capsys)
    assert code != 0 and "manifest" in err and "altered" in err


# --------------------------------------------------------------------------- staging folders

KILLED_WRITER = """
import sys
from pathlib import Path
from graph.atomic import staged_directory
with staged_directory(Path(sys.argv[1])) as staging:
    (staging / "contacts.csv").write_text("jo@example.org")
    print(staging, flush=True)
    sys.stdin.read()  # killed here, part-way
"""


def test_a_staging_folder_left_by_kill_9_is_removed_at_the_next_run(tmp_path: Path) -> None:
    target = tmp_path / "snapshots" / "20261128T103000Z"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    staging = Path(writer.stdout.readline().strip())
    assert staging.is_dir() and staging.name.endswith(".partial")
    assert clean_stale_staging(target.parent) == []  # its writer still runs: left alone
    writer.kill()
    writer.wait()
    assert staging.is_dir()
    with staged_directory(target.parent / "next") as fresh:
        (fresh / "file").write_text("x")
    assert not staging.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["next"]


def test_staging_folders_are_ignored_by_git() -> None:
    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    names = [
        "exports/snapshots/.20261128T103000Z.pid4242.n3psrp8i.partial/graph.ttl",
        "exports/snapshots/.20261128T103000Z.n3psrp8i.partial/graph.ttl",
    ]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=root, capture_output=True, text=True
    ).stdout.split()
    assert ignored == names


# --------------------------------------------------------------------------- shapes files

SHAPES_HEAD = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix hs: <https://w3id.org/hubspoke/ontology#> .\n"
    "@prefix hsh: <https://w3id.org/hubspoke/shapes#> .\n"
)
BROKEN_SHAPES = [
    (
        "no-path",
        "hsh:BrokenShape a sh:NodeShape ; sh:targetClass hs:Person ;\n"
        '    sh:property [ sh:minCount 1 ; sh:message "no path" ] .\n',
        "hsh:BrokenShape",
    ),
    (
        "bad-sparql",
        "hsh:BrokenShape a sh:NodeShape ; sh:targetClass hs:Person ;\n"
        '    sh:sparql [ sh:select "SELECT $this WHERE { $this ?p " ; sh:message "bad" ] .\n',
        "hsh:BrokenShape",
    ),
    (
        "count-in-words",
        "hsh:BrokenShape a sh:NodeShape ; sh:targetClass hs:Person ;\n"
        '    sh:property [ sh:path hs:email ; sh:minCount "one" ] .\n',
        "hsh:BrokenShape",
    ),
    ("no-shape-at-all", "", "defines no SHACL shape"),
    ("empty", None, "empty"),
]


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
@pytest.mark.parametrize("name, body, said", BROKEN_SHAPES, ids=[b[0] for b in BROKEN_SHAPES])
def test_a_broken_shapes_file_is_named_with_its_shape(
    name: str,
    body: str | None,
    said: str,
    engine: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import importlib

    validation = importlib.import_module("graph.validate.validation")
    cache = importlib.import_module("graph.validate.cache")
    shapes = tmp_path / f"{name}.ttl"
    shapes.write_text("" if body is None else SHAPES_HEAD + body, encoding="utf-8")
    monkeypatch.setattr(validation, "shape_files", lambda severity="all": [shapes])
    monkeypatch.setattr(cache, "shape_files", lambda severity="all": [shapes])
    validation._shapes.cache_clear()
    validation._shape_queries.cache_clear()
    try:
        code, _, err = run(["validate", "--engine", engine], capsys)
    finally:
        validation._shapes.cache_clear()
        validation._shape_queries.cache_clear()
    assert code == 2
    assert str(shapes) in err and said in err


@pytest.mark.parametrize(
    "command",
    [
        ["search", "Hostile"],
        [
            "query",
            "--sparql",
            'SELECT ?l WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(?l, "Hostile")) }',
        ],
    ],
    ids=["search", "query"],
)
def test_search_and_query_never_print_a_control_character_raw(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "control.ttl"
    path.write_text(
        HS + RDFS + f'{ORG} a hs:Organisation ; rdfs:label "Hostile\\u001B[2J Trust"@en .\n',
        encoding="utf-8",
    )
    code, out, err = run([*command, "--data", str(path)], capsys)
    assert "\x1b" not in out + err
    assert code == 0 and "\\x1b[2J" in out
