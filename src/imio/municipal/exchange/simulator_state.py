"""The in-memory state of the regional endpoint simulator (stdlib only).

Everything the simulator received and published, behind one lock, as plain
JSON-able data so that it can be saved to a file (``--state``) and read back.
See :mod:`imio.municipal.exchange.simulator` for the protocol.
"""

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import json
import os
import random
import tempfile
import threading
import time


FAULT_KINDS = ("http500", "http429", "timeout", "drop", "duplicate")
OUTCOME_MODES = ("approve", "annul", "extend", "none")
#: Receipt prefixes, by target.
PREFIXES = {"etutelle": "ET", "guichet": "PIC", "permits": "RSP"}
EXTENSION_DAYS = 15
# Whose polls an injected item goes to, when not its own ins_code (not served).
DELIVER_TO = "_deliver_to"
FIXTURES_DIR = Path(__file__).parent / "fixtures"
BRUSSELS = ZoneInfo("Europe/Brussels")


@dataclass
class SimulatorConfig:
    """How the simulator behaves; ``make_app`` also takes these as a dict."""

    # Accepted bearer tokens (one string or several).
    token: str | tuple[str, ...] = "demo-token"  # noqa: S105 (the demo's, not a secret)
    # What the region decides on what it receives: approve, annul, extend
    # (an extension of 15 days, then approval) or none.
    outcome: str = "approve"
    # Seconds between a receipt and its outcome (0: on the next poll).
    outcome_after: float = 0.0
    # Folder of permit notification fixtures (*.json); None: the packaged ones.
    fixtures: str | Path | None = None
    # JSON file the state is saved to after every change, and read at start.
    state: str | Path | None = None
    fault_rate: float = 0.0
    fault_kinds: tuple[str, ...] = FAULT_KINDS
    fault_seed: int | None = None
    # How long a "timeout" fault makes the client wait (more than its read timeout).
    timeout_seconds: float = 3.0

    def __post_init__(self) -> None:
        if isinstance(self.token, str):
            self.token = (self.token,)
        self.token = tuple(self.token)
        if self.outcome not in OUTCOME_MODES:
            raise ValueError(
                f"Unknown outcome {self.outcome!r}; choose one of {', '.join(OUTCOME_MODES)}."
            )
        if self.outcome_after < 0:
            raise ValueError(f"outcome_after cannot be negative: {self.outcome_after}.")
        check_faults(self.fault_rate, self.fault_kinds, self.timeout_seconds)
        self.fault_kinds = tuple(self.fault_kinds)


def check_faults(rate: object, kinds: object, timeout_seconds: object = 1.0) -> None:
    """Refuse (ValueError) a fault rate outside 0..1 or an unknown kind."""
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise ValueError(f"The fault rate must be a number from 0 to 1, not {rate!r}.")
    if not isinstance(kinds, list | tuple) or not kinds:
        raise ValueError(f"The fault kinds must be a non-empty list of {', '.join(FAULT_KINDS)}.")
    unknown = [kind for kind in kinds if kind not in FAULT_KINDS]
    if unknown:
        raise ValueError(
            f"Unknown fault kind(s) {', '.join(map(str, unknown))}; "
            f"known kinds: {', '.join(FAULT_KINDS)}."
        )
    if isinstance(timeout_seconds, bool) or not isinstance(timeout_seconds, int | float):
        raise ValueError(f"timeout_seconds must be a number, not {timeout_seconds!r}.")
    if timeout_seconds < 0:
        raise ValueError(f"timeout_seconds cannot be negative: {timeout_seconds}.")


