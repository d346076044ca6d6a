"""Speed of daenr's Allen session reader against the AllenSDK's on the same file, in one process.

    python bench/allen_speed.py               # needs daenr[allen] (the AllenSDK); about three minutes
    python bench/allen_speed.py --repeats 9   # 9 runs of each path from the file instead of 5

The file: a session NWB file in the Allen format that this script writes itself with
`daenr.allen.write_session_nwb` — the 118 natural scenes × `--trials` repeats (default 50) in random
order, 250 ms each, `--units` units (default 60) spread over the six visual areas, Poisson spike counts
(about 8 spikes/s) placed at random times inside each presentation.

Two comparisons, each run as interleaved pairs — daenr then the AllenSDK, then the other way round —
so that both see the same load on a shared machine; each ratio is the median over the pairs of the
AllenSDK's time / daenr's time:
- end to end, from the file on disk (`--repeats` pairs, default 5): daenr's `load_session_nwb(path, templates)`
  against the AllenSDK's `EcephysSession.from_nwb_path` + `stimulus_presentations` +
  `presentationwise_spike_counts` of every unit in (0, 0.25) s after each natural-scene onset;
- on a session that is already open (its tables read once beforehand; `--open-repeats` pairs, default 21):
  daenr's `session_natural_scenes` against `presentationwise_spike_counts` on the same `EcephysSession`.
The 118 scene templates (random, full size 918 × 1174) are a `SceneTemplates`, prepared once before the
timings, as a cache prepares them once; that one-off cost is printed on its own. The counts of the two
paths are checked to be identical, presentation by presentation. The last line is
`speedup_vs_allensdk <end-to-end ratio>`.
"""
import argparse, shutil, statistics, sys, tempfile, time, warnings
from pathlib import Path
import numpy as np
import pandas as pd

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--trials", type=int, default=50, help="repeats of each of the 118 scenes (default 50)")
p.add_argument("--units", type=int, default=60, help="units in the file (default 60)")
p.add_argument("--repeats", type=int, default=5, help="interleaved pairs of runs from the file; the medians are reported (default 5)")
p.add_argument("--open-repeats", type=int, default=21, help="interleaved pairs of runs on the open session; the medians are reported (default 21)")
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()

warnings.simplefilter("ignore")
from allensdk.brain_observatory.ecephys.ecephys_session import EcephysSession
from daenr.data import NeuralData, VISUAL_AREAS
from daenr.allen import (N_SCENES, NATURAL_SCENES, DEFAULT_QC, SceneTemplates, arrange_by_repeat, load_session_nwb,
                         session_natural_scenes, write_session_nwb)

def paired(ours, theirs, n):
    "(daenr's median seconds, the AllenSDK's, median of the pairs' ratios theirs / ours, last results) of `n` interleaved pairs of runs"
    times, out = [], [None, None]
    for i in range(n):
        pair = [0.0, 0.0]
        for k in ((0, 1) if i % 2 == 0 else (1, 0)):  # who goes first alternates
            t = time.perf_counter(); out[k] = (ours, theirs)[k](); pair[k] = time.perf_counter() - t
        times.append(pair)
    ours_s, theirs_s = (statistics.median(t) for t in zip(*times))
    return ours_s, theirs_s, statistics.median(b / a for a, b in times), out

rng = np.random.default_rng(a.seed)
tmp = Path(tempfile.mkdtemp(prefix="allen_speed_"))
rates = rng.gamma(2.0, 1.0, (1, N_SCENES, a.units))  # mean 2 spikes per 250 ms presentation
units = pd.DataFrame({"unit_id": 950_000_000 + np.arange(a.units), "area": np.resize(VISUAL_AREAS, a.units), "session": 715093703})
truth = NeuralData(np.zeros((N_SCENES, 8, 8)), rng.poisson(rates, (a.trials, N_SCENES, a.units)), units,
                   meta={"source": "bench/allen_speed.py", "window": [0.0, 0.25]})
t = time.perf_counter()
path = write_session_nwb(truth, tmp / "session.nwb", seed=a.seed)
print(f"fixture: {path.stat().st_size / 1e6:.1f} MB, {N_SCENES} scenes x {a.trials} repeats, {a.units} units, "
      f"{int(truth.responses.sum())} spikes; written in {time.perf_counter() - t:.1f} s")

templates = SceneTemplates(rng.integers(0, 256, (N_SCENES, 918, 1174), dtype=np.uint8))
t = time.perf_counter(); templates.prepare(range(N_SCENES), (64, 64))
print(f"one-off: 118 templates cropped and resized to 64 x 64 in {time.perf_counter() - t:.1f} s (once per SceneTemplates)")

window = np.array([0.0, 0.25])
def sdk_end_to_end():
    s = EcephysSession.from_nwb_path(str(path))
    pres = s.stimulus_presentations
    ns = pres[pres["stimulus_name"] == NATURAL_SCENES]
    return s, ns, s.presentationwise_spike_counts(window, ns.index.values, s.units.index.values)
ours_s, sdk_s, speedup, (ours, (session, ns, counts)) = paired(lambda: load_session_nwb(path, templates, qc=DEFAULT_QC), sdk_end_to_end, a.repeats)

# identical counts: the AllenSDK's, arranged by repeat in daenr's unit order, equal daenr's array exactly
uids = ours.units["unit_id"].to_numpy()
sdk_counts = counts.sel(unit_id=uids).values[:, 0, :]
arranged = arrange_by_repeat(ns["frame"], ns["start_time"], sdk_counts)
np.testing.assert_array_equal(arranged["responses"], ours.responses)
assert ours.responses.sum() == truth.responses.sum(), "the counts differ from the ones written"
print(f"counts identical to the AllenSDK's: {int(np.nansum(ours.responses))} spikes in {ours.n_trials} x {ours.n_images} x {ours.n_units}")

on_open = session_natural_scenes(session, templates)  # its tables are read once here; both paths below start from the open session
np.testing.assert_array_equal(on_open.responses, ours.responses)
open_ours_s, open_sdk_s, open_speedup, _ = paired(
    lambda: session_natural_scenes(session, templates),
    lambda: session.presentationwise_spike_counts(window, ns.index.values, session.units.index.values), a.open_repeats)

print(f"end to end ({a.repeats} pairs):     daenr {ours_s:.3f} s, AllenSDK {sdk_s:.3f} s (medians) -> {speedup:.1f}x (median of the pairs' ratios)")
print(f"open session ({a.open_repeats} pairs): daenr {open_ours_s:.3f} s, AllenSDK presentationwise_spike_counts {open_sdk_s:.3f} s (medians) "
      f"-> {open_speedup:.2f}x (median of the pairs' ratios)")
print(f"speedup_vs_allensdk {speedup:.2f}")
shutil.rmtree(tmp, ignore_errors=True)  # the fixture file
