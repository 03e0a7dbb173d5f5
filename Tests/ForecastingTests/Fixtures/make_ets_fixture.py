"""Regenerates ets_statsmodels.json: Holt-Winters fits by statsmodels on a published series.

Data, both shipped with statsmodels: `nile` (annual Nile flow at Aswan, 1871-1970, 100 values) for
the non-seasonal models, and `co2` (Mauna Loa weekly CO2, Keeling et al.), averaged to calendar
months with gaps carried forward, last 120 months (1992-2001), for Holt-Winters with m = 12.
Initial states are passed to statsmodels as 'known' and computed by the same classical heuristic
as SupplySim's ETSCore.heuristicInitialState, so the smoothing parameters and SSE are comparable.
Run: python3 make_ets_fixture.py  (statsmodels 0.15, scipy 1.17 were used for the committed file)
"""
import json
import numpy as np
import statsmodels
from statsmodels.datasets import co2, nile
from statsmodels.tsa.holtwinters import ExponentialSmoothing

series = {
    "nile": nile.load_pandas().data["volume"].to_numpy().astype(float),
    "co2": co2.load_pandas().data["co2"].resample("MS").mean().ffill().to_numpy()[-120:].astype(float),
}
m = 12


def heuristic(y, trend, seasonal, m):
    if seasonal is None:
        b = y[1] - y[0] if trend else 0.0
        return y[0] - b, b, []
    first = y[:m]
    mean1 = first.mean()
    b = (y[m:2 * m].mean() - mean1) / m if trend else 0.0
    level = mean1 - b * ((m - 1) / 2 + 1)
    centre = mean1 + b * (np.arange(m) - (m - 1) / 2)
    if seasonal == "add":
        s = first - centre
        s = s - s.mean()
    else:
        s = first / centre
        s = s / s.mean()
    return level, b, list(s)


cases = []
for name, trend, damped, seasonal in [("nile", None, False, None), ("nile", "add", False, None),
                                      ("nile", "add", True, None), ("co2", "add", False, "add"),
                                      ("co2", "add", False, "mul"), ("co2", "add", True, "add")]:
    y = series[name]
    l0, b0, s0 = heuristic(y, trend, seasonal, m)
    kw = dict(trend=trend, damped_trend=damped, seasonal=seasonal,
              seasonal_periods=m if seasonal else None, initialization_method="known",
              initial_level=l0)
    if trend:
        kw["initial_trend"] = b0
    if seasonal:
        kw["initial_seasonal"] = np.array(s0)
    model = ExponentialSmoothing(y, **kw)
    fit = model.fit(optimized=True, use_brute=True)
    fixed = dict(smoothing_level=0.3)
    if trend:
        fixed["smoothing_trend"] = 0.1
    if seasonal:
        fixed["smoothing_seasonal"] = 0.2
    if damped:
        fixed["damping_trend"] = 0.9
    fixedfit = ExponentialSmoothing(y, **kw).fit(optimized=False, **fixed)
    p = fit.params
    cases.append(dict(series=name,
        trend="none" if trend is None else ("damped" if damped else "additive"),
        seasonality={None: "none", "add": "additive", "mul": "multiplicative"}[seasonal],
        alpha=p["smoothing_level"], beta=p["smoothing_trend"] if trend else 0.0,
        gamma=p["smoothing_seasonal"] if seasonal else 0.0,
        phi=p["damping_trend"] if damped else 1.0,
        sse=float(fit.sse),
        fixedAlpha=0.3, fixedBeta=0.1 if trend else 0.0, fixedGamma=0.2 if seasonal else 0.0,
        fixedPhi=0.9 if damped else 1.0, fixedSSE=float(fixedfit.sse),
        fixedForecast=list(map(float, fixedfit.forecast(12))),
    ))

json.dump(dict(source=f"statsmodels {statsmodels.__version__} ExponentialSmoothing (see make_ets_fixture.py)",
               period=m, series={k: list(map(float, v)) for k, v in series.items()}, cases=cases),
          open("ets_statsmodels.json", "w"), indent=1)
for c in cases:
    print(c["series"], c["trend"], c["seasonality"], c["alpha"], c["beta"], c["gamma"], c["phi"], c["sse"], c["fixedSSE"])
