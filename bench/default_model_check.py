"""One default fit on `load_default()` with fit's default split: median held-out per-unit r per area, and the
held-out reconstruction MSE of the fit against PCA with as many components as its latent code, fitted on the same
training and extra images. The numbers of the closing note of 2026-12-01 that are not in notebook 06 came from it:

    python bench/default_model_check.py joint 0                       # joint, seed 0, fit's defaults
    python bench/default_model_check.py two_stage 1 '{"weight_decay": 0.001}'   # the decay the search ruled out

Arguments: mode, seed, and optionally a JSON object of further `fit` keyword arguments.
"""
import json, sys, time
import numpy as np, pandas as pd
from daenr.virtual_mouse import load_default
from daenr.train import fit, split_train_val_test, extra_images_for
from daenr.metrics import pca_reconstruction, mse

def main(mode, seed, kw):
    data = load_default()
    te = split_train_val_test(data)["test"]
    t0 = time.perf_counter()
    run = fit(data, mode=mode, seed=seed, progress=False, **kw)
    seconds = time.perf_counter() - t0
    pred, obs = run.predict(data.images[te]), data.mean_responses()[te]
    r = np.array([np.corrcoef(pred[:, u], obs[:, u])[0, 1] for u in range(data.n_units)])
    med = pd.Series(r).groupby(data.units["area"].to_numpy(), sort=False).median().round(3).to_dict()
    x = data.images[te]
    extra = run.config["extra_images"]
    fit_on = data.images[run.split["train"]]
    if extra: fit_on = np.concatenate([fit_on, extra_images_for(extra["n"], data)[0]])
    pca = pca_reconstruction(fit_on, x, run.model.dae.latent_size)
    print(f"{mode} seed {seed} {kw or ''}: {seconds:.0f} s; median r {med}, worst {min(med.values()):.3f}; "
          f"MSE {mse(x, run.reconstruct(x), 'mean'):.5f}, PCA-{run.model.dae.latent_size} {mse(x, pca, 'mean'):.5f}")

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]) if len(sys.argv) > 3 else {})
