"""The shared kernel: small mechanisms every app builds on and none re-implements (architecture.md)."""
