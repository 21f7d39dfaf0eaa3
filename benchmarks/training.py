"""Training speed: nnlib against a per-sample loop, PyTorch and scikit-learn, in one run.

Usage: python benchmarks/training.py [--quick]
Needs requirements-bench.txt (torch on the CPU, scikit-learn). See benchmarks/README.md.

Every framework trains the same architecture from the same initial weights, on the same
data, for the same number of full-batch gradient steps, in float64; the time of a whole run
is the median of several repetitions, reported per step. scikit-learn's MLPClassifier
minimises log-loss, not squared error, so only its time is compared. On the eight-point and
XOR tasks the final errors of nnlib, the loop and PyTorch must agree within 1e-9.
Prints markdown tables and writes them, with a log-log plot of time per step against N, to
benchmarks/results/.
"""

import argparse
import pathlib
import statistics
import sys
import time
import warnings

import numpy as np

import nnlib
from course.data import eight_point_data, two_moons, xor_data

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def per_sample_training(weights, biases, X, y, learning_rate, iterations):
    """The reference: the same full-batch steps, computed one sample at a time in Python."""
    weights = [w.copy() for w in weights]
    biases = [b.copy() for b in biases]

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    n = len(X)
    for _ in range(iterations):
        weight_grads = [np.zeros_like(w) for w in weights]
        bias_grads = [np.zeros_like(b) for b in biases]
        for input_vector, target in zip(X, y):
            activations = [input_vector]
            for w, b in zip(weights, biases):
                activations.append(sigmoid(np.dot(activations[-1], w) + b))
            prediction = activations[-1][0]
            delta = np.array([2 * (prediction - target) / n * prediction * (1 - prediction)])
            for i in reversed(range(len(weights))):
                weight_grads[i] += np.outer(activations[i], delta)
                bias_grads[i] += delta
                if i > 0:
                    delta = np.dot(weights[i], delta) * activations[i] * (1 - activations[i])
        for w, b, weight_grad, bias_grad in zip(weights, biases, weight_grads, bias_grads):
            w -= learning_rate * weight_grad
            b -= learning_rate * bias_grad
    predictions = np.array([_forward_one(weights, biases, x, sigmoid) for x in X])
    return float(np.mean((predictions - y) ** 2))


def _forward_one(weights, biases, input_vector, sigmoid):
    activation = input_vector
    for w, b in zip(weights, biases):
        activation = sigmoid(np.dot(activation, w) + b)
    return activation[0]


def nnlib_training(layer_sizes, weights, biases, X, y, learning_rate, iterations):
    network = nnlib.NeuralNetwork(layer_sizes, learning_rate)
    network.weights = [w.copy() for w in weights]
    network.biases = [b.copy() for b in biases]
    network.train(X, y, iterations)
    return network.error(X, y)


def torch_training(weights, biases, X, y, learning_rate, iterations):
    import torch

    layers = []
    for w, b in zip(weights, biases):
        linear = torch.nn.Linear(*w.shape, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w.T.copy()))
            linear.bias.copy_(torch.from_numpy(b.copy()))
        layers += [linear, torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=0.0)
    inputs, targets = torch.from_numpy(X), torch.from_numpy(y)
    for _ in range(iterations):
        optimizer.zero_grad()
        loss = ((model(inputs)[:, 0] - targets) ** 2).mean()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        return float(((model(inputs)[:, 0] - targets) ** 2).mean())


