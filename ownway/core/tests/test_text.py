from ownway.core.text import without_control_characters


def test_control_characters_become_spaces():
    assert without_control_characters("Ada\x00Lovelace\x07") == "Ada Lovelace "
    assert without_control_characters("two\nlines\tand a tab") == "two lines and a tab"
    assert without_control_characters("two\nlines\tand a tab", keep_lines=True) == "two\nlines\tand a tab"
    assert without_control_characters("Zoë Ní Bhriain-Øster 你好") == "Zoë Ní Bhriain-Øster 你好"
