"""Pure rules of direct payments: PA employer costs, payment schedules, reviews, surplus, statement matching."""
