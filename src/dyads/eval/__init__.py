"""`dyads eval`: the contract's §3 scoring of extractions against gold annotations."""

from dyads.eval.run import EvalReport, evaluate_folder

__all__ = ["EvalReport", "evaluate_folder"]
