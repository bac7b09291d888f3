"""The rostering problem, its checker and its solvers, independent of Django and of any one solver.

A day is an :class:`~.model.Instance`: tasks (one worker's part of a visit), workers, a travel-time matrix and
links between tasks (double-handed visits start together; a visit may have to follow another within a gap).
A solution is one ordered list of tasks per worker. :func:`~.checker.check` is the single judge of every
solution, whichever solver produced it.
"""
