"""Shared fixtures for the engine tests."""

from __future__ import annotations

import warnings

import numpy as np
import pytest


@pytest.fixture
def no_warnings():
    """NaN and inf are values, not problems: any warning (numpy's included) fails a test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            yield
