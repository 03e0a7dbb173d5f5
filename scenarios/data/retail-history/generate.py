#!/usr/bin/env python3
"""Generates scenarios/data/retail-history/{skus.csv,sales.csv}: GENERATED data, not real sales.

Twelve SKUs of a small grocery-style store, daily from 2024-01-01 to 2026-06-30 (two years
before the scenario's startDate 2026-01-01, then the six replayed months): Poisson or negative
binomial draws around a level with a weekly pattern (busier Friday to Sunday), a yearly wave, a
slow trend, promotions (about one week in eight per promoted SKU, `promotion` 1, price cut 20%,
sales x1.5 to x2.2), out-of-stock days (`available` 0, sales cut to part of demand) and three
intermittent or lumpy SKUs. Deterministic: python3 generate.py rewrites the same bytes.
"""
import datetime, math, os, random

rng = random.Random(20260101)
here = os.path.dirname(os.path.abspath(__file__))
start, end = datetime.date(2024, 1, 1), datetime.date(2026, 6, 30)
weekly = [0.85, 0.8, 0.85, 0.95, 1.15, 1.35, 1.05]  # Monday..Sunday

# id, supplier, unit cost, price, level/day, dispersion (None: Poisson), promoted, intermittent p(sale)
catalogue = [
    ("MILK-1L", "fresh", 0.62, 0.99, 42, None, False, None),
    ("BREAD-WH", "fresh", 0.85, 1.49, 30, 40.0, True, None),
    ("EGGS-12", "fresh", 1.40, 2.79, 18, None, True, None),
    ("BANANA-KG", "fresh", 0.55, 1.19, 25, 15.0, False, None),
    ("COFFEE-500", "import", 3.10, 5.99, 9, 8.0, True, None),
    ("PASTA-500", "import", 0.48, 0.99, 14, 10.0, True, None),
    ("OLIVE-OIL", "import", 4.20, 7.49, 5, 5.0, True, None),
    ("RICE-1KG", "import", 0.90, 1.79, 8, None, False, None),
    ("SOAP-3PK", "import", 1.10, 2.49, 4, 3.0, True, None),
    ("BATTERY-AA", "import", 2.60, 5.49, 1.2, 1.0, False, 0.35),
    ("SAFFRON", "import", 6.50, 12.90, 0.4, None, False, 0.15),
    ("GRILL-SET", "import", 14.0, 29.90, 3.0, 0.6, False, 0.08),
]

def poisson(lam):
    if lam <= 0: return 0
    if lam > 50: return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= l: return k
        k += 1

def draw(mean, r):
    if r is None: return poisson(mean)
    return poisson(rng.gammavariate(r, mean / r))  # negative binomial as a gamma-Poisson mixture

rows = []
days = (end - start).days + 1
for sku, supplier, cost, price, level, r, promoted, p_sale in catalogue:
    promo_days = set()
    if promoted:
        d = rng.randrange(20, 60)
        while d < days:
            promo_days.update(range(d, min(days, d + 7)))
            d += rng.randrange(42, 77)
    uplift = rng.uniform(1.5, 2.2)
    out_until = -1
    for t in range(days):
        date = start + datetime.timedelta(days=t)
        season = 1 + 0.15 * math.sin(2 * math.pi * (date.timetuple().tm_yday - 80) / 365)
        trend = 1 + 0.08 * t / 365
        mean = level * weekly[date.weekday()] * season * trend
        promo = t in promo_days
        if promo: mean *= uplift
        if p_sale is None:
            demand = draw(mean, r)
        else:  # intermittent or lumpy: a sale on a day with probability p_sale, then a batch
            demand = draw(mean / p_sale, r) if rng.random() < p_sale else 0
        available = 1
        if t > out_until and rng.random() < 0.006:
            out_until = t + rng.randrange(1, 5)
        if t <= out_until:
            available = 0
            demand = int(demand * rng.uniform(0, 0.4))  # sold before the shelf emptied
        sold_price = round(price * (0.8 if promo else 1.0), 2)
        if demand > 0 or available == 0 or promo:
            rows.append((date.isoformat(), sku, demand, sold_price, 1 if promo else 0, available))

rows.sort()
with open(os.path.join(here, "sales.csv"), "w", newline="\n") as f:
    f.write("date,sku,quantity,price,promotion,available\n")
    for row in rows:
        f.write("%s,%s,%d,%s,%d,%d\n" % (row[0], row[1], row[2], repr(row[3]), row[4], row[5]))
with open(os.path.join(here, "skus.csv"), "w", newline="\n") as f:
    f.write("id,supplier,unitCost,holdingCostPerUnitDay,backorderCostPerUnitDay,orderCost\n")
    for sku, supplier, cost, price, *_ in catalogue:
        holding = round(cost * 0.25 / 365, 5)
        f.write("%s,%s,%s,%s,%s,%d\n" % (sku, supplier, cost, holding, round(price * 0.1, 4), 15 if supplier == "fresh" else 40))
