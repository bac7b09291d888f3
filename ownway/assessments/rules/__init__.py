"""Pure rules for assessments (no Django imports)."""
