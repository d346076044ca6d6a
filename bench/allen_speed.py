"""Speed of daenr's Allen session reader against the AllenSDK's on the same file, in one process.

    python bench/allen_speed.py               # needs daenr[allen] (the AllenSDK); about a minute
    python bench/allen_speed.py --repeats 5   # median of 5 runs of each path instead of 3

The file: a session NWB file in the Allen format that this script writes itself with
`daenr.allen.write_session_nwb` — the 118 natural scenes × `--trials` repeats (default 50) in random
order, 250 ms each, `--units` units (default 60) spread over the six visual areas, Poisson spike counts
(about 8 spikes/s) placed at random times inside each presentation.

Two comparisons, each the median of several runs:
- end to end, from the file on disk (`--repeats` runs each): daenr's `load_session_nwb(path, templates)` against the AllenSDK's
  `EcephysSession.from_nwb_path` + `stimulus_presentations` + `presentationwise_spike_counts` of every unit
  in (0, 0.25) s after each natural-scene onset;
- on a session that is already open (its tables read once beforehand; `--open-repeats` runs each, the two
  paths alternating): daenr's `session_natural_scenes` against `presentationwise_spike_counts` on the same
  `EcephysSession`.
The 118 scene templates (random, full size 918 × 1174) are a `SceneTemplates`, prepared once before the
timings, as a cache prepares them once; that one-off cost is printed on its own. The counts of the two
paths are checked to be identical, presentation by presentation. The last line is
`speedup_vs_allensdk <end-to-end ratio>`.
"""
import argparse, statistics, sys, tempfile, time, warnings
from pathlib import Path
import numpy as np
import pandas as pd

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--trials", type=int, default=50, help="repeats of each of the 118 scenes (default 50)")
p.add_argument("--units", type=int, default=60, help="units in the file (default 60)")
p.add_argument("--repeats", type=int, default=3, help="runs of each path from the file; the median is reported (default 3)")
p.add_argument("--open-repeats", type=int, default=21, help="runs of each path on the open session, alternating; the median is reported (default 21)")
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()

warnings.simplefilter("ignore")
from allensdk.brain_observatory.ecephys.ecephys_session import EcephysSession
from daenr.data import NeuralData, VISUAL_AREAS
from daenr.allen import (N_SCENES, NATURAL_SCENES, DEFAULT_QC, SceneTemplates, arrange_by_repeat, load_session_nwb,
                         session_natural_scenes, write_session_nwb)

def timed(fn, n):
    "(median seconds, last result) of `n` calls of `fn`"
    times, out = [], None
    for _ in range(n):
        t = time.perf_counter(); out = fn(); times.append(time.perf_counter() - t)
    return statistics.median(times), out

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
ours_s, ours = timed(lambda: load_session_nwb(path, templates, qc=DEFAULT_QC), a.repeats)
sdk_s, (session, ns, counts) = timed(sdk_end_to_end, a.repeats)

# identical counts: the AllenSDK's, arranged by repeat in daenr's unit order, equal daenr's array exactly
uids = ours.units["unit_id"].to_numpy()
sdk_counts = counts.sel(unit_id=uids).values[:, 0, :]
arranged = arrange_by_repeat(ns["frame"], ns["start_time"], sdk_counts)
np.testing.assert_array_equal(arranged["responses"], ours.responses)
assert ours.responses.sum() == truth.responses.sum(), "the counts differ from the ones written"
print(f"counts identical to the AllenSDK's: {int(np.nansum(ours.responses))} spikes in {ours.n_trials} x {ours.n_images} x {ours.n_units}")

session_natural_scenes(session, templates)  # its tables are read once here; both paths below start from the open session
runs = [(timed(lambda: session_natural_scenes(session, templates), 1)[0],
         timed(lambda: session.presentationwise_spike_counts(window, ns.index.values, session.units.index.values), 1)[0])
        for _ in range(a.open_repeats)]  # alternating, so that both see the same load on the machine
open_ours_s, open_sdk_s = (statistics.median(r) for r in zip(*runs))

print(f"end to end:   daenr {ours_s:.3f} s, AllenSDK {sdk_s:.3f} s -> {sdk_s / ours_s:.1f}x")
print(f"open session: daenr {open_ours_s:.3f} s, AllenSDK presentationwise_spike_counts {open_sdk_s:.3f} s -> {open_sdk_s / open_ours_s:.2f}x")
print(f"speedup_vs_allensdk {sdk_s / ours_s:.2f}")
