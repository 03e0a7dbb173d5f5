"""PyTorch peer of `supplysim bench nn`: the same workload (one recurrent layer, hidden 64,
window 28, univariate input, one output, batch 64, Float32, Adam lr 1e-3, MSE, 10,000 windows of
a noisy sine, shuffled each epoch), trained for 3 timed epochs after a warm-up on 256 windows.
Prints samples per second of wall time and of process CPU time for LSTM and GRU."""
import math, sys, time
import numpy as np
import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
torch.set_num_threads(threads)
torch.manual_seed(1)
count, steps, epochs, batch = 10_000, 28, 3, 64
rng = np.random.default_rng(1)
t = np.arange(count + steps)
series = (np.sin(2 * math.pi * t / 24) + 0.1 * (rng.random(count + steps) - 0.5)).astype(np.float32)
x = torch.from_numpy(np.stack([series[i:i + steps] for i in range(count)])).unsqueeze(-1)
y = torch.from_numpy(series[steps:steps + count]).unsqueeze(-1)

class Net(torch.nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.rnn = cell(1, 64, batch_first=True)
        self.head = torch.nn.Linear(64, 1)
    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[:, -1, :])

def train(net, xs, ys, epochs):
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    n = xs.shape[0]
    for _ in range(epochs):
        perm = torch.randperm(n)
        for b in range(0, n, batch):
            idx = perm[b:b + batch]
            opt.zero_grad()
            loss = loss_fn(net(xs[idx]), ys[idx])
            loss.backward()
            opt.step()

for name, cell in [("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU)]:
    net = Net(cell)
    train(Net(cell), x[:256], y[:256], 1)
    w0, c0 = time.perf_counter(), time.process_time()
    train(net, x, y, epochs)
    w, c = time.perf_counter() - w0, time.process_time() - c0
    print(f"pytorch {torch.__version__} {name}: {count * epochs / w:,.0f} samples/s wall, {count * epochs / c:,.0f} per CPU-second ({threads} threads)")
