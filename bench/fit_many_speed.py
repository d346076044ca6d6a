"""Train many models at once, and never train the same stage twice: what each buys `daenr sweep`, measured here.

Usage: python bench/fit_many_speed.py [--models 1 5 25 125] [--epochs 3] [--steps 3] [--repeats 2] [--no-models] [--no-sweep]

1. **Matmul peak.** GFLOP/s of a 2048² float32 matmul on 1 thread and on every core: the ceiling the
   training steps below are set against. Then one default model's seconds per training step with contiguous against
   channels-last weights, and with `fit`'s Adam (the for-loop implementation, on the CPU) against foreach and fused
   Adam.
2. **M models, one at a time or batched.** M copies of `fit`'s default model (DEFAULT_ARCHITECTURE, Gaussian-mask
   readout on enc2, 100 units, batches of 8 recorded + 8 extra 64×64 images, Adam) take training steps
   (forward, backward, update) either one after another, or as one batched computation: their weights stacked
   and `torch.func.vmap` over `functional_call` (each model its own images, targets and readout noise).
   Batch norm runs on batch statistics in both (vmap cannot update running statistics in place), so both do the
   same arithmetic. Prints model-epochs per second (an epoch = 10 steps, as on the 75 training scenes of the
   default split), the ratio batched / one at a time, and the achieved GFLOP/s (FLOPs of one step counted by
   `torch.utils.flop_counter`). The last column is the other way to batch: the M autoencoders (without readouts) as
   one network of grouped convolutions (`groups=M`; batch norm over M × channels is each model's own), against one
   of them M times. Each pair is timed interleaved, best of `--repeats`. On 1 thread, as each of a sweep's workers
   runs; on CUDA too when present.
2b. **`fit_many` against `fit`.** The package's own batched trainer (`daenr.train.fit_many`, notebook 06) against `fit`
   one at a time: M default fits (VISp, seeds 0 … M−1) on the default data for `--fit-epochs` epochs, setup included,
   model-epochs per second (`--fit-models`).
3. **The default sweep, estimated.** The default grid (DEFAULT_GRID: 5 λ × 4 taps × 6 areas × 3 seeds) on the
   default data. Today (before this issue) every point was a joint fit, λ = 0 included, on contiguous weights. Now
   the DAE's weights are channels-last, and a λ = 0 point is a two_stage fit whose autoencoder stage is trained once
   per seed (`stage_cache`) and whose readout stage runs on the frozen autoencoder's outputs computed once. The parts
   are timed here at `--epochs` epochs (one fit each, 1 thread: a joint fit in both layouts, an autoencoder stage, a
   readout stage from a shared stage) and at twice as many, so each part's fixed cost and cost per epoch extrapolate
   to the default epochs (best of `--repeats` interleaved rounds); one evaluation (as a sweep point runs it) is timed
   too. The wall time is the total over 2
   workers.
4. **A reduced sweep end to end**, both ways, in this process (1 worker): the default λ and taps, one area, one
   seed, `--epochs` epochs. "Today" is emulated by fitting every point as a joint fit without a stage cache, with
   contiguous weights.

The last line is `speedup_sweep <ratio>`: the default sweep's estimated wall time today divided by now (part 3: shared
stages and channels-last weights), on 2 CPU workers.

Measured on 2026-12-02 (2 CPU cores, no GPU; this machine's speed drifts by about ±20 % between runs, so compare only
numbers from one run):

    python bench/fit_many_speed.py --models 1 5 25 --repeats 2
    matmul peak: 54 GFLOP/s on 1 thread, 97 on 2
    one default model, seconds per training step on cpu: contiguous weights 0.151, channels-last 0.129: ratio 1.16
    (an earlier run: 0.192 against 0.159, 1.21)
    | M | one at a time: model-epochs/s | GFLOP/s | vmap: model-epochs/s | GFLOP/s | vmap / one at a time | grouped autoencoders / one at a time |
    | 1 | 0.781 | 39.7 | 0.649 | 33.0 | 0.83 | 1.01 |
    | 5 | 0.651 | 33.1 | 0.546 | 27.7 | 0.84 | 1.16 |
    | 25 | 0.666 | 33.8 | 0.536 | 27.2 | 0.80 | 0.92 |
    (an earlier run with contiguous weights: vmap / one at a time 0.94, 1.09, 1.00, grouped 0.77, 0.95, 0.90; M = 125
    without interleaving: vmap 0.70)
    timed at 3 and 6 epochs on 1 thread (best of 2), extrapolated to 60: joint 96.0 s (1.59 s/epoch), readout stage
    6.3 s (0.09 s/epoch), autoencoder stage 98.2 s (1.65 s/epoch); evaluation 0.6 s per fit; a joint fit with
    contiguous weights 95.7 s
    estimated wall time on 2 workers: today (contiguous weights, every point joint) 289 min; channels-last weights
    290 min; and shared stages 239 min
    reduced sweep (20 fits, 3 epochs, 1 worker): today 159 s, now 117 s; ratio 1.36
    speedup_sweep 1.21
    (an earlier run, one round: today 312 min, now 242 min, speedup_sweep 1.29; reduced sweep 148 s against 114 s)

    python bench/fit_many_speed.py --no-sweep --models 1 --fit-models --steps 3 --repeats 2   (part 1 only, another run)
    one default model, seconds per training step on cpu by Adam implementation: for-loop 0.1645, foreach 0.1519, fused
    0.1605; for-loop / fused 1.03 (a scratch run before: 0.1419, 0.1523, 0.1399; the optimiser step alone takes 0.6-2 ms
    of these ~150 ms, so the differences are this machine's drift: fit keeps torch's default, the for-loop Adam)

    python bench/fit_many_speed.py --no-models --no-sweep --fit-models 1 5 --fit-epochs 2 --repeats 2
    | M | fit one at a time: model-epochs/s | fit_many: model-epochs/s | fit_many / one at a time |
    | 1 | 0.621 | 0.535 | 0.86 |
    | 5 | 0.540 | 0.467 | 0.86 |

So on a CPU one model at a time already runs at 60-75 % of the matmul peak, and neither way of batching pays (nor does
`fit_many`, 0.86×): the CPU default is one model per fit, two worker processes on two cores. Channels-last weights make a training step 1.16-1.21×
faster, but a whole default fit only 0-9 % (its other costs do not change). The λ = 0 fifth of the sweep is all that
can be shared: 1.2-1.3× on the default sweep.
"""
import argparse
import copy
import os
import shutil
import tempfile
import time
from contextlib import contextmanager

