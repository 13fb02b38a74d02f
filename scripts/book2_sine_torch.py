#!/usr/bin/python3
"""The second edition's noisy-sine training in PyTorch (chapter 5: 03_sin_rnn_torch.py,
06_sin_lstm_torch.py, 12_sin_gru_torch.py), re-typed without sklearn and matplotlib, to run side by
side with `unroll train --preset book2-sine-CELL` (ADR 0022, README "The book's full runs").

As the scripts: f(x) = sin(2πx/100) + 0.05·U(-1, 1) for x = 0..200, windows of 25 predict the next
value; the last 20 % held out (train_test_split(shuffle=False)); nn.RNN(tanh)/LSTM/GRU with 50 units
(xavier_normal_ input weights, orthogonal_ recurrent, PyTorch's default biases) and Linear(50, 1) on
the last state; MSE; Adam(lr=0.001, betas=(0.9, 0.999), amsgrad=True); batch 100, n // 100 + 1
batches an epoch over a fresh shuffle; the book's EarlyStopping(patience=10) on the validation loss
(the mean of its batches' losses); at most 1000 epochs; seeds 123.

Prints `epoch K loss L val_loss V` per epoch, then `stopped_at=`, `val_loss=`, `seconds=` (the
training loop's wall time). Needs Debian's python3-torch: run with /usr/bin/python3.
Usage: book2_sine_torch.py --cell rnn|lstm|gru [--epochs 1000] [--threads 1]
"""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn

ap = argparse.ArgumentParser()
ap.add_argument("--cell", choices=["rnn", "lstm", "gru"], default="rnn")
ap.add_argument("--epochs", type=int, default=1000)
ap.add_argument("--threads", type=int, default=1)
a = ap.parse_args()
torch.set_num_threads(a.threads)
np.random.seed(123)
torch.manual_seed(123)

T = 100
x = np.arange(0, 2 * T + 1)
f = (np.sin(2.0 * np.pi * x / T) + 0.05 * np.random.uniform(-1.0, 1.0, size=len(x))).astype(np.float32)
maxlen = 25
xs = np.array([f[i:i + maxlen] for i in range(len(f) - maxlen)]).reshape(-1, maxlen, 1)
ts = np.array([f[i + maxlen] for i in range(len(f) - maxlen)]).reshape(-1, 1)
n_val = int(np.ceil(len(xs) * 0.2))
x_train, x_val, t_train, t_val = xs[:-n_val], xs[-n_val:], ts[:-n_val], ts[-n_val:]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layer = {"rnn": lambda: nn.RNN(1, 50, nonlinearity="tanh", batch_first=True),
                 "lstm": lambda: nn.LSTM(1, 50, batch_first=True),
                 "gru": lambda: nn.GRU(1, 50, batch_first=True)}[a.cell]
        self.l1 = layer()
        self.l2 = nn.Linear(50, 1)
        nn.init.xavier_normal_(self.l1.weight_ih_l0)
        nn.init.orthogonal_(self.l1.weight_hh_l0)

    def forward(self, xb):
        h, _ = self.l1(xb)
        return self.l2(h[:, -1])


class EarlyStopping:  # the book's callbacks/EarlyStopping.py
    def __init__(self, patience):
        self.step, self.loss, self.patience = 0, float("inf"), patience

    def __call__(self, loss):
        if self.loss < loss:
            self.step += 1
            return self.step > self.patience
        self.step, self.loss = 0, loss
        return False


model = Net()
crit = nn.MSELoss(reduction="mean")
opt = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), amsgrad=True)
es = EarlyStopping(10)
batch = 100
nb_train = x_train.shape[0] // batch + 1
nb_val = x_val.shape[0] // batch + 1
t0 = time.perf_counter()
stopped = a.epochs
for epoch in range(a.epochs):
    perm = np.random.permutation(len(x_train))
    x_, t_ = x_train[perm], t_train[perm]
    train_loss = val_loss = 0.0
    model.train()
    for b in range(nb_train):
        xb, tb = torch.Tensor(x_[b * batch:(b + 1) * batch]), torch.Tensor(t_[b * batch:(b + 1) * batch])
        if len(xb) == 0:
            continue
        loss = crit(model(xb), tb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        train_loss += loss.item()
    model.eval()
    with torch.no_grad():
        for b in range(nb_val):
            xb, tb = torch.Tensor(x_val[b * batch:(b + 1) * batch]), torch.Tensor(t_val[b * batch:(b + 1) * batch])
            if len(xb) == 0:
                continue
            val_loss += crit(model(xb), tb).item()
    train_loss /= nb_train
    val_loss /= nb_val
    print(f"epoch {epoch + 1} loss {train_loss:.6f} val_loss {val_loss:.6f}", flush=True)
    if es(val_loss):
        stopped = epoch + 1
        break
print(f"stopped_at={stopped}")
print(f"val_loss={val_loss:.6f}")
print(f"seconds={time.perf_counter() - t0:.3f}")
