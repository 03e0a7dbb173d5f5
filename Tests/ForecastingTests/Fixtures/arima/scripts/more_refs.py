# Extra statsmodels SARIMAX references: AR, seasonal AR, intercept and drift paths (regression with ARIMA errors).
import json, sys, warnings
import numpy as np
warnings.filterwarnings("ignore")
import statsmodels
from statsmodels.tsa.statespace.sarimax import SARIMAX
import pmdarima.datasets as pmd
ap = pmd.load_airpassengers().astype(float)
wine = pmd.load_wineind().astype(float)
cases = []
def fit(name, y, order, sorder, exog, names):
    mod = SARIMAX(y, exog=exog, order=order, seasonal_order=sorder)
    r0 = mod.fit(disp=False, method="nm", maxiter=5000)  # Nelder-Mead, then BFGS polish: L-BFGS alone stops early here
    r = mod.fit(r0.params, disp=False, method="bfgs", maxiter=1000, cov_type="approx")
    pn = list(r.model.param_names)
    d = {"name": name, "order": list(order), "seasonal_order": list(sorder), "loglik": float(r.llf),
         "params": {k: float(v) for k, v in zip(pn, r.params)}, "se": {k: float(v) for k, v in zip(pn, r.bse)}}
    cases.append(d); print(name, d["loglik"], d["params"])
n = len(ap)
fit("log_airpassengers_111_110_12", np.log(ap), (1,1,1), (1,1,0,12), None, [])
fit("airpassengers_110_drift", ap, (1,1,0), (0,0,0,0), np.arange(1, n + 1, dtype=float), ["drift"])
fit("wineind_201_mean", wine, (2,0,1), (0,0,0,0), np.ones(len(wine)), ["intercept"])
fit("log_airpassengers_210_011_12", np.log(ap), (2,1,0), (0,1,1,12), None, [])
json.dump({"source": "statsmodels %s SARIMAX(...).fit(method='nm') then .fit(start, method='bfgs', cov_type='approx'); exog=ones (intercept) or 1..n (drift) = regression with ARIMA errors" % statsmodels.__version__,
           "cases": cases}, open(sys.argv[1], "w"), indent=1, sort_keys=True)
