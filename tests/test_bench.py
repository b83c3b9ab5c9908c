"""Every bench runs on a tiny corpus, so that one that breaks fails the tests (`make test`).

Nothing ran the benches before: `bench/preview.py` crashed and `bench/build.py` refused a small
corpus for weeks without anyone noticing. Each script runs here as a developer runs it, in a
process of its own, with options that make it take seconds; the test checks that it exits 0
and that it printed every figure, each a number that agrees with the others (ratios against
the baseline measured in the same run, medians under maxima). It never checks a target: on a
shared machine and a tiny corpus the figures mean nothing, only that they are there. The real
figures come from `make bench` (docs/benchmarks.md).

Each run has its own temporary folders and free ports (the scripts choose them), so the tests
may run side by side under pytest-xdist.
"""

import math
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300  # seconds: ten times what each run takes on a busy 2-core machine
NUMBER = r"(\d+(?:\.\d+)?)"
# The ratio lines of bench/build.py and bench/preview.py: name, value, target, verdict.
RATIO = re.compile(rf"^(\S.*?)\s+{NUMBER}\s+\(cible ≤ {NUMBER}\)\s+(OK|NOT MET)$", re.M)


def run_bench(script, *options):
    """The bench's standard output; its whole output in the failure if it does not exit 0.

    In a session of its own: no terminal to prompt on (a run must never wait for a person),
    and on a timeout every process it started (Pelican, gunicorn, nginx…) is stopped with it.
    """
    command = [sys.executable, str(ROOT / "bench" / script), *options]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"{script} n'a pas fini en {TIMEOUT} s :\n{out}\n{err}")
    assert process.returncode == 0, f"{script} a échoué ({process.returncode}) :\n{out}\n{err}"
    return out


def ratios(output):
    """{name: value} of the ratio lines, each verdict checked against its target."""
    found = {}
    for name, value, target, verdict in RATIO.findall(output):
        value, target = float(value), float(target)
        assert math.isfinite(value) and value > 0, (name, value)
        if abs(value - target) >= 0.001:  # closer, the rounding of the print may decide
            assert verdict == ("OK" if value <= target else "NOT MET"), (name, value, target)
        found[name] = value
    return found


def test_build_bench_times_every_case_on_a_tiny_corpus():
    output = run_bench("build.py", "--articles", "5", "--actes", "5", "--repeat", "1")
    assert "(5 synthétiques)" in output
    # 5 acts: 2 arrêtés and 3 deliberations in one séance, the case that was once refused.
    assert "Actes synthétiques : 5 (3 délibérations en 1 séance(s), 2 arrêtés" in output
    rows = {
        case: (float(wall), float(cpu))
        for case, wall, cpu in re.findall(rf"^\(([a-e])\) .*?{NUMBER}s\s+{NUMBER}s$", output, re.M)
    }
    assert set(rows) == set("abcde"), output
    assert all(wall > 0 for wall, _cpu in rows.values()), rows
    a, b, c, d = (rows[case][0] for case in "abcd")
    assert ratios(output) == {
        "(b)/(a)": pytest.approx(b / a, rel=0.05, abs=0.01),
        "(c)/(b)": pytest.approx(c / b, rel=0.05, abs=0.01),
        "((b)+(d))/(a)": pytest.approx((b + d) / a, rel=0.05, abs=0.01),
    }
    cost = re.search(rf"Coût des actes, \(b\) - \(e\) : (-?{NUMBER}) s mur", output)
    assert cost and float(cost[1]) == pytest.approx(b - rows["e"][0], abs=0.02), output


def test_preview_bench_times_saves_and_title_changes_on_a_tiny_corpus():
    options = ("--articles", "5", "--actes", "5", "--repeat", "1", "--saves", "2", "--titles", "1")
    output = run_bench("preview.py", *options)
    assert "(5 synthétiques)" in output
    assert "Actes synthétiques : 5 (3 délibérations en 1 séance(s), 2 arrêtés" in output
    bare = re.search(rf"^\(a\) Pelican nu, à froid \(meilleur de 1\)\s+{NUMBER} s$", output, re.M)
    saves = re.search(
        rf"^\(e\) .*\(2 fois\)\s+médiane {NUMBER} s, p95 {NUMBER} s, max {NUMBER} s$", output, re.M
    )
    titles = re.search(rf"^\(f\) .*\(1 fois\)\s+médiane {NUMBER} s, max {NUMBER} s$", output, re.M)
    assert bare and saves and titles, output
    a = float(bare[1])
    median, p95, highest = map(float, saves.groups())
    assert 0 < median <= p95 <= highest, saves[0]
    assert 0 < float(titles[1]) <= float(titles[2]), titles[0]
    # Every save reached the page, by the fast path (text swapped) or a full rebuild.
    paths = re.search(
        r"^Chemins : (\d+) remplacement\(s\) de texte, (\d+) reconstruction", output, re.M
    )
    assert paths and int(paths[1]) + int(paths[2]) >= 3, output
    assert ratios(output) == {
        "médiane (e)/(a)": pytest.approx(median / a, rel=0.05, abs=0.01),
        "p95 (e)/(a)": pytest.approx(p95 / a, rel=0.05, abs=0.01),
        "médiane (f)/(a)": pytest.approx(float(titles[1]) / a, rel=0.05, abs=0.01),
    }


