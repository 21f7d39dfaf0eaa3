"""Data for the later notebooks: where the data files are, and synthetic data sets.

(The small fixed data sets live in nnlib.)
"""

import pathlib

import numpy as np

# The course's data/ folder, found from this file, so notebooks can be run from any folder.
DATA_DIR = pathlib.Path(__file__).resolve().parent.parent / "data"


def two_moons(n_samples, noise, rng):
    """Two interleaving half circles, labelled 0 and 1, with Gaussian noise.

    n_samples: total number of points (split evenly); noise: standard deviation added to
    each coordinate; rng: a numpy Generator. Returns (X, y): shapes (n_samples, 2), (n_samples,).
    """
    n_upper = n_samples // 2
    angles = rng.uniform(0, np.pi, size=n_samples)
    upper = np.column_stack([np.cos(angles[:n_upper]), np.sin(angles[:n_upper])])
    lower = np.column_stack([1 - np.cos(angles[n_upper:]), 0.5 - np.sin(angles[n_upper:])])
    X = np.vstack([upper, lower]) + rng.normal(0, noise, size=(n_samples, 2))
    y = np.concatenate([np.zeros(n_upper), np.ones(n_samples - n_upper)])
    return X, y
