"""Pure rules for the enablement service: no Django imports."""
