"""The HTTP benchmark's arithmetic (bench/server.py): how runs combine and which targets fail.
The benchmark itself needs wrk and a seeded PostgreSQL (`make bench`), not part of the suite."""

import math

from bench import server


def run(rps, p50=10.0, p99=20.0, errors=0):
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors}


def test_runs_combine_to_mean_throughput_median_latency_and_all_errors():
    result = server.combined([run(300, 9, 30, 0), run(600, 11, 90, 1), run(300, math.nan, 20, 2)])
    assert result["rps"] == 400
    assert result["p50"] == 10  # the NaN of a run without answers is left out
    assert result["p99"] == 30
    assert result["errors"] == 3


def results_for(page_ratio, page_p99, otp_rps=800.0):
    pages = [("partners", "/n/x/partners/", "pw", 0.30)]
    results = {}
    for c in (8, 32):
        results[("hello (pw)", c)] = run(1000.0, p99=10.0)
        results[("hello (otp)", c)] = run(otp_rps, p99=10.0)
        results[("partners", c)] = {**run(1000.0 * page_ratio, p99=page_p99), "ratio": page_ratio}
    return pages, results


def test_targets_met():
    pages, results = results_for(0.35, page_p99=50.0)
    assert server.check_targets({100: results}, pages, [8, 32]) == []


def test_each_target_is_checked():
    # p99 bound at c=8 and 250/s: 3 x 8 / 250 s = 96 ms.
    pages, results = results_for(0.25, page_p99=120.0, otp_rps=700.0)
    missed = server.check_targets({100: results}, pages, [8, 32])
    assert any("partners: ratio 0.250 < 0.3" in m for m in missed)
    assert any("partners c=8: p99 120 ms" in m for m in missed)
    assert any("hello verified 700/s < 0.8" in m for m in missed)
    _, low = results_for(0.45, page_p99=10.0)
    lost = server.check_targets({1: low, 100: results}, pages, [8, 32])
    assert any("×100 ratio 0.250 < 2/3 of ×1 0.450" in m for m in lost)


WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8765/bench-hello/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.82ms    5.21ms  78.44ms   82.31%
    Req/Sec   350.00     50.00   400.00     68.50%
  Latency Distribution
     50%   10.27ms
     75%   12.01ms
     90%   15.30ms
     99%    1.20s
  1400 requests in 2.00s, 1.2MB read
Requests/sec:    700.00
"""


def test_percentiles_are_read_from_the_latency_distribution_only():
    # "68.50%" in the Req/Sec line once made p50 unreadable.
    assert server.percentile(WRK_OUTPUT, "50") == 10.27
    assert server.percentile(WRK_OUTPUT, "99") == 1200.0
    assert math.isnan(server.percentile("no distribution", "99"))
