# Monthly benchmark series + statsforecast AutoARIMA reference MASE and timings.
import json, time, sys, os, warnings, gzip
import numpy as np, pandas as pd
warnings.filterwarnings("ignore")
import statsmodels, statsforecast, pmdarima
import statsmodels.api as sm
import pmdarima.datasets as pmd
from statsforecast.models import AutoARIMA
out = sys.argv[1]; os.makedirs(out + "/monthly", exist_ok=True)
sp = os.path.dirname(statsmodels.__file__)
S = {}
S["airpassengers"] = (pmd.load_airpassengers().astype(float), "pmdarima.datasets.load_airpassengers (Box & Jenkins series G, 1949-1960)")
S["wineind"] = (pmd.load_wineind().astype(float), "pmdarima.datasets.load_wineind (Australian wine sales by winemakers in bottles <= 1 litre, 1980-1994)")
S["sunspots_monthly"] = (pmd.load_sunspots().astype(float), "pmdarima.datasets.load_sunspots (monthly mean sunspot numbers 1749-1983)")
co2 = sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().interpolate()
S["co2_monthly"] = (co2.values.astype(float), "statsmodels.datasets.co2 (Mauna Loa weekly CO2, averaged to calendar months, gaps linearly interpolated)")
el = sm.datasets.elnino.load_pandas().data.iloc[:, 1:].values.reshape(-1).astype(float)
S["elnino_sst"] = (el, "statsmodels.datasets.elnino (monthly sea surface temperature, Nino 1+2 region, 1950-2010)")
ee = pd.read_csv(os.path.join(sp, "datasets/elec_equip/elec_equip.csv"))
S["elec_equip"] = (ee.iloc[:, -1].values.astype(float), "statsmodels.datasets.elec_equip (EU manufacture of electrical equipment, index, monthly 1996-2012, Eurostat)")
for f, d in [("BAA", "Moody's BAA corporate bond yield"), ("UN", "US unemployment rate"), ("SP500", "S&P 500 index")]:
    v = pd.read_csv(os.path.join(sp, "tsa/tests/results/%s.csv" % f)).iloc[:, 0].values.astype(float)
    S["schwert_" + f.lower()] = (v, "statsmodels tsa/tests/results/%s.csv (Schwert (1987) monthly %s)" % (f, d))
H = 12; KEEP = 168; m = 12
def mase(y, f, ins):
    scale = np.mean(np.abs(ins[m:] - ins[:-m]))
    return float(np.mean(np.abs(y - f)) / scale)
# warm-up (numba compile)
AutoARIMA(season_length=12).fit(S["airpassengers"][0][:132]).predict(h=12)
rows = []; manifest = []
for name, (v, src) in S.items():
    v = np.asarray(v, float); v = v[~np.isnan(v)]
    full_n = len(v); v = v[-KEEP:]
    with open(out + "/monthly/%s.csv" % name, "w") as fh:
        fh.write("# %s; last %d of %d observations\nvalue\n" % (src, len(v), full_n))
        for x in v: fh.write("%.10g\n" % x)
    ins, test = v[:-H], v[-H:]
    times = []; cpu = []
    for rep in range(3):
        t0 = time.perf_counter(); c0 = time.process_time()
        mod = AutoARIMA(season_length=12).fit(ins); fc = mod.predict(h=H)["mean"]
        times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
    rows.append({"series": name, "n_fit": len(ins), "mase": mase(test, fc, ins), "seconds_min_of_3": min(times), "cpu_seconds_min_of_3": min(cpu),
                 "model": str(mod.model_.get("arma")), "forecast": [float(x) for x in fc]})
    print(rows[-1]["series"], rows[-1]["mase"], rows[-1]["seconds_min_of_3"], rows[-1]["model"], flush=True)
res = {"source": "statsforecast %s AutoARIMA(season_length=12) defaults, fit on all but the last %d points, h=%d; MASE scaled by in-sample seasonal-naive (lag 12) MAE; time = min of 3 runs of fit+predict after a warm-up fit (numba compile), wall-clock (seconds_*) and process CPU time (cpu_seconds_*), single process on a shared 2-core machine whose load varied" % (statsforecast.__version__, H, H),
       "versions": {"statsforecast": statsforecast.__version__, "statsmodels": statsmodels.__version__, "pmdarima": pmdarima.__version__},
       "horizon": H, "season_length": m, "series": rows,
       "mean_mase": float(np.mean([r["mase"] for r in rows])), "mean_seconds": float(np.mean([r["seconds_min_of_3"] for r in rows])),
       "mean_cpu_seconds": float(np.mean([r["cpu_seconds_min_of_3"] for r in rows]))}
json.dump(res, open(out + "/statsforecast_autoarima_reference.json", "w"), indent=1, sort_keys=True)
print(res["mean_mase"], res["mean_seconds"])
