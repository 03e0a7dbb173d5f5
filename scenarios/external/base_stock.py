#!/usr/bin/env python3
"""A base-stock policy for SupplySim, spoken to over protocol supplysim.policy/1.

Each day, for every SKU, order up to the level S: S - (on hand + on order - backordered)
when that is positive. The levels come from the scenario's "parameters": {"levels": {SKU: S}},
and "level" is the default for SKUs not listed.
"""
import json
import sys

PROTOCOL = "supplysim.policy/1"


def main():
    skus, levels = [], []
    for line in sys.stdin:
        message = json.loads(line)
        kind = message["type"]
        if kind == "hello":
            if message["protocol"] != PROTOCOL:
                sys.exit(f"base_stock.py speaks {PROTOCOL}, not {message['protocol']}")
            skus = [sku["id"] for sku in message["skus"]]
            parameters = message["parameters"]
            default = parameters.get("level", 0)
            levels = [parameters.get("levels", {}).get(sku, default) for sku in skus]
        elif kind == "day":
            orders = {}
            for k, sku in enumerate(skus):
                position = message["onHand"][k] + message["onOrder"][k] - message["backordered"][k]
                if position < levels[k]:
                    orders[sku] = levels[k] - position
            print(json.dumps({"day": message["day"], "orders": orders}), flush=True)
        elif kind == "bye":
            return


if __name__ == "__main__":
    main()
