"""Train many models at once, never train the same stage twice, and train each in the precision its hardware computes
fastest: what each buys `daenr sweep`, measured here.

Usage: python bench/fit_many_speed.py [--models 1 5 25 125] [--epochs 3] [--steps 3] [--repeats 2] [--no-models] [--no-sweep]
       [--fit-models 1 5 25] [--reduced-epochs 60] [--reduced-workers 2]

1. **Matmul peak.** GFLOP/s of a 2048² float32 matmul on 1 thread and on every core: the ceiling the
   training steps below are set against. Then one default model's seconds per training step with contiguous against
   channels-last weights, in float32 against bfloat16 mixed precision (`fit(precision=...)`: the forward pass under
   `torch.autocast`), and with `fit`'s Adam (the for-loop implementation, on the CPU) against foreach and fused Adam.
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
   default data. Today (before issue 14) every point was a joint fit in float32, λ = 0 included, on contiguous
   weights. Now a λ = 0 point is a two_stage fit whose autoencoder stage is trained once per seed (`stage_cache`) and
   whose readout stage runs on the frozen autoencoder's outputs computed once; the DAE's weights are channels-last;
   and the sweep's config key `precision` is 'auto' (bfloat16 mixed precision where `auto_precision` finds native
   support, else float32). The parts (a joint fit, an autoencoder stage, a readout stage from a shared stage; one fit
   each, 1 thread) are timed three ways: today's, channels-last in float32, and channels-last in the 'auto'
   precision; each at `--epochs` epochs and at twice as many, so each part's fixed cost and cost per epoch
   extrapolate to the default epochs (best of `--repeats` interleaved rounds). One evaluation (as a sweep point runs
   it) is timed too. The wall time is the total over 2 workers.
4. **A reduced sweep end to end**, both ways, with `--reduced-workers` worker processes (default 2): the default λ and
   taps, one area (VISp), one seed, `--reduced-epochs` epochs (default: fit's, 60): 20 fits, an eighteenth of the
   default grid. "Today" is every point a joint fit in float32 without a stage cache, with contiguous weights, in
   this process and in each spawned worker (`today_patches`); "now" is `daenr sweep` as it is, precision 'auto'.

The last line is `speedup_sweep <ratio>`: the default sweep's estimated wall time today divided by now (part 3: shared
stages, channels-last weights and precision 'auto'), on 2 CPU workers.

Measured on 2026-12-07 on this project's current machine: 2 CPU cores with AMX (`auto_precision`: bfloat16), no GPU,
nothing else running:

    python bench/fit_many_speed.py --models 1 5 25 --repeats 2 --fit-models 1 5 --epochs 3
    matmul peak: 181 GFLOP/s on 1 thread, 310 on 2
    one default model, seconds per training step on cpu: contiguous weights 0.050, channels-last 0.050: ratio 1.01
    one default model, seconds per training step on cpu: float32 0.0492, bfloat16 mixed precision 0.0210: ratio 2.35
    one default model, seconds per training step by Adam implementation: for-loop 0.0481, foreach 0.0477, fused 0.0479
    | M | one at a time: model-epochs/s | GFLOP/s | vmap: model-epochs/s | GFLOP/s | vmap / one at a time | grouped autoencoders / one at a time |
    | 1 | 2.047 | 104.0 | 1.649 | 83.7 | 0.81 | 0.99 |
    | 5 | 2.024 | 102.8 | 1.474 | 74.9 | 0.73 | 0.87 |
    | 25 | 1.984 | 100.8 | 1.168 | 59.3 | 0.59 | 0.80 |
    | M | fit one at a time: model-epochs/s | fit_many: model-epochs/s | fit_many / one at a time |
    | 1 | 1.513 | 1.399 | 0.92 |
    | 5 | 1.520 | 1.260 | 0.83 |
    timed at 3 and 6 epochs on 1 thread (best of 2), extrapolated to 60; evaluation 0.3 s per fit:
      today (contiguous weights, float32): joint 32.2 s (0.53 s/epoch), readout stage 2.5 s, autoencoder stage 28.2 s
      float32 (channels-last weights): joint 30.9 s (0.51 s/epoch), readout stage 2.5 s, autoencoder stage 28.0 s
      auto (channels-last weights, bfloat16): joint 14.2 s (0.23 s/epoch), readout stage 2.3 s, autoencoder stage 12.8 s
    estimated wall time on 2 workers: today 98 min; shared stages and channels-last weights 77 min (1.26x); and
    precision 'auto' (bfloat16) 36 min (2.67x)
    reduced sweep end to end (20 fits, 60 epochs, 2 workers): today 340 s, now 147 s; ratio 2.31
    speedup_sweep 2.67

The default sweep itself, end to end on the same machine and day (`daenr sweep --out DIR`, 2 workers, precision
'auto' = bfloat16, nothing else running): 2526 s, 42 minutes. The estimate above leaves out each worker's start-up,
reading the data, the report and the imbalance of the last fits. Today's sweep was not run end to end (about 100
minutes, eighteen times the reduced sweep's 340 s); by the reduced sweep's ratio it would take 2.3x as long.

A bfloat16 step on this CPU runs at 2.35x the float32 one (AMX tiles); a whole default fit at about 2x (part 3's
joint fit: 30.9 s against 14.2 s, 2.18x; its float32 parts, evaluation, the loss and Adam, do not change). On validation scenes it fits as well as float32 (`bench/default_model_search.py
--fifth`, notebook 06). Batching stays slower on the CPU in either precision (`fit_many` in bfloat16: 0.43-0.53x of
`fit` one at a time, scratch run), so `fit_batch: auto` stays 1 there.

Measured on 2026-12-02, on the machine of that day (2 CPU cores, no GPU; its speed drifted by about ±20 % between
runs), with this bench before part 3 had its precision and part 4 its workers:

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

On that machine one model at a time already ran at 60-75 % of the matmul peak, and neither way of batching paid (nor
did `fit_many`, 0.86x). Channels-last weights made a training step 1.16-1.21x faster there, a whole default fit 0-9 %,
and on today's machine they change nothing (1.01x). The λ = 0 fifth of the sweep, all that can be shared, gave
1.2-1.3x; training in the precision the hardware computes fastest gives the rest.
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
    orig = use_contiguous_weights()
    try: yield
    finally: DAE.__init__ = orig


def use_contiguous_weights():
    "From now on DAEs keep contiguous weights (`DAE.__init__` wrapped); the original `__init__`, to restore"
    from daenr.model import DAE
    orig = DAE.__init__
    def init(self, *args, **kw):
        orig(self, *args, **kw)
        self.to(memory_format=torch.contiguous_format)
    DAE.__init__ = init
    return orig


def precision_ratio(steps, repeats, device):
    "Seconds per training step of one default model in float32 against bfloat16 mixed precision (fit's `precision`), interleaved"
    from daenr.train import _mixed, auto_precision
    torch.set_num_threads(1)
    t = {p: [] for p in ("float32", "bfloat16")}
    x, y = torch.rand(16, 1, 64, 64, device=device), torch.rand(8, 100, device=device) * 3
    for _ in range(repeats):
        for p in t:
            m = default_model(0, device=device)
            opt = torch.optim.Adam(m.parameters(), 3e-3)
            def step():
                with _mixed(p, device): rec, pred = m(x)
                loss = step_loss(rec.float(), pred.float(), x, y)
                opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
            t[p].append(seconds_per_step(step, steps, device))
    f, b = min(t["float32"]), min(t["bfloat16"])
    print(f"one default model, seconds per training step on {device}: float32 {f:.4f}, bfloat16 mixed precision {b:.4f}: ratio {f / b:.2f} "
          f"(auto_precision: {auto_precision(device)})")


def part_times(epochs, precision="float32"):
    "Seconds, on the default data and 1 thread, of a joint fit, an autoencoder stage and a readout stage from a shared stage, at `epochs` epochs"
    from daenr.train import fit
    from daenr.virtual_mouse import load_default
    data = load_default().select(areas="VISp")
    t = {}
    t0 = time.perf_counter(); fit(data, epochs=epochs, progress=False, precision=precision); t["joint"] = time.perf_counter() - t0
    stages = tempfile.mkdtemp()
    try:
        t0 = time.perf_counter(); fit(data, mode="two_stage", epochs=epochs, progress=False, stage_cache=stages, precision=precision)
        both = time.perf_counter() - t0
        t0 = time.perf_counter(); fit(data, mode="two_stage", tap="enc1", epochs=epochs, progress=False, stage_cache=stages, precision=precision)
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
    "Part 3: the default sweep's fit count and estimated wall time on 2 workers: today, with shared stages, and with the sweep's precision 'auto' too"
    from daenr.sweep import DEFAULT_GRID
    from daenr.train import DEFAULT_EPOCHS, auto_precision
    torch.set_num_threads(1)
    auto = auto_precision("cpu")
    part_times(1)  # warm-up: the extra scenes are generated and cached
    ways = {"today": (True, "float32"), "float32": (False, "float32"), "auto": (False, auto)}  # (contiguous weights, precision)
    runs = {w: [] for w in ways}
    for _ in range(repeats):  # interleaved; each part's fastest time counts (this machine's speed drifts)
        for w, (contiguous, precision) in ways.items():
            if contiguous:
                with contiguous_weights(): runs[w].append((part_times(epochs, precision), part_times(2 * epochs, precision)))
            else: runs[w].append((part_times(epochs, precision), part_times(2 * epochs, precision)))
    ev = evaluation_time()
    n_lam, n_taps, n_areas, n_seeds = len(DEFAULT_GRID["lam"]), 4, 6, DEFAULT_GRID["seeds"]
    n = n_lam * n_taps * n_areas * n_seeds
    n0 = n // n_lam  # λ = 0 points
    print(f"\n## The default sweep: {n} fits ({n0} at λ = 0, {n_seeds} shared autoencoder stages)")
    print(f"timed at {epochs} and {2 * epochs} epochs on 1 thread (best of {repeats}), extrapolated to {DEFAULT_EPOCHS} (fixed + per-epoch cost); "
          f"evaluation {ev:.1f} s per fit:")
    fit_s = {}
    for w, r in runs.items():
        short, long = ({k: min(x[i][k] for x in r) for k in r[0][i]} for i in range(2))
        per_epoch = {k: (long[k] - short[k]) / epochs for k in short}
        fit_s[w] = {k: short[k] + per_epoch[k] * (DEFAULT_EPOCHS - epochs) for k in short}  # fixed cost + per-epoch cost × epochs
        print(f"  {w} ({'contiguous' if ways[w][0] else 'channels-last'} weights, {ways[w][1]}): " +
              ", ".join(f"{k} {v:.1f} s ({per_epoch[k]:.2f} s/epoch)" for k, v in fit_s[w].items()))
    shared = lambda f: ((n - n0) * (f["joint"] + ev) + n_seeds * f["autoencoder stage"] + n0 * (f["readout stage"] + ev)) / 2
    today = n * (fit_s["today"]["joint"] + ev) / 2  # every point a joint fit, contiguous weights, float32
    f32, now = shared(fit_s["float32"]), shared(fit_s["auto"])
    print(f"estimated wall time on 2 workers: today (contiguous weights, every point joint, float32) {today / 60:.0f} min; shared stages and "
          f"channels-last weights {f32 / 60:.0f} min ({today / f32:.2f}x); and precision 'auto' ({auto}) {now / 60:.0f} min ({today / now:.2f}x)")
    return today / now


def today_patches():
    "Today's sweep in this process (or a spawned worker): every point a joint fit without a stage cache, DAEs with contiguous weights"
    import daenr.sweep as sw
    sw.point_mode, sw.stage_dir = (lambda lam, cfg: "joint"), (lambda out: None)
    use_contiguous_weights()


def today_jobs(fn, jobs, workers=0, progress=True, desc=""):
    "daenr.runfolder.run_jobs for today's sweep: the same spawned worker processes, each starting with `today_patches`"
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=today_patches) as ex:
        return list(ex.map(fn, jobs))


def reduced_sweep(epochs, workers):
    "Part 4: the default λ × taps, one area, one seed, end to end in this process (`workers` workers): today's sweep against this one's"
    import daenr.sweep as sw
    from daenr.virtual_mouse import load_default
    data = load_default().select(areas="VISp")
    grid = lambda precision: {"seeds": 1, "config": {"epochs": epochs, "workers": workers, "precision": precision}}
    out = tempfile.mkdtemp()
    try:
        t0 = time.perf_counter(); sw.run_sweep(data, f"{out}/shared", grid("auto"), progress=False); shared = time.perf_counter() - t0
        from daenr.model import DAE
        saved = sw.point_mode, sw.stage_dir, sw.run_jobs, DAE.__init__
        today_patches(); sw.run_jobs = today_jobs  # in this process and in each worker
        try: t0 = time.perf_counter(); sw.run_sweep(data, f"{out}/today", grid("float32"), progress=False); today = time.perf_counter() - t0
        finally: sw.point_mode, sw.stage_dir, sw.run_jobs, DAE.__init__ = saved
    finally: shutil.rmtree(out)
    n = len(sw.DEFAULT_GRID["lam"]) * 4
    print(f"\n## A reduced sweep end to end ({n} fits: 5 λ × 4 taps, VISp, 1 seed, {epochs} epochs, {workers} worker(s))")
    print(f"today (every point joint, float32, contiguous weights): {today:.0f} s; now (shared stages, precision "
          f"'auto'): {shared:.0f} s; ratio {today / shared:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, nargs="+", default=[1, 5, 25, 125])
    ap.add_argument("--steps", type=int, default=3, help="timed training steps per measurement")
    ap.add_argument("--repeats", type=int, default=2, help="interleaved repeats of each measurement of parts 2 and 3 (the best counts)")
    ap.add_argument("--epochs", type=int, default=3, help="epochs of the timed fits of part 3 (scaled to the default)")
    ap.add_argument("--reduced-epochs", type=int, default=None, help="epochs of part 4's fits (default: fit's, DEFAULT_EPOCHS)")
    ap.add_argument("--reduced-workers", type=int, default=2, help="worker processes of part 4's sweeps")
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
            precision_ratio(10, 3, device)
            optimiser_ratio(10, 3, device)
            many_models(args.models, args.steps, device, args.repeats)
        if args.fit_models: fit_many_vs_fit(args.fit_models, args.fit_epochs, args.repeats, device)
    if args.no_sweep: return
    ratio = sweep_estimate(args.epochs, args.repeats)
    from daenr.train import DEFAULT_EPOCHS
    reduced_sweep(args.reduced_epochs or DEFAULT_EPOCHS, args.reduced_workers)
    print(f"speedup_sweep {ratio:.2f}")


if __name__ == "__main__":
    main()
