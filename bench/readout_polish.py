"""Does a final readout-only stage after joint training raise the held-out r? Measured on validation scenes only.

Usage: python bench/readout_polish.py SEED [LR]

The setting of `bench/default_model_search.py`: the outer test fold of the default data is set aside; `fit`'s default
joint model is fitted on the rest (its own split: training, early-stopping and validation scenes). Then the autoencoder
is frozen and the readout alone is trained on as in `two_stage`'s readout stage (on the frozen autoencoder's outputs,
batches of 8, Adam at LR, default 3e-3), and the median per-unit r per area on the validation scenes is printed after
0 (the joint fit as it is), 30, 60 and 120 such epochs.

Measured on 2026-12-02 (2 CPU cores, seeds 0 and 1 at once; the worst area in the last column):

    seed 0  joint      VISp 0.242 VISl 0.313 VISrl 0.281 VISal 0.351 VISpm 0.476 VISam 0.303  min 0.242
            polish30   VISp 0.285 VISl 0.314 VISrl 0.253 VISal 0.395 VISpm 0.479 VISam 0.286  min 0.253
            polish60   VISp 0.299 VISl 0.335 VISrl 0.263 VISal 0.390 VISpm 0.459 VISam 0.253  min 0.253
            polish120  VISp 0.294 VISl 0.311 VISrl 0.248 VISal 0.361 VISpm 0.425 VISam 0.230  min 0.230
    seed 1  joint      VISp 0.219 VISl 0.198 VISrl 0.165 VISal 0.300 VISpm 0.372 VISam 0.249  min 0.165
            polish30   VISp 0.251 VISl 0.196 VISrl 0.133 VISal 0.240 VISpm 0.289 VISam 0.180  min 0.133
            polish60   VISp 0.247 VISl 0.200 VISrl 0.156 VISal 0.254 VISpm 0.319 VISam 0.207  min 0.156
            polish120  VISp 0.212 VISl 0.222 VISrl 0.152 VISal 0.245 VISpm 0.281 VISam 0.224  min 0.152

The readout overfits the 75 training scenes: VISp gains, the higher areas lose, and the worst area does not rise.
Not adopted.
"""
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from default_model_search import inner_data, area_medians  # noqa: E402
from daenr.virtual_mouse import load_default  # noqa: E402
from daenr.train import fit, fit_targets, _prepare_stage, _frozen_outputs, _train_epoch  # noqa: E402


def main(seed, lr):
    torch.set_num_threads(1)
    sub, _ = inner_data(load_default())
    t0 = time.time()
    run = fit(sub, seed=seed, progress=False)
    res = {"joint": area_medians(run, sub, run.split["test"])}
    model, loss = run.model, run.loss
    x = torch.from_numpy(sub.images[run.split["train"]]).unsqueeze(1)
    y = torch.from_numpy(fit_targets(sub, run.split, None, seed)["train"])
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        opt = torch.optim.Adam(_prepare_stage(model, loss, "readout"), lr=lr)
        frozen = _frozen_outputs(model, x)
        gen = torch.Generator().manual_seed(seed)
        for e in range(1, 121):
            model.readout.train()
            _train_epoch(model, loss, "readout", opt, x, y, 8, gen, e, "", None, frozen)
            if e in (30, 60, 120): res[f"polish{e}"] = area_medians(run, sub, run.split["test"])
    for k, v in res.items():
        print(seed, lr, f"{k:10s}", " ".join(f"{a} {r:.3f}" for a, r in v.items()), f"min {min(v.values()):.3f}", flush=True)
    print(f"seconds {time.time() - t0:.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 3e-3)
