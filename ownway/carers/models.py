"""Carers' support (Care Act 2014 ss.10, 20 and 25): what was offered to each carer and what they get."""