def sklearn_training(hidden, X, y, learning_rate, iterations):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    classifier = MLPClassifier(
        hidden_layer_sizes=hidden, activation="logistic", solver="sgd", learning_rate_init=learning_rate,
        momentum=0.0, nesterovs_momentum=False, batch_size=len(X), max_iter=iterations, shuffle=False,
        alpha=0.0, tol=0.0, n_iter_no_change=iterations + 1, random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit(X, y)
    return None  # log-loss: not comparable


def median_seconds(run, repeats):
    """Median wall time of `repeats` calls of run(), and run()'s last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def compare(layer_sizes, X, y, learning_rate, iterations, repeats, with_loop=True):
    """Per-step times (µs) and final errors of every framework on one task."""
    initial = nnlib.NeuralNetwork(layer_sizes, learning_rate, seed=0)
    weights, biases = initial.weights, initial.biases
    X, y = X.astype(np.float64), y.astype(np.float64)
    runs = {
        "nnlib": lambda: nnlib_training(layer_sizes, weights, biases, X, y, learning_rate, iterations),
        "PyTorch": lambda: torch_training(weights, biases, X, y, learning_rate, iterations),
        "scikit-learn": lambda: sklearn_training(tuple(layer_sizes[1:-1]), X, y, learning_rate, iterations),
    }
    if with_loop:
        runs["per-sample loop"] = lambda: per_sample_training(weights, biases, X, y, learning_rate, iterations)
    results = {}
    for name, run in runs.items():
        seconds, final_error = median_seconds(run, repeats if name != "per-sample loop" else 1)
        results[name] = (seconds / iterations * 1e6, final_error)
    return results


def small_task_table(title, results):
    nnlib_time = results["nnlib"][0]
    lines = [f"#### {title}", "", "| framework | µs per step | time ÷ nnlib's | final error |", "|---|---|---|---|"]
    for name, (micros, error) in results.items():
        shown = "(log-loss: not compared)" if error is None else f"{error:.12f}"
        lines.append(f"| {name} | {micros:,.1f} | {micros / nnlib_time:.2f}× | {shown} |")
    torch_gap = abs(results["nnlib"][1] - results["PyTorch"][1])
    loop_gap = abs(results["nnlib"][1] - results["per-sample loop"][1])
    same = torch_gap < 1e-9 and loop_gap < 1e-9
    lines += ["", f"Same computation: |nnlib − PyTorch| = {torch_gap:.1e}, |nnlib − loop| = {loop_gap:.1e} "
                  f"in the final error: {'agree within 1e-9' if same else 'DISAGREE'}."]
    return "\n".join(lines), same


def scaling_table(rows):
    lines = ["| N | nnlib µs/step | PyTorch µs/step | PyTorch ÷ nnlib | scikit-learn µs/step | per-sample loop µs/step |",
             "|---|---|---|---|---|---|"]
    for n, results in rows:
        loop = results.get("per-sample loop")
        lines.append(
            f"| {n:,} | {results['nnlib'][0]:,.0f} | {results['PyTorch'][0]:,.0f} "
            f"| {results['PyTorch'][0] / results['nnlib'][0]:.2f}× | {results['scikit-learn'][0]:,.0f} "
            f"| {'' if loop is None else f'{loop[0]:,.0f}'} |"
        )
    return "\n".join(lines)


def slope(ns, micros):
    """The exponent k in time ∝ N^k, fitted by least squares on log-log axes."""
    return float(np.polyfit(np.log(ns), np.log(micros), 1)[0])


def plot_scaling(rows, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from course.plots import use_course_style

    use_course_style()
    fig, ax = plt.subplots(figsize=(7, 4.6), layout="constrained")
    ns = [n for n, _ in rows]
    for name, marker in [("nnlib", "o"), ("PyTorch", "s"), ("scikit-learn", "^"), ("per-sample loop", "x")]:
        points = [(n, results[name][0] / 1e6) for n, results in rows if name in results]
        ax.plot(*zip(*points), marker=marker, label=name)
    ax.plot(ns, [rows[-1][1]["nnlib"][0] / 1e6 * n / ns[-1] for n in ns], color="0.6", linewidth=1,
            linestyle=":", label="∝ N (linear)")
    ax.set(xscale="log", yscale="log", xlabel="N, samples in the batch", ylabel="seconds per full-batch step",
           title="Two moons, a 2-16-1 sigmoid network, float64")
    ax.legend(fontsize=10)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def environment():
    import threadpoolctl
    import torch

    blas = [f"{i['internal_api']} {i.get('architecture', '')} ({i['num_threads']} threads)"
            for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    return (f"Python {sys.version.split()[0]}, NumPy {np.__version__} ({', '.join(blas)}), "
            f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and sizes, for a smoke test")
    args = parser.parse_args()
    repeats = 2 if args.quick else 5
    sizes = [10**2, 10**3, 10**4] if args.quick else [10**2, 10**3, 10**4, 10**5, 10**6]

    sections = [f"Measured by `python benchmarks/training.py` in one run. {environment()}.", ""]
    eight_inputs, eight_targets = eight_point_data()
    text, same_eight = small_task_table(
        "The eight points: a 2-1 network, learning rate 0.1, 10,000 steps",
        compare([2, 1], eight_inputs, eight_targets, 0.1, 10_000, repeats))
    sections += [text, ""]
    xor_inputs, xor_targets = xor_data()
    text, same_xor = small_task_table(
        "XOR: a 2-4-1 network, learning rate 1.0, 5,000 steps",
        compare([2, 4, 1], xor_inputs, xor_targets, 1.0, 5_000, repeats))
    sections += [text, ""]

    rows = []
    for n in sizes:
        X, y = two_moons(n, noise=0.2, rng=np.random.default_rng(0))
        iterations = max(10, min(200, 10**5 // n))  # at least 10, so the first step's allocations fade
        rows.append((n, compare([2, 16, 1], X, y, 0.5, iterations, repeats if n < 10**5 else 3,
                                with_loop=n <= 10**4)))
        print(f"measured N = {n:,}", file=sys.stderr)
    ns = [n for n, _ in rows]
    large = [(n, r) for n, r in rows if n >= 10**4]
    growth = (f"{slope([n for n, _ in large], [r['nnlib'][0] for _, r in large]):.2f}; PyTorch's: "
              f"{slope([n for n, _ in large], [r['PyTorch'][0] for _, r in large]):.2f}"
              if len(large) >= 2 else "(needs two sizes from 10,000 up)")
    sections += [
        "#### Two moons: a 2-16-1 network, learning rate 0.5, full-batch steps", "",
        scaling_table(rows), "",
        f"Growth of nnlib's time per step with N (exponent k in time ∝ N^k, fitted from 10,000 up): {growth}.",
        "", "![time per step against N](training_scaling.png)",
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    plot_scaling(rows, RESULTS / "training_scaling.png")
    report = "\n".join(sections) + "\n"
    (RESULTS / "training.md").write_text(report)
    print(report)
    print(f"plot: {RESULTS / 'training_scaling.png'}  sizes: {ns}")
    if not (same_eight and same_xor):
        sys.exit("the frameworks did not compute the same thing: see the tables")


if __name__ == "__main__":
    main()
