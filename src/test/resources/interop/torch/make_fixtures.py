#!/usr/bin/python3
"""Makes the PyTorch (and TensorFlow 1.x) fixtures of the interop tests (issue 12, ADR 0020).

Run from this folder with Debian's python3-torch:  /usr/bin/python3 make_fixtures.py
Deterministic (seeded). Writes, per model, the state dict as torch.save's zip format (NAME.pt),
its legacy format (NAME-legacy.pt), numpy's savez (NAME.npz) and safetensors (NAME.safetensors,
written by the few lines below, so the safetensors package is not needed), and NAME.json with what torch
computed on the fixed sequence: per-step h (and c), the loss and every parameter's gradient from
loss.backward(). The weights are float32 as a user's would be (gru-double is float64); the
reference is computed in float64 on the same values (model.double()), as the engine computes.

The loss is the case format's mse: the mean over the targeted elements,
E = (1/N) sum_{s in S} sum_k (y_k(s) - t_k(s))^2, N = |S| * O: F.mse_loss over the targeted steps.
"""
import collections
import io
import json
import os
import pickle
import struct
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
I, H, T = 2, 3, 5


class Book(nn.Module):
    """The book's shape: an LSTM named l1 and a Linear named l2 (input size 2, one output)."""

    def __init__(self):
        super().__init__()
        self.l1 = nn.LSTM(I, H, batch_first=True)
        self.l2 = nn.Linear(H, 1)

    def forward(self, x):
        h, _ = self.l1(x)
        return self.l2(h), h


class WithHead(nn.Module):
    def __init__(self, rnn, out):
        super().__init__()
        self.rnn = rnn
        self.fc = nn.Linear(rnn.hidden_size, out)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.fc(h), h


