"""The Resource Allocation System: pure rules (no Django), each explaining its result."""
