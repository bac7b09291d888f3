"""Carers' support: assessments offered to every carer, carers' plans and budgets, breaks, contingency plans
and the cared-for person's consent to what a carer may see."""
