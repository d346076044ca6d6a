"""Run the table of fault cases of issue 17 against `daenr run` / `daenr sweep` and print how each ended.

Each case is something a user or an operator did (a bad config, a damaged file, kill -9, Ctrl-C, two
runs on one folder, ...). Its outcome is one of

- clear error: exit status != 0, no traceback, and the message names the file or key at fault;
- recovered:   the command did the right thing by itself (resumed to the same numbers, cleaned up,
               no orphan process, files readable as the umask allows, the silent unit excluded and named);
- silent:      a broken result reported as a normal one, or a fault that went unnoticed;
- FAILED:      anything else (a traceback, a message that names nothing, a hang): a bug to fix.

Usage: python bench/fault_cases.py [--keep DIR]   (about 5-10 minutes on 2 cores)
"""
import argparse, contextlib, json, os, shutil, signal, subprocess, sys, tempfile, time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
TINY = ("seeds: 1\nfolds: 2\nepochs: 2\nworkers: 1\nn_boot: 100\nn_figure_images: 2\nevaluate: {n_boot: 50}\n"
        "conditions: [two_stage, joint]\narchitecture: {channels: [4, 8], latent_dim: 8}\n")
rows = []


def record(case, tried, outcome, message=""):
    "Add a row to the table and print it at once"
    msg = " ".join(str(message).split())[:110]
    rows.append(dict(case=case, tried=tried, outcome=outcome, message=msg))
    print(f"  {outcome:12} {case}: {msg}", flush=True)


def env():
    e = dict(os.environ, PYTHONPATH=str(REPO), MPLBACKEND="Agg")
    e.setdefault("DAENR_CACHE", str(Path(tempfile.gettempdir())/"daenr-fault-cache"))
    return e


def daenr(work, *argv, timeout=600, **kw):
    "(exit status, stdout, stderr) of `python -m daenr.cli *argv` run in `work`"
    r = subprocess.run([sys.executable, "-m", "daenr.cli", *map(str, argv)], cwd=work, env=env(), capture_output=True, text=True, timeout=timeout, **kw)
    return r.returncode, r.stdout, r.stderr


def _as_from_a_terminal():
    "A shell's background job ignores SIGINT, and its children inherit that: give them back the default, as a terminal would"
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(work, *argv, **kw):
    "A running `python -m daenr.cli *argv` (stderr to a pipe), with SIGINT handled as when started from a terminal"
    return subprocess.Popen([sys.executable, "-m", "daenr.cli", *map(str, argv)], cwd=work, env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_as_from_a_terminal, **kw)


DRIVER = """import contextlib, io, json, sys, traceback
from daenr.cli import main
res = []
for argv in json.loads(sys.stdin.read()):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try: rc = main(argv)
        except SystemExit as e: rc = e.code if isinstance(e.code, int) else 1
        except BaseException: traceback.print_exc(); rc = 1
    res.append([rc, err.getvalue()])
print(json.dumps(res))"""


def daenr_each(work, argvs):
    "[(exit status, stderr)] of `daenr *argv` for each argv, in one process (daenr.cli.main, as the console script calls it)"
    r = subprocess.run([sys.executable, "-c", DRIVER], cwd=work, env=env(), input=json.dumps([list(map(str, a)) for a in argvs]),
                       capture_output=True, text=True, timeout=900)
    if r.returncode: raise RuntimeError(r.stderr)
    return [tuple(x) for x in json.loads(r.stdout)]


def judge(case, tried, rc, err, names, forbid=("weights_only=False",)):
    "Record a case that must end in a clear error naming every one of `names`"
    last = err.strip().splitlines()[-1] if err.strip() else ""
    if rc == 0: return record(case, tried, "silent", "exit status 0")
    if "Traceback" in err: return record(case, tried, "FAILED", "traceback: " + last)
    missing = [str(n) for n in names if str(n) not in err]
    bad = [f for f in forbid if f in err]
    if missing or bad: return record(case, tried, "FAILED", f"message lacks {missing} / has {bad}: {last}")
    record(case, tried, "clear error", last)


def wait_for(pred, timeout, step=0.2):
    t = time.time()
    while time.time() - t < timeout:
        if pred(): return True
        time.sleep(step)
    return False


def children(pid):
    "PIDs of the processes whose parent is `pid`"
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((p/"stat").read_text().rsplit(")", 1)[1].split()[1]) == pid: out.append(int(p.name))
    return out


