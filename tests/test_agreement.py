"""``hubspoke agreement``: Cohen's kappa and Krippendorff's alpha between two codings of one
document, per code and overall, with the statements where the coders differ, verbatim."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from graph.cli import main
from graph.ingest import ingest
from graph.ingest.agreement import agreement, table_scores
from graph.ingest.coding import import_coding

SOURCE = Path(__file__).parent / "data" / "ingest" / "spoke-workers-forum-2016.md"
DOC = "spoke-workers-forum-2016"


def test_kappa_and_alpha_match_a_hand_computation() -> None:
    # Ten statements. Coder A gives topic:x to statements 1-5, coder B to 1-4 and 6.
    # Both: 4, A only: 1, B only: 1, neither: 4.
    # Cohen: p_o = 8/10 = 0.8; each coder applies x to half the statements, so
    #        p_e = 0.5*0.5 + 0.5*0.5 = 0.5; kappa = (0.8 - 0.5) / (1 - 0.5) = 0.6.
    # Krippendorff: 20 values, 10 "applied" and 10 "not"; 2 disagreeing units give 4 ordered
    #        disagreeing pairs; alpha = 1 - (20 - 1) * 4 / (2 * 10 * 10) = 1 - 76/200 = 0.62.
    a = {f"s{i}": {"topic:x"} if i <= 5 else set() for i in range(1, 11)}
    b = {f"s{i}": {"topic:x"} if i in (1, 2, 3, 4, 6) else set() for i in range(1, 11)}
    result = agreement(a, b)
    [x] = result.codes
    assert (x.both, x.only_a, x.only_b, x.neither) == (4, 1, 1, 4)
    assert x.kappa == pytest.approx(0.6)
    assert x.alpha == pytest.approx(0.62)
    assert [d.statement for d in result.differences] == ["s5", "s6"]


def test_overall_pools_the_codes_and_each_code_has_its_own_figures() -> None:
    # Four statements, two codes. topic:x: A on s1 s2, B on s1 s2 (perfect agreement).
    # topic:y: A on s3, B on s4 (both 1, each applies it to 1 of 4: kappa = -1/3).
    a = {"s1": {"topic:x"}, "s2": {"topic:x"}, "s3": {"topic:y"}, "s4": set()}
    b = {"s1": {"topic:x"}, "s2": {"topic:x"}, "s3": set(), "s4": {"topic:y"}}
    result = agreement(a, b)
    x, y = result.codes
    assert (x.kappa, x.alpha) == (1.0, 1.0)
    # y: p_o = 2/4, p_e = 0.25*0.25 + 0.75*0.75 = 0.625; kappa = (0.5-0.625)/0.375 = -1/3
    assert y.kappa == pytest.approx(-1 / 3)
    # pooled over 8 (statement, code) pairs: both 2, A only 1, B only 1, neither 4
    assert (
        result.overall.both,
        result.overall.only_a,
        result.overall.only_b,
        result.overall.neither,
    ) == (2, 1, 1, 4)
    # p_o = 6/8; rates 3/8 each; p_e = 9/64 + 25/64 = 34/64; kappa = (48-34)/(64-34) = 14/30
    assert result.overall.kappa == pytest.approx(14 / 30)


def test_coders_who_never_vary_have_no_kappa() -> None:
    assert table_scores(0, 0, 0, 6) == (None, None)


def fill(sheet: Path, out: Path, codes: dict[str, str]) -> Path:
    rows = list(csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig"))))
    for row in rows:
        row["codes"] = codes.get(row["statement"], "")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return out


@pytest.fixture
def two_coders(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    ingest(SOURCE, DOC, "Spoke workers forum (test report)", out=data)
    sheet = data / "coding" / f"{DOC}.csv"
    ann = fill(
        sheet,
        tmp_path / "ann.csv",
        {"line-20": "topic:supervision; topic:worker-wellbeing", "line-27": "agency:police"},
    )
    bo = fill(
        sheet,
        tmp_path / "bo.csv",
        {
            "line-20": "topic:supervision",
            "line-27": "agency:police",
            "line-28": "topic:information-sharing",
        },
    )
    import_coding(ann, data, coder="Ann", date="2026-12-03")
    import_coding(bo, data, coder="Bo", date="2026-12-04")
    return data


def test_the_command_compares_two_coders_and_shows_their_differences_verbatim(
    two_coders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["agreement", "Ann", "Bo", "--data-dir", str(two_coders)])
    out = capsys.readouterr().out
    print(out)
    assert code == 0
    assert f"{DOC}: 11 statement(s); A = Ann, B = Bo" in out
    assert "agency:police" in out and "overall" in out
    assert "2 statement(s) coded differently" in out
    assert "line-20: Lone-worker policies and regular supervision keep workers safe" in out
    assert "only A: topic:worker-wellbeing" in out
    assert "line-28: Information sharing with the local authority remains slow" in out


def test_the_same_coding_given_as_files_gives_the_same_figures(
    two_coders: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = two_coders / f"{DOC}.coding.ann.ttl"
    assert (
        main(["agreement", str(ann), str(tmp_path / "bo.csv"), "--data-dir", str(two_coders)]) == 0
    )
    by_file = capsys.readouterr().out
    assert main(["agreement", "Ann", "Bo", "--data-dir", str(two_coders)]) == 0
    by_name = capsys.readouterr().out
    assert by_file.splitlines()[2:] == by_name.splitlines()[2:]


def test_an_unknown_coder_is_a_clear_error(
    two_coders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", "Ann", "Cy", "--data-dir", str(two_coders)]) == 1
    assert "no coding by a coder called 'Cy'" in capsys.readouterr().err
