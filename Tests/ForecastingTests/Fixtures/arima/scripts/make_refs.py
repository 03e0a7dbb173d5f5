# Generates reference fixtures for SupplySim ARIMA tests (not committed; outputs are).
import json, time, sys, os, warnings
import numpy as np, pandas as pd
warnings.filterwarnings("ignore")
import statsmodels, statsforecast, pmdarima
import statsmodels.api as sm
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.stattools import kpss
import pmdarima.datasets as pmd
out = sys.argv[1]
os.makedirs(out + "/monthly", exist_ok=True)
vers = {"statsmodels": statsmodels.__version__, "statsforecast": statsforecast.__version__,
        "pmdarima": pmdarima.__version__, "numpy": np.__version__, "python": sys.version.split()[0]}
ap = pmd.load_airpassengers().astype(float)
with open(out + "/airpassengers.csv", "w") as f:
    f.write("# AirPassengers, monthly totals of international airline passengers (thousands), 1949-01..1960-12\n")
    f.write("# Box & Jenkins (1976) series G; copied from pmdarima %s pmdarima.datasets.load_airpassengers()\n" % pmdarima.__version__)
    f.write("value\n")
    for v in ap: f.write("%g\n" % v)
y = np.log(ap)
res = {}
for simple in (False, True):
    mod = SARIMAX(y, order=(0,1,1), seasonal_order=(0,1,1,12), simple_differencing=simple)
    r = mod.fit(disp=False, method="lbfgs", maxiter=500)
    key = "simple_differencing" if simple else "exact_diffuse"
    res[key] = {"loglik": float(r.llf), "ma1": float(r.params[0]), "sma1": float(r.params[1]), "sigma2": float(r.params[2]),
                "se_ma1": float(r.bse[0]), "se_sma1": float(r.bse[1]), "aic": float(r.aic), "aicc": float(r.aicc), "bic": float(r.bic),
                "nobs_effective": int(r.nobs - (0 if simple else 13))}
    if not simple:
        ra = mod.fit(disp=False, method="lbfgs", maxiter=500, cov_type="approx")
        res[key]["se_hessian_ma1"] = float(ra.bse[0]); res[key]["se_hessian_sma1"] = float(ra.bse[1])
        fc = r.get_forecast(24)
        ci = fc.conf_int(alpha=0.05)
        res["forecast_log"] = {"mean": [float(v) for v in fc.predicted_mean], "lower95": [float(v) for v in ci[:,0]], "upper95": [float(v) for v in ci[:,1]]}
        # loglik at R's published estimates as a cross-check of the convention
# Log-likelihood at fixed coefficients (R's arima estimates) in statsmodels
mod = SARIMAX(y, order=(0,1,1), seasonal_order=(0,1,1,12))
res["loglik_at_fixed"] = {"params": [-0.4018, -0.5569, 0.001348], "loglik": float(mod.loglike(np.array([-0.4018, -0.5569, 0.001348])))}
# KPSS statistics, level stationarity, fixed lag truncation
def series():
    d = {}
    d["airpassengers"] = ap
    d["diff_log_airpassengers"] = np.diff(np.log(ap))
    d["wineind"] = pmd.load_wineind().astype(float)
    rng = np.random.default_rng(11)
    d["white_noise_n200_seed11"] = rng.standard_normal(200)
    return d
kp = []
for name, x in series().items():
    x = np.asarray(x, float)
    for L in sorted({int(np.trunc(3*np.sqrt(len(x))/13)), 4}):
        st, p, lags, _ = kpss(x, regression="c", nlags=L)
        kp.append({"series": name, "lags": int(L), "statistic": float(st), "n": len(x)})
res["kpss"] = kp
res["kpss_series_white_noise_n200_seed11"] = [float(v) for v in np.random.default_rng(11).standard_normal(200)]
res["versions"] = vers
res["source"] = "statsmodels SARIMAX(log(AirPassengers),(0,1,1),(0,1,1,12)) fit(method=lbfgs,gtol=1e-10); statsmodels.tsa.stattools.kpss(regression='c', nlags=L)"
json.dump(res, open(out + "/statsmodels_reference.json", "w"), indent=1, sort_keys=True)
print(json.dumps({k: res[k] for k in ("exact_diffuse", "simple_differencing", "loglik_at_fixed")}, indent=1))
# Seasonal strength F_s = max(0, 1 - var(R)/var(S+R)) from statsmodels STL with forecast::mstl's settings
from statsmodels.tsa.seasonal import STL
def nextodd(v): return v + 1 if v % 2 == 0 else v
strength = []
cands = {"airpassengers": ap, "log_airpassengers": np.log(ap), "wineind": pmd.load_wineind().astype(float),
         "white_noise_n200_seed11": np.random.default_rng(11).standard_normal(200)}
for name, x in cands.items():
    x = np.asarray(x, float)
    st = STL(x, period=12, seasonal=11, trend=nextodd(int(np.ceil(1.5*12/(1-1.5/11)))), low_pass=13, seasonal_deg=0,
             trend_deg=1, low_pass_deg=1, robust=False, seasonal_jump=1, trend_jump=1, low_pass_jump=1).fit(inner_iter=2, outer_iter=0)
    r = st.resid; s = st.seasonal
    strength.append({"series": name, "period": 12, "strength": float(max(0, 1 - np.var(r, ddof=1)/np.var(r + s, ddof=1)))})
res["seasonal_strength"] = strength
res["seasonal_strength_source"] = "statsmodels STL(period=12, seasonal=11, trend=21, low_pass=13, degrees 0/1/1, jumps 1, robust=False).fit(inner_iter=2, outer_iter=0)"
json.dump(res, open(out + "/statsmodels_reference.json", "w"), indent=1, sort_keys=True)
print(strength)