import numpy as np
import torch


def matmul_peak(threads, n=2048, repeats=5):
    "GFLOP/s of an n × n float32 matmul on `threads` threads"
    torch.set_num_threads(threads)
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    t0 = time.perf_counter()
    for _ in range(repeats): a @ b
    return 2 * n ** 3 * repeats / (time.perf_counter() - t0) / 1e9


def default_model(seed, n_units=100, device="cpu"):
    "fit's default DAENR for 64×64 images (Gaussian-mask readout on enc2), batch norm on batch statistics"
    from daenr.model import DAE, DAENR, make_readout
    from daenr.train import fit_architecture
    torch.manual_seed(seed)
    dae = DAE(**fit_architecture(None, (64, 64)))
    m = DAENR(dae, make_readout("gaussian_mask", dae, "enc2", n_units), "enc2").to(device)
    torch.func.replace_all_batch_norm_modules_(m)
    return m.train()


def step_loss(rec, pred, x, y):
    "A joint loss of fit's kind: reconstruction MSE (all 16 images) + Poisson on the 8 recorded ones"
    return ((rec - x) ** 2).mean() + (pred[:8] - y * torch.log(pred[:8] + 1e-8)).mean()


def step_flops(model, x, y):
    "FLOPs of one training step (forward and backward) of one model"
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as fc:
        rec, pred = model(x)
        step_loss(rec, pred, x, y).backward()
    model.zero_grad()
    return fc.get_total_flops()


def adam_step(model, opt, x, y):
    "One training step of one model on images `x` and targets `y`"
    rec, pred = model(x)
    loss = step_loss(rec, pred, x, y)
    opt.zero_grad(set_to_none=True); loss.backward(); opt.step()