class Bare(nn.Module):
    """A bare recurrent layer: its output is h (the case gets an identity output layer)."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        h, _ = self.rnn(x)
        return h, h


def sequence(out, targeted):
    g = torch.Generator().manual_seed(7)
    x = torch.rand(T, I, generator=g, dtype=torch.float64) * 2 - 1
    t = torch.rand(T, out, generator=g, dtype=torch.float64) * 2 - 1
    return x, t, targeted


def safetensors_bytes(sd):
    """The safetensors format: u64 little-endian header length, the JSON header, the raw data."""
    header, blobs, off = {}, [], 0
    for k, v in sd.items():
        a = v.detach().contiguous().numpy()
        b = a.astype(a.dtype.newbyteorder('<')).tobytes()
        header[k] = {"dtype": {np.float16: "F16", np.float32: "F32", np.float64: "F64"}[a.dtype.type],
                     "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def save_all(name, model):
    sd = model.rnn.state_dict() if isinstance(model, Bare) else model.state_dict()
    torch.save(sd, os.path.join(HERE, name + ".pt"))
    torch.save(sd, os.path.join(HERE, name + "-legacy.pt"), _use_new_zipfile_serialization=False)
    np.savez(os.path.join(HERE, name + ".npz"), **{k: v.numpy() for k, v in sd.items()})
    with open(os.path.join(HERE, name + ".safetensors"), "wb") as f:
        f.write(safetensors_bytes(sd))


def reference(name, model, out, targeted, cell):
    m = model.double()
    x, t, targeted = sequence(out, targeted)
    y, h = m(x.unsqueeze(0))
    y, h = y[0], h[0]
    loss = F.mse_loss(y[targeted], t[targeted], reduction="mean")
    m.zero_grad()
    loss.backward()
    ref = {"inputs": x.tolist(),
           "targets": [t[s].tolist() if s in targeted else None for s in range(T)],
           "h": h.tolist(), "y": y.tolist(), "loss": loss.item(),
           "grads": {(k[4:] if isinstance(m, Bare) else k): p.grad.tolist() for k, p in m.named_parameters()},
           "torch": torch.__version__}
    if cell == "lstm":
        # c(t) is not returned per step by nn.LSTM: run it one step at a time
        rnn = m.l1 if hasattr(m, "l1") else m.rnn
        state, cs = None, []
        with torch.no_grad():
            for s in range(T):
                _, state = rnn(x[s:s + 1].unsqueeze(0), state)
                cs.append(state[1][0, 0].tolist())
        ref["c"] = cs
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(ref, f, indent=1)
    if name == "book-lstm":
        # the sequence as `unroll import --inputs` reads it: a row per step, inputs then targets
        with open(os.path.join(HERE, name + ".csv"), "w") as f:
            f.write(",".join(["x%d" % (k + 1) for k in range(I)] + ["t%d" % (k + 1) for k in range(out)]) + "\n")
            for s in range(T):
                f.write(",".join(repr(v) for v in x[s].tolist() + (t[s].tolist() if s in targeted else [""] * out)) + "\n")


def fixture(name, model, out, targeted, cell, dtype=torch.float32):
    model = model.to(dtype)
    save_all(name, model)
    reference(name, model, out, targeted, cell)


def main():
    everywhere = list(range(T))
    torch.manual_seed(0)
    fixture("rnn", Bare(nn.RNN(I, H, batch_first=True)), H, everywhere, "rnn")
    torch.manual_seed(1)
    fixture("rnn-relu", WithHead(nn.RNN(I, H, nonlinearity="relu", batch_first=True), 1), 1, everywhere, "rnn")
    torch.manual_seed(2)
    fixture("book-lstm", Book(), 1, everywhere, "lstm")
    torch.manual_seed(3)
    fixture("gru", WithHead(nn.GRU(I, H, batch_first=True), 2), 2, [T - 1], "gru")
    torch.manual_seed(4)
    fixture("gru-double", Bare(nn.GRU(I, H, batch_first=True)), H, [1, 3], "gru", torch.float64)
    torch.manual_seed(6)
    fixture("lstm-half", Bare(nn.LSTM(I, H, batch_first=True)), H, everywhere, "lstm", torch.float16)

    # the rnn's state dict again, its tensors views into one storage (offsets) and weight_hh a
    # transposed view (strides (1, 3)): torch.save keeps views as they are; the import must not care
    sd = torch.load(os.path.join(HERE, "rnn.pt"))
    flat = torch.cat([sd["weight_ih_l0"].reshape(-1), sd["weight_hh_l0"].t().reshape(-1),
                      sd["bias_ih_l0"], sd["bias_hh_l0"]])
    n1, n2 = sd["weight_ih_l0"].numel(), sd["weight_hh_l0"].numel()
    views = collections.OrderedDict([
        ("weight_ih_l0", flat[0:n1].view(H, I)),
        ("weight_hh_l0", flat[n1:n1 + n2].view(H, H).t()),
        ("bias_ih_l0", flat[n1 + n2:n1 + n2 + H]),
        ("bias_hh_l0", flat[n1 + n2 + H:])])
    assert not views["weight_hh_l0"].is_contiguous()
    torch.save(views, os.path.join(HERE, "rnn-views.pt"))

    # what a case cannot hold (only the zip .pt; refused by the reader)
    torch.manual_seed(5)
    torch.save(nn.LSTM(I, H, num_layers=2).state_dict(), os.path.join(HERE, "stacked-lstm.pt"))
    torch.save(nn.GRU(I, H, bidirectional=True).state_dict(), os.path.join(HERE, "bidirectional-gru.pt"))
    torch.save(nn.LSTM(I, H, proj_size=2).state_dict(), os.path.join(HERE, "proj-lstm.pt"))
    emb = nn.Sequential(nn.Embedding(10, I), nn.LSTM(I, H))
    torch.save(emb.state_dict(), os.path.join(HERE, "embedding-lstm.pt"))
    two = nn.ModuleDict({"rnn": nn.RNN(I, H), "fc1": nn.Linear(H, H), "fc2": nn.Linear(H, 1)})
    torch.save(two.state_dict(), os.path.join(HERE, "two-linear.pt"))
    torch.save(torch.zeros(3), os.path.join(HERE, "not-a-state-dict.pt"))
    torch.save(Book(), os.path.join(HERE, "whole-model.pt"))  # the model, not its state dict

    # a pickle that names os.system (and one builtins.eval): refused without being run
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned > /tmp/unroll-pwned",))

    class Eval:
        def __reduce__(self):
            return (eval, ("__import__('os').system('echo pwned > /tmp/unroll-pwned')",))

    with open(os.path.join(HERE, "evil-legacy.pt"), "wb") as f:
        f.write(pickle.dumps(Evil(), protocol=2))
    with zipfile.ZipFile(os.path.join(HERE, "evil.pt"), "w") as z:
        z.writestr("archive/data.pkl", pickle.dumps({"weight_ih_l0": Eval()}, protocol=2))
        z.writestr("archive/version", "3\n")

    # TensorFlow 1.x BasicLSTMCell weights as an .npz with the checkpoint's variable names; the
    # reference computed from TensorFlow's documented equations (gate order i, j, f, o;
    # c = c * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j), h = tanh(c) * sigmoid(o)).
    rng = np.random.default_rng(11)
    kernel = rng.uniform(-0.5, 0.5, (I + H, 4 * H)).astype(np.float32)
    bias = rng.uniform(-0.5, 0.5, 4 * H).astype(np.float32)
    wy = rng.uniform(-0.5, 0.5, (H, 1)).astype(np.float32)
    by = rng.uniform(-0.5, 0.5, 1).astype(np.float32)
    np.savez(os.path.join(HERE, "tf1-lstm.npz"), **{"rnn/basic_lstm_cell/kernel": kernel,
                                                   "rnn/basic_lstm_cell/bias": bias,
                                                   "dense/kernel": wy, "dense/bias": by})
    x, t, _ = sequence(1, everywhere)
    x, t = x.numpy(), t.numpy()
    k, b = kernel.astype(np.float64), bias.astype(np.float64)
    sig = lambda v: 1 / (1 + np.exp(-v))
    h, c, hs, cs, ys = np.zeros(H), np.zeros(H), [], [], []
    for s in range(T):
        z = np.concatenate([x[s], h]) @ k + b
        i, j, f, o = np.split(z, 4)
        c = c * sig(f + 1.0) + sig(i) * np.tanh(j)
        h = np.tanh(c) * sig(o)
        hs.append(h.tolist()); cs.append(c.tolist())
        ys.append((h @ wy.astype(np.float64) + by.astype(np.float64)).tolist())
    loss = float(np.mean((np.array(ys) - t) ** 2))
    with open(os.path.join(HERE, "tf1-lstm.json"), "w") as f:
        json.dump({"inputs": x.tolist(), "targets": t.tolist(), "h": hs, "c": cs, "y": ys, "loss": loss,
                   "forget_bias": 1.0}, f, indent=1)


if __name__ == "__main__":
    main()
