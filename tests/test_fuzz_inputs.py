"""A bounded run of the fuzzing target (benchmarks/fuzz_inputs.py): mutated files of every
kind the readers take must end as documents or coded failures, never another exception.
The long runs (a million mutations) are the benchmark script's job."""

from __future__ import annotations

import importlib.util
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from dyads.model import RawDocument

_spec = importlib.util.spec_from_file_location("fuzz_inputs", ROOT / "benchmarks" / "fuzz_inputs.py")
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)
SEEDS = fuzz.seeds()


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, len(SEEDS) - 1), seed=st.integers(0, 2**32 - 1))
def test_mutated_inputs_are_read_or_refused_with_a_code(which: int, seed: int) -> None:
    name, data = SEEDS[which]
    for item in fuzz.read_all(fuzz.mutate(random.Random(seed), data), name):  # raises Crash otherwise
        assert isinstance(item, RawDocument) or item.message.rstrip().endswith("]")


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, len(SEEDS) - 1), seed=st.integers(0, 2**32 - 1))
def test_mutated_documents_extract_or_fail_with_a_code(which: int, seed: int) -> None:
    name, data = SEEDS[which]
    for item in fuzz.read_all(fuzz.mutate(random.Random(seed), data), name):
        if isinstance(item, RawDocument):
            fuzz.extract_one(item)


def test_the_fuzzer_finds_no_crash_in_a_fixed_run() -> None:
    done, _, crashes = fuzz.run(runs=1500, seed=14, extract_every=0, seconds=60, report=lambda _: None)
    assert crashes == [], crashes[:3]
    assert done >= 500
