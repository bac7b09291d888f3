"""A day of the council fleet's runs to day services: the problem, its solver and its checker.

The problem is the dial-a-ride problem (Cordeau & Laporte, "The dial-a-ride problem: models and algorithms",
*Annals of Operations Research* 153, 2007): each passenger is picked up at home within a window and taken, on one
vehicle, to their day service, arriving by the time it starts, and spends no longer on board than their maximum
ride time. The way home is a journey of its own (a passenger whose ``leg`` is :attr:`Leg.HOME`): picked up at the
service within a window from the end of their session and taken home. :func:`plan_day` plans the journeys to the
services first, then those home with each vehicle starting where and when its first run ended, so that no vehicle
is in two places at once. Each vehicle has two capacities: seats, and wheelchair spaces. A wheelchair user travels
in their chair in a wheelchair space; an escort (a carer who travels with the person) takes a seat.

The maximum time on board is the council's policy, not law: there is no statutory limit for adults. For
comparison the Department for Education's home-to-school travel guidance (2024, paragraph 51) treats 45 minutes
for a primary-age child and 75 minutes for a secondary-age child as the most a journey should take.

Times are minutes from midnight; ``travel`` is minutes between location indexes (the estimate from coordinates the
rota optimiser uses, ``ownway.core.travel``, makes them). The solver is Google OR-Tools' routing library, as the
rota optimiser's baseline uses it (``ownway.enablement.rules.rostering.ortools_routing``): every pick-up and drop-
off is a node, pick-up and drop-off of a passenger are a pair on one vehicle, seats and wheelchair spaces are two
capacity dimensions, and a passenger's time on board is the pair's pick-up-to-delivery limit on the time dimension
(``SetPickupToDeliveryLimitFunctionForPair``, which OR-Tools' local search checks itself). PyVRP, another routing
library, has no pick-up-and-delivery pairs nor a limit per passenger on board, so it would need a vehicle's whole
run bounded instead; OR-Tools expresses both exactly. :func:`check` is the single judge of every plan, independent
of the solver: the planning job and the benchmark check every run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

EPS = 1e-6
SCALE = 10  # OR-Tools works in integers: tenths of a minute
#: How OR-Tools builds its first plan and then improves it (measured on the benchmark's generated day).
FIRST_SOLUTION = "PARALLEL_CHEAPEST_INSERTION"
METAHEURISTIC = "GUIDED_LOCAL_SEARCH"


class Leg:
    """Which way a passenger's journey goes: to their day service, or home from it."""

    TO_SERVICE = "to"
    HOME = "home"


@dataclass(frozen=True)
class Passenger:
    """A journey: someone taken from ``pickup`` to ``destination``: from home to their day service, or (``leg``
    :attr:`Leg.HOME`) from the service home.

    ``earliest``..``latest`` is the pick-up window; they must be at the destination by ``arrive_by`` and on board
    for no more than ``max_ride`` minutes (from the vehicle leaving the pick-up to it reaching the destination).
    ``board`` is the minutes getting on (longer for a wheelchair, on the lift) and ``alight`` getting off.
    """

    id: str
    pickup: int
    destination: int
    earliest: float
    latest: float
    arrive_by: float
    max_ride: float
    wheelchair: bool = False
    escort: bool = False
    board: float = 2.0
    alight: float = 1.0
    leg: str = Leg.TO_SERVICE
    #: A journey to or from an evening session: planned as the evening's own shift (:func:`plan_day`).
    evening: bool = False

    def __post_init__(self) -> None:
        if self.leg not in (Leg.TO_SERVICE, Leg.HOME):
            raise ValueError(f"Passenger {self.id}: a journey goes to the service or home")
        if self.latest < self.earliest:
            raise ValueError(f"Passenger {self.id}: the pick-up window ends before it starts")
        if self.max_ride <= 0:
            raise ValueError(f"Passenger {self.id}: the longest ride must be above zero")

    @property
    def seats(self) -> int:
        """Seats taken: their own unless they travel in their wheelchair, and one for an escort."""
        return (0 if self.wheelchair else 1) + (1 if self.escort else 0)

    @property
    def wheelchair_spaces(self) -> int:
        return 1 if self.wheelchair else 0

    @property
    def origin_name(self) -> str:
        """Where they are picked up, in words."""
        return "home" if self.leg == Leg.TO_SERVICE else "their service"

    @property
    def destination_name(self) -> str:
        return "their service" if self.leg == Leg.TO_SERVICE else "home"


