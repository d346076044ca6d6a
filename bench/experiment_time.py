"""Wall time of `daenr run` on the default data, against the targets of the issue.

    python bench/experiment_time.py            # `daenr run --quick`: 3 seeds × 2 folds × 5 conditions, 6 epochs (target: under 3 minutes on 2 CPU cores)
    python bench/experiment_time.py --full     # the full default run (target: under 20 minutes on 2 CPU cores)

Prints the wall time, the ratio to the target, the CPU count and the load average before and after, since other
processes sharing the cores slow the run down. The data set is built (and cached) before the clock starts.
"""
import argparse, os, subprocess, sys, tempfile, time
from pathlib import Path

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--full", action="store_true", help="time the full default run instead of --quick")
p.add_argument("--out", help="run folder (default: a new temporary folder)")
a = p.parse_args()
from daenr.virtual_mouse import load_default
load_default()  # build or read the cached default data outside the timed part
out = Path(a.out or tempfile.mkdtemp())/"run"
cmd = ["daenr", "run", "--out", str(out)] + ([] if a.full else ["--quick"])
target = 20 * 60 if a.full else 3 * 60
load0, t0 = os.getloadavg(), time.time()
rc = subprocess.call(cmd)
wall, load1 = time.time() - t0, os.getloadavg()
print(f"\n{' '.join(cmd)}\n  exit status {rc}; wall time {wall:.0f} s = {wall / target:.2f} × the {target // 60}-minute target; "
      f"{os.cpu_count()} CPU cores; load average (1, 5, 15 min) before {load0[0]:.1f} {load0[1]:.1f} {load0[2]:.1f}, "
      f"after {load1[0]:.1f} {load1[1]:.1f} {load1[2]:.1f}")
sys.exit(rc)
