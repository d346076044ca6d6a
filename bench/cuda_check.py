"""Check daenr's CUDA path on a machine with a GPU, and time a joint fit there against the CPU.

    python bench/cuda_check.py [--epochs 100]

Checks (each prints PASS or FAIL with its numbers; the exit status is the number of failures):
1. `device='auto'` picks CUDA and a fit's model, history and predictions live there and are finite.
2. Two CUDA fits with the same seed give the same history (cuBLAS made deterministic by
   CUBLAS_WORKSPACE_CONFIG, set below before torch starts), and how far a CUDA history lies from the CPU one.
3. A run saved from CUDA loads on the CPU and predicts what it predicted on the GPU.
4. A CUDA fit killed mid-way resumes from its checkpoint to the history of the uninterrupted fit.
5. The VISp acceptance fit of notebook 06 (Gaussian-mask readout, 100 epochs, no early stop) on CUDA:
   median held-out r of the VISp units, next to the same fit on the CPU.
6. Seconds per epoch of a joint fit on the default data, CUDA against the CPU (ratio printed), in float32 and in
   precision 'auto' (bfloat16 mixed precision where the device computes it natively); an 'auto' fit on CUDA trains.
7. `fit_many` on CUDA: four fits (two areas, two seeds, a control, another λ) trained as one batched computation agree
   with the same fits trained alone on CUDA (within 5e-2 relative, the batch-norm tolerance of notebook 06); then
   model-epochs per second of M = `--many` default VISp fits batched on CUDA, against fits one at a time on the CPU
   (1 thread, times 2 for 2 cores), both in precision 'auto' as `daenr sweep` trains them.
"""
import os
os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")

import argparse, sys, tempfile, time
from pathlib import Path

import numpy as np
import torch

from daenr.virtual_mouse import load_default
from daenr.loss import JointLoss
from daenr.train import Run, fit, fit_many, resolve_device, split_train_val_test

failures = 0

def check(name, ok, detail):
    "Print one check's verdict and count failures"
    global failures
    failures += not ok
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)

def median_r(run, data, idx):
    "Median over units of the Pearson r between predicted and trial-averaged responses to images `idx`"
    pred, obs = run.predict(data.images[idx]), data.mean_responses()[idx]
    return float(np.nanmedian([np.corrcoef(pred[:, u], obs[:, u])[0, 1] for u in range(data.n_units)]))