# bench/formsvc.py for one second per case at 4 connections, without warm-up: each of its
# three parts on its own, so that pytest-xdist may spread them. The valid POSTs keep their 600
# prepared forms a second: fewer, a fast machine would run out and replay them.
FORMSVC = ("--duration", "1", "--connections", "4", "--warm-up", "0")
# A row of a table: label, then req/s, p50, p99 (bench/formsvc.py's print_table and
# report_flood), the ratio to the reference, then every status seen.
ROW = re.compile(
    rf"^(?P<label>\S.*?)\s+(?P<rps>\d+)\s+{NUMBER}\s+{NUMBER}\s+(?:\d+\s+\d+\s+{NUMBER}\s+)?"
    rf"(?P<ratio>{NUMBER})\s+(?P<statuses>(?:\d{{3}}:\d+ ?)+)$",
    re.M,
)


def table(output):
    """{label: (req/s, p50, p99, ratio to the reference, {status: count})} of every row."""
    rows = {}
    for row in ROW.finditer(output):
        statuses = dict(map(int, s.split(":")) for s in row["statuses"].split())
        p50, p99 = float(row[3]), float(row[4])
        rows[row["label"]] = (int(row["rps"]), p50, p99, float(row["ratio"]), statuses)
    return rows


def check_ratios(rows, reference):
    """Each row's ratio is its req/s over the reference's, and its latencies are ordered."""
    for label, (rps, p50, p99, ratio, statuses) in rows.items():
        assert rps > 0 and sum(statuses.values()) > 0, label
        assert p50 <= p99, label
        assert ratio == pytest.approx(rps / reference, abs=0.011), label


@pytest.mark.integration
@pytest.mark.parametrize("case", ["sqlite", "postgresql"])
def test_formsvc_bench_measures_the_form_against_bare_flask(case):
    output = run_bench("formsvc.py", *FORMSVC, "--case", case)
    rows = table(output)
    labels = [
        "Référence : Flask nu (GET)",
        "(1) page du formulaire (GET)",
        "(2) POST valide (303)",
        "(3) POST refusé (429)",
    ]
    assert list(rows) == labels, output
    reference, page, posted, refused = (rows[label] for label in labels)
    check_ratios(rows, reference[0])
    assert set(reference[4]) == {200} and set(page[4]) == {200}, output
    assert posted[4].get(303, 0) > 0 and refused[4].get(429, 0) > 0, output
    # The bench counts the rows the valid POSTs stored against the 303s wrk saw.
    stored = re.search(
        r"^Base : (\d+) demandes .* pour (\d+) réponses 303 .* — (\S+)", output, re.M
    )
    assert stored and stored[3] == "OK" and int(stored[2]) == posted[4][303], output
    assert re.search(r"^  POST valides ≥ 300/s, p99 < 50 ms : \d+/s", output, re.M), output


@pytest.mark.integration
def test_formsvc_bench_measures_the_flood_refused_by_nginx():
    output = run_bench("formsvc.py", *FORMSVC, "--case", "flood")
    rows = table(output)
    assert len(rows) == 3, output
    before, after, flood = rows.values()
    check_ratios(rows, max(before[0], after[0]))
    assert set(before[4]) == {200} and set(after[4]) == {200}, output
    reached = re.search(
        r"^POST parvenus à gunicorn pendant la mesure : (\d+) sur (\d+)", output, re.M
    )
    assert reached and int(reached[1]) <= int(reached[2]), output
    assert flood[4].get(429, 0) > 0, output
    target = re.search(rf"^Cible : .* : {NUMBER} — (OK|NOT MET)$", output, re.M)
    assert target and float(target[1]) == flood[3], output