@dataclass(frozen=True)
class Vehicle:
    """A vehicle of the fleet, with its seats and wheelchair spaces, the depot it leaves from and its hours."""

    id: str
    seats: int
    wheelchair_spaces: int
    depot: int
    available_from: float = 0.0
    available_until: float = 24 * 60.0

    def __post_init__(self) -> None:
        if self.seats < 0 or self.wheelchair_spaces < 0:
            raise ValueError(f"Vehicle {self.id}: seats and wheelchair spaces cannot be negative")


@dataclass(frozen=True)
class FleetDay:
    name: str
    passengers: tuple[Passenger, ...]
    vehicles: tuple[Vehicle, ...]
    travel: tuple[tuple[float, ...], ...]

    def __post_init__(self) -> None:
        n = len(self.travel)
        if any(len(row) != n for row in self.travel):
            raise ValueError("The travel matrix must be square")
        ids = [p.id for p in self.passengers]
        if len(set(ids)) != len(ids):
            raise ValueError("Passenger ids must be unique")
        if len({v.id for v in self.vehicles}) != len(self.vehicles):
            raise ValueError("Vehicle ids must be unique")
        for p in self.passengers:
            if not (0 <= p.pickup < n and 0 <= p.destination < n):
                raise ValueError(f"Passenger {p.id}: a location is not in the travel matrix")
        for v in self.vehicles:
            if not 0 <= v.depot < n:
                raise ValueError(f"Vehicle {v.id}: its depot is not in the travel matrix")


class StopKind:
    PICKUP = "pickup"
    DROP = "drop"


@dataclass(frozen=True)
class Stop:
    """A stop of a run: the vehicle is there at ``at`` and the passenger gets on (or off)."""

    kind: str
    passenger: str
    location: int
    at: float


@dataclass(frozen=True)
class Run:
    vehicle: str
    leaves: float
    stops: tuple[Stop, ...]


@dataclass(frozen=True)
class FleetPlan:
    runs: tuple[Run, ...]
    #: Passengers no run takes, each with the reason why.
    unplaced: dict[str, str] = field(default_factory=dict)
    explanation: str = ""


#: How long after their session ends someone may wait at the service to be taken home: the council's policy.
RETURN_WAIT = 110.0


def journey_home(going: Passenger, *, ends: float, ready: float | None = None) -> Passenger:
    """The way home of someone taken to their service by ``going``: picked up at the service from when their
    session ``ends`` (or from ``ready``, the time agreed for them to be taken home), within :data:`RETURN_WAIT` minutes,
    and taken home with the same needs and longest ride. Home in time means within the longest ride of the last
    pick-up: the ride limit, not a clock, is what binds."""
    earliest = ready if ready is not None else ends
    latest = earliest + RETURN_WAIT
    return Passenger(
        id=going.id.removesuffix(":to") + ":home",
        pickup=going.destination,
        destination=going.pickup,
        earliest=earliest,
        latest=latest,
        arrive_by=latest + going.board + going.max_ride,
        max_ride=going.max_ride,
        wheelchair=going.wheelchair,
        escort=going.escort,
        board=going.board,
        alight=going.alight,
        leg=Leg.HOME,
        evening=going.evening,
    )


# --- what cannot be done before solving -----------------------------------------------------------------------


def impossible(day: FleetDay) -> dict[str, str]:
    """The passengers no plan can take, each with a plain-English reason: no vehicle with room for them (or their
    wheelchair), or a direct journey that cannot meet their window, start time or longest ride."""
    reasons: dict[str, str] = {}
    for p in day.passengers:
        fits = [v for v in day.vehicles if v.seats >= p.seats and v.wheelchair_spaces >= p.wheelchair_spaces]
        if not fits:
            if p.wheelchair:
                reasons[p.id] = "no vehicle has a wheelchair space" + (" and a seat for an escort" if p.escort else "")
            else:
                reasons[p.id] = f"no vehicle has {p.seats} seats"
            continue
        direct = day.travel[p.pickup][p.destination]
        if direct > p.max_ride + EPS:
            reasons[p.id] = (
                f"the direct journey takes {direct:.0f} minutes, longer than their longest ride of {p.max_ride:.0f}"
            )
        elif p.earliest + p.board + direct > p.arrive_by + EPS:
            reasons[p.id] = (
                f"even picked up at the start of their window they cannot reach {p.destination_name} in time"
            )
        elif all(max(v.available_from + day.travel[v.depot][p.pickup], p.earliest) > p.latest + EPS for v in fits):
            reasons[p.id] = f"no vehicle can reach {p.origin_name} within their pick-up window"
    return reasons


