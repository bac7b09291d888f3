"""Charging for care and support: pure rules (no Django), each naming its legal source."""
