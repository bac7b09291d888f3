"""The demo city: synthetic people, carers, staff and accounts, calibrated to Birmingham's figures.

- :mod:`.calibration`: the published tables, as data, and what is derived from them;
- :mod:`.names`, :mod:`.addresses`: names by community, Birmingham districts and streets;
- :mod:`.generator`: generation in plain Python (no database), and :func:`.generator.demo_logins`;
- :mod:`.builder`: :func:`.builder.generate_city` and :func:`.builder.clear_city`, which write to the
  database (used by ``manage.py generate_city``).

Only :mod:`.builder` imports Django models, so the rest can be used before Django is set up.
"""