def seconds_per_step(run, steps, device):
    "Seconds per call of `run` (one training step of everything timed), over `steps` calls after one warm-up call"
    run()
    if device == "cuda": torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(steps): run()
    if device == "cuda": torch.cuda.synchronize()
    return (time.perf_counter() - t0) / steps


def one_at_a_time(M, steps, device):
    "Seconds per step of M models trained one after another"
    models = [default_model(s, device=device) for s in range(M)]
    opts = [torch.optim.Adam(m.parameters(), 3e-3) for m in models]
    x = torch.rand(M, 16, 1, 64, 64, device=device); y = torch.rand(M, 8, 100, device=device) * 3
    def run():
        for m, o, xm, ym in zip(models, opts, x, y): adam_step(m, o, xm, ym)
    return seconds_per_step(run, steps, device)


def batched(M, steps, device):
    "Seconds per step of M models trained as one vmapped computation over stacked weights"
    from torch.func import functional_call, grad_and_value, stack_module_state, vmap
    models = [default_model(s, device=device) for s in range(M)]
    params, buffers = stack_module_state(models)
    base = copy.deepcopy(models[0]).to("meta")
    def loss_of(p, b, x, y):
        rec, pred = functional_call(base, (p, b), (x,))
        return step_loss(rec, pred, x, y)
    grad_fn = vmap(grad_and_value(loss_of), in_dims=(0, 0, 0, 0), randomness="different")
    leaves = {k: v.detach().requires_grad_() for k, v in params.items()}
    opt = torch.optim.Adam(leaves.values(), 3e-3)
    x = torch.rand(M, 16, 1, 64, 64, device=device); y = torch.rand(M, 8, 100, device=device) * 3
    def run():
        grads, _ = grad_fn({k: v.detach() for k, v in leaves.items()}, buffers, x, y)
        for k, v in leaves.items(): v.grad = grads[k]
        opt.step()
    return seconds_per_step(run, steps, device)


