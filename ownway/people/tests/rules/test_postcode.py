import pytest

from ownway.people.rules.postcode import check_postcode, normalise_postcode, postcode_district


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("B1 1BB", "B1 1BB"),
        ("b11bb", "B1 1BB"),
        ("  b12 9qr ", "B12 9QR"),
        ("SW1A 2AA", "SW1A 2AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_valid_postcodes(raw, normalised):
    result = check_postcode(raw)
    assert result.valid, result.explanation
    assert result.normalised == normalised


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Enter a postcode"),
        ("B1", "Enter a real postcode"),
        ("B1 1CB", "Enter a real postcode"),  # C is never used in the inward code
        ("QQ1 1AA", "Enter a real postcode"),  # Q is never a first letter
        ("12345", "Enter a real postcode"),
        ("B1 1B!", "only include letters"),
    ],
)
def test_invalid_postcodes(raw, message):
    result = check_postcode(raw)
    assert not result.valid
    assert message in result.explanation


def test_district():
    assert postcode_district("b129qr") == "B12"
    assert normalise_postcode("sw1a2aa") == "SW1A 2AA"
