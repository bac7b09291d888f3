"""Pure rules about people's identifiers and addresses (no Django imports)."""