def grouped_autoencoder(M):
    "M autoencoders of DEFAULT_ARCHITECTURE's blocks (latent map, no readout) as one network of grouped convolutions"
    from torch import nn
    from daenr.train import DEFAULT_ARCHITECTURE as A
    layers, cin = [], 1
    for c, k, s in zip(A["channels"], A["kernel"], A["stride"]):
        layers += [nn.Conv2d(cin * M, c * M, k, s, k // 2, groups=M), nn.BatchNorm2d(c * M), nn.ELU()]; cin = c
    layers += [nn.Conv2d(cin * M, M, 1, groups=M), nn.Conv2d(M, cin * M, 1, groups=M), nn.ELU()]
    outs = list(A["channels"][-2::-1]) + [1]
    for c, k, s in zip(outs, A["kernel"][::-1], A["stride"][::-1]):
        layers += [nn.ConvTranspose2d(cin * M, c * M, k, s, k // 2, output_padding=s - 1, groups=M)]
        layers += [nn.BatchNorm2d(c * M), nn.ELU()] if c > 1 else [nn.Sigmoid()]; cin = c
    return nn.Sequential(*layers)


def grouped_seconds(M, steps, device):
    "Seconds per training step (reconstruction MSE, Adam) of M autoencoders as grouped convolutions"
    net = grouped_autoencoder(M).to(device)
    opt = torch.optim.Adam(net.parameters(), 3e-3)
    x = torch.rand(16, M, 64, 64, device=device)
    def run():
        loss = ((net(x) - x) ** 2).mean(); opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    return seconds_per_step(run, steps, device)


def many_models(models, steps, device, repeats):
    "Part 2: model-epochs per second, one at a time against batched (vmap, and grouped convolutions), each pair timed interleaved"
    torch.set_num_threads(1)
    m = default_model(0, device=device)
    flops = step_flops(m, torch.rand(16, 1, 64, 64, device=device), torch.rand(8, 100, device=device))
    print(f"\n## {device}: M models of fit's default architecture ({flops / 1e9:.2f} GFLOP per training step, 10 steps per epoch)")
    print(f"(best of {repeats} interleaved timings each: this machine's speed drifts between runs, so only side-by-side ratios mean much)")
    print("| M | one at a time: model-epochs/s | GFLOP/s | vmap: model-epochs/s | GFLOP/s | vmap / one at a time | "
          "grouped autoencoders / one at a time |")
    print("|---|---|---|---|---|---|---|")
    for M in models:
        k = steps if M <= 25 else 1
        t = {"one": [], "vmap": [], "grouped": [], "grouped_one": []}
        for _ in range(repeats):
            t["one"].append(one_at_a_time(M, k, device)); t["vmap"].append(batched(M, k, device))
            t["grouped"].append(grouped_seconds(M, k, device)); t["grouped_one"].append(M * grouped_seconds(1, k, device))
        s1, sb, sg, sg1 = (min(v) for v in t.values())
        print(f"| {M} | {M / s1 / 10:.3f} | {M * flops / s1 / 1e9:.1f} | {M / sb / 10:.3f} | {M * flops / sb / 1e9:.1f} | {s1 / sb:.2f} | "
              f"{sg1 / sg:.2f} |", flush=True)


def fit_many_vs_fit(models, epochs, repeats, device):
    "Part 2b: `daenr.train.fit_many` against `fit` one at a time: M default fits (VISp, seeds 0 … M−1) on the default data, model-epochs per second"
    from daenr.train import fit, fit_many
    from daenr.virtual_mouse import load_default
    data = load_default().select(areas="VISp")
    fit(data, epochs=1, progress=False, device=device)  # warm-up: the extra scenes are generated and cached
    print(f"\n## {device}: fit_many against fit one at a time (M default fits on the default data, {epochs} epochs, 1 thread, best of {repeats})")
    print("| M | fit one at a time: model-epochs/s | fit_many: model-epochs/s | fit_many / one at a time |")
    print("|---|---|---|---|")
    for M in models:
        fits = [dict(data=data, seed=s, epochs=epochs) for s in range(M)]
        t = {"one": [], "many": []}
        for _ in range(repeats):
            t0 = time.perf_counter()
            for f in fits: fit(**f, progress=False, device=device)
            t["one"].append(time.perf_counter() - t0)
            t0 = time.perf_counter(); fit_many(fits, progress=False, device=device); t["many"].append(time.perf_counter() - t0)
        one, many = min(t["one"]), min(t["many"])
        print(f"| {M} | {M * epochs / one:.3f} | {M * epochs / many:.3f} | {one / many:.2f} |", flush=True)


def layout_ratio(steps, repeats, device):
    "Seconds per training step of one default model with contiguous weights / with channels-last weights (DAE's layout), interleaved"
    torch.set_num_threads(1)
    t = {"contiguous": [], "channels_last": []}
    x, y = torch.rand(16, 1, 64, 64, device=device), torch.rand(8, 100, device=device) * 3
    for _ in range(repeats):
        for layout, fmt in (("contiguous", torch.contiguous_format), ("channels_last", torch.channels_last)):
            m = default_model(0, device=device).to(memory_format=fmt)
            opt = torch.optim.Adam(m.parameters(), 3e-3)
            t[layout].append(seconds_per_step(lambda: adam_step(m, opt, x, y), steps, device))
    c, l = min(t["contiguous"]), min(t["channels_last"])
    print(f"\none default model, seconds per training step on {device}: contiguous weights {c:.3f}, channels-last {l:.3f} "
          f"(the DAE's layout): ratio {c / l:.2f}")


def optimiser_ratio(steps, repeats, device):
    "Seconds per training step of one default model with fit's Adam (the for-loop implementation on the CPU) against foreach and fused Adam"
    torch.set_num_threads(1)
    kinds = {"for-loop": dict(foreach=False), "foreach": dict(foreach=True), "fused": dict(fused=True)}
    t = {k: [] for k in kinds}
    x, y = torch.rand(16, 1, 64, 64, device=device), torch.rand(8, 100, device=device) * 3
    for _ in range(repeats):
        for k, kw in kinds.items():
            m = default_model(0, device=device)
            opt = torch.optim.Adam(m.parameters(), 3e-3, **kw)
            t[k].append(seconds_per_step(lambda: adam_step(m, opt, x, y), steps, device))
    best = {k: min(v) for k, v in t.items()}
    print(f"one default model, seconds per training step on {device} by Adam implementation: " +
          ", ".join(f"{k} {v:.4f}" for k, v in best.items()) + f"; for-loop / fused {best['for-loop'] / best['fused']:.2f}")


@contextmanager
def contiguous_weights():
    "DAEs built inside the block keep contiguous weights, as before this issue (`DAE` now makes them channels-last)"
    from daenr.model import DAE
    orig = DAE.__init__
    def init(self, *args, **kw):
        orig(self, *args, **kw)
        self.to(memory_format=torch.contiguous_format)
    DAE.__init__ = init
    try: yield
    finally: DAE.__init__ = orig


def part_times(epochs):
    "Seconds, on the default data and 1 thread, of a joint fit, an autoencoder stage and a readout stage from a shared stage, at `epochs` epochs"
    from daenr.train import fit
    from daenr.virtual_mouse import load_default
    data = load_default().select(areas="VISp")
    t = {}
    t0 = time.perf_counter(); fit(data, epochs=epochs, progress=False); t["joint"] = time.perf_counter() - t0
    stages = tempfile.mkdtemp()
    try:
        t0 = time.perf_counter(); fit(data, mode="two_stage", epochs=epochs, progress=False, stage_cache=stages); both = time.perf_counter() - t0
        t0 = time.perf_counter(); fit(data, mode="two_stage", tap="enc1", epochs=epochs, progress=False, stage_cache=stages)
        t["readout stage"] = time.perf_counter() - t0
    finally: shutil.rmtree(stages)
    t["autoencoder stage"] = both - t["readout stage"]
    return t


def evaluation_time():
    "Seconds of `daenr.evaluate.evaluate` of one default-size sweep point (as fit_once runs it: on the target area's data)"
    from daenr.evaluate import evaluate
    from daenr.train import fit
    from daenr.virtual_mouse import load_default
    data = load_default().select(areas="VISp")
    run = fit(data, epochs=1, progress=False)
    t0 = time.perf_counter(); evaluate(run, data); return time.perf_counter() - t0


def sweep_estimate(epochs, repeats):
    "Part 3: the default sweep's fit count and estimated wall time on 2 workers, today and with shared stages"
    from daenr.sweep import DEFAULT_GRID
    from daenr.train import DEFAULT_EPOCHS
    torch.set_num_threads(1)
    part_times(1)  # warm-up: the extra scenes are generated and cached
    runs = []
    for _ in range(repeats):  # interleaved; each part's fastest time counts (this machine's speed drifts)
        with contiguous_weights(): c = (part_times(epochs), part_times(2 * epochs))
        runs.append((part_times(epochs), part_times(2 * epochs), *c))
    short, long, short_c, long_c = ({k: min(r[i][k] for r in runs) for k in runs[0][i]} for i in range(4))
    per_epoch = {k: (long[k] - short[k]) / epochs for k in short}
    fit_s = {k: short[k] + per_epoch[k] * (DEFAULT_EPOCHS - epochs) for k in short}  # fixed cost + per-epoch cost × epochs
    joint_c = short_c["joint"] + (long_c["joint"] - short_c["joint"]) / epochs * (DEFAULT_EPOCHS - epochs)
    ev = evaluation_time()
    n_lam, n_taps, n_areas, n_seeds = len(DEFAULT_GRID["lam"]), 4, 6, DEFAULT_GRID["seeds"]
    n = n_lam * n_taps * n_areas * n_seeds
    n0 = n // n_lam  # λ = 0 points
    today = n * (joint_c + ev) / 2  # every point a joint fit, contiguous weights
    unshared = n * (fit_s["joint"] + ev) / 2
    now = ((n - n0) * (fit_s["joint"] + ev) + n_seeds * fit_s["autoencoder stage"] + n0 * (fit_s["readout stage"] + ev)) / 2
    print(f"\n## The default sweep: {n} fits ({n0} at λ = 0, {n_seeds} shared autoencoder stages)")
    print(f"timed at {epochs} and {2 * epochs} epochs on 1 thread (best of {repeats}), extrapolated to {DEFAULT_EPOCHS} (fixed + per-epoch cost): " +
          ", ".join(f"{k} {v:.1f} s ({per_epoch[k]:.2f} s/epoch)" for k, v in fit_s.items()) + f"; evaluation {ev:.1f} s per fit; "
          f"a joint fit with contiguous weights (before this issue) {joint_c:.1f} s")
    print(f"estimated wall time on 2 workers: today (contiguous weights, every point joint) {today / 60:.0f} min; channels-last weights "
          f"{unshared / 60:.0f} min; and shared stages {now / 60:.0f} min")
    return today / now


def reduced_sweep(epochs):
    "Part 4: the default λ × taps, one area, one seed, end to end in this process (1 worker): today's schedule against shared stages"
    import daenr.sweep as sw
    from daenr.virtual_mouse import load_default
    data = load_default().select(areas="VISp")
    grid = {"seeds": 1, "config": {"epochs": epochs, "workers": 1}}
    out = tempfile.mkdtemp()
    try:
        t0 = time.perf_counter(); sw.run_sweep(data, f"{out}/shared", grid, progress=False); shared = time.perf_counter() - t0
        orig_mode, orig_dir = sw.point_mode, sw.stage_dir  # today's schedule: every point a joint fit, no stage cache
        sw.point_mode, sw.stage_dir = (lambda lam, cfg: "joint"), (lambda out: None)
        try:
            with contiguous_weights():
                t0 = time.perf_counter(); sw.run_sweep(data, f"{out}/today", grid, progress=False); today = time.perf_counter() - t0
        finally: sw.point_mode, sw.stage_dir = orig_mode, orig_dir
    finally: shutil.rmtree(out)
    n = len(sw.DEFAULT_GRID["lam"]) * 4
    print(f"\n## A reduced sweep end to end ({n} fits: 5 λ × 4 taps, VISp, 1 seed, {epochs} epochs, 1 worker)")
    print(f"today (every point joint, contiguous weights): {today:.0f} s; now: {shared:.0f} s; ratio {today / shared:.2f} "
          f"(at so few epochs each fit's fixed costs weigh more than in the default sweep)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, nargs="+", default=[1, 5, 25, 125])
    ap.add_argument("--steps", type=int, default=3, help="timed training steps per measurement")
    ap.add_argument("--repeats", type=int, default=2, help="interleaved repeats of each measurement of parts 2 and 3 (the best counts)")
    ap.add_argument("--epochs", type=int, default=3, help="epochs of the timed fits of parts 3 and 4 (scaled to the default)")
    ap.add_argument("--no-sweep", action="store_true", help="skip parts 3 and 4")
    ap.add_argument("--no-models", action="store_true", help="skip part 2")
    ap.add_argument("--fit-models", type=int, nargs="*", default=[1, 5, 25], help="M of part 2b (fit_many against fit); none: skip it")
    ap.add_argument("--fit-epochs", type=int, default=2, help="epochs of each fit of part 2b")
    args = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"torch {torch.__version__}, {cores} CPU cores, CUDA: {torch.cuda.is_available()}")
    print(f"matmul peak: {matmul_peak(1):.0f} GFLOP/s on 1 thread, {matmul_peak(cores):.0f} on {cores}")
    for device in ["cpu"] + ["cuda"] * torch.cuda.is_available():
        if not args.no_models:
            layout_ratio(10, 3, device)
            optimiser_ratio(10, 3, device)
            many_models(args.models, args.steps, device, args.repeats)
        if args.fit_models: fit_many_vs_fit(args.fit_models, args.fit_epochs, args.repeats, device)
    if args.no_sweep: return
    ratio = sweep_estimate(args.epochs, args.repeats)
    reduced_sweep(args.epochs)
    print(f"speedup_sweep {ratio:.2f}")


if __name__ == "__main__":
    main()
