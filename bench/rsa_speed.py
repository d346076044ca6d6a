"""Speed of daenr's tap × area RSA with bootstrap intervals against rsatoolbox doing the same work, in one process.

    python bench/rsa_speed.py                  # 1000 resamples for daenr; rsatoolbox timed on 100 and scaled
    python bench/rsa_speed.py --ref-boot 1000  # rsatoolbox on all 1000 resamples too (slow: minutes)

The work: on the default data (`load_default()`, 118 images, 6 areas), the RDM of every tap of the default DAE-NR
(briefly trained: `--epochs`, default 1) and of its readout is compared with every area's RDM (correlation
distance; Spearman by default) on the original images and on `--n-boot` bootstrap resamples of the images.

The reference is rsatoolbox's `eval_bootstrap_pattern` (one call per area, every tap a `ModelFixed`,
`boot_noise_ceil=False`), seeded with `np.random.seed(--seed)`. daenr is given exactly the resamples rsatoolbox
draws (`daenr.rsa.rsatoolbox_resamples`), so the numbers are compared resample by resample: the script prints the
largest absolute difference over every tap × area × resample that both computed, and the difference of the 95%
percentile intervals when both ran all resamples. rsatoolbox's time for `--n-boot` resamples is its time for
`--ref-boot` resamples scaled by n_boot / ref_boot (its cost is linear in the number of resamples); the printout
says so. Both timings exclude building the RDMs, which is common to both.
"""
import argparse, os, sys, time, warnings
import numpy as np

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
p.add_argument("--ref-boot", type=int, default=100, help="resamples rsatoolbox is timed on (default 100; scaled to --n-boot)")
p.add_argument("--method", default="spearman", choices=["spearman", "tau-a", "corr", "corr_cov"], help="RDM comparison")
p.add_argument("--epochs", type=int, default=1, help="epochs of the default model's brief fit (default 1)")
p.add_argument("--seed", type=int, default=0, help="seed of the resamples (np.random.seed for rsatoolbox)")
a = p.parse_args()
if not 1 <= a.ref_boot <= a.n_boot: sys.exit("--ref-boot must lie between 1 and --n-boot")

import torch
from rsatoolbox.model import ModelFixed
from rsatoolbox.inference import eval_bootstrap_pattern
from daenr.virtual_mouse import load_default
from daenr.train import fit
from daenr.rsa import brain_rdms, model_rdms, compare_rdms, compare_vectors, rsatoolbox_resamples
from daenr.stats import bootstrap_counts

data = load_default()
run = fit(data, epochs=a.epochs, progress=False, seed=0)
mr, br = model_rdms(run, data), brain_rdms(data)
taps, areas = mr.rdm_descriptors["tap"], br.rdm_descriptors["area"]
ids = mr.pattern_descriptors["image"]
print(f"default data: {data.n_images} images, {data.n_units} units in {len(areas)} areas; model taps {taps}; "
      f"{len(taps)} × {len(areas)} = {len(taps) * len(areas)} comparisons ({a.method}); {os.cpu_count()} CPU cores "
      f"(daenr compares on 1 torch thread, its default); load average {os.getloadavg()[0]:.1f}")

boot_idx = rsatoolbox_resamples(ids, a.n_boot, a.seed)  # exactly the resamples rsatoolbox draws after np.random.seed(seed)

# daenr: the whole tap × area table (value and 95% interval) from n_boot resamples
t0 = time.perf_counter()
table = compare_rdms(mr, br, method=a.method, boot_idx=boot_idx)
t_daenr = time.perf_counter() - t0
# per-resample values for the comparison with rsatoolbox (model and brain RDMs are over the same images, same order)
per_resample = compare_vectors(mr.dissimilarities, br.dissimilarities, a.method, bootstrap_counts(len(ids), idx=boot_idx[:a.ref_boot]))

# rsatoolbox: the same comparisons, one eval_bootstrap_pattern call per area, on ref_boot resamples
models = [ModelFixed(t, mr.subset("tap", t)) for t in taps]
evals = np.empty((a.ref_boot, len(taps), len(areas)))
t0 = time.perf_counter()
for j, area in enumerate(areas):
    np.random.seed(a.seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = eval_bootstrap_pattern(models, br.subset("area", area), method=a.method, N=a.ref_boot,
                                     pattern_descriptor="image", boot_noise_ceil=False)
    evals[:, :, j] = res.evaluations
t_ref = time.perf_counter() - t0
t_ref_scaled = t_ref * a.n_boot / a.ref_boot

diff = np.nanmax(np.abs(per_resample - evals))
print(f"\ndaenr       compare_rdms, {a.n_boot} resamples:           {t_daenr:8.2f} s")
print(f"rsatoolbox  eval_bootstrap_pattern, {a.ref_boot} resamples: {t_ref:8.2f} s"
      + (f"  → scaled to {a.n_boot} resamples: {t_ref_scaled:.1f} s" if a.ref_boot < a.n_boot else ""))
print(f"speed-up (rsatoolbox / daenr for {a.n_boot} resamples): {t_ref_scaled / t_daenr:.1f}×  (target ≥ 10×)")
print(f"load average after: {os.getloadavg()[0]:.1f} (other processes on the cores slow both sides)")
print(f"max |daenr − rsatoolbox| over {a.ref_boot} identical resamples × {len(taps)} taps × {len(areas)} areas: {diff:.2e}")
if a.ref_boot == a.n_boot:
    lo, hi = np.percentile(evals, [2.5, 97.5], axis=0)
    d_ci = max(np.abs(table["lo"].to_numpy() - lo.ravel()).max(), np.abs(table["hi"].to_numpy() - hi.ravel()).max())
    print(f"max |difference| of the 95% percentile interval ends: {d_ci:.2e}")