def main(epochs:int, device:str="auto", many=(1, 25, 125)):
    "Run the checks on `device` ('auto': CUDA, which must be there; 'cpu' dry-runs the script itself)"
    if device == "auto" and not torch.cuda.is_available():
        print("no CUDA device: nothing to check"); return 1
    print(f"torch {torch.__version__}, {torch.cuda.get_device_name(0) if device == 'auto' else device}", flush=True)
    data = load_default()
    cols = ["train_loss", "val_loss"]

    dev = resolve_device(device)
    run = fit(data, epochs=5, patience=None, progress=False, device=device)
    h = run.history[cols].to_numpy()
    pred = run.predict(data.images[:8])
    check(f"device={device!r} trains on {dev.type}", run.device.type == dev.type and (device != "auto" or dev.type == "cuda") and np.isfinite(h).all()
          and np.isfinite(pred).all() and (pred > 0).all(), f"resolved {dev}, model on {run.device}, 5 finite epochs")

    again = fit(data, epochs=5, patience=None, progress=False, device=device)
    diff = float(np.abs(again.history[cols].to_numpy() - h).max())
    check(f"same seed on {dev.type}, same history", diff == 0, f"largest difference {diff:.3g}")
    cpu = fit(data, epochs=5, patience=None, progress=False, device="cpu")
    rel = float((np.abs(cpu.history[cols].to_numpy() - h) / np.abs(h)).max())
    check(f"{dev.type} and CPU histories agree to 1%", rel < 0.01, f"largest relative difference {rel:.3g} after 5 epochs")

    with tempfile.TemporaryDirectory() as tmp:
        run.save(Path(tmp)/"run")
        back = Run.load(Path(tmp)/"run", device="cpu")
        d = float(np.abs(back.predict(data.images[:8]) - pred).max())
        check(f"saved on {dev.type}, loaded on the CPU", back.device.type == "cpu" and d < 1e-4, f"largest prediction difference {d:.3g}")

        class Killed(Exception): pass
        def kill(epoch, stage, history, model):
            if epoch == 3: raise Killed
        ck = Path(tmp)/"ck"
        try: fit(data, epochs=6, patience=None, progress=False, checkpoint_dir=ck, callback=kill, device=device)
        except Killed: pass
        resumed = fit(data, epochs=6, patience=None, progress=False, checkpoint_dir=ck, device=device)
        whole = fit(data, epochs=6, patience=None, progress=False, device=device)
        d = float(np.abs(resumed.history[cols].to_numpy() - whole.history[cols].to_numpy()).max())
        check("killed at epoch 3, resumed to the same history", len(resumed.history) == 6 and d == 0, f"largest difference {d:.3g}")

    visp = data.select(areas="VISp")
    te = split_train_val_test(visp)["test"]
    t0 = time.perf_counter(); g = fit(visp, readout="gaussian_mask", epochs=epochs, patience=None, progress=False, device=device); tg = time.perf_counter() - t0
    t0 = time.perf_counter(); c = fit(visp, readout="gaussian_mask", epochs=epochs, patience=None, progress=False, device="cpu"); tc = time.perf_counter() - t0
    rg, rc = median_r(g, visp, te), median_r(c, visp, te)
    check(f"VISp acceptance fit on {dev.type}: median held-out r > 0.3", rg > 0.3,
          f"{dev.type} {rg:.3f} ({tg:.1f} s), CPU {rc:.3f} ({tc:.1f} s), {epochs} epochs")

    timing = {}
    for d in (device, "cpu"):
        for p in ("float32", "auto"):
            r = fit(data, epochs=2, patience=None, progress=False, device=d, precision=p)  # warm-up
            t0 = time.perf_counter(); fit(data, epochs=20, patience=None, progress=False, device=d, precision=p)
            timing[d, p] = (time.perf_counter() - t0) / 20, r.config["precision"]
    for p in ("float32", "auto"):
        (g, pg), (c, pc) = timing[device, p], timing["cpu", p]
        print(f"joint fit on the default data, 600 units, precision {p!r}: {g:.3f} s/epoch on {dev} ({pg}), {c:.3f} s/epoch "
              f"on the CPU (1 thread, {pc}); CPU / {dev.type} = {c / g:.1f}", flush=True)
    h = fit(data, epochs=6, patience=None, progress=False, device=device, precision="auto").history
    check(f"precision 'auto' on {dev.type} trains", bool(np.isfinite(h.val_loss).all() and h.val_loss.iloc[-1] < h.val_loss.iloc[0]),
          f"validation loss {h.val_loss.iloc[0]:.4g} after epoch 1, {h.val_loss.iloc[-1]:.4g} after 6")
    check_fit_many(data, device, many)
    print(f"{failures} check(s) failed")
    return failures

def check_fit_many(data, device, many, epochs=3):
    "Check 7: fit_many agrees with fit on `device`, and its model-epochs per second for M in `many` against fits on the CPU"
    visp, visl = data.select(areas="VISp"), data.select(areas="VISl")
    fits = [dict(data=visp, seed=0, epochs=epochs), dict(data=visl, seed=1, epochs=epochs), dict(data=visp, seed=2, epochs=epochs, control="shuffled"),
            dict(data=visl, seed=3, epochs=epochs, loss=JointLoss(lam=3.))]
    many_runs = fit_many(fits, device=device, progress=False)
    alone = [fit(**f, device=device, progress=False) for f in fits]
    worst = max(float(np.abs(a.predict(data.images[:16]) - b.predict(data.images[:16])).max() / np.abs(b.predict(data.images[:16])).max())
                for a, b in zip(many_runs, alone))
    check(f"fit_many on {device} agrees with fit", worst < 5e-2, f"largest relative prediction difference {worst:.3g} after {epochs} epochs")
    t0 = time.perf_counter()
    for s in range(2): fit(visp, seed=s, epochs=epochs, progress=False, device="cpu", precision="auto")
    cpu = 2 * epochs / (time.perf_counter() - t0) * 2  # model-epochs per second on 2 cores (two workers of 1 thread)
    for M in many:
        fits = [dict(data=visp, seed=s, epochs=epochs, precision="auto") for s in range(M)]
        t0 = time.perf_counter(); fit_many(fits, device=device, progress=False); rate = M * epochs / (time.perf_counter() - t0)
        print(f"fit_many of M = {M} default fits on {device}: {rate:.2f} model-epochs/s; 2 CPU cores fitting one at a time "
              f"{cpu:.2f}; ratio {rate / cpu:.1f}", flush=True)

if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=100, help="epochs of the VISp acceptance fit")
    p.add_argument("--device", default="auto", help="'auto' (CUDA, the point of this script) or 'cpu' to dry-run the script")
    p.add_argument("--many", type=int, nargs="*", default=[1, 25, 125], help="M of the fit_many timing (check 7)")
    a = p.parse_args()
    sys.exit(main(a.epochs, a.device, a.many))
