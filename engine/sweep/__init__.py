"""What-if sweeps: a scenario played many times at every combination of some of its numbers.

`parse_vary` reads one ``--vary PATH=VALUES`` against the scenario's document, `run_sweep`
checks every varied scenario and plays each setting's games, `sweep_text` and `sweep_csv` lay
the result out one row per setting.
"""

from engine.sweep.run import MAX_SETTINGS, Played, Setting, Sweep, run_sweep, settings
from engine.sweep.tables import sweep_csv, sweep_text
from engine.sweep.vary import Vary, VaryError, parse_vary, set_value

__all__ = [
    "MAX_SETTINGS",
    "Played",
    "Setting",
    "Sweep",
    "Vary",
    "VaryError",
    "parse_vary",
    "run_sweep",
    "set_value",
    "settings",
    "sweep_csv",
    "sweep_text",
]