def now_iso(moment: float | None = None) -> str:
    when = datetime.fromtimestamp(time.time() if moment is None else moment, timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def belgian_day(moment: float | None = None) -> str:
    """The day in Belgium (the region decides on Belgian days), e.g. 2026-12-02."""
    when = datetime.fromtimestamp(time.time() if moment is None else moment, BRUSSELS)
    return when.date().isoformat()


def load_fixtures(folder: str | Path | None) -> dict[str, dict]:
    """The notifications of the ``*.json`` files of ``folder`` (one object or a list each)."""
    notifications: dict[str, dict] = {}
    for path in sorted(Path(folder or FIXTURES_DIR).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data if isinstance(data, list) else [data]:
            notifications[item["id"]] = item
    return notifications


@dataclass
class Faults:
    rate: float = 0.0
    kinds: tuple[str, ...] = FAULT_KINDS
    seed: int | None = None
    timeout_seconds: float = 3.0
    rng: random.Random = field(default_factory=random.Random)

    def as_dict(self) -> dict:
        return {
            "rate": self.rate,
            "kinds": list(self.kinds),
            "seed": self.seed,
            "timeout_seconds": self.timeout_seconds,
        }


class SimulatorState:
    """What the simulator holds; use ``with state.lock:`` around reads and changes."""

    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        self.lock = threading.RLock()
        self.path = Path(config.state) if config.state else None
        self.faults = Faults()
        self.reset(save=False)
        if self.path and self.path.exists():
            self.load(json.loads(self.path.read_text(encoding="utf-8")))
        self.save()

    def reset(self, save: bool = True) -> None:
        """Forget everything received; reload the fixtures; faults as configured."""
        with self.lock:
            self.set_faults(
                self.config.fault_rate,
                self.config.fault_kinds,
                self.config.fault_seed,
                self.config.timeout_seconds,
            )
            # target -> idempotency key -> record
            self.records: dict[str, dict[str, dict]] = {target: {} for target in PREFIXES}
            self.sequences: dict[str, int] = dict.fromkeys(PREFIXES, 0)
            # target -> published outcomes, in cursor order
            self.published: dict[str, list[dict]] = {"etutelle": [], "guichet": []}
            self.cursors: dict[str, int] = {"etutelle": 0, "guichet": 0}
            self.notifications = load_fixtures(self.config.fixtures)
            self.deliveries = 0
            self.duplicates = 0
            self.seen_keys: set[str] = set()
            self.fault_counts: Counter[str] = Counter()
            if save:
                self.save()

    def set_faults(
        self,
        rate: float,
        kinds: tuple[str, ...] | list[str],
        seed: int | None = None,
        timeout_seconds: float | None = None,
    ) -> None:
        timeout = self.faults.timeout_seconds if timeout_seconds is None else timeout_seconds
        check_faults(rate, kinds, timeout)
        with self.lock:
            self.faults = Faults(float(rate), tuple(kinds), seed, float(timeout))
            self.faults.rng.seed(seed)

    def draw_fault(self, duplicable: bool) -> str | None:
        """The fault this request gets, or None (``duplicate`` only when ``duplicable``)."""
        with self.lock:
            faults = self.faults
            if not faults.rate or faults.rng.random() >= faults.rate:
                return None
            kinds = [k for k in faults.kinds if duplicable or k != "duplicate"]
            if not kinds:
                return None
            kind = faults.rng.choice(kinds)
            self.fault_counts[kind] += 1
            return kind

    def coin(self) -> bool:
        with self.lock:
            return self.faults.rng.random() < 0.5

    def next_id(self, target: str, moment: float) -> str:
        self.sequences[target] += 1
        year = datetime.fromtimestamp(moment, timezone.utc).year
        return f"{PREFIXES[target]}-{year}-{self.sequences[target]:06d}"

    def schedule(self, record: dict, target: str, moment: float) -> None:
        """The outcomes the region will publish for ``record``."""
        mode, after = self.config.outcome, self.config.outcome_after
        if mode == "none":
            record["scheduled"] = []
        elif mode == "extend" and target == "etutelle":
            record["scheduled"] = [
                {"due": moment + after, "outcome": "extended"},
                {"due": moment + 2 * after, "outcome": "approved"},
            ]
        elif target == "etutelle":
            outcome = "annulled" if mode == "annul" else "approved"
            record["scheduled"] = [{"due": moment + after, "outcome": outcome}]
        else:
            decision = "to_correct" if mode == "annul" else "approved"
            record["scheduled"] = [{"due": moment + after, "outcome": decision}]

    def publish(self, target: str, record: dict, outcome: str, **extra) -> dict:
        """Publish ``outcome`` for ``record`` now, with the next cursor."""
        item = self.outcome_item(target, record, outcome, **extra)
        self.cursors[target] += 1
        item = {"cursor": self.cursors[target], **item}
        self.published[target].append(item)
        return item

    @staticmethod
    def outcome_item(target: str, record: dict, outcome: str, **extra) -> dict:
        """The fields of an outcome for ``record`` (all but the cursor)."""
        item = {
            "receipt_id": record["receipt_id"],
            "message_id": record["message_id"],
            "ins_code": record["ins_code"],
            "decided_on": belgian_day(),
        }
        if target == "etutelle":
            days = extra.get("extension_days")
            if outcome == "extended" and days is None:
                days = EXTENSION_DAYS
            item.update(
                act_number=record["reference"],
                outcome=outcome,
                extension_days=days if outcome == "extended" else None,
            )
        else:
            comment = extra.get("comment")
            if outcome == "to_correct" and not comment:
                comment = (
                    "Veuillez corriger le plan : la part SPGE de la fiche 2 ne correspond pas "
                    "à l'estimation transmise."
                )
            item.update(plan_title=record["reference"], decision=outcome, comment=comment)
        return item

    def publish_raw(self, target: str, deliver_to: str, fields: dict) -> dict:
        """Publish ``fields`` as they are (bad-item injection) to the polls of
        ``deliver_to``, with the next cursor."""
        self.cursors[target] += 1
        item = {"cursor": self.cursors[target], **fields, DELIVER_TO: deliver_to}
        self.published[target].append(item)
        return item

    def publish_due(self, target: str, moment: float) -> None:
        """Publish the scheduled outcomes whose time has come, in receipt order."""
        for record in self.records[target].values():
            while record["scheduled"] and record["scheduled"][0]["due"] <= moment:
                self.publish(target, record, record["scheduled"].pop(0)["outcome"])

    def find_receipt(self, receipt_id: str) -> tuple[str, dict] | None:
        for target, records in self.records.items():
            for record in records.values():
                if record.get("receipt_id") == receipt_id:
                    return target, record
        return None

    def stats(self) -> dict:
        with self.lock:
            receipts = {target: len(records) for target, records in self.records.items()}
            return {
                "deliveries": self.deliveries,
                "distinct_keys": len(self.seen_keys),
                "duplicates": self.duplicates,
                "receipts": sum(receipts.values()),
                "receipts_by_target": receipts,
                "faults": {kind: self.fault_counts.get(kind, 0) for kind in FAULT_KINDS},
            }

    def dump(self) -> dict:
        with self.lock:
            return {
                "records": self.records,
                "sequences": self.sequences,
                "published": self.published,
                "cursors": self.cursors,
                "notifications": self.notifications,
                "deliveries": self.deliveries,
                "duplicates": self.duplicates,
                "seen_keys": sorted(self.seen_keys),
                "fault_counts": dict(self.fault_counts),
            }

    def load(self, data: dict) -> None:
        with self.lock:
            self.records = data["records"]
            self.sequences = data["sequences"]
            self.published = data["published"]
            self.cursors = data["cursors"]
            self.notifications = data["notifications"]
            self.deliveries = data["deliveries"]
            self.duplicates = data["duplicates"]
            self.seen_keys = set(data["seen_keys"])
            self.fault_counts = Counter(data["fault_counts"])

    def save(self) -> None:
        """Write the state to its file, if any (atomically: a temporary file renamed)."""
        if not self.path:
            return
        with self.lock:
            text = json.dumps(self.dump(), ensure_ascii=False, indent=1, sort_keys=True)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, self.path)