def _left_out(day: FleetDay, passenger: Passenger) -> str:
    """Why the search left out a passenger nothing rules out on their own: the fleet is short of room."""
    if passenger.wheelchair:
        users = sum(1 for p in day.passengers if p.wheelchair)
        spaces = sum(v.wheelchair_spaces for v in day.vehicles)
        if users > spaces:
            return (
                f"{users} passengers travel in a wheelchair but the fleet has {_count(spaces, 'wheelchair space')}"
                ", and no vehicle could make a second trip in time"
            )
    seats = sum(p.seats for p in day.passengers)
    room = sum(v.seats for v in day.vehicles)
    if passenger.seats and seats > room:
        return f"{seats} seats are needed but the fleet has {room}, and no vehicle could make a second trip in time"
    return "the search found no run with room for them in time"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _up(minutes: float) -> int:
    """Minutes in the solver's integer units, rounded up so that a plan it finds is never too tight."""
    return math.ceil(minutes * SCALE - EPS)


# --- the solver ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    seconds: float
    placed: int
    passengers: int


def solve(
    day: FleetDay,
    *,
    time_limit: float = 10.0,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FleetPlan:
    """Plan the day's runs with OR-Tools guided local search within ``time_limit`` seconds.

    Passengers :func:`impossible` names are left out with their reason; the rest are all placed if the search
    finds a way (leaving one out costs far more than any journey). ``progress`` is told how far the search has
    got as it finds better plans; ``should_stop`` returning true ends it with the best plan so far.
    """
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    t0 = time.perf_counter()
    refused = impossible(day)
    passengers = [p for p in day.passengers if p.id not in refused]
    vehicles = list(day.vehicles)
    n, m = len(passengers), len(vehicles)
    if n == 0 or m == 0:
        unplaced = dict(refused) | {p.id: "there are no vehicles" for p in passengers}
        return FleetPlan(runs=(), unplaced=unplaced, explanation=_explain(day, 0, unplaced))
    # Nodes: 2k is passenger k's pick-up, 2k+1 their drop-off; then a start and an end node for each vehicle.
    loc = [x for p in passengers for x in (p.pickup, p.destination)]
    dwell = [x for p in passengers for x in (_up(p.board), _up(p.alight))]
    seats = [d for p in passengers for d in (p.seats, -p.seats)]
    chairs = [d for p in passengers for d in (p.wheelchair_spaces, -p.wheelchair_spaces)]
    starts, ends = [], []
    for v in vehicles:
        starts.append(len(loc))
        loc.append(v.depot)
        ends.append(len(loc))
        loc.append(-1)  # a run ends at its last drop-off: the way back is not part of it
    size = len(loc)
    dwell += [0] * (size - len(dwell))
    seats += [0] * (size - len(seats))
    chairs += [0] * (size - len(chairs))
    travel = [[_up(x) for x in row] for row in day.travel]
    manager = pywrapcp.RoutingIndexManager(size, m, starts, ends)
    routing = pywrapcp.RoutingModel(manager)

    # Matrices indexed by node, so that OR-Tools evaluates them without calling back into Python.
    drive = [[0 if a < 0 or b < 0 else travel[a][b] for b in loc] for a in loc]
    timing = [[dwell[i] + drive[i][j] for j in range(size)] for i in range(size)]
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(drive))
    horizon = 48 * 60 * SCALE
    routing.AddDimension(routing.RegisterTransitMatrix(timing), horizon, horizon, False, "Time")
    clock = routing.GetDimensionOrDie("Time")
    for name, demand, capacity in (
        ("Seats", seats, [v.seats for v in vehicles]),
        ("Wheelchairs", chairs, [v.wheelchair_spaces for v in vehicles]),
    ):
        callback = routing.RegisterUnaryTransitVector(demand)
        routing.AddDimensionWithVehicleCapacity(callback, 0, capacity, True, name)
    solver = routing.solver()
    placed_penalty = 10**7  # leaving someone out costs more than any day's driving
    limits: list[Callable[[int, int], int]] = []  # kept alive while OR-Tools holds them
    for k, p in enumerate(passengers):
        pick, drop = manager.NodeToIndex(2 * k), manager.NodeToIndex(2 * k + 1)
        routing.AddPickupAndDelivery(pick, drop)
        # Implied by the pair, but stated: the search finds whole plans sooner with them (measured).
        solver.Add(routing.VehicleVar(pick) == routing.VehicleVar(drop))
        solver.Add(clock.CumulVar(pick) <= clock.CumulVar(drop))
        clock.CumulVar(pick).SetRange(round(p.earliest * SCALE), round(p.latest * SCALE))
        clock.CumulVar(drop).SetMax(round(p.arrive_by * SCALE))
        # Time on board: from leaving their home (pick-up plus getting on) to reaching the service. OR-Tools
        # checks a pair's pick-up-to-drop-off limit in its local search itself, so moves that break it are
        # never tried.
        limit = math.floor((p.max_ride + p.board) * SCALE + EPS)
        limits.append(_constant(limit))
        clock.SetPickupToDeliveryLimitFunctionForPair(limits[-1], k)
        # And as a constraint, so that the times the finished plan is given keep to it too: without it, a vehicle
        # waiting with someone on board (for a later pick-up's window to open) can leave them on too long.
        solver.Add(clock.CumulVar(drop) - clock.CumulVar(pick) <= limit)
        allowed = [
            i for i, v in enumerate(vehicles) if v.seats >= p.seats and v.wheelchair_spaces >= p.wheelchair_spaces
        ]
        routing.VehicleVar(pick).SetValues([-1, *allowed])
        routing.AddDisjunction([pick], placed_penalty)
        routing.AddDisjunction([drop], placed_penalty)
        solver.Add(routing.ActiveVar(pick) == routing.ActiveVar(drop))
    homeward = all(p.leg == Leg.HOME for p in passengers)
    for i, v in enumerate(vehicles):
        clock.CumulVar(routing.Start(i)).SetRange(round(v.available_from * SCALE), round(v.available_until * SCALE))
        clock.CumulVar(routing.End(i)).SetMax(round(v.available_until * SCALE))
        # To the services, leave as late as possible and finish as early as possible: the least time on board for
        # everyone. Home, finish as early as possible: the least waiting at the service, and the vehicle free the
        # sooner (for the evening's runs).
        if not homeward:
            routing.AddVariableMaximizedByFinalizer(clock.CumulVar(routing.Start(i)))
        routing.AddVariableMinimizedByFinalizer(clock.CumulVar(routing.End(i)))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, FIRST_SOLUTION)
    params.local_search_metaheuristic = getattr(routing_enums_pb2.LocalSearchMetaheuristic, METAHEURISTIC)
    params.time_limit.FromMilliseconds(max(1, int(time_limit * 1000)))
    if progress is not None or should_stop is not None:

        def watch() -> None:
            if progress is not None:
                placed = sum(1 for k in range(n) if routing.NextVar(manager.NodeToIndex(2 * k)).Value() != 2 * k)
                progress(Progress(seconds=time.perf_counter() - t0, placed=placed, passengers=len(day.passengers)))
            if should_stop is not None and should_stop():
                solver.FinishCurrentSearch()

        routing.AddAtSolutionCallback(watch)
    assignment = routing.SolveWithParameters(params)
    runs: list[Run] = []
    placed_ids: set[str] = set()
    if assignment is not None:
        for i, v in enumerate(vehicles):
            index = assignment.Value(routing.NextVar(routing.Start(i)))
            stops: list[Stop] = []
            while not routing.IsEnd(index):
                node = manager.IndexToNode(index)
                p = passengers[node // 2]
                kind = StopKind.PICKUP if node % 2 == 0 else StopKind.DROP
                at = assignment.Value(clock.CumulVar(index)) / SCALE
                stops.append(Stop(kind=kind, passenger=p.id, location=loc[node], at=at))
                placed_ids.add(p.id)
                index = assignment.Value(routing.NextVar(index))
            if stops:
                leaves = assignment.Value(clock.CumulVar(routing.Start(i))) / SCALE
                if homeward:  # it leaves when it must to reach its first stop on time, not as soon as it may
                    leaves = max(leaves, stops[0].at - day.travel[v.depot][stops[0].location])
                runs.append(Run(vehicle=v.id, leaves=leaves, stops=tuple(stops)))
    unplaced = dict(refused)
    for p in passengers:
        if p.id not in placed_ids:
            unplaced[p.id] = _left_out(day, p)
    return FleetPlan(runs=tuple(runs), unplaced=unplaced, explanation=_explain(day, len(runs), unplaced))


def _constant(value: int) -> Callable[[int, int], int]:
    def limit(_pickup: int, _drop: int) -> int:
        return value

    return limit


def _explain(day: FleetDay, used: int, unplaced: dict[str, str]) -> str:
    placed = len(day.passengers) - len(unplaced)
    text = f"{placed} of {len(day.passengers)} passengers on {used} of {len(day.vehicles)} vehicles."
    if unplaced:
        text += f" {len(unplaced)} could not be given a seat: see each one's reason."
    return text


# --- the checker --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunFigures:
    vehicle: str
    passengers: int
    drive_minutes: float
    longest_ride: float
    most_seats: int
    most_wheelchairs: int


@dataclass(frozen=True)
class CheckResult:
    feasible: bool
    violations: tuple[str, ...]
    rides: dict[str, float]
    runs: tuple[RunFigures, ...]
    drive_minutes: float
    unplaced: tuple[str, ...]

    @property
    def explanation(self) -> str:
        if self.feasible:
            return (
                f"Every run keeps to its seats, wheelchair spaces, windows and longest rides ({len(self.runs)} runs)."
            )
        return "The plan breaks these rules: " + "; ".join(self.violations)


def check(day: FleetDay, plan: FleetPlan, *, must_place_all: bool = False) -> CheckResult:
    """Judge a plan against every rule, from its stops and times alone.

    Each passenger is picked up once where their journey starts (home on the way to their service, the service on
    the way home) and dropped once where it ends, by the same vehicle, in that order; the times allow for driving
    and getting on and off; no vehicle leaves before it is available or carries more than its seats or wheelchair
    spaces; every pick-up is within its window, every drop-off by its time (the service's start; home in time),
    and no one is on board longer than their longest ride. Journeys both ways are judged alike. With
    ``must_place_all``, a passenger left out breaks the plan too.
    """
    people = {p.id: p for p in day.passengers}
    vehicles = {v.id: v for v in day.vehicles}
    violations: list[str] = []
    rides: dict[str, float] = {}
    figures: list[RunFigures] = []
    seen_runs: set[str] = set()
    picked: dict[str, tuple[str, float]] = {}
    dropped: set[str] = set()
    total_drive = 0.0
    for run in plan.runs:
        vehicle = vehicles.get(run.vehicle)
        if vehicle is None:
            violations.append(f"Vehicle {run.vehicle} does not exist")
            continue
        if run.vehicle in seen_runs:
            violations.append(f"Vehicle {run.vehicle} has two runs")
        seen_runs.add(run.vehicle)
        if run.leaves < vehicle.available_from - EPS:
            violations.append(f"Vehicle {run.vehicle} leaves before it is available")
        where, free_at = vehicle.depot, run.leaves
        seats = chairs = most_seats = most_chairs = 0
        drive = longest = 0.0
        on_board: set[str] = set()
        for stop in run.stops:
            p = people.get(stop.passenger)
            if p is None:
                violations.append(f"Vehicle {run.vehicle} stops for passenger {stop.passenger}, who does not exist")
                continue
            leg = day.travel[where][stop.location]
            drive += leg
            if stop.at < free_at + leg - EPS:
                violations.append(
                    f"Vehicle {run.vehicle} cannot be at {p.id}'s {stop.kind} by {_clock(stop.at)}: it needs until "
                    f"{_clock(free_at + leg)}"
                )
            if stop.kind == StopKind.PICKUP:
                if stop.passenger in picked:
                    violations.append(f"Passenger {p.id} is picked up twice")
                if stop.location != p.pickup:
                    violations.append(f"Passenger {p.id} is picked up away from {p.origin_name}")
                if not p.earliest - EPS <= stop.at <= p.latest + EPS:
                    violations.append(
                        f"Passenger {p.id} is picked up at {_clock(stop.at)}, outside {_clock(p.earliest)} to "
                        f"{_clock(p.latest)}"
                    )
                picked[p.id] = (run.vehicle, stop.at)
                on_board.add(p.id)
                seats += p.seats
                chairs += p.wheelchair_spaces
            elif stop.kind == StopKind.DROP:
                if p.id not in on_board:
                    violations.append(f"Passenger {p.id} is dropped off by {run.vehicle} without being on board")
                else:
                    on_board.discard(p.id)
                    seats -= p.seats
                    chairs -= p.wheelchair_spaces
                    ride = stop.at - (picked[p.id][1] + p.board)
                    rides[p.id] = ride
                    longest = max(longest, ride)
                    if ride > p.max_ride + EPS:
                        violations.append(
                            f"Passenger {p.id} is on board {ride:.0f} minutes, more than their longest ride of "
                            f"{p.max_ride:.0f}"
                        )
                if p.id in dropped:
                    violations.append(f"Passenger {p.id} is dropped off twice")
                dropped.add(p.id)
                if stop.location != p.destination:
                    violations.append(f"Passenger {p.id} is dropped off away from {p.destination_name}")
                if stop.at > p.arrive_by + EPS:
                    violations.append(
                        f"Passenger {p.id} reaches their service at {_clock(stop.at)}, after it starts at "
                        f"{_clock(p.arrive_by)}"
                        if p.leg == Leg.TO_SERVICE
                        else f"Passenger {p.id} reaches home at {_clock(stop.at)}, after {_clock(p.arrive_by)}"
                    )
            else:
                violations.append(f"A stop for {p.id} is neither a pick-up nor a drop-off")
            most_seats, most_chairs = max(most_seats, seats), max(most_chairs, chairs)
            if seats > vehicle.seats:
                violations.append(f"Vehicle {run.vehicle} carries {seats} seated people in {vehicle.seats} seats")
            if chairs > vehicle.wheelchair_spaces:
                violations.append(
                    f"Vehicle {run.vehicle} carries {chairs} wheelchairs in {vehicle.wheelchair_spaces} spaces"
                )
            dwell = p.board if stop.kind == StopKind.PICKUP else p.alight
            where, free_at = stop.location, max(free_at + leg, stop.at) + dwell
        if on_board:
            violations.append(f"Vehicle {run.vehicle} ends its run with {', '.join(sorted(on_board))} on board")
        if run.stops and free_at > vehicle.available_until + EPS:
            violations.append(f"Vehicle {run.vehicle} is still out after {_clock(vehicle.available_until)}")
        total_drive += drive
        figures.append(
            RunFigures(run.vehicle, len({s.passenger for s in run.stops}), drive, longest, most_seats, most_chairs)
        )
    unplaced = tuple(p.id for p in day.passengers if p.id not in picked)
    if must_place_all and unplaced:
        violations.append(f"{len(unplaced)} passengers have no run: {', '.join(unplaced[:10])}")
    return CheckResult(
        feasible=not violations,
        violations=tuple(violations),
        rides=rides,
        runs=tuple(figures),
        drive_minutes=total_drive,
        unplaced=unplaced,
    )


def _clock(minutes: float) -> str:
    whole = round(minutes)
    return f"{whole // 60:02d}:{whole % 60:02d}"


# --- the whole day: out to the services, then home ----------------------------------------------------------


def after_runs(day: FleetDay, plan: FleetPlan) -> tuple[Vehicle, ...]:
    """The fleet once ``plan``'s runs are done: each vehicle that made a run is free from its last drop-off (when
    that passenger has got off), where that drop-off was; the others are as they were."""
    people = {p.id: p for p in day.passengers}
    ended: dict[str, tuple[int, float]] = {}
    for run in plan.runs:
        if run.stops:
            last = run.stops[-1]
            alight = people[last.passenger].alight if last.passenger in people else 0.0
            ended[run.vehicle] = (last.location, last.at + alight)
    return tuple(
        Vehicle(v.id, v.seats, v.wheelchair_spaces, depot=ended[v.id][0],
                available_from=max(v.available_from, ended[v.id][1]), available_until=v.available_until)
        if v.id in ended
        else v
        for v in day.vehicles
    )  # fmt: skip


@dataclass(frozen=True)
class WholeDay:
    """A day planned both ways: the journeys to the services (``outward``, planned first) and home
    (``home``, whose vehicles start where and when their outward runs ended); and, when anyone goes to an evening
    session, the ``evening`` planned the same way as a shift of its own, after the day's runs home."""

    outward: FleetDay
    going: FleetPlan
    home: FleetDay
    returning: FleetPlan
    evening: WholeDay | None = None

    @property
    def unplaced(self) -> dict[str, str]:
        day = self.going.unplaced | self.returning.unplaced
        return day | self.evening.unplaced if self.evening is not None else day

    @property
    def explanation(self) -> str:
        text = f"To the services: {self.going.explanation} Home: {self.returning.explanation}"
        if self.evening is not None:
            text += (
                f" Evening: to the services: {self.evening.going.explanation} "
                f"Home: {self.evening.returning.explanation}"
            )
        return text


def split(day: FleetDay, *, evening: bool = False) -> tuple[FleetDay, FleetDay]:
    """The day's journeys to the services, and its journeys home (with the fleet as it starts the day): those of
    the daytime sessions, or (``evening``) of the evening sessions."""
    mine = tuple(p for p in day.passengers if p.evening == evening)
    name = f"{day.name} evening" if evening else day.name
    return (
        FleetDay(name, tuple(p for p in mine if p.leg == Leg.TO_SERVICE), day.vehicles, day.travel),
        FleetDay(f"{name} home", tuple(p for p in mine if p.leg == Leg.HOME), day.vehicles, day.travel),
    )


def _both_ways(
    outward: FleetDay,
    home: FleetDay,
    *,
    time_limit: float,
    tell: Callable[[int], None],
    should_stop: Callable[[], bool] | None,
) -> WholeDay:
    """Plan one shift: its journeys to the services, then home from where and when each vehicle's run ended.
    ``tell(placed)`` hears how many of the shift's journeys are placed."""
    t0 = time.perf_counter()
    whole_found: list[float] = []

    def told(offset: int) -> Callable[[Progress], None]:
        def hear(p: Progress) -> None:
            if offset == 0 and p.placed == len(outward.passengers) and not whole_found:
                whole_found.append(time.perf_counter())
            tell(offset + p.placed)

        return hear

    def outward_done() -> bool:
        if should_stop is not None and should_stop():
            return True
        return bool(whole_found) and time.perf_counter() - whole_found[0] >= time_limit / 5

    going = solve(outward, time_limit=time_limit / 2, progress=told(0), should_stop=outward_done)
    home = FleetDay(home.name, home.passengers, after_runs(outward, going), home.travel)
    spent = time.perf_counter() - t0
    if should_stop is not None and should_stop():
        returning = FleetPlan(runs=(), unplaced={p.id: "the planning was stopped" for p in home.passengers})
    else:
        placed = len(outward.passengers) - len(going.unplaced)
        returning = solve(home, time_limit=max(0.1, time_limit - spent), progress=told(placed),
                          should_stop=should_stop)  # fmt: skip
    return WholeDay(outward=outward, going=going, home=home, returning=returning)


def plan_day(
    day: FleetDay,
    *,
    time_limit: float = 20.0,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> WholeDay:
    """Plan the journeys to the services, then the journeys home, within ``time_limit`` seconds in all.

    Planned in that order, each vehicle's way home starts where its morning run ended and no sooner than it
    ended (:func:`after_runs`), so that no vehicle is in two places at once however the sessions fall (a vehicle
    that takes people to an afternoon session is not also sent to collect the morning's). Each search is the
    dial-a-ride search of :func:`solve`. The search to the services has at most half the time, and ends sooner
    once it has everyone placed and has improved on that for a fifth of the time: the rest goes to the way home.

    Journeys to and from evening sessions are the evening's own shift, planned the same way once the day's runs
    home are planned: the fleet starts the evening as the day left it, each vehicle free from where and when its
    last run home ended (so a vehicle free after the day's runs may be used). The time is shared between the
    shifts by their journeys. ``progress`` counts journeys placed, all shifts together.
    """
    outward, home = split(day)
    evening_out, evening_home = split(day, evening=True)
    total = len(day.passengers)
    daytime = len(outward.passengers) + len(home.passengers)
    t0 = time.perf_counter()

    def teller(before: int) -> Callable[[int], None]:
        def tell(placed: int) -> None:
            if progress is not None:
                progress(Progress(seconds=time.perf_counter() - t0, placed=before + placed, passengers=total))

        return tell

    share = time_limit * daytime / total if total and daytime < total else time_limit
    whole = _both_ways(outward, home, time_limit=max(0.1, share), tell=teller(0), should_stop=should_stop)
    if daytime == total:
        return whole
    free = after_runs(whole.home, whole.returning)
    evening_out = FleetDay(evening_out.name, evening_out.passengers, free, evening_out.travel)
    evening_home = FleetDay(evening_home.name, evening_home.passengers, free, evening_home.travel)
    placed = daytime - len(whole.unplaced)
    if should_stop is not None and should_stop():
        stopped = {p.id: "the planning was stopped" for p in evening_out.passengers + evening_home.passengers}
        evening = WholeDay(evening_out, FleetPlan(runs=(), unplaced=stopped), evening_home, FleetPlan(runs=()))
    else:
        left = max(0.1, time_limit - (time.perf_counter() - t0))
        evening = _both_ways(evening_out, evening_home, time_limit=left, tell=teller(placed), should_stop=should_stop)
    return WholeDay(whole.outward, whole.going, whole.home, whole.returning, evening=evening)


def _check_both_ways(
    outward: FleetDay, home: FleetDay, whole: WholeDay, *, must_place_all: bool, when: str
) -> tuple[list[str], CheckResult, CheckResult]:
    """Judge one shift: ``outward`` and ``home`` are its journeys, with the fleet as the shift must start."""
    violations: list[str] = []
    if {p.id for p in whole.outward.passengers} != {p.id for p in outward.passengers} or {
        p.id for p in whole.home.passengers
    } != {p.id for p in home.passengers}:
        violations.append(f"The plan is not for this {when}'s journeys")
    expected = {v.id: v for v in after_runs(outward, whole.going)}
    for vehicle in whole.home.vehicles:
        should = expected.get(vehicle.id)
        if should is None:
            violations.append(f"Vehicle {vehicle.id} does not exist")
        elif vehicle.depot != should.depot or vehicle.available_from < should.available_from - EPS:
            violations.append(f"Vehicle {vehicle.id} starts its way home before its outward run has ended")
    going = check(outward, whole.going, must_place_all=must_place_all)
    back = check(FleetDay(home.name, home.passengers, whole.home.vehicles, home.travel), whole.returning,
                 must_place_all=must_place_all)  # fmt: skip
    violations += list(going.violations) + [f"On the way home: {v}" for v in back.violations]
    return violations, going, back


def check_day(day: FleetDay, whole: WholeDay, *, must_place_all: bool = False) -> CheckResult:
    """Judge a whole day with :func:`check`, both ways, and that it is the day asked for: every journey of
    ``day`` planned in the direction it goes, each vehicle's way home starting no sooner and nowhere else than
    where its outward run ended. Violations on the way home say so. The evening's journeys are judged alike, as
    a shift whose fleet starts where and when each vehicle's last run home of the day ended; its violations begin
    "In the evening"."""
    outward, home = split(day)
    violations, going, back = _check_both_ways(outward, home, whole, must_place_all=must_place_all, when="day")
    results = [going, back]
    evening_out, evening_home = split(day, evening=True)
    if whole.evening is None:
        if evening_out.passengers or evening_home.passengers:
            violations.append("The evening's journeys are not planned")
            if must_place_all:
                ids = [p.id for p in evening_out.passengers + evening_home.passengers]
                violations.append(f"{len(ids)} passengers have no run: {', '.join(ids[:10])}")
    else:
        free = after_runs(FleetDay(home.name, home.passengers, whole.home.vehicles, home.travel), whole.returning)
        evening_out = FleetDay(evening_out.name, evening_out.passengers, free, evening_out.travel)
        wrong, going, back = _check_both_ways(evening_out, evening_home, whole.evening,
                                              must_place_all=must_place_all, when="evening")  # fmt: skip
        violations += [f"In the evening: {v}" for v in wrong]
        results += [going, back]
    unplaced = tuple(p for r in results for p in r.unplaced)
    if whole.evening is None:
        unplaced += tuple(p.id for p in evening_out.passengers + evening_home.passengers)
    return CheckResult(
        feasible=not violations,
        violations=tuple(violations),
        rides={k: v for r in results for k, v in r.rides.items()},
        runs=tuple(f for r in results for f in r.runs),
        drive_minutes=sum(r.drive_minutes for r in results),
        unplaced=unplaced,
    )
