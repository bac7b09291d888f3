"""ASCOF 2A and 2D from worked examples."""

from decimal import Decimal

from ownway.enablement.rules.outcomes import NinetyOneDays, ascof_2a, ascof_2d


def test_ascof_2a_counts_the_listed_sequels_and_takes_long_term_support_out_of_the_numerator():
    # Ten episodes: 3 to long-term support, 4 ongoing low level, 1 signposted, 1 declined (not counted), 1 self-
    # funding (not counted): 5 of 8 need no long-term support, 62.5%, below Coventry's two thirds.
    sequels = ["long_term_support"] * 3 + ["ongoing_low_level"] * 4 + ["universal_signposted", "declined",
                                                                       "self_funding"]  # fmt: skip
    share = ascof_2a(sequels)
    assert (share.numerator, share.denominator) == (5, 8)
    assert share.pct == Decimal("62.5")
    assert share.meets(Decimal("66.7")) is False
    assert ascof_2a(["ongoing_low_level", "ongoing_low_level", "long_term_support"]).pct == Decimal("66.7")
    assert ascof_2a([]).pct is None


def test_ascof_2d_counts_only_those_65_or_over_from_hospital():
    people = [
        NinetyOneDays(aged_65_or_over=True, from_hospital=True, at_home=True),
        NinetyOneDays(aged_65_or_over=True, from_hospital=True, at_home=True),
        NinetyOneDays(aged_65_or_over=True, from_hospital=True, at_home=False),  # back in hospital
        NinetyOneDays(aged_65_or_over=False, from_hospital=True, at_home=False),  # under 65: not counted
        NinetyOneDays(aged_65_or_over=True, from_hospital=False, at_home=False),  # from the community: not counted
    ]
    share = ascof_2d(people)
    assert (share.numerator, share.denominator) == (2, 3)
    assert share.pct == Decimal("66.7")
