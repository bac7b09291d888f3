"""Pure rules of day opportunities: dataclasses in, dataclasses out, each with its explanation."""
