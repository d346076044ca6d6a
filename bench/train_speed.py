"""Speed of `daenr.train.fit` against a plain PyTorch training loop of the same model, in one process.

Usage: python bench/train_speed.py [--threads N] [--repeats R]

One joint fit (default architecture, tap, readout and loss) on `daenr.data.load_default()` runs to
early stop; then a plain loop written below trains the same model (same data, batch size, optimiser, calibrated loss
and number of epochs, with a validation pass per epoch like fit's early stopping) with nothing else:
no checkpoints, no history, no checks. Prints seconds per epoch and to early stop for both, and
their ratio (fit / plain). Both use the same number of torch threads (fit's default, 1, unless
--threads is given). Set the CPU count with taskset, e.g. `taskset -c 0,1 python bench/train_speed.py`.
"""
import argparse
import inspect
import math
import os
import time

import torch

from daenr.data import load_default
from daenr.model import DAE, DAENR, make_readout
from daenr.train import DEFAULT_ARCHITECTURE, fit, split_train_val_test


DEFAULTS = {k: p.default for k, p in inspect.signature(fit).parameters.items()}


def plain_loop(data, epochs, threads, loss, seed=0):
    "Train the default DAENR with a bare PyTorch loop for `epochs` epochs on `loss` (fit's calibrated JointLoss); seconds per epoch"
    tap, batch_size, lr, wd = DEFAULTS["tap"], DEFAULTS["batch_size"], DEFAULTS["lr"], DEFAULTS["weight_decay"]
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    split = split_train_val_test(data)
    mean = data.mean_responses()
    x = {k: torch.from_numpy(data.images[i]).unsqueeze(1) for k, i in split.items()}
    y = {k: torch.from_numpy(mean[i]) for k, i in split.items()}
    dae = DAE(image_size=data.image_size, **DEFAULT_ARCHITECTURE)
    model = DAENR(dae, make_readout(DEFAULTS["readout"], dae, tap, data.n_units), tap)
    model.readout.init_bias(y["train"].mean(0).clamp_min(1e-3))
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=wd)
    n = len(x["train"])
    t0 = time.perf_counter()
    for _ in range(epochs):
        model.train()
        for idx in torch.tensor_split(torch.randperm(n), math.ceil(n / batch_size)):
            rec, pred = model(x["train"][idx])
            total = loss(rec, x["train"][idx], pred, y["train"][idx], readout=model.readout).total
            opt.zero_grad(); total.backward(); opt.step()
        model.eval()
        with torch.no_grad():
            rec, pred = model(x["val"])
            t = loss.terms(rec, x["val"], pred, y["val"])
            float(t.rec + loss.lam * t.neural)
    return (time.perf_counter() - t0) / epochs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1, help="torch threads for both (fit's default is 1)")
    ap.add_argument("--repeats", type=int, default=1, help="repeat both measurements and report the fastest")
    args = ap.parse_args()
    data = load_default()
    print(f"data: {data.n_images} images {data.image_size}, {data.n_units} units; CPUs available: {len(os.sched_getaffinity(0))}; "
          f"torch {torch.__version__}, threads {args.threads}")
    fit(data, epochs=2, progress=False, threads=args.threads)  # warm-up
    fits, plains = [], []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        run = fit(data, progress=False, threads=args.threads)
        total = time.perf_counter() - t0
        n_epochs = len(run.history)
        fits.append((total, n_epochs))
        plains.append(plain_loop(data, n_epochs, args.threads, run.loss))
    total, n_epochs = min(fits)
    plain = min(plains)
    print(f"daenr.train.fit: {n_epochs} epochs to early stop in {total:.1f} s = {total / n_epochs:.3f} s/epoch "
          f"(best epoch {int(run.history.val_loss.idxmin()) + 1})")
    print(f"plain PyTorch loop, same model, data and epochs: {plain:.3f} s/epoch = {plain * n_epochs:.1f} s")
    print(f"ratio fit / plain: {total / n_epochs / plain:.2f}")


if __name__ == "__main__":
    main()
