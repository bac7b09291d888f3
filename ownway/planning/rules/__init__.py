"""Pure rules of support planning: weekly costs, the timetable, the budget difference, approval."""
