import pytest
from django.core.exceptions import ValidationError

from wijknet.core.writes import check_fields, require_typed_name


@pytest.mark.parametrize("typed", ["Mevrouw B.", "  mevrouw b.  ", "MEVROUW B."])
def test_the_typed_name_confirms_an_erasure_ignoring_case_and_spaces(typed):
    require_typed_name(typed, "Mevrouw B. ", "Typ de naam over.")


@pytest.mark.parametrize("typed", ["", "Mevrouw", "Mevrouw B", None])
def test_another_name_refuses_the_erasure_on_the_confirm_field(typed):
    with pytest.raises(ValidationError) as caught:
        require_typed_name(typed, "Mevrouw B.", "Typ de naam over.")
    assert caught.value.message_dict == {"confirm_name": ["Typ de naam over."]}


def test_check_fields_refuses_fields_a_service_does_not_write():
    check_fields({"title": 1}, ("title", "notes"))
    with pytest.raises(TypeError, match="secret"):
        check_fields({"secret": 1}, ("title",))