def alive(pid):
    try: os.kill(pid, 0)
    except ProcessLookupError: return False
    except PermissionError: return True
    with contextlib.suppress(OSError):  # a zombie counts as dead
        if (Path("/proc")/str(pid)/"stat").read_text().rsplit(")", 1)[1].split()[0] == "Z": return False
    return True


def n_done(out): return len(list(Path(out).glob("fits/*/*/*/metrics.csv")))


# ---------------------------------------------------------------------------------------------------------- cases
def config_cases(w):
    "Inputs that cannot work: refused before any fit, naming the key or file"
    from daenr.testing import toy_data
    (w/"tiny.yaml").write_text(TINY)
    toy_data(size=8).save(w/"tiny8.npz")
    cases = {}
    def cfg(case, body, *extra, data="small.npz", names=(), file=True, cmd="run"):
        name = f"c{len(cases)}.yaml"; (w/name).write_text(body)
        opt = "--config" if cmd == "run" else "--grid"
        shown = repr(body.strip()) if len(body) < 40 else "the tiny config"
        cases[case] = (f"{cmd} with {shown} {' '.join(extra)}".strip() + (f" on {data}" if data != "small.npz" else ""),
                       [cmd, "--data", data, opt, name, "--out", w/f"cfg{len(cases)}", "--quiet", *extra], [*names, name] if file else list(names))
    cfg("lam: .inf", "lam: .inf\n", names=["config key 'lam' must be a finite number"])
    cfg("sweep lam: [.inf]", "lam: [.inf]\n", cmd="sweep", names=["grid key 'lam'"])
    cfg("fit: {device: tpu}", "fit: {device: tpu}\n", names=["config key 'fit': device 'tpu'"], file=False)
    cfg("8×8 images", TINY + "readout: factorized\n", data="tiny8.npz", names=["images of 8×8 pixels are too small", "config key 'architecture'"], file=False)
    cfg("n_figure_images: 0", "n_figure_images: 0\n", names=["config key 'n_figure_images' must be at least 1"])
    cfg("--seeds 100000000000", "{}\n", "--seeds", "100000000000", names=["config key 'seeds' must be at most 1000", "--seeds"], file=False)
    for v in ("-3", "ten", "2.5", "true"): cfg(f"epochs: {v} --quick", f"epochs: {v}\n", "--quick", names=["config key 'epochs'"])
    cfg("seeds: 0 --quick", "seeds: 0\n", "--quick", names=["config key 'seeds'"])
    cfg("fit: {lr: fast}", "fit: {lr: fast}\n", names=["config key 'fit': lr must be a float"], file=False)
    cfg("unknown key", "lamda: 3\n", names=["unknown config key(s) ['lamda']"])
    for what, body in {"a YAML list": "- 1\n", "invalid YAML": "a: [1\n", "python-tagged YAML": "!!python/object/apply:os.system ['touch PWNED']\n"}.items():
        out = w/f"holder-{what.replace(' ', '-')}"; out.mkdir(); (out/"config.yaml").write_text(body)
        cases[f"--out holding {what}"] = (f"--out whose config.yaml is {what}", ["run", "--data", "small.npz", "--out", out, "--quiet"], [out/"config.yaml"])
    raw = (w/"small.npz").read_bytes()
    (w/"cut.npz").write_bytes(raw[:len(raw) // 2]); (w/"notes.npz").write_text("text")
    arrays = dict(np.load(w/"small.npz"))
    np.savez(w/"no_responses.npz", **{k: v for k, v in arrays.items() if k != "responses"})
    np.savez(w/"text_responses.npz", **dict(arrays, responses=np.full(arrays["responses"].shape, "x")))
    np.savez(w/"text_version.npz", **dict(arrays, schema_version=np.array("one")))
    for name, says in [("cut.npz", "truncated or corrupt"), ("notes.npz", "not an .npz file"), ("no_responses.npz", "lacks ['responses']"),
                       ("text_responses.npz", "responses must be numeric"), ("text_version.npz", "'schema_version' must hold one whole number"),
                       ("absent.npz", "no data file at")]:
        cases[f"--data {name}"] = (f"--data {name}", ["run", "--data", name, "--out", w/"never", "--quiet"], [name, says])
    cases["--config a binary file"] = ("--config small.npz", ["run", "--data", "small.npz", "--config", "small.npz", "--out", w/"never", "--quiet"], ["small.npz is not a text file"])
    cases["--out not writable"] = ("--out under a file", ["run", "--data", "small.npz", "--out", w/"small.npz"/"x", "--quiet"], ["cannot write to the output folder"])
    res = daenr_each(w, [a for _, a, _ in cases.values()])
    for (case, (tried, _, names)), (rc, err) in zip(cases.items(), res): judge(case, tried, rc, err, names)
    if (w/"PWNED").exists(): record("python tag ran code", "config.yaml with !!python", "FAILED", "the payload ran")


def reference_run(w):
    "One tiny run to compare with, time, and damage copies of"
    t = time.time()
    rc, _, err = daenr(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"ref", "--quiet")
    if rc: raise RuntimeError(f"the reference run failed: {err}")
    return time.time() - t


def damaged_cases(w):
    "A finished run's files damaged or edited by hand, then the same command rerun"
    fit0 = Path("fits")/"joint"/"seed0"/"fold0"
    def copy(name, damage):
        shutil.copytree(w/"ref", w/name); damage(w/name/fit0)
        return ["run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/name, "--quiet"]
    class Payload:
        def __reduce__(self): return (os.system, (f"touch {w/'PWNED2'}",))
    def evil(f):
        import torch
        torch.save({"model": Payload()}, f/"weights.pt")
    cases = {
        "truncated weights.pt": ("finished fit's weights.pt cut to 100 bytes", copy("cut", lambda f: (f/"weights.pt").write_bytes((f/"weights.pt").read_bytes()[:100])),
                                 [fit0/"weights.pt", "delete that folder and rerun"]),
        "malicious weights.pt": ("weights.pt replaced by a pickle that runs os.system", copy("evil", evil), [fit0/"weights.pt", "could run code"]),
        "history.csv epoch 1e6": ("finished fit's history.csv edited: epoch 1e6", copy("e6", lambda f: pd.read_csv(f/"history.csv").assign(epoch=10**6).to_csv(f/"history.csv", index=False)),
                                  [fit0/"history.csv"]),
        "config.json other data": ("finished fit's config.json records other data", copy("other", lambda f: (f/"config.json").write_text(
            (f/"config.json").read_text().replace(json.loads((f/"config.json").read_text())["data"], "0" * 16))), ["not made on this data", fit0]),
        "config.json not JSON": ("finished fit's config.json cut short", copy("cfgcut", lambda f: (f/"config.json").write_text("{")), [fit0/"config.json", "cannot be read"]),
    }
    res = daenr_each(w, [a for _, a, _ in cases.values()])
    for (case, (tried, _, names)), (rc, err) in zip(cases.items(), res): judge(case, tried, rc, err, names)
    if (w/"PWNED2").exists(): record("malicious weights.pt ran code", "", "FAILED", "the payload ran")


def checkpoint_case(w):
    "A training checkpoint (fit(checkpoint_dir=...)) edited by hand, and one holding a pickle payload"
    code = f"""
import torch, os
from daenr.testing import toy_data
from daenr.train import fit, CHECKPOINT
d = toy_data(); kw = dict(architecture=dict(channels=(4, 8), latent_dim=8), epochs=2, progress=False, checkpoint_dir={str(w/'ck')!r})
fit(d, **kw)
good = torch.load({str(w/'ck')!r} + '/' + CHECKPOINT, weights_only=True)
class P:
    def __reduce__(self): return (os.system, ('touch {w/'PWNED3'}',))
for name, state in [('epoch 1e6', dict(good, epoch=10**6)), ('done=True at stage 0', dict(good, stage=0)), ('pickle payload', dict(good, rng=P()))]:
    torch.save(state, {str(w/'ck')!r} + '/' + CHECKPOINT)
    try: fit(d, **kw); print(name, '|silent|returned a model')
    except ValueError as e: print(name, '|', 'weights_only=False' in str(e), '|', str(e))
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=w, env=env(), capture_output=True, text=True, timeout=600)
    lines = [l for l in r.stdout.splitlines() if "|" in l]
    if r.returncode or len(lines) != 3: return record("tampered checkpoint.pt", "fit(checkpoint_dir=...)", "FAILED", r.stderr.strip().splitlines()[-1:])
    for l in lines:
        name, advice, msg = (x.strip() for x in l.split("|", 2))
        ok = advice == "False" and "checkpoint.pt" in msg
        record(f"checkpoint.pt {name}", "library fit resuming a checkpoint edited by hand", "clear error" if ok else ("silent" if advice == "silent" else "FAILED"), msg)
    if (w/"PWNED3").exists(): record("checkpoint payload ran code", "", "FAILED", "the payload ran")


def diverged_case(w):
    (w/"lr10.yaml").write_text(TINY + "fit: {lr: 10.0}\n")
    rc, _, err = daenr(w, "run", "--data", "small.npz", "--config", "lr10.yaml", "--out", w/"lr10", "--quiet")
    report = (w/"lr10"/"report.md").read_text() if (w/"lr10"/"report.md").exists() else ""
    judge("fit: {lr: 10}", "every fit diverges", rc, err + ("\n" if err else ""), ["no usable fit", "report.md"])
    if "diverged" not in report: record("fit: {lr: 10} report", "report.md says the fits failed", "silent", "report.md does not say 'diverged'")


def fsize_case(w):
    import resource
    lim = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    rc, _, err = daenr(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"full", "--quiet", preexec_fn=lim)
    judge("writes fail (file-size limit for a full disk)", "RLIMIT_FSIZE 20 kB", rc, err, [w/"full"])
    left = list((w/"full").rglob("*.tmp")) if (w/"full").exists() else []
    if left: record("temp files after failed writes", "", "FAILED", left[:2])


def kill9_resume(w, ref_s):
    "kill -9 mid-run, then rerun: the same metrics as the uninterrupted run"
    p = start(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"k9", "--quiet")
    wait_for(lambda: n_done(w/"k9") >= 1, 300)
    p.kill(); p.wait()
    done = n_done(w/"k9")
    rc, out, err = daenr(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"k9")
    same = rc == 0 and (w/"k9"/"metrics.csv").read_bytes() == (w/"ref"/"metrics.csv").read_bytes() \
        and (w/"k9"/"verdicts.csv").read_bytes() == (w/"ref"/"verdicts.csv").read_bytes()
    record("kill -9 + resume", f"kill -9 after {done} of 4 fits, rerun", "recovered" if same else "FAILED",
           next((l for l in out.splitlines() if "resuming" in l), "") + ("; metrics.csv and verdicts.csv byte-identical to an uninterrupted run" if same else f" rc {rc} {err[-200:]}"))


def sigint_case(w):
    "Ctrl-C (SIGINT to the parent) while two workers fit: exit 130 within seconds, fits kept"
    p = start(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"int", "--workers", "2", "--seeds", "3", "--quiet")
    wait_for(lambda: len(children(p.pid)) >= 2 and any((w/"int").glob("fits/*/*/.tmp-*")), 300)
    time.sleep(2)
    kids = children(p.pid)
    t = time.time(); p.send_signal(signal.SIGINT)
    try: p.wait(60)
    except subprocess.TimeoutExpired: p.kill(); p.wait()
    took = time.time() - t
    err = p.stderr.read()
    wait_for(lambda: not any(alive(k) for k in kids), 10)
    orphans = [k for k in kids if alive(k)]
    ok = p.returncode == 130 and took < 15 and not orphans and "rerun the same command to resume" in err and "Traceback" not in err
    record("Ctrl-C (SIGINT)", "SIGINT to the parent of 2 workers mid-fit", "clear error" if ok else "FAILED",
           f"exit {p.returncode} after {took:.1f} s, {len(orphans)} worker(s) left; " + next((l for l in err.splitlines() if "interrupted" in l), err.strip()[-100:]))


def orphan_case(w, sig):
    "kill -9 (or SIGTERM) of the parent while two workers fit: no worker survives"
    out = w/f"orph{sig}"
    p = start(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", out, "--workers", "2", "--seeds", "3", "--quiet")
    wait_for(lambda: len(children(p.pid)) >= 2 and any(out.glob("fits/*/*/.tmp-*")), 300)
    kids = [k for k in children(p.pid)]
    os.kill(p.pid, sig); p.wait()
    gone = wait_for(lambda: not any(alive(k) for k in kids), 15)
    before = n_done(out); time.sleep(3); after = n_done(out)
    name = "kill -9" if sig == signal.SIGKILL else "SIGTERM"
    record(f"orphan workers after {name}", f"{name} of the parent of 2 workers mid-fit", "recovered" if gone and after == before else "silent",
           f"{len(kids)} child process(es); all gone: {gone}; fits written after the kill: {after - before}; exit {p.returncode}")
    for k in kids:
        with contextlib.suppress(ProcessLookupError): os.kill(k, signal.SIGKILL)


def two_runs_case(w):
    "Two runs started on one --out: one clear 'in use' message, one correct result"
    a = start(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"two", "--quiet")
    wait_for(lambda: (w/"two"/".lock").exists() and (w/"two"/".lock").read_text().strip() == str(a.pid), 120)
    rc, _, err = daenr(w, "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"two", "--quiet")
    a.wait(600)
    same = a.returncode == 0 and (w/"two"/"metrics.csv").read_bytes() == (w/"ref"/"metrics.csv").read_bytes()
    judge("two runs on one --out", "a second daenr run on the folder of a running one", rc, err, ["is in use by PID", str(a.pid)])
    record("two runs on one --out: the first", "the running one, after the refusal", "recovered" if same else "FAILED", f"exit {a.returncode}; metrics.csv identical to the reference: {same}")


def umask_case(w):
    "Outputs follow the umask: with 022 everything is readable by group and others"
    p = subprocess.run([sys.executable, "-m", "daenr.cli", "run", "--data", "small.npz", "--config", "tiny.yaml", "--out", w/"um", "--quiet"],
                       cwd=w, env=env(), capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022))
    files = [f for f in (w/"um").rglob("*") if f.is_file() and not f.name.startswith(".")]
    modes = sorted({oct(f.stat().st_mode & 0o777) for f in files})
    record("umask 022", "files of a run made under umask 022", "recovered" if p.returncode == 0 and modes == ["0o644"] else "FAILED",
           f"{len(files)} files, modes {modes}")


def silent_unit_case(w):
    "One unit that never fires: excluded from ceiling-normalised summaries, counted and named"
    from daenr.testing import toy_data
    from daenr.data import NeuralData
    import warnings
    d = toy_data()
    r = d.responses.copy(); r[:, :, 3] = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        NeuralData(d.images, r, d.units, d.image_ids, d.image_groups, meta=d.meta).save(w/"silent.npz")
    rc, _, err = daenr(w, "run", "--data", "silent.npz", "--config", "tiny.yaml", "--out", w/"silent", "--quiet")
    report = (w/"silent"/"report.md").read_text() if rc == 0 else ""
    uid = str(d.units["unit_id"][3])
    named = ("silent" in report.lower() or "no variance" in report.lower()) and uid in report
    table = [l for l in report.splitlines() if l.startswith("| joint") or l.startswith("| two_stage")]
    blank = [l for l in table if "n/a [n/a" in l]
    record("silent unit: headline r2_norm", "one of 12 units all-zero", "recovered" if rc == 0 and table and not blank else "silent",
           f"exit {rc}; summary rows with r2_norm 'n/a': {len(blank)} of {len(table)}" + ("" if rc == 0 else f" {err.strip()[-100:]}"))
    record("silent unit: named in report.md", "one of 12 units all-zero", "recovered" if named else "silent",
           f"report.md names unit {uid} as silent: {named}")


def stale_data_case(w):
    "Rerun a finished folder on other data after deleting data.npz (and data_fingerprint.txt)"
    from daenr.testing import toy_data
    toy_data(seed=7).save(w/"other.npz")
    for extra in ([], ["data_fingerprint.txt"]):
        name = f"stale{len(extra)}"; shutil.copytree(w/"ref", w/name)
        for f in ["data.npz", *extra]: (w/name/f).unlink()
        rc, _, err = daenr(w, "run", "--data", "other.npz", "--config", "tiny.yaml", "--out", w/name, "--quiet")
        judge(f"stale fits on new data (deleted {', '.join(['data.npz', *extra])})", "rerun a finished folder with other --data", rc, err,
              ["data" if extra else "on different data (fingerprint"])


def sweep_temp_case(w):
    "A sweep folder with a dead sweep's temporary point folder: removed when the sweep resumes"
    (w/"grid.yaml").write_text("lam: [0.1]\ntaps: [enc2]\nareas: [VISp]\nseeds: 1\nconfig: {epochs: 1, workers: 1, architecture: {channels: [4, 8], latent_dim: 8}, evaluate: {n_boot: 50}}\n")
    rc, _, err = daenr(w, "sweep", "--data", "small.npz", "--grid", "grid.yaml", "--out", w/"sw", "--quiet")
    dead = w/"sw"/"points"/".tmp-lam0.1_enc2_VISp_seed9-999999999"; dead.mkdir(parents=True); (dead/"weights.pt").write_bytes(b"half")
    rc2, _, err2 = daenr(w, "sweep", "--data", "small.npz", "--grid", "grid.yaml", "--out", w/"sw", "--quiet")
    record("stale sweep temp folder", "a dead sweep's points/.tmp-*, then the sweep rerun", "recovered" if rc == rc2 == 0 and not dead.exists() else "FAILED",
           f"exit {rc}, {rc2}; removed: {not dead.exists()} {err2.strip()[-100:]}")


def cache_temp_case(w):
    "A cache write killed while another finished: its temporary file removed by the next read"
    code = f"""
import os
os.environ['DAENR_CACHE'] = {str(w/'cache')!r}
from daenr.data import cached, cache_dir, _tmp_prefix
from daenr.testing import toy_data
cached('x', toy_data)
p = cache_dir()/'x.npz'
dead = p.parent/f"{{_tmp_prefix(p)}}999999999-y.tmp"; dead.write_bytes(b'half')
cached('x', lambda: 1/0)
print(dead.exists())
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=w, env=env(), capture_output=True, text=True)
    record("stale cache temp file", "a killed writer's temp file in DAENR_CACHE, then a cache read", "recovered" if r.stdout.strip() == "False" else "FAILED",
           f"removed: {r.stdout.strip() == 'False'} {r.stderr.strip()[-100:]}")


def shadow_case(w):
    "Python started in a folder that holds the repository as ./daenr, with an editable install"
    (w/"shadow"/"daenr").mkdir(parents=True); shutil.copy(REPO/"settings.ini", w/"shadow"/"daenr")
    code = f"""
import importlib.util, os, sys
class Editable:  # what `pip install -e` puts on sys.meta_path
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        f = {str(REPO/'daenr')!r} + "/" + name.split(".", 1)[-1] + ".py"
        if name.startswith("daenr.") and os.path.exists(f): return importlib.util.spec_from_file_location(name, f)
sys.meta_path.insert(0, Editable)
import daenr
assert getattr(daenr, "__file__", None) is None
from daenr.cli import main
sys.exit(main(["--version"]))
"""
    e = {k: v for k, v in env().items() if k != "PYTHONPATH"}
    r = subprocess.run([sys.executable, "-c", code], cwd=w/"shadow", env=e, capture_output=True, text=True)
    record("run from the folder holding the repo", "cd to the parent of a clone named daenr; daenr --version", "recovered" if r.returncode == 0 else "FAILED",
           (r.stdout + r.stderr).strip().splitlines()[-1:] if r.returncode else r.stdout.strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", help="work in this folder and keep it")
    a = ap.parse_args()
    w = Path(a.keep or tempfile.mkdtemp(prefix="daenr-faults-")).resolve(); w.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))
    from daenr.testing import toy_data
    toy_data().save(w/"small.npz")
    t0 = time.time()
    print(f"fault cases in {w}", flush=True)
    config_cases(w)
    ref_s = reference_run(w); print(f"  (reference run: {ref_s:.0f} s)", flush=True)
    for f in (damaged_cases, checkpoint_case, diverged_case, fsize_case, lambda w: kill9_resume(w, ref_s), sigint_case,
              lambda w: orphan_case(w, signal.SIGKILL), lambda w: orphan_case(w, signal.SIGTERM), two_runs_case, umask_case,
              silent_unit_case, stale_data_case, sweep_temp_case, cache_temp_case, shadow_case):
        try: f(w)
        except Exception as e: record(getattr(f, "__name__", "case"), "", "FAILED", f"the bench itself failed: {type(e).__name__}: {e}")
    t = pd.DataFrame(rows)
    print("\n| case | tried | outcome | message excerpt |\n|---|---|---|---|")
    for r in rows: print("| " + " | ".join(str(r[k]).replace("|", "/") for k in ("case", "tried", "outcome", "message")) + " |")
    n = t.outcome.value_counts()
    print(f"\ncases {len(t)} clear {n.get('clear error', 0)} recovered {n.get('recovered', 0)} silent {n.get('silent', 0)}"
          f"{'' if not n.get('FAILED') else ' FAILED ' + str(n['FAILED'])}  ({time.time() - t0:.0f} s)")
    if not a.keep: shutil.rmtree(w, ignore_errors=True)


if __name__ == "__main__": main()
