"""Would `torch.compile` make the default fit faster on the CPU? Eager against compiled training steps, in one process.

Usage: python bench/compile_speed.py [THREADS]   (default 1: one fit per core, as `daenr run` and `daenr sweep` work)

One training step of `fit`'s default joint model, as `_train_epoch` runs it: 8 recorded images paired with 8 extra
scenes through the autoencoder, the Gaussian-mask readout on enc2 for the recorded ones, the default loss, backward and
Adam. The same step is timed eager and under `torch.compile` (inductor, default mode), each from identical weights, and
the compiled step is checked against the eager one (same loss to float tolerance). A second model of the same
architecture (another seed) is then stepped by the same compiled function, to see whether the compiled graph is reused
or compiled again: a sweep worker trains hundreds of such models in one process.

Prints per-step milliseconds, the compile time, the break-even number of steps, the per-fit estimate for the default fit
(60 epochs of 10 steps), and last a line `speedup_step <eager/compiled>`.

Measured on 2026-12-02 with `python bench/compile_speed.py` (2 idle CPU cores, one thread, torch 2.13.0):

    first step: eager loss 192.109695, compiled 192.109772 (|diff| 7.63e-05)
    threads 1: eager 80.6 ms/step, compiled 74.4 ms/step
    compile: 16.4 s for the first model; 1.0 s for the first step of a second model of the same architecture
    break-even after 2673 steps
    default fit (600 steps): eager 48 s, compiled 61 s with one compile, 46 s when the graph is already compiled
    speedup_step 1.08

(The autoencoder alone, reconstruction loss only, compiled to 69 against 85 ms per step, 1.23x, after a 45 s compile:
a scratch variant of this script.) Not adopted: the convolutions, which take about two thirds of a step (torch profiler
on a default fit), are the same oneDNN kernels compiled or not, so compiling saves only the elementwise remainder, about
8% of a step; a sweep worker would gain at most that, after its first compile; and compiled steps are not bit-equal to
eager ones, which the tests of shared stages and of fit_many against fit rely on.
"""
import copy, sys, time
import torch
from daenr.virtual_mouse import load_default
from daenr.train import fit, extra_images_for

def make(seed, data):
    "The default joint model and loss after one epoch of `fit` (so every part, calibrated loss included, is as in a fit)"
    run = fit(data, epochs=1, seed=seed, progress=False)
    return run.model, run.loss

def stepper(model, loss, opt):
    "One joint training step on (xb: 16 images, the first 8 recorded; yb: their responses); returns the loss"
    def step(xb, yb):
        recon, pred, tap = model.outputs(xb)
        parts = loss(recon, xb, pred[:8], yb, tap=tap[:8], readout=model.readout)
        opt.zero_grad(set_to_none=True)
        parts.total.backward()
        return parts.total.detach()
    return step

def timed(step, opt, xb, yb, n):
    "Mean seconds per step over n steps (after 3 warm-up steps)"
    for _ in range(3): step(xb, yb); opt.step()
    t = time.perf_counter()
    for _ in range(n): step(xb, yb); opt.step()
    return (time.perf_counter() - t) / n

def main(threads=1, n=40):
    torch.set_num_threads(threads)
    data = load_default()
    extra, _ = extra_images_for(16, data)
    xb = torch.cat([torch.from_numpy(data.images[:8]), torch.from_numpy(extra[:8])]).unsqueeze(1)
    yb = torch.from_numpy(data.responses.mean(0)[:8]).float()
    model, loss = make(0, data)
    twin = copy.deepcopy(model)
    model.train(); twin.train()
    opt_e, opt_c = torch.optim.Adam(model.parameters(), 3e-3), torch.optim.Adam(twin.parameters(), 3e-3)
    eager, comp = stepper(model, loss, opt_e), torch.compile(stepper(twin, loss, opt_c))
    t0 = time.perf_counter(); first = comp(xb, yb); compile_s = time.perf_counter() - t0
    ref = eager(xb, yb)
    print(f"first step: eager loss {ref.item():.6f}, compiled {first.item():.6f} (|diff| {abs(ref - first).item():.2e})")
    opt_e.step(); opt_c.step()
    te, tc = timed(eager, opt_e, xb, yb, n), timed(comp, opt_c, xb, yb, n)
    other, loss2 = make(1, data); other.train()
    opt2 = torch.optim.Adam(other.parameters(), 3e-3)
    comp2 = torch.compile(stepper(other, loss2, opt2))
    t0 = time.perf_counter(); comp2(xb, yb); second_s = time.perf_counter() - t0
    steps = 60 * 10
    print(f"threads {threads}: eager {te * 1e3:.1f} ms/step, compiled {tc * 1e3:.1f} ms/step")
    print(f"compile: {compile_s:.1f} s for the first model; {second_s:.1f} s for the first step of a second model of the same architecture")
    saved = te - tc
    print(f"break-even after {compile_s / saved:.0f} steps" if saved > 0 else "no break-even: compiled steps are not faster")
    print(f"default fit ({steps} steps): eager {steps * te:.0f} s, compiled {steps * tc + compile_s:.0f} s with one compile, "
          f"{steps * tc + second_s:.0f} s when the graph is already compiled")
    print(f"speedup_step {te / tc:.2f}")

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
